"""The private-address guard: a scan that takes URLs from other people must not reach inside.

With ``--deny-private-addresses`` (``PRIVACYSCAN_DENY_PRIVATE_ADDRESSES``) the scanner refuses
to load anything whose host is, or resolves to, a loopback, private, link-local, carrier-grade
NAT, multicast, unspecified, reserved or cloud-metadata address, IPv4 or IPv6 (IPv4-mapped,
6to4, Teredo and NAT64 addresses are judged by the IPv4 address they carry). A site could
otherwise make the scanner's browser fetch ``http://169.254.169.254/`` or an intranet page and
put it in a screenshot.

Where it checks, and why there:

* the start URL, before the browser starts (:func:`refuse_private_target`, a usage error);
* every HTTP request of every page, redirect hops included, through the page's own CDP
  ``Fetch`` interception (:class:`PageGuard`). Playwright's ``page.route`` is not enough: in
  Chromium it sees only the first URL of a redirect chain and continues the hops itself;
* every WebSocket, through Playwright's ``route_web_socket`` (CDP ``Fetch`` does not pause
  WebSocket handshakes).

Blocked requests fail with ``net::ERR_BLOCKED_BY_CLIENT`` and are kept as
:class:`~scanner.model.BlockedRecord` (URL, phase, page, address, reason) in ``report.json``.
Host names are resolved without blocking the event loop, once per host for the scan. The
resolver is a setting (``PRIVACYSCAN_RESOLVER``) so that tests can give a fixture host a public
address while Chromium still reaches the fixture web through its host rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import ipaddress
import os
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import dns.asyncresolver
import dns.exception
from playwright.async_api import BrowserContext, CDPSession, Page, Route, WebSocketRoute
from playwright.async_api import Request as BrowserRequest
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from scanner.errors import UsageError
from scanner.model import BlockedRecord

#: A resolver: host name -> its addresses (empty when it does not resolve); sync or async.
Resolver = Callable[[str], Awaitable[list[str]] | list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Cloud instance-metadata services. Most lie in ranges refused anyway (link-local, ULA, CGNAT);
#: they are named so the report says what was at stake.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.169.123",  # AWS time sync
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (legacy)
        "fd00:ec2::254",  # AWS IPv6
        "fd00:ec2::23",  # AWS IPv6 DNS
    )
)
#: Metadata host names that resolve only inside a cloud: refused by name.
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
#: Carrier-grade NAT (RFC 6598): shared address space, inside a provider's network.
CGNAT = ipaddress.ip_network("100.64.0.0/10")
#: NAT64 well-known prefix (RFC 6052): the last 32 bits are an IPv4 address.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: How long one host's resolution may take before it counts as not resolving.
RESOLVE_TIMEOUT_SECONDS = 5.0
#: The Fetch error a refused request fails with (``net::ERR_BLOCKED_BY_CLIENT`` in the page).
BLOCK_ERROR = "BlockedByClient"
#: WebSocket close code for a refused socket: 1008, policy violation (RFC 6455).
WS_POLICY_VIOLATION = 1008


def classify(address: str) -> str | None:
    """Why ``address`` must not be reached, or None when it is a public unicast address."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    return _classify_ip(ip)


def _classify_ip(ip: IPAddress) -> str | None:
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            reason = _classify_ip(embedded)
            return f"{reason} (IPv4 {embedded} inside IPv6)" if reason else None
    checks: tuple[tuple[bool, str], ...] = (
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in CGNAT, "carrier-grade NAT"),
        (ip.is_private, "private"),
        (ip.is_reserved, "reserved"),
        (not ip.is_global, "not globally routable"),
    )
    return next((reason for failed, reason in checks if failed), None)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for: mapped, 6to4, Teredo client or NAT64."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


async def system_resolve(host: str) -> list[str]:
    """Addresses of ``host``: the system resolver (in a thread, so the loop keeps running), or
    the DNS server in ``PRIVACYSCAN_DNS`` (``IP`` or ``IP:PORT``), as the CNAME check uses."""
    configured = os.environ.get("PRIVACYSCAN_DNS")
    if not configured:
        try:
            found = await asyncio.get_running_loop().getaddrinfo(host, None)
        except (OSError, UnicodeError):
            return []
        return sorted({str(item[4][0]) for item in found})
    resolver = dns.asyncresolver.Resolver(configure=False)
    address, _, port = configured.partition(":")
    resolver.nameservers, resolver.port = [address], int(port or 53)
    resolver.lifetime = RESOLVE_TIMEOUT_SECONDS
    addresses: list[str] = []
    for kind in ("A", "AAAA"):
        with contextlib.suppress(dns.exception.DNSException, OSError):
            addresses.extend(str(record) for record in await resolver.resolve(host, kind))
    return addresses


@dataclass(frozen=True)
class Verdict:
    """Why a URL is refused: the address (None when the host did not resolve) and the reason."""

    host: str
    address: str | None
    reason: str


class NetGuard:
    """Decides per URL; resolves each host once per scan (concurrent asks share one look-up)."""

    def __init__(self, resolver: Resolver = system_resolve) -> None:
        self.resolver = resolver
        self._lookups: dict[str, asyncio.Future[list[str]]] = {}
        #: What was refused, in order; filed into the scan when the crawl closes.
        self.blocked: list[BlockedRecord] = []

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> NetGuard:
        """The guard with the resolver named by ``PRIVACYSCAN_RESOLVER`` (default: system)."""
        path = settings.get("PRIVACYSCAN_RESOLVER")
        return cls(load_object(path) if path else system_resolve)

    async def check(self, url: str) -> Verdict | None:
        """None when ``url`` may be loaded; else why not. Non-network schemes pass."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss"):
            return None
        host = (parts.hostname or "").rstrip(".").lower()
        if not host:
            return Verdict(host, None, "no host")
        if host in METADATA_HOSTS:
            return Verdict(host, None, "cloud metadata")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            addresses = await self._resolve(host)
        else:
            addresses = [host]
        if not addresses:
            return Verdict(host, None, "does not resolve")
        for address in addresses:  # one bad address is enough: the browser may pick it
            reason = classify(address)
            if reason is not None:
                return Verdict(host, address, reason)
        return None

    async def judge(self, url: str) -> Verdict | None:
        """:meth:`check` that never raises: what cannot be judged is refused (fail closed),
        and a request the guard paused is never left hanging."""
        try:
            return await self.check(url)
        except Exception as error:
            host = url.split("//", 1)[-1].split("/", 1)[0]
            return Verdict(host, None, f"could not be checked ({type(error).__name__})")

    async def _resolve(self, host: str) -> list[str]:
        lookup = self._lookups.get(host)
        if lookup is None:
            lookup = asyncio.ensure_future(self._lookup(host))
            self._lookups[host] = lookup
        return await asyncio.shield(lookup)

    async def _lookup(self, host: str) -> list[str]:
        try:
            found = self.resolver(host)
            if inspect.isawaitable(found):
                found = await asyncio.wait_for(found, RESOLVE_TIMEOUT_SECONDS)
            return [str(address) for address in found]
        except Exception:  # an injected resolver's failure is a name that does not resolve
            return []

    async def decide_socket(
        self, socket_route: WebSocketRoute, kind: str, phase: str, page: str
    ) -> None:
        """Connect a WebSocket the page opens to its server, or close it when refused."""
        verdict = await self.judge(socket_route.url)
        if verdict is None:
            socket_route.connect_to_server()
            return
        self.record(verdict, socket_route.url, kind, phase, page)
        await socket_route.close(code=WS_POLICY_VIOLATION, reason="blocked: private address")

    def record(self, verdict: Verdict, url: str, kind: str, phase: str, page: str) -> None:
        """Keep a refusal for the report."""
        self.blocked.append(
            BlockedRecord(
                phase=phase,
                page=page,
                url=url[:2048],
                host=verdict.host,
                kind=kind,
                address=verdict.address,
                reason=verdict.reason,
            )
        )


class PageGuard:
    """One page's guard: pauses every request (CDP ``Fetch``) and WebSocket, lets through
    what the :class:`NetGuard` allows and fails the rest."""

    def __init__(self, guard: NetGuard, page: Page, phase: str, page_url: str) -> None:
        self.guard, self.page, self.phase, self.page_url = guard, page, phase, page_url
        self.cdp: CDPSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def attach(self) -> None:
        """Start intercepting; must run before the page navigates."""
        self.cdp = await self.page.context.new_cdp_session(self.page)
        self.cdp.on("Fetch.requestPaused", self._on_paused)
        await self.cdp.send("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        await self.page.route_web_socket(lambda _url: True, self._on_websocket)

    def _on_paused(self, event: dict[str, Any]) -> None:
        task = asyncio.ensure_future(self._decide(event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _decide(self, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        verdict = await self.guard.judge(url)
        request_id = event["requestId"]
        if self.cdp is None:
            return
        with contextlib.suppress(Exception):  # the page may have closed meanwhile
            if verdict is None:
                await self.cdp.send("Fetch.continueRequest", {"requestId": request_id})
                return
            kind = "redirect" if event.get("redirectedRequestId") else "request"
            kind = f"{kind} ({str(event.get('resourceType') or 'other').lower()})"
            self.guard.record(verdict, url, kind, self.phase, self.page_url)
            await self.cdp.send(
                "Fetch.failRequest", {"requestId": request_id, "errorReason": BLOCK_ERROR}
            )

    async def _on_websocket(self, socket_route: WebSocketRoute) -> None:
        await self.guard.decide_socket(socket_route, "websocket", self.phase, self.page_url)


class ContextGuard:
    """The browser context's guard, for pages the crawl did not open (popups, probe tabs).

    Playwright installs context routes on a new page before it starts loading, so a popup's
    first request is seen; the crawl's own pages never reach these routes (scrapy-playwright's
    page route continues their requests), their :class:`PageGuard` decides for them. Unlike
    the page guard this cannot see redirect hops.
    """

    def __init__(self, guard: NetGuard, context: BrowserContext, phase: str) -> None:
        self.guard, self.context, self.phase = guard, context, phase
        #: The crawl page most recently opened in this context (set by the middleware).
        self.page_url = "(popup)"

    async def attach(self) -> None:
        await self.context.route("**", self._on_route)
        await self.context.route_web_socket(lambda _url: True, self._on_websocket)

    async def _on_route(self, route: Route, request: BrowserRequest) -> None:
        verdict = await self.guard.judge(request.url)
        if verdict is None:
            await route.fallback()
            return
        kind = f"popup request ({request.resource_type})"
        self.guard.record(verdict, request.url, kind, self.phase, await self._opener(request))
        await route.abort("blockedbyclient")

    async def _opener(self, request: BrowserRequest) -> str:
        """The page that opened the popup: its opener when Playwright knows it (a popup's first
        navigation has no frame yet), else the crawl's latest page in this context."""
        with contextlib.suppress(Exception):
            opener = await request.frame.page.opener()
            if opener is not None and opener.url:
                return opener.url
        return self.page_url

    async def _on_websocket(self, socket_route: WebSocketRoute) -> None:
        await self.guard.decide_socket(socket_route, "popup websocket", self.phase, self.page_url)


class NetGuardMiddleware:
    """Downloader middleware: puts a :class:`PageGuard` on every browser page the crawl opens
    (before the page's own init callback, so nothing escapes it), and files what was refused
    into the scan when the crawl closes. Not configured when the guard is off."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("PRIVACYSCAN_DENY_PRIVATE_ADDRESSES"):
            raise NotConfigured("the private-address guard is off")
        self.guard = NetGuard.from_settings(crawler.settings)
        self._guarded: weakref.WeakSet[Page] = weakref.WeakSet()
        self._contexts: weakref.WeakKeyDictionary[BrowserContext, ContextGuard] = (
            weakref.WeakKeyDictionary()
        )
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NetGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Chain the guard in front of the request's page init callback."""
        if not request.meta.get("playwright") or request.meta.get("netguard"):
            return
        request.meta["netguard"] = True
        original = request.meta.get("playwright_page_init_callback")
        if isinstance(original, str):
            original = load_object(original)

        async def init(page: Page, scrapy_request: Request) -> None:
            phase = str(scrapy_request.meta.get("phase") or "policy")
            context_guard = self._contexts.get(page.context)
            if context_guard is None:
                context_guard = self._contexts[page.context] = ContextGuard(
                    self.guard, page.context, phase
                )
                await context_guard.attach()
            context_guard.page_url = scrapy_request.url
            if page not in self._guarded:  # a reused page keeps its guard
                self._guarded.add(page)
                await PageGuard(self.guard, page, phase, scrapy_request.url).attach()
            if original is not None:
                await original(page, scrapy_request)

        request.meta["playwright_page_init_callback"] = init

    def _closed(self, spider: Any) -> None:
        scan = getattr(spider, "scan", None)
        if scan is not None:
            scan.blocked.extend(self.guard.blocked)


def refuse_private_target(url: str, settings: BaseSettings) -> None:
    """With the guard on, refuse a start URL whose host is or resolves to a refused address,
    as a usage error (exit 2) before any browser starts."""
    if not settings.getbool("PRIVACYSCAN_DENY_PRIVATE_ADDRESSES"):
        return
    guard = NetGuard.from_settings(settings)
    loop = asyncio.new_event_loop()  # a private loop: Scrapy's reactor sets up its own later
    try:
        verdict = loop.run_until_complete(guard.judge(url))
    finally:
        loop.close()
    if verdict is not None:
        where = f" ({verdict.address})" if verdict.address not in (None, verdict.host) else ""
        raise UsageError(
            f"refusing {url}: {verdict.host}{where} is {verdict.reason} (--deny-private-addresses)"
        )


__all__ = [
    "ContextGuard",
    "NetGuard",
    "NetGuardMiddleware",
    "PageGuard",
    "Verdict",
    "classify",
    "refuse_private_target",
    "system_resolve",
]
