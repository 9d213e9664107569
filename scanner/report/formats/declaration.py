"""cookie-declaration.html and cookie-declaration.md: a DRAFT cookie declaration, in the report's
language, from the cookies the scan saw before consent and after accepting.

A site owner needs a cookie declaration (name, provider, purpose, lifetime, who else can read
it) and usually writes it by hand from what a CMP or a plugin claims; this one starts from what
the browser actually stored. It says on top that it is a draft the owner must review: purposes
come from our category tables, and a scan cannot see cookies behind a login.

The HTML file is a snippet, not a page: one ``<section>`` the owner pastes into their cookie
page, unstyled so the site's own CSS applies, every value escaped. The Markdown file is the same
text for sites built from Markdown. No cookie value is written (the report has none).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scanner.report.formats.base import OutputFormat, RenderContext
from scanner.report.formats.common import lifetime_seconds, observed_phases, parse_time
from scanner.report.formats.mdtext import md_code, md_table, md_text
from scanner.report.i18n import Translator

#: The phases whose cookies a declaration lists: what a visitor who accepts gets.
PHASES = ("pre-consent", "accept")
#: Purposes in the order a declaration lists them.
PURPOSES = ("necessary", "functional", "analytics", "marketing", "social", "embedded", "unknown")
#: The report's categories (cookie and domain tables) -> the purpose a declaration names.
PURPOSE_OF = {
    "security": "necessary",
    "consent": "necessary",
    "captcha": "necessary",
    "payment": "necessary",
    "functional": "functional",
    "personalization": "functional",
    "customer-support": "functional",
    "cdn": "functional",
    "hosting": "functional",
    "fonts": "functional",
    "tag-manager": "functional",
    "analytics": "analytics",
    "session-recording": "analytics",
    "marketing": "marketing",
    "advertising": "marketing",
    "email-marketing": "marketing",
    "fingerprinting": "marketing",
    "social": "social",
    "embedded-content": "embedded",
    "video": "embedded",
    "maps": "embedded",
}


@dataclass
class DeclaredCookie:
    """One line of the declaration: a cookie name as one provider sets it."""

    name: str
    provider: str | None
    country: str | None
    purpose: str
    third_party_access: str | None  # who else can read it, None when only the site can
    seconds: float | None = None  # longest lifetime seen; None = session cookie
    domains: set[str] = field(default_factory=set)


def purpose_of(cookie: dict) -> str:
    """The declaration's purpose for a cookie. A third party's own "necessary" cookie (its
    security or consent cookie) is not necessary for *this* site: it came with an embed."""
    purpose = PURPOSE_OF.get(cookie.get("category") or "", "unknown")
    if purpose in ("necessary", "functional") and cookie.get("third_party"):
        return "embedded"
    return purpose


def _third_party_hosts(document: dict) -> dict[str, str | None]:
    """Host -> owner of every third-party request the scan saw, in any phase."""
    hosts: dict[str, str | None] = {}
    for _, phase in observed_phases(document):
        for request in phase.get("requests", []):
            if request.get("third_party"):
                hosts.setdefault(request["host"], request.get("owner"))
    return hosts


def _access(cookie: dict, third_hosts: dict[str, str | None]) -> str | None:
    """Who besides the site can read the cookie: the third party whose domain it is on, or the
    third-party script that wrote it (and so reads it) on the site's own domain."""
    if cookie.get("third_party"):
        return cookie.get("owner") or cookie["domain"].lstrip(".")
    set_by = cookie.get("set_by") or ""
    host = urlsplit(set_by).hostname if set_by.startswith(("http://", "https://")) else None
    if host in third_hosts:
        return cookie.get("owner") or third_hosts[host] or host
    return None


def declared_cookies(document: dict) -> dict[str, list[DeclaredCookie]]:
    """Purpose -> its cookies (sorted by name), one entry per cookie name and provider."""
    third_hosts = _third_party_hosts(document)
    entries: dict[tuple[str, str | None], DeclaredCookie] = {}
    for _, phase in observed_phases(document, PHASES):
        for cookie in phase.get("cookies", []):
            key = (cookie["name"], cookie.get("owner"))
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = DeclaredCookie(
                    name=cookie["name"],
                    provider=cookie.get("owner"),
                    country=cookie.get("country"),
                    purpose=purpose_of(cookie),
                    third_party_access=_access(cookie, third_hosts),
                )
            seconds = lifetime_seconds(cookie, document)
            if seconds is not None and (entry.seconds is None or seconds > entry.seconds):
                entry.seconds = seconds
            entry.domains.add(cookie["domain"].lstrip("."))
    groups: dict[str, list[DeclaredCookie]] = {purpose: [] for purpose in PURPOSES}
    for entry in sorted(entries.values(), key=lambda e: (e.name.lower(), e.provider or "")):
        groups[entry.purpose].append(entry)
    return {purpose: cookies for purpose, cookies in groups.items() if cookies}


def lifetime_words(seconds: float | None, t: Translator) -> str:
    """ "sessie", "30 Tage", "13 mois", "1 jaar": hours under a day, days under 45 days, then
    months, or years when the months make whole years."""
    if seconds is None:
        return t("lifetime.session")
    days = seconds / 86400
    if days < 1:
        count, unit = max(1, round(seconds / 3600)), "hour"
    elif days < 45:
        count, unit = round(days), "day"
    else:
        months = round(days / (365.25 / 12))
        count, unit = (months // 12, "year") if months % 12 == 0 else (months, "month")
    return t(f"lifetime.{unit}") if count == 1 else t(f"lifetime.{unit}s", count=count)


def _country(code: str | None, t: Translator) -> str:
    if not code:
        return "-"
    return t.get(f"declaration.country.{code}", code)


def _date(document: dict, t: Translator) -> str:
    started = parse_time(document.get("started_at"))
    if started is None:
        return "-"
    month = t(f"declaration.month.{started.month}")
    return t("declaration.date", day=started.day, month=month, year=started.year)


def _cells(entry: DeclaredCookie, t: Translator) -> list[str]:
    """The row's texts, unescaped: cookie, provider, purpose, lifetime, country, access."""
    access = t("declaration.no")
    if entry.third_party_access:
        access = t("declaration.yes", who=entry.third_party_access)
    return [
        entry.name,
        entry.provider or t("declaration.this_site"),
        t(f"purpose.{entry.purpose}"),
        lifetime_words(entry.seconds, t),
        _country(entry.country, t),
        access,
    ]


def _columns(t: Translator) -> list[str]:
    names = ("cookie", "provider", "purpose", "lifetime", "country", "third_party")
    return [t(f"declaration.col.{name}") for name in names]


def declaration_html(document: dict, context: RenderContext) -> str:
    """The snippet to paste into the site's cookie page."""
    t = context.translator(document)
    esc = html.escape
    intro = t("declaration.intro", site=document["target"], date=_date(document, t))
    out = [
        "<!-- DRAFT generated by privacyscan: review every line before publishing. -->",
        f'<section class="cookie-declaration" lang="{esc(context.lang)}">',
        f"  <h2>{esc(t('declaration.heading'))}</h2>",
        f'  <p class="cookie-declaration-draft"><strong>{esc(intro)}</strong></p>',
    ]
    groups = declared_cookies(document)
    if not groups:
        out.append(f"  <p>{esc(t('declaration.empty'))}</p>")
    for purpose, cookies in groups.items():
        out += [
            f"  <h3>{esc(t(f'purpose.{purpose}'))}</h3>",
            f"  <p>{esc(t(f'purpose.{purpose}.text'))}</p>",
            "  <table>",
            "    <thead><tr>"
            + "".join(f"<th>{esc(c)}</th>" for c in _columns(t))
            + "</tr></thead>",
            "    <tbody>",
        ]
        for entry in cookies:
            cells = _cells(entry, t)
            first = f"<td><code>{esc(cells[0])}</code></td>"
            out.append(
                "      <tr>" + first + "".join(f"<td>{esc(c)}</td>" for c in cells[1:]) + "</tr>"
            )
        out += ["    </tbody>", "  </table>"]
    out.append("</section>")
    return "\n".join(out) + "\n"


def declaration_markdown(document: dict, context: RenderContext) -> str:
    """The same declaration in Markdown, every value escaped."""
    t = context.translator(document)
    # The site's address goes in a code span: verbatim, and never turned into a link.
    intro = md_text(t("declaration.intro", site="{site}", date=_date(document, t)), 2000)
    intro = intro.replace("{site}", md_code(document["target"]))
    out = [f"## {md_text(t('declaration.heading'))}", "", f"**{intro}**", ""]
    groups = declared_cookies(document)
    if not groups:
        out.append(md_text(t("declaration.empty")))
    for purpose, cookies in groups.items():
        out += [
            f"### {md_text(t(f'purpose.{purpose}'))}",
            "",
            md_text(t(f"purpose.{purpose}.text")),
        ]
        rows = []
        for entry in cookies:
            cells = _cells(entry, t)
            rows.append([md_code(cells[0]), *(md_text(c) for c in cells[1:])])
        out += ["", md_table([md_text(c) for c in _columns(t)], rows, 10**9, ""), ""]
    return "\n".join(out).rstrip("\n") + "\n"


class DeclarationFormat(OutputFormat):
    """A draft cookie declaration for the site owner to review and publish."""

    name = "declaration"
    description = "cookie-declaration.html and .md, a draft cookie declaration to review"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        return {
            "cookie-declaration.html": declaration_html(document, context),
            "cookie-declaration.md": declaration_markdown(document, context),
        }
