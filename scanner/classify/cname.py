"""CNAME cloaking: a first-party host that is really a tracker's server.

Trackers ask sites to point a subdomain (``metrics.example.nl``) at their collection servers so
that their cookies and requests look first-party and slip past blockers. For first-party hosts
that receive collect-like requests, we resolve the CNAME chain (dnspython) and, when a name in it
belongs to a known tracker, attribute the host to that tracker (rule EP-13).

Resolution uses the system's resolver, or ``PRIVACYSCAN_DNS`` (``IP`` or ``IP:PORT``), which the
tests point at a DNS server on loopback. Answers are cached per host for the scan.
"""

from __future__ import annotations

import os
import re
from functools import cache

import dns.exception
import dns.resolver

from scanner.classify.knowledge import DomainFact, lookup_host

#: Paths that send data rather than fetch content (analytics hits, pixels, beacons).
COLLECT_PATH = re.compile(
    r"/(g/)?collect|/b/ss/|/tr/?$|/pixel|/track|/event|/beacon|/hit|/log|/ping|/v\d+/t\b", re.I
)
MAX_CHAIN = 8
TIMEOUT_SECONDS = 2.0


def looks_like_collection(url_path: str) -> bool:
    """Whether a request path looks like it sends tracking data."""
    return bool(COLLECT_PATH.search(url_path))


@cache
def _resolver() -> dns.resolver.Resolver:
    configured = os.environ.get("PRIVACYSCAN_DNS")
    resolver = dns.resolver.Resolver(configure=not configured)
    if configured:
        address, _, port = configured.partition(":")
        resolver.nameservers = [address]
        resolver.port = int(port or 53)
    resolver.lifetime = TIMEOUT_SECONDS
    return resolver


@cache
def cname_chain(host: str) -> tuple[str, ...]:
    """The CNAME targets of ``host``, in order (empty when it has none or DNS fails)."""
    chain: list[str] = []
    name = host
    for _ in range(MAX_CHAIN):
        try:
            answer = _resolver().resolve(name, "CNAME")
        except (dns.exception.DNSException, OSError):
            break
        name = str(answer[0].target).rstrip(".")
        chain.append(name)
    return tuple(chain)


def cloaked_tracker(host: str) -> tuple[str, DomainFact] | None:
    """(the CNAME target, its tracker fact) when ``host`` points at a tracker's servers."""
    for target in cname_chain(host):
        fact = lookup_host(target)
        if fact is not None and fact.tracker:
            return target, fact
    return None
