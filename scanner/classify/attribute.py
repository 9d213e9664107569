"""Attribute one observation: owner, country, category, tracker, first or third party, and why.

Order of evidence, most specific first: the cookie table for cookie and storage names (a
first-party ``_ga`` is Google Analytics although it sits on the site's own domain), then the
entity table for the host (a request) or cookie domain, then the owner of the script that wrote
it. What no table knows stays unknown (``None``), never guessed.

A name is only a hint: any site may call its own cookie ``test_cookie``. A cookie-table row that
names an owner is applied only when the cookie's domain or its setter belongs to that owner (or
the setter is unknown, so nothing contradicts the name); otherwise the reasons say why not.

Behaviours (fingerprinting, session recording, keylogging) are reported by what they do. A
script served from a public CDN is the CDN's file, not the CDN's recording; typed input sent to
a third party is that party's, whoever's script sends it.
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
#: Entity-table categories of hosts that serve anyone's files: a script there has no owner.
HOSTING_CATEGORIES = {"cdn", "hosting"}
#: How the keylogging probe words what it found (see :mod:`scanner.collect.keylogging`).
KEYLOGGING_API_PREFIX = "typed input sent to "


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
    refused = (
        _disagreement(fact, domain, record.set_by, site_domain, record.set_by_kind)
        if fact
        else None
    )
    if fact is not None and refused is None:
        record.attribution = _from_cookie(fact, f"{fact.source}: {fact.name}")
        return
    host_fact = lookup_host(domain)
    if host_fact is not None:
        record.attribution = _from_domain(host_fact, f"entity table: {host_fact.domain}")
    else:
        record.attribution = _from_writer(record.set_by, site_domain)
    if refused:
        record.attribution.reasons.insert(0, refused)


def attribute_behaviour(record: BehaviourRecord, site_domain: str) -> None:
    """Fingerprinting or session recording belongs to the owner of the script doing it.

    Two exceptions, because the script's host then says nothing about who tracks: a script on a
    public CDN or hosting service (anyone can publish a recorder on jsDelivr) keeps the CDN host
    as its location but no owner; and keylogging belongs to the party that receives the typed
    input, a third party even when the site's own script sends it.
    """
    if record.behaviour == "keylogging":
        _attribute_keylogging(record, site_domain)
        return
    host = urlsplit(record.script).hostname or ""
    record.third_party = is_third_party(host, site_domain)
    fact = lookup_host(host)
    if fact is not None and fact.category in HOSTING_CATEGORIES:
        record.attribution = Attribution(
            category=record.behaviour,
            tracker=True,
            reasons=[
                f"script served from {host} ({fact.service}, a public {fact.category}): "
                f"{fact.entity} hosts the file, whoever publishes it does the {record.behaviour}"
            ],
        )
    elif fact is not None:
        record.attribution = _from_domain(fact, f"script on {fact.domain}")
        record.attribution.tracker = True
    else:
        reason = f"{record.behaviour} by a script on {host}, which no table knows"
        record.attribution = Attribution(category=record.behaviour, tracker=True, reasons=[reason])


def _attribute_keylogging(record: BehaviourRecord, site_domain: str) -> None:
    """Typed input sent away, owned by the receiver.

    Third party when the receiving host is, whoever's script sent it; also when a third-party
    script reads what visitors type, even if it hands it to the site's own server.
    """
    destination = keylogging_destination(record.api)
    received_by_third = is_third_party(destination, site_domain)
    record.third_party = received_by_third or is_third_party(
        urlsplit(record.script).hostname or "", site_domain
    )
    fact = lookup_host(destination)
    party = "third-party" if received_by_third else "first-party"
    reason = f"typed input received by {party} host {destination}, sent by {record.script}"
    if fact is not None:
        record.attribution = _from_domain(fact, reason)
        record.attribution.reasons.append(f"entity table: {fact.domain}")
    else:
        record.attribution = Attribution(reasons=[reason])
    record.attribution.tracker = record.third_party


def keylogging_destination(api: str) -> str:
    """The receiving host of a keylogging record (``typed input sent to HOST (encoding)``)."""
    return api.removeprefix(KEYLOGGING_API_PREFIX).split(" ", 1)[0]


def attribute_storage(record: StorageRecord, site_domain: str) -> None:
    """Fill in a storage key's attribution and third-party flag."""
    host = urlsplit(record.origin).hostname or ""
    record.third_party = is_third_party(host, site_domain)
    fact = lookup_cookie(record.key, host)
    refused = _disagreement(fact, host, record.written_by, site_domain, "script") if fact else None
    if fact is not None and refused is None:
        record.attribution = _from_cookie(fact, f"{fact.source}: {fact.name}")
        return
    writer = _from_writer(record.written_by, site_domain)
    host_fact = lookup_host(host)
    if writer.owner is None and host_fact is not None:
        writer = _from_domain(host_fact, f"entity table: {host_fact.domain}")
    record.attribution = writer
    if refused:
        record.attribution.reasons.insert(0, refused)


def _disagreement(
    fact: CookieFact, domain: str, setter: str | None, site_domain: str, kind: str | None
) -> str | None:
    """Why a cookie-table row does not apply here, or None when nothing contradicts it.

    The row applies when it names no owner, when the cookie's domain or the setter's host
    belongs to the row's owner (directly or behind a CNAME), or when the setter is unknown.
    """
    owner = fact.entity
    setter_host = urlsplit(setter or "").hostname or ""
    if owner is None or not setter_host:
        return None
    for host in (domain, setter_host):
        known = lookup_host(host)
        if known is not None and known.entity == owner:
            return None
    what = "server" if kind == "http" else "script"
    if is_third_party(setter_host, site_domain):
        other = lookup_host(setter_host)
        whose = other.entity if other else "owner unknown"
        who = f"a {what} on {setter_host} ({whose})"
    else:
        cloaked = cloaked_tracker(setter_host)
        if cloaked is not None and cloaked[1].entity == owner:
            return None
        who = f"the site's own {what} ({setter_host})"
    return f"name matches {fact.platform}'s {fact.name}, but set by {who}: not attributed"


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
    if fact.category in HOSTING_CATEGORIES:  # anyone's file: the CDN did not write it
        return Attribution(reasons=[f"written by a script served from {host} ({fact.service})"])
    attribution = _from_domain(fact, f"written by a script of {fact.domain}")
    return attribution
