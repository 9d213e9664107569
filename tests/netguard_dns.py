"""The resolver the private-address guard test injects (``PRIVACYSCAN_RESOLVER``).

The fixture site's own host gets a public address, so the guard lets the page itself load
while Chromium still reaches the fixture web through its host rules: the test checks the guard,
not the target. Every other name does not resolve (the guard refuses it), so no look-up ever
leaves the machine. IP literals never reach a resolver: the guard judges them as they are.
"""

from __future__ import annotations

#: Where the resolver is, for ``PRIVACYSCAN_RESOLVER``.
RESOLVER_PATH = "tests.netguard_dns.resolve"
#: The fixture site of the guard test.
GUARDED_HOST = "www.prive-adressen-fixture.nl"
#: A public unicast address outside every private, reserved and documentation range (it was
#: example.com's); nothing is ever sent to it, the host rules send the browser to loopback.
PUBLIC_ADDRESS = "93.184.216.34"


def resolve(host: str) -> list[str]:
    """The fixture host's public address; no address for anything else."""
    return [PUBLIC_ADDRESS] if host == GUARDED_HOST else []
