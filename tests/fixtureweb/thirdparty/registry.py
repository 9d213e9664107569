"""Registry that maps real third-party host names and paths to emulation handlers.

Vendors register with ``@emulates(host, path_regex)`` in their own module, so adding a
vendor never touches the server. A host that is registered is owned entirely by its
emulation: unmatched paths get a vendor-style 404 rather than falling through to the
first-party site folders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response

Handler = Callable[[LoggedRequest, re.Match[str]], Response]


@dataclass(frozen=True)
class Emulation:
    """One route: a host pattern (``*.list-manage.com`` allowed) and a full-match path regex."""

    host: str
    path: re.Pattern[str]
    handler: Handler

    def serves_host(self, host: str) -> bool:
        """Exact host, or any subdomain depth for ``*.`` patterns."""
        return fnmatchcase(host, self.host)


_ROUTES: list[Emulation] = []


def emulates(host: str, path: str = r"/.*") -> Callable[[Handler], Handler]:
    """Register a handler for ``host`` and paths fully matching the ``path`` regex."""

    def register(handler: Handler) -> Handler:
        _ROUTES.append(Emulation(host.lower(), re.compile(path), handler))
        return handler

    return register


def claims_host(host: str) -> bool:
    """Whether any vendor emulation owns this host."""
    return any(route.serves_host(host) for route in _ROUTES)


def find_route(host: str, path: str) -> tuple[Handler, re.Match[str]] | None:
    """First registered route matching host and path, with its path match for ids."""
    for route in _ROUTES:
        if route.serves_host(host):
            match = route.path.fullmatch(path)
            if match is not None:
                return route.handler, match
    return None


def emulated_hosts() -> list[str]:
    """All registered host patterns, for the certificate and the README check."""
    return sorted({route.host for route in _ROUTES})
