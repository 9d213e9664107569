"""Emulated third parties, one module per vendor, registered by host and path.

Importing this package imports every vendor module so their ``@emulates`` routes
are registered before the server dispatches its first request.
"""

from tests.fixtureweb.thirdparty import (  # noqa: F401  (imported to register routes)
    adobe,
    clarity,
    collectors,
    doubleclick,
    fingerprint,
    fonts,
    google,
    hotjar,
    instagram,
    linkedin,
    mailchimp,
    meta,
    pinterest,
    tagmanager,
    twitter,
    youtube,
)
from tests.fixtureweb.thirdparty.registry import claims_host, emulated_hosts, find_route

__all__ = ["claims_host", "emulated_hosts", "find_route"]
