"""Attribute one observation: owner, country, category, tracker, first or third party, and why.

Order of evidence, most specific first: the cookie table for cookie and storage names (a
first-party ``_ga`` is Google Analytics although it sits on the site's own domain), then the
entity table for the host (a request) or cookie domain, then the owner of the script that wrote
it. What no table knows stays unknown (``None``), never guessed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scanner.classify.cname import cloaked_tracker, looks_like_collection
from scanner.classify.domains import registrable_domain
from scanner.classify.knowledge import (
    CookieFact,
    DomainFact,
    entity_country,
    lookup_cookie,
    lookup_host,
)
from scanner.classify.lists import TrackerLists
from scanner.classify.trackerdb import TrackerDB
from scanner.model import (
    Attribution,
    BehaviourRecord,
    CookieRecord,
    RequestRecord,
    StorageRecord,
)

#: Cookie-table categories that make a cookie or storage key a tracker.
TRACKING_CATEGORIES = {"analytics", "marketing"}


def is_third_party(host: str, site_domain: str) -> bool:
    """Third party by registrable domain, with entity awareness.

    ``cdn.example.nl`` is first party on example.nl; so is a domain of the same owner as the
    site (youtube.com loading ytimg.com: both Google's), when the entity table knows both.
    """
    if not host or registrable_domain(host) == site_domain:
        return False
    site_owner = lookup_host(site_domain)
    host_owner = lookup_host(host)
    return not (site_owner and host_owner and site_owner.entity == host_owner.entity)


def attribute_request(
    record: RequestRecord,
    site_domain: str,
    lists: TrackerLists | None = None,
    trackerdb: TrackerDB | None = None,
) -> None:
    """Fill in a request's attribution and third-party flag.

    A tracker-list match makes the request a tracker even where the entity table does not
    know its owner; the matching filter is kept as the reason.
    """
    record.third_party = is_third_party(record.host, site_domain)
    fact = lookup_host(record.host)
    if fact is not None:
        record.attribution = _from_domain(fact, f"entity table: {fact.domain}")
    elif trackerdb is not None and (enriched := trackerdb.lookup(record.host)) is not None:
        reason = f"Ghostery TrackerDB {trackerdb.version} (non-commercial): {enriched.service}"
        record.attribution = _from_domain(enriched, reason)
    if not record.third_party and looks_like_collection(urlsplit(record.url).path):
        cloaked = cloaked_tracker(record.host)
        if cloaked is not None:
            target, target_fact = cloaked
            record.attribution = _from_domain(target_fact, f"CNAME {record.host} -> {target}")
    matched = lists.match(record.url, record.page, record.resource_type) if lists else None
    if matched is not None:
        record.attribution.tracker = True
        record.attribution.reasons.append(f"{matched.list_name}: {matched.filter}")


def attribute_cookie(record: CookieRecord, site_domain: str) -> None:
    """Fill in a cookie's attribution and third-party flag."""
    domain = record.domain.lstrip(".")
    record.third_party = is_third_party(domain, site_domain)
    fact = lookup_cookie(record.name, domain)
    if fact is not None:
        record.attribution = _from_cookie(fact, f"{fact.source}: {fact.name}")
        return
    host_fact = lookup_host(domain)
    if host_fact is not None:
        record.attribution = _from_domain(host_fact, f"entity table: {host_fact.domain}")
        return
    record.attribution = _from_writer(record.set_by, site_domain)


def attribute_behaviour(record: BehaviourRecord, site_domain: str) -> None:
    """Fingerprinting or session recording belongs to the owner of the script doing it."""
    host = urlsplit(record.script).hostname or ""
    record.third_party = is_third_party(host, site_domain)
    fact = lookup_host(host)
    if fact is not None:
        record.attribution = _from_domain(fact, f"script on {fact.domain}")
        record.attribution.tracker = True


def attribute_storage(record: StorageRecord, site_domain: str) -> None:
    """Fill in a storage key's attribution and third-party flag."""
    host = urlsplit(record.origin).hostname or ""
    record.third_party = is_third_party(host, site_domain)
    fact = lookup_cookie(record.key, host)
    if fact is not None:
        record.attribution = _from_cookie(fact, f"{fact.source}: {fact.name}")
        return
    writer = _from_writer(record.written_by, site_domain)
    if writer.owner is not None:
        record.attribution = writer
        return
    host_fact = lookup_host(host)
    if host_fact is not None:
        record.attribution = _from_domain(host_fact, f"entity table: {host_fact.domain}")


def _from_domain(fact: DomainFact, reason: str) -> Attribution:
    return Attribution(
        owner=fact.entity,
        country=fact.country,
        category=fact.category,
        tracker=fact.tracker,
        reasons=[reason],
    )


def _from_cookie(fact: CookieFact, reason: str) -> Attribution:
    return Attribution(
        owner=fact.entity,
        country=entity_country(fact.entity) if fact.entity else None,
        category=fact.category,
        tracker=fact.category in TRACKING_CATEGORIES,
        reasons=[reason],
    )


def _from_writer(script_url: str | None, site_domain: str) -> Attribution:
    """Attribute to the owner of a third-party script that wrote the item, if known."""
    host = urlsplit(script_url or "").hostname or ""
    if not is_third_party(host, site_domain):
        return Attribution()
    fact = lookup_host(host)
    if fact is None:
        return Attribution(reasons=[f"written by an unknown third-party script on {host}"])
    attribution = _from_domain(fact, f"written by a script of {fact.domain}")
    return attribution
