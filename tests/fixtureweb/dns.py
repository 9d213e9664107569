"""A DNS server on loopback for the fixture web's CNAME records (dnslib).

The scanner resolves CNAME chains of first-party hosts to find cloaked trackers; tests point it
here (``PRIVACYSCAN_DNS=127.0.0.1:PORT``) so no query leaves the machine. Names not in
:data:`CNAMES` get NXDOMAIN.
"""

from __future__ import annotations

from types import TracebackType

from dnslib import CNAME, QTYPE, RCODE, RR, DNSRecord
from dnslib.server import BaseResolver, DNSHandler, DNSLogger, DNSServer

#: Cloaked first-party hosts of the fixture sites -> the tracker server they point at.
CNAMES = {
    # Adobe Analytics first-party data collection, the way Adobe documents setting it up.
    "metrics.shop-fixture.nl": "shopfixture.sc.omtrdc.net",
}


class _Zone(BaseResolver):
    def resolve(self, request: DNSRecord, handler: DNSHandler) -> DNSRecord:
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        target = CNAMES.get(name)
        if target is None:
            reply.header.rcode = RCODE.NXDOMAIN
        else:
            reply.add_answer(RR(request.q.qname, QTYPE.CNAME, rdata=CNAME(target + "."), ttl=60))
        return reply


class FixtureDNS:
    """``with FixtureDNS() as dns: dns.address`` -> ``"127.0.0.1:PORT"`` (UDP)."""

    def __init__(self) -> None:
        self.server = DNSServer(
            _Zone(), address="127.0.0.1", port=0, logger=DNSLogger(log="-", prefix=False)
        )

    @property
    def address(self) -> str:
        host, port = self.server.server.server_address[:2]
        return f"{host}:{port}"

    def __enter__(self) -> FixtureDNS:
        self.server.start_thread()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.stop()
