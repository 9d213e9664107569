"""Combine policies: a privacy and a cookie policy into one, and a declared file over both.

A site often splits its policy in two (privacyverklaring + cookieverklaring); the checks judge
what the two say together. A site owner's policy-as-code file then refines that: its facts are
added, and replace extracted ones of the same name.
"""

from __future__ import annotations

from dataclasses import replace

from scanner.policy.model import DeclaredPolicy, Element

CONSENT_STRENGTH = {"implied": 3, "opt-in": 2, "none": 1, "unknown": 0}


def combine(policies: list[DeclaredPolicy]) -> DeclaredPolicy:
    """One policy saying what all of ``policies`` say (the first one leads)."""
    combined = policies[0]
    for other in policies[1:]:
        combined = _overlay(combined, other, other_wins=False)
    return combined


def apply_declared(
    extracted: DeclaredPolicy | None, declared: DeclaredPolicy, mode: str
) -> DeclaredPolicy:
    """The owner's declared policy used instead of (``replace``) or over (``merge``) the text."""
    if extracted is None or mode == "replace":
        return declared
    merged = _overlay(extracted, declared, other_wins=True)
    merged.origin = "merged"
    return merged


def _overlay(base: DeclaredPolicy, other: DeclaredPolicy, other_wins: bool) -> DeclaredPolicy:
    def keyed(items: list, others: list, key: str) -> list:
        found = {getattr(item, key).lower(): item for item in items}
        for item in others:
            name = getattr(item, key).lower()
            if other_wins or name not in found:
                found[name] = item
        return list(found.values())

    def first(mine: object, theirs: object) -> object:
        if other_wins:
            return theirs if theirs not in (None, "", [], "unknown") else mine
        return mine if mine not in (None, "", [], "unknown") else theirs

    elements = dict(base.elements)
    for name, element in other.elements.items():
        mine = elements.get(name)
        if mine is None or (element.present and not mine.present):
            elements[name] = element
        elif element.present and mine.present:
            elements[name] = Element(True, mine.evidence, sorted({*mine.detail, *element.detail}))
    consent = max(
        (base, other), key=lambda p: (CONSENT_STRENGTH[p.consent_model], p is other and other_wins)
    )
    dates = [d for d in (base.last_updated, other.last_updated) if d]
    latest = max(dates) if dates else None
    controller = replace(
        base.controller,
        name=first(base.controller.name, other.controller.name),
        address=first(base.controller.address, other.controller.address),
        registration=first(base.controller.registration, other.controller.registration),
        emails=keyed(base.controller.emails, other.controller.emails, "address"),
    )
    rights_missing = (
        other.rights_missing
        if other_wins and other.elements.get("rights")
        else [r for r in base.rights_missing if r in other.rights_missing or not other.elements]
    )
    return replace(
        base,
        url=first(base.url, other.url),
        documents=[*base.documents, *(d for d in other.documents if d not in base.documents)],
        language=first(base.language, other.language),
        controller=controller,
        dpo=base.dpo or other.dpo,
        parties=keyed(base.parties, other.parties, "name"),
        cookies=keyed(base.cookies, other.cookies, "name"),
        cookie_categories=sorted({*base.cookie_categories, *other.cookie_categories}),
        consent_model=consent.consent_model,
        consent_evidence=consent.consent_evidence,
        transfers=keyed(base.transfers, other.transfers, "mechanism"),
        third_countries=sorted({*base.third_countries, *other.third_countries}),
        claims=keyed(base.claims, other.claims, "kind"),
        elements=elements,
        rights_missing=rights_missing,
        legacy_terms=[*base.legacy_terms, *other.legacy_terms],
        last_updated=latest,
        last_updated_evidence=(
            base.last_updated_evidence
            if latest == base.last_updated
            else other.last_updated_evidence
        ),
        sentences=base.sentences + other.sentences,
    )
