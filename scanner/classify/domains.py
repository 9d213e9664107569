"""Registrable domains (eTLD+1) from the Public Suffix List snapshot tldextract ships.

No network and no cache files: the bundled snapshot is used as is, so a scan is reproducible
and works offline. Private suffixes (``github.io``, ``cloudfront.net``) count, so two sites on
the same hosting suffix are not mistaken for one party.
"""

from __future__ import annotations

from functools import lru_cache

import tldextract

_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """``www.shop.example.co.uk`` -> ``example.co.uk``; an IP address or bare name as is."""
    host = host.lower().strip(".")
    parts = _EXTRACT(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


def host_matches(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or one of its subdomains."""
    host = host.lower().strip(".")
    domain = domain.lower().strip(".")
    return host == domain or host.endswith("." + domain)
