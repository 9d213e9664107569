"""Declared versus observed, and where the data go: the report's two summaries of a scan.

These are not rules: they find nothing. They put what the policy declares beside what the
phases observed, row by row, and list each recipient's country and transfer basis, so the HTML
report (and any other output) can show them from report.json alone. They are computed here, at
check time, because they need the knowledge tables (DPF status) and the same matching the
claim rules use (:mod:`scanner.checks.claims`); a renderer has neither.
"""

from __future__ import annotations

from collections import defaultdict

from scanner.checks.claims import (
    cookies_by_name,
    declared_owners,
    lifetime_differs,
    observed_lifetime,
    scan_started,
)
from scanner.checks.recipients import EEA, observed_recipients
from scanner.classify.knowledge import entity_dpf
from scanner.model import Finding, Scan
from scanner.policy.model import Claim, DeclaredPolicy

#: The rules that can contradict each kind of claim. A claim no enabled rule tests is reported
#: as "not tested", never as "not contradicted".
CLAIM_RULES: dict[str, tuple[str, ...]] = {
    "ip-anonymised": ("CLM-01",),
    "only-essential-cookies": ("CLM-02",),
    "no-marketing-cookies": ("CLM-02",),
    "consent-before-cookies": ("CLM-03",),
    "youtube-privacy-enhanced": ("CLM-11",),
    "no-transfer-outside-eu": ("TR-06",),
    "honours-dnt-gpc": ("US-01",),
}


def declared_vs_observed(scan: Scan) -> dict:
    """The matrix of parties, cookies and claims: each row says what the policy declares (with
    its sentence), what the phases observed and a verdict:

    ``match`` (declared and observed), ``undeclared`` (observed, not declared),
    ``not-observed`` (declared, not seen), ``lifetime-differs`` (a declared cookie outside its
    declared lifetime, as CLM-08 judges it), ``contradicted`` / ``not-contradicted`` (a claim a
    rule tested), ``not-tested`` (nothing observed or no rule for it).
    """
    observed = any(not phase.skipped for phase in scan.phases.values())
    policy = scan.policy
    return {
        "observed": observed,
        "policy": policy is not None,
        "parties": _parties(scan, policy, observed),
        "cookies": _cookies(scan, policy, observed),
        "claims": _claims(scan, policy, observed),
    }


def _parties(scan: Scan, policy: DeclaredPolicy | None, observed: bool) -> list[dict]:
    """One row per owner (declared parties without a known owner keep their own name)."""
    recipients = observed_recipients(scan)
    owners = declared_owners(policy) if policy else set()
    named: dict[str, list] = defaultdict(list)
    for party in policy.parties if policy else []:
        named[party.owner or party.name].append(party)
    rows = []
    for key in sorted(set(recipients) | set(named), key=str.casefold):
        seen = recipients.get(key)
        parties = named.get(key, [])
        declared = key in owners or bool(parties)
        rows.append(
            {
                "party": key,
                "owner": key if seen or (parties and parties[0].owner) else None,
                "declared": declared,
                "declared_as": sorted({p.name for p in parties}),
                "quote": next((p.evidence for p in parties if p.evidence), None),
                "observed": seen is not None,
                "country": seen["country"] if seen else (parties[0].country if parties else None),
                "categories": sorted(c for c in seen["categories"] if c) if seen else [],
                "hosts": sorted(seen["hosts"]) if seen else [],
                "phases": _phase_order(scan, seen["phases"]) if seen else [],
                "verdict": _presence(declared, seen is not None, observed),
            }
        )
    return rows


def _cookies(scan: Scan, policy: DeclaredPolicy | None, observed: bool) -> list[dict]:
    """One row per cookie name, declared or observed, with both lifetimes."""
    started = scan_started(scan)
    last_seen = cookies_by_name(scan)
    phases: dict[str, set[str]] = defaultdict(set)
    domains: dict[str, set[str]] = defaultdict(set)
    for name, phase in scan.phases.items():
        for cookie in [] if phase.skipped else phase.cookies:
            phases[cookie.name].add(name)
            domains[cookie.name].add(cookie.domain)
    declared = {c.name: c for c in policy.cookies} if policy else {}
    rows = []
    for name in sorted(set(declared) | set(last_seen), key=str.casefold):
        entry, cookie = declared.get(name), last_seen.get(name)
        lifetime = observed_lifetime(cookie, started) if cookie else None
        verdict = _presence(entry is not None, cookie is not None, observed)
        if (
            verdict == "match"
            and entry is not None
            and entry.duration_seconds is not None
            and lifetime_differs(entry.duration_seconds, lifetime)
        ):
            verdict = "lifetime-differs"
        attribution = cookie.attribution if cookie else None
        rows.append(
            {
                "cookie": name,
                "declared": entry is not None,
                "provider": entry.provider if entry else None,
                "purpose": entry.purpose if entry else None,
                "declared_duration": entry.duration if entry else None,
                "declared_seconds": entry.duration_seconds if entry else None,
                "quote": entry.evidence if entry else None,
                "observed": cookie is not None,
                "owner": attribution.owner if attribution else None,
                "category": (attribution.category if attribution else None)
                or (entry.category if entry else None),
                "domains": sorted(domains[name]),
                "phases": _phase_order(scan, phases[name]),
                "session": cookie is not None and lifetime is None,
                "observed_seconds": None if lifetime is None else int(lifetime),
                "verdict": verdict,
            }
        )
    return rows


def _claims(scan: Scan, policy: DeclaredPolicy | None, observed: bool) -> list[dict]:
    """Each claim with the findings that contradict it, if a rule tested it."""
    rows = []
    for claim in policy.claims if policy else []:
        rules = CLAIM_RULES.get(claim.kind, ())
        against = [f for f in scan.findings if f.id in rules and _quotes(f, claim)]
        tested = observed and any(rule_id in scan.rules_checked for rule_id in rules)
        rows.append(
            {
                "claim": claim.kind,
                "quote": claim.evidence,
                "rules": list(rules),
                "contradicted_by": sorted({f.fingerprint for f in against}),
                "verdict": (
                    "contradicted" if against else "not-contradicted" if tested else "not-tested"
                ),
            }
        )
    return rows


def _quotes(finding: Finding, claim: Claim) -> bool:
    """A finding is about this claim when its evidence quotes the claim's sentence."""
    if claim.evidence is None:
        return True
    return any(item.get("quote") == claim.evidence for item in finding.evidence)


def _presence(declared: bool, seen: bool, observed: bool) -> str:
    if not observed:
        return "not-tested"
    if declared and seen:
        return "match"
    return "undeclared" if seen else "not-observed"


def _phase_order(scan: Scan, names: set[str]) -> list[str]:
    """Phases in the order the scan ran them, not alphabetically."""
    return [name for name in scan.phases if name in names]


def data_flows(scan: Scan) -> list[dict]:
    """Per recipient that received visitor data: owner, country (EU/EEA or not), categories,
    hosts, phases, whether the policy names it, the entity table's DPF status for US
    recipients (with the date it was recorded) and the policy's transfer mechanisms that apply
    to its country (all of them when the policy names no country for a mechanism)."""
    policy = scan.policy
    owners = declared_owners(policy) if policy else set()
    flows = []
    for owner, entry in sorted(observed_recipients(scan).items(), key=lambda i: i[0].casefold()):
        country = entry["country"]
        outside = country is not None and country not in EEA
        dpf = entity_dpf(owner) if country == "US" else None
        flows.append(
            {
                "owner": owner,
                "country": country,
                "in_eea": None if country is None else not outside,
                "categories": sorted(c for c in entry["categories"] if c),
                "hosts": sorted(entry["hosts"]),
                "phases": _phase_order(scan, entry["phases"]),
                "data": sorted(entry["data"]),
                "declared": owner in owners if policy else None,
                "dpf": {"status": dpf["status"], "checked": dpf.get("checked")} if dpf else None,
                "mechanisms": [
                    {
                        "mechanism": t.mechanism,
                        "label": t.label,
                        "current": t.current,
                        "valid": t.valid_on_scan_date,
                        "quote": t.evidence,
                    }
                    for t in (policy.transfers if policy and outside else [])
                    if not t.countries or country in t.countries
                ],
            }
        )
    return flows
