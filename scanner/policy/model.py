"""The declared policy: what a site's own privacy/cookie policy says, fact by fact.

Every extracted fact keeps the sentence it came from (``evidence``), so a finding can quote the
policy back to its owner. The same shape is what a site owner writes as policy-as-code in
``policies/<site>.yaml`` (validated against ``policies/declared-policy.schema.json``); facts that
come from such a file carry ``source: "declared"`` instead of a sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

ConsentModel = Literal["opt-in", "implied", "none", "unknown"]
Origin = Literal["extracted", "declared", "merged"]

#: The six data-subject rights TP-08 counts.
RIGHTS = ("access", "rectification", "erasure", "restriction", "objection", "portability")


@dataclass
class Email:
    """A contact address as written, and whether mail could be delivered to it."""

    address: str
    well_formed: bool
    problem: str | None = None
    evidence: str | None = None


@dataclass
class Controller:
    """Who is responsible (art. 13(1)(a)) and how to reach them."""

    name: str | None = None
    address: str | None = None
    registration: str | None = None
    emails: list[Email] = field(default_factory=list)
    evidence: str | None = None


@dataclass
class DeclaredParty:
    """A recipient or processor the policy names, matched to the entity table when known."""

    name: str
    owner: str | None = None
    country: str | None = None
    evidence: str | None = None


@dataclass
class DeclaredCookie:
    """A cookie the policy names, from a cookie table or from prose."""

    name: str
    provider: str | None = None
    purpose: str | None = None
    category: str | None = None
    duration: str | None = None
    duration_seconds: int | None = None
    evidence: str | None = None


@dataclass
class TransferStatement:
    """A transfer mechanism the policy cites, with its validity on two dates.

    ``current`` is False when the policy mentions the mechanism only as history ("since the
    Privacy Shield was invalidated, we ..."); only current reliance on a dead mechanism is a
    finding.
    """

    mechanism: str
    label: str
    current: bool
    valid_on_scan_date: bool
    valid_on_policy_date: bool | None
    validity: str
    countries: list[str] = field(default_factory=list)
    evidence: str | None = None


@dataclass
class Claim:
    """A statement the observations can prove wrong (CLM-*), with the sentence making it."""

    kind: str
    evidence: str | None = None


@dataclass
class Element:
    """Whether one art. 13 element is present, with the sentence that shows it."""

    present: bool
    evidence: str | None = None
    detail: list[str] = field(default_factory=list)


@dataclass
class DeclaredPolicy:
    """Everything the reader took from the policy (or the owner declared)."""

    url: str | None = None
    documents: list[str] = field(default_factory=list)
    language: str | None = None
    origin: Origin = "extracted"
    controller: Controller = field(default_factory=Controller)
    dpo: bool = False
    parties: list[DeclaredParty] = field(default_factory=list)
    cookies: list[DeclaredCookie] = field(default_factory=list)
    cookie_categories: list[str] = field(default_factory=list)
    consent_model: ConsentModel = "unknown"
    consent_evidence: str | None = None
    transfers: list[TransferStatement] = field(default_factory=list)
    third_countries: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    elements: dict[str, Element] = field(default_factory=dict)
    rights_missing: list[str] = field(default_factory=list)
    legacy_terms: list[Claim] = field(default_factory=list)
    last_updated: str | None = None
    last_updated_evidence: str | None = None
    sentences: int = 0

    def claim(self, kind: str) -> Claim | None:
        """The first claim of ``kind``, if the policy makes it."""
        return next((c for c in self.claims if c.kind == kind), None)

    def to_dict(self) -> dict:
        """The report's ``policy`` block (the contract's keys plus the full extraction)."""
        data = asdict(self)
        data["declared_parties"] = data.pop("parties")
        data["transfer_mechanisms"] = [
            {**t, "valid": t["valid_on_scan_date"]} for t in data.pop("transfers")
        ]
        return data
