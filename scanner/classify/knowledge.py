"""Load the bundled knowledge tables (entities, cookies) with their provenance.

The tables are data with a source, a date and a licence each; the report prints
:func:`data_versions` so every finding can be traced to the facts it relied on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from scanner.classify.domains import host_matches
from scanner.classify.imported import imported_table

#: The tables' vocabularies: categories of domains and of cookies, and DPF statuses. The table
#: formatter (scripts/knowledge) and the table tests check every row against these.
DOMAIN_CATEGORIES = {
    "analytics",
    "advertising",
    "social",
    "embedded-content",
    "session-recording",
    "fingerprinting",
    "tag-manager",
    "cdn",
    "fonts",
    "email-marketing",
    "consent",
    "hosting",
    "customer-support",
    "payment",
    "video",
    "maps",
    "captcha",
    "functional",
}
COOKIE_CATEGORIES = {
    "analytics",
    "marketing",
    "functional",
    "security",
    "personalization",
    "consent",
}
DPF_STATUSES = {"participant", "not-listed", "unverified"}


@dataclass(frozen=True)
class DomainFact:
    """What the entity table says about a domain."""

    domain: str
    entity: str
    country: str | None
    service: str
    category: str
    tracker: bool


@dataclass(frozen=True)
class CookieFact:
    """What the cookie table says about a cookie (or storage key) name."""

    name: str
    prefix: bool
    entity: str | None
    platform: str
    category: str
    lifetime: str
    domain: str | None
    source: str = "cookie table"


def _load(name: str) -> dict:
    return json.loads(resources.files("scanner.knowledge").joinpath(name).read_text())


@cache
def domain_facts() -> dict[str, DomainFact]:
    """Entity table keyed by domain (a registrable domain or a more specific host)."""
    table = _load("entities.json")
    entities = table["entities"]
    return {
        domain: DomainFact(
            domain=domain,
            entity=row["entity"],
            country=entities[row["entity"]]["country"],
            service=row["service"],
            category=row["category"],
            tracker=bool(row["tracker"]),
        )
        for domain, row in table["domains"].items()
    }


CookieIndex = tuple[dict[str, CookieFact], tuple[CookieFact, ...]]


@cache
def cookie_facts() -> CookieIndex:
    """Cookie table: exact names, and prefix patterns longest first."""
    return _index(_load("cookies.json")["cookies"], "cookie table")


@cache
def imported_cookie_facts() -> CookieIndex:
    """The user's imported Open Cookie Database, indexed like the bundled table (or empty)."""
    table = imported_table()
    return _index(table["cookies"] if table else [], "imported Open Cookie Database")


def _index(rows: list[dict], source: str) -> CookieIndex:
    exact: dict[str, CookieFact] = {}
    prefixes: list[CookieFact] = []
    for row in rows:
        fact = CookieFact(
            name=row["name"],
            prefix=bool(row.get("prefix")),
            entity=row.get("entity"),
            platform=row["platform"],
            category=row["category"],
            lifetime=row["lifetime"],
            domain=row.get("domain"),
            source=source,
        )
        if fact.prefix:
            prefixes.append(fact)
        else:
            exact.setdefault(fact.name, fact)
    prefixes.sort(key=lambda fact: len(fact.name), reverse=True)
    return exact, tuple(prefixes)


@lru_cache(maxsize=65536)
def lookup_host(host: str) -> DomainFact | None:
    """The most specific entity-table entry covering ``host``."""
    facts = domain_facts()
    labels = host.lower().strip(".").split(".")
    for start in range(len(labels) - 1):
        fact = facts.get(".".join(labels[start:]))
        if fact is not None:
            return fact
    return None


def lookup_cookie(name: str, domain: str | None = None) -> CookieFact | None:
    """The cookie-table entry for a cookie name; domain-bound entries need a matching domain.

    The bundled table is asked first; the user's imported table only for names it lacks.
    """
    for exact, prefixes in (cookie_facts(), imported_cookie_facts()):
        candidates = [exact[name]] if name in exact else []
        candidates += [fact for fact in prefixes if name.startswith(fact.name)]
        for fact in candidates:
            if fact.domain is None or (domain and host_matches(domain, fact.domain)):
                return fact
    return None


def entity_country(entity: str) -> str | None:
    """ISO country of an entity's seat, from the entity table."""
    row = _load_entities().get(entity)
    return row["country"] if row else None


def entity_dpf(entity: str) -> dict | None:
    """The entity table's EU-US Data Privacy Framework status for a US entity, if recorded.

    ``{"status": "participant"|"not-listed"|"unverified", "checked": date, "source": ...}``;
    the table says how (un)verified each status is.
    """
    row = _load_entities().get(entity)
    return row.get("dpf") if row else None


@cache
def _load_entities() -> dict[str, dict]:
    return _load("entities.json")["entities"]


def data_versions() -> dict[str, str]:
    """Table name -> version (date) of every knowledge table the classification used."""
    return {table["table"]: table["version"] for table in _tables()}


def data_sources() -> dict[str, dict[str, str]]:
    """Table name -> its source and licence, printed in the report beside the versions."""
    return {
        table["table"]: {"source": table["source"], "licence": table["licence"]}
        for table in _tables()
    }


def _tables() -> list[dict]:
    bundled = [_load(name) for name in ("entities.json", "cookies.json", "party-names.json")]
    imported = imported_table()
    return [*bundled, imported] if imported else bundled
