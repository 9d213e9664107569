"""The resolver the fleet tests give the private-address guard (``PRIVACYSCAN_RESOLVER``).

Workers refuse private addresses by default, and the fixture web is on 127.0.0.1. Instead of
switching the guard off, the tests inject this resolver (as tests/netguard_dns.py does for the
guard's own test): the fleet's fixture hosts get a public address, so the guard passes them,
while Chromium still reaches the fixture web through its host rules. Anything else does not
resolve (refused), so nothing leaves the machine.
"""

from __future__ import annotations

#: Where the resolver is, for ``PRIVACYSCAN_RESOLVER``.
RESOLVER_PATH = "tests.fleet_dns.resolve"
#: The fleet's fixture domain (tests/fixtureweb/sites/*.vloot-fixture.nl).
FLEET_DOMAIN = "vloot-fixture.nl"
#: A public unicast address (it was example.com's); the host rules send nothing there.
PUBLIC_ADDRESS = "93.184.216.34"


def resolve(host: str) -> list[str]:
    """A public address for the fleet's hosts; none for anything else."""
    return [PUBLIC_ADDRESS] if host.endswith("." + FLEET_DOMAIN) else []
