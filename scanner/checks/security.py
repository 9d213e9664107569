"""Transport-security rules: SEC-01 (HTTPS not enforced), SEC-02 (HSTS), SEC-03 (mixed
content), SEC-04 (forms posting over HTTP), SEC-05 (insecure cookie flags).

GDPR art. 32 asks for security appropriate to the risk; a site that lets visitor data travel
unencrypted, or lets a network attacker downgrade the connection, fails the simplest part of
it. The facts come from the collector (``PageVisit.hsts``, ``forms``, ``mixed_content``,
``http_redirect``; the cookie jar's flags; Set-Cookie headers Chromium refused).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from scanner.checks.registry import Hit, rule
from scanner.checks.tracking import cookie_evidence
from scanner.model import CookieRecord, PageVisit, Scan

SOURCES_SEC = ("GDPR art. 32", "internet.nl")
#: RFC 6797 leaves the value to the site; a year is what internet.nl and the preload list ask.
HSTS_MIN_AGE = 31536000
#: Redirect statuses that are permanent, so browsers and search engines remember HTTPS.
PERMANENT_REDIRECTS = {301, 308}
#: W3C Mixed Content: these may be upgraded ("optionally-blockable"); everything else that an
#: HTTPS page loads over HTTP is blockable (scripts, styles, frames, fetches).
UPGRADEABLE_TYPES = {"image", "audio", "video"}
#: Cookie names that look like a login or session: script access to them enables hijacking.
SESSION_NAME = re.compile(
    r"sess|^sid$|_sid$|^sid_|auth|token|login|jwt|remember|^jsessionid$|^phpsessid$", re.I
)
#: What Chromium says when it refuses a SameSite=None cookie that lacks Secure.
SAMESITE_NONE_INSECURE = "SameSiteNoneInsecure"


def _pages(scan: Scan) -> Iterator[PageVisit]:
    """Every page visit of every phase that ran."""
    for phase in scan.phases.values():
        if not phase.skipped:
            yield from phase.pages


def _start_page(scan: Scan) -> PageVisit | None:
    phase = scan.phases.get("pre-consent")
    if phase is None or phase.skipped or not phase.pages:
        return None
    return phase.pages[0]


def _scheme(url: str | None) -> str:
    return urlsplit(url or "").scheme


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _has_forms(scan: Scan) -> bool:
    return any(page.forms for page in _pages(scan))


def redirect_problem(check: dict | None) -> str | None:
    """Why the plain-HTTP answer does not enforce HTTPS, or None when it does (or is unknown).

    No answer at all (the origin does not serve plain HTTP) is not a problem: nothing can be
    sent unencrypted. A browser-side upgrade hides the server's answer, so nothing is claimed.
    """
    if not check or check.get("error") or check.get("status") is None:
        return None
    status, location = check["status"], check.get("location") or ""
    if 300 <= status < 400 and _scheme(location) == "https":
        if status in PERMANENT_REDIRECTS:
            return None
        return f"redirects to HTTPS with a temporary {status}, not 301/308"
    if 300 <= status < 400:
        return f"redirects with {status} to {location or 'nowhere'}, not to HTTPS"
    return f"answers {status} over plain HTTP instead of redirecting to HTTPS"


@rule(
    "SEC-01",
    "https-not-enforced",
    "medium",
    "The site can be visited over unencrypted HTTP",
    "Answer every http:// request with a 301 (or 308) redirect to the same URL over https://, "
    "and link only to https:// pages.",
    (*SOURCES_SEC, "RFC 9110 section 15.4"),
)
def https_not_enforced(scan: Scan) -> Iterator[Hit]:
    """The plain-HTTP origin does not redirect permanently to HTTPS, or a page loaded over HTTP.

    High when the site has forms, since what visitors type would travel unencrypted.

    ## Why it matters
    A visitor who types the domain without https, or follows an old link, gets the page over
    plain HTTP: anyone on the same network can read and change it, including the forms.
    A permanent redirect to HTTPS makes every visit encrypted.

    ## Example
    `http://www.example.nl/` answers 200 with the home page instead of a 301 to
    `https://www.example.nl/`.
    """
    evidence = []
    start = _start_page(scan)
    problem = redirect_problem(start.http_redirect if start else None)
    if start is not None and start.http_redirect is not None and problem:
        check = start.http_redirect
        evidence.append(
            {
                "origin": _origin(check["url"]),
                "status": check["status"],
                "location": check.get("location"),
                "problem": problem,
            }
        )
    served = sorted({p.final_url or p.url for p in _pages(scan) if _scheme(p.final_url) == "http"})
    evidence += [
        {"origin": _origin(url), "page": url, "problem": "page served over HTTP"} for url in served
    ]
    if evidence:
        yield None, "high" if _has_forms(scan) else None, evidence, None


def parse_hsts(header: str | None) -> dict | None:
    """A Strict-Transport-Security value as {max_age, include_subdomains, preload}.

    RFC 6797: directives are case-insensitive, separated by ``;``, ``max-age`` may be quoted;
    a header without a valid ``max-age`` is ignored by browsers, so it parses as None.
    """
    if not header:
        return None
    max_age = None
    flags = set()
    for directive in header.split(";"):
        name, _, value = directive.strip().partition("=")
        name = name.strip().lower()
        if name == "max-age":
            digits = value.strip().strip('"')
            if not digits.isdigit() or max_age is not None:
                return None  # malformed or repeated: the header is invalid (RFC 6797 6.1)
            max_age = int(digits)
        elif name:
            flags.add(name)
    if max_age is None:
        return None
    return {
        "max_age": max_age,
        "include_subdomains": "includesubdomains" in flags,
        "preload": "preload" in flags,
    }


@rule(
    "SEC-02",
    "hsts-missing",
    "low",
    "The site does not tell browsers to always use HTTPS (HSTS)",
    "Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every HTTPS response.",
    ("RFC 6797", *SOURCES_SEC),
    variants={"weak": "HSTS max-age is {max_age} seconds, less than a year"},
)
def hsts_missing(scan: Scan) -> Iterator[Hit]:
    """The HTTPS start page has no valid Strict-Transport-Security, or max-age < 1 year.

    Medium when the header is missing and the site has forms.

    ## Why it matters
    Without HSTS, a browser that once visited the site over HTTPS will still try plain HTTP
    next time someone types the address, and an attacker on the network can keep the visitor
    on HTTP. With HSTS the browser refuses to use HTTP for the site at all.

    ## Example
    `https://www.example.nl/` answers without a `Strict-Transport-Security` header, or with
    `max-age=300`.
    """
    start = _start_page(scan)
    if start is None or _scheme(start.final_url or start.url) != "https" or start.error:
        return
    parsed = parse_hsts(start.hsts)
    evidence = [
        {
            "page_host": urlsplit(start.final_url or start.url).hostname,
            "page": start.final_url or start.url,
            "hsts": start.hsts,
            **(parsed or {}),
        }
    ]
    if parsed is None:
        yield "pre-consent", "medium" if _has_forms(scan) else None, evidence, None
    elif parsed["max_age"] < HSTS_MIN_AGE:
        yield "pre-consent", None, evidence, ("weak", {"max_age": parsed["max_age"]})


def mixed_content_category(resource_type: str) -> str:
    """W3C Mixed Content category of a resource type: blockable or optionally-blockable."""
    return "optionally-blockable" if resource_type in UPGRADEABLE_TYPES else "blockable"


def mixed_content(scan: Scan) -> dict[str, dict]:
    """Insecure URL -> what an HTTPS page loaded (or tried to) over HTTP, across phases.

    From Chromium's own reports (which see upgraded and blocked loads) and from the requests
    recorded; forms are SEC-04's.
    """
    found: dict[str, dict] = {}
    for name, phase in scan.phases.items():
        if phase.skipped:
            continue
        items = [item for page in phase.pages for item in page.mixed_content]
        items += [
            {"url": r.url, "resource_type": r.resource_type, "resolution": r.error, "page": r.page}
            for r in phase.requests
            if _scheme(r.url) == "http"
            and _scheme(r.page) == "https"
            and r.resource_type != "document"
        ]
        for item in items:
            if item["resource_type"] == "form" or _scheme(item.get("page")) != "https":
                continue
            entry = found.setdefault(
                item["url"],
                {
                    "host": urlsplit(item["url"]).hostname,
                    "url": item["url"],
                    "resource_type": item["resource_type"],
                    "category": mixed_content_category(item["resource_type"]),
                    "resolution": item.get("resolution"),
                    "page": item.get("page"),
                    "phases": [],
                },
            )
            if name not in entry["phases"]:
                entry["phases"].append(name)
    return found


@rule(
    "SEC-03",
    "mixed-content",
    "medium",
    "HTTPS pages load resources over unencrypted HTTP (mixed content)",
    "Load every script, style, frame, image and media file over https:// (or a relative URL); "
    "a Content-Security-Policy of upgrade-insecure-requests is a stopgap.",
    ("W3C Mixed Content", *SOURCES_SEC),
    variants={"passive": "HTTPS pages load images or media over unencrypted HTTP"},
)
def mixed_content_loaded(scan: Scan) -> Iterator[Hit]:
    """An HTTPS page loads http:// subresources; medium if blockable, low if only passive.

    ## Why it matters
    A script or frame fetched over HTTP can be replaced by anyone on the network, and then
    controls the whole page, forms included; browsers block it, so the page also breaks.
    Images and media over HTTP leak which page is being read and can be swapped.

    ## Example
    `https://www.example.nl/` contains `<script src="http://www.example.nl/js/teller.js">`
    (blocked by Chromium) and `<img src="http://www.example.nl/logo.gif">` (upgraded).
    """
    found = sorted(mixed_content(scan).values(), key=lambda e: (e["category"], e["url"]))
    if not found:
        return
    if any(e["category"] == "blockable" for e in found):
        yield None, None, found, None
    else:
        yield None, "low", found, ("passive", {})


@rule(
    "SEC-04",
    "form-over-http",
    "high",
    "A form sends what visitors type over unencrypted HTTP",
    "Point every form's action at an https:// URL (or a relative one on an HTTPS page).",
    ("EDPS Website Evidence Collector", *SOURCES_SEC),
)
def form_over_http(scan: Scan) -> Iterator[Hit]:
    """A ``<form>`` whose resolved action URL is http://.

    ## Why it matters
    Names, e-mail addresses and messages typed into the form travel in clear text, readable
    and changeable by anyone on the network, even when the page itself is HTTPS.

    ## Example
    The newsletter form on `https://www.example.nl/` has
    `action="http://www.example.nl/nieuwsbrief/"`.
    """
    seen: dict[tuple[str, str], dict] = {}
    for page in _pages(scan):
        for form in page.forms:
            if _scheme(form.get("action")) != "http":
                continue
            key = (form.get("form") or "", form["action"])
            seen.setdefault(
                key,
                {
                    "form": form.get("form") or form["action"],
                    "action": form["action"],
                    "method": form.get("method"),
                    "page": page.final_url or page.url,
                },
            )
    if seen:
        yield None, None, list(seen.values()), None


def cookie_flag_problems(cookie: CookieRecord) -> list[str]:
    """What is wrong with a first-party cookie's flags on an HTTPS site."""
    problems = []
    if not cookie.secure:
        problems.append("no Secure")
    if SESSION_NAME.search(cookie.name) and not cookie.http_only:
        problems.append("session-like name without HttpOnly")
    if (cookie.same_site or "").lower() == "none" and not cookie.secure:
        problems.append("SameSite=None without Secure")
    return problems


@rule(
    "SEC-05",
    "insecure-cookie-flags",
    "low",
    "First-party cookies are set without the security flags they need",
    "Set Secure on every cookie of an HTTPS site, HttpOnly on session and login cookies, and "
    "SameSite=None only together with Secure; consider the __Host- prefix for session cookies.",
    ("MDN: Secure cookie configuration", "RFC 6265bis", *SOURCES_SEC),
)
def insecure_cookie_flags(scan: Scan) -> Iterator[Hit]:
    """Site cookies without Secure, session cookies without HttpOnly, SameSite=None
    without Secure (Chromium refuses those; the refusal is the evidence). Medium when a
    session-like cookie is exposed.

    ## Why it matters
    A cookie without Secure is also sent over plain HTTP, where it can be read; a session
    cookie that scripts can read is stolen by any injected script. Browsers reject
    SameSite=None cookies without Secure, so the site's feature silently breaks too.

    ## Example
    `https://www.example.nl/` sets `sessionid` with neither Secure nor HttpOnly, and `taal`
    with `SameSite=None` but no Secure.
    """
    start = _start_page(scan)
    if start is None or _scheme(start.final_url or start.url) != "https":
        return
    evidence: dict[tuple[str, str], dict] = {}
    for phase in scan.phases.values():
        if phase.skipped:
            continue
        for cookie in phase.cookies:
            problems = cookie_flag_problems(cookie)
            if cookie.third_party or not problems:
                continue
            key = (cookie.name, cookie.domain)
            evidence.setdefault(key, {**cookie_evidence(cookie), "problems": problems})
        for request in phase.requests:
            if request.third_party:
                continue
            for header in request.set_cookies:
                if SAMESITE_NONE_INSECURE in header.get("blocked_reasons", []):
                    key = (header["name"], header.get("domain") or request.host)
                    evidence.setdefault(
                        key,
                        {
                            "cookie": header["name"],
                            "domain": header.get("domain") or request.host,
                            "set_by": request.url,
                            "problems": ["SameSite=None without Secure (refused by Chromium)"],
                        },
                    )
    if not evidence:
        return
    session_exposed = any(
        "session-like name without HttpOnly" in e["problems"] for e in evidence.values()
    )
    yield None, "medium" if session_exposed else None, list(evidence.values()), None
