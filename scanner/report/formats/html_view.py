"""The HTML report's view model: what the site owner reads first, worked out from report.json.

The template only lays things out; deciding what goes first (the verdict, the three things to
fix, the findings by severity, the rows that still happen after "reject") is done here, in
plain functions over the report document, so it can be tested without rendering.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from scanner.model import SEVERITY_ORDER
from scanner.report.i18n import Translator

#: Phases in the order a visitor lives them; ``gpc`` only when the scan ran it.
PHASE_ORDER = ("pre-consent", "accept", "reject", "gpc")
SEVERITIES = ("high", "medium", "low", "info")
#: Evidence rows shown per finding; the rest are in report.json.
EVIDENCE_ROWS = 12
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def is_accepted(finding: dict) -> bool:
    """Accepted in the baseline (and not expired): shown apart, after the others."""
    return (finding.get("baseline") or {}).get("status") == "accepted"


#: The rule catalogue's section order (../shared/spec/rules.md): consent before anything else,
#: then the banner, transfers, the policy text, its claims. The registry's own order is only the
#: order its modules happen to be imported in, so it says nothing about priority.
CATALOGUE_ORDER = ("EP", "NL", "CB", "CL", "TR", "TP", "CLM", "OUT", "US", "SEC")


def rule_rank(rule_id: str) -> tuple[int, int, str]:
    """A rule's place in the catalogue: its section, then its number (``EP-02`` < ``EP-10``)."""
    prefix, _, number = rule_id.partition("-")
    section = CATALOGUE_ORDER.index(prefix) if prefix in CATALOGUE_ORDER else len(CATALOGUE_ORDER)
    return section, int(number) if number.isdigit() else 0, rule_id


def ordered(document: dict, findings: list[dict]) -> list[dict]:
    """Highest effective severity first, then catalogue order, then as found."""
    return sorted(
        findings, key=lambda f: (-SEVERITY_ORDER.get(f["severity"], 0), rule_rank(f["id"]))
    )


def active_findings(document: dict) -> list[dict]:
    """The findings to act on: all but the baseline-accepted ones, most serious first."""
    return ordered(document, [f for f in document["findings"] if not is_accepted(f)])


def top_three(document: dict) -> list[dict]:
    """The three things to fix first: active findings above ``info`` (an inventory is no fix),
    one per rule (two EP-01 findings, first- and third-party cookies, are one fix)."""
    chosen: dict[str, dict] = {}
    for finding in active_findings(document):
        if finding["severity"] != "info" and len(chosen) < 3:
            chosen.setdefault(finding["id"], finding)
    return list(chosen.values())


def by_severity(findings: list[dict]) -> list[tuple[str, list[dict]]]:
    """(severity, findings) for each severity that has any, most serious first."""
    return [
        (severity, group)
        for severity in SEVERITIES
        if (group := [f for f in findings if f["severity"] == severity])
    ]


def verdict(document: dict, t: Translator) -> tuple[str, str]:
    """The level (``high``, ``medium``, ``low``, ``clean``) and the one-sentence verdict.

    The sentence names the two failures a visitor notices (tracking before any choice, and a
    "reject" that changes nothing) when the findings show them; it never says "unlawful".
    """
    active = active_findings(document)
    fixes = len(top_three(document))
    worst = active[0]["severity"] if active else None
    if worst is None or (worst == "info" and fixes == 0):
        return "clean", t("verdict.clean")

    def serious(phase: str) -> bool:
        return any(
            f.get("phase") == phase and SEVERITY_ORDER[f["severity"]] >= SEVERITY_ORDER["medium"]
            for f in active
        )

    before, after_reject = serious("pre-consent"), serious("reject")
    level = worst if worst in ("high", "medium") else "low"
    if before and after_reject:
        lead = "verdict.before_and_reject"
    elif before:
        lead = "verdict.before_consent"
    elif after_reject:
        lead = "verdict.after_reject"
    else:
        lead = f"verdict.{level}"
    conclusion = t(f"verdict.level.{level}")
    action = t("verdict.fix_one") if fixes == 1 else t("verdict.fix_many", count=fixes)
    return level, t(lead, conclusion=conclusion, action=action)


def label(t: Translator, prefix: str, key: str) -> str:
    """A translated name for a data key (``evidence.cookie``), or the key itself when the
    catalogue has none: evidence keys are open-ended, and a raw key beats a crash."""
    return t.get(f"{prefix}.{key}", key)


def evidence_table(finding: dict, t: Translator, image: Callable[[str], str | None]) -> dict:
    """A finding's evidence as a compact table: one column per key (in order of appearance),
    cells typed so the template can quote policy sentences, break URLs and show screenshots."""
    evidence = finding.get("evidence") or []
    keys: list[str] = []
    for item in evidence:
        keys.extend(key for key in item if key not in keys)
    if evidence and all(i.get("source") == "policy" for i in evidence):
        # Every row quotes the policy: the page is named once above the table, not per row.
        keys = [key for key in keys if key not in ("source", "url")]
    rows = []
    for item in evidence[:EVIDENCE_ROWS]:
        rows.append([_cell(key, item.get(key), t, image) for key in keys])
    return {
        "columns": [label(t, "evidence", key) for key in keys],
        "rows": rows,
        "more": max(0, len(evidence) - EVIDENCE_ROWS),
        "policy_url": next((i["url"] for i in evidence if i.get("source") == "policy"), None),
    }


def _cell(key: str, value: object, t: Translator, image: Callable[[str], str | None]) -> dict:
    if value is None or value == "" or value == []:
        return {"kind": "text", "value": ""}
    if key == "quote":
        return {"kind": "quote", "value": str(value)}
    if key == "screenshot" and isinstance(value, str):
        return {"kind": "image", "value": image(value), "path": value}
    if isinstance(value, bool):
        return {"kind": "text", "value": t("common.yes") if value else t("common.no")}
    if key in ("phase", "phases"):
        names = value if isinstance(value, list) else [value]
        return {"kind": "text", "value": ", ".join(label(t, "phase", str(n)) for n in names)}
    if key == "category":
        return {"kind": "text", "value": label(t, "category", str(value))}
    if key == "source":
        return {"kind": "text", "value": label(t, "source", str(value))}
    if isinstance(value, list):
        return {"kind": "list", "value": [str(v) for v in value]}
    text = str(value)
    return {"kind": "url" if "://" in text else "text", "value": text}


def ran_phases(document: dict) -> list[str]:
    """The phases that ran (not skipped), in a visitor's order."""
    phases = document.get("phases", {})
    return [p for p in PHASE_ORDER if p in phases and not phases[p].get("skipped")]


def phase_matrix(document: dict) -> dict:
    """Third parties (owner + host) and cookies (name + domain) against the phases.

    Each row says in which phases it was seen (the number of requests for a host); rows seen
    after "reject" come first and are flagged, so what still happens after a refusal stands
    out.
    """
    phases = ran_phases(document)
    hosts: dict[tuple[str, str], dict] = {}
    cookies: dict[tuple[str, str], dict] = {}
    for name in phases:
        phase = document["phases"][name]
        for request in phase.get("requests", []):
            if not request.get("third_party"):
                continue
            key = (request.get("owner") or "", request["host"])
            row = hosts.setdefault(key, _row(request, phases, host=key[1]))
            row["seen"][name] += 1
            row["tracker"] = row["tracker"] or bool(request.get("tracker"))
        for cookie in phase.get("cookies", []):
            key = (cookie["name"], cookie["domain"])
            row = cookies.setdefault(key, _row(cookie, phases, name=key[0], domain=key[1]))
            row["seen"][name] += 1

    def arrange(rows: dict) -> list[dict]:
        for row in rows.values():
            row["after_reject"] = row["seen"].get("reject", 0) > 0
        return sorted(rows.values(), key=lambda r: (not r["after_reject"], *r["sort"]))

    return {"phases": phases, "parties": arrange(hosts), "cookies": arrange(cookies)}


def _row(record: dict, phases: list[str], **names: str) -> dict:
    return {
        **names,
        "owner": record.get("owner"),
        "category": record.get("category"),
        "tracker": bool(record.get("tracker")),
        "third_party": bool(record.get("third_party")),
        "seen": dict.fromkeys(phases, 0),
        "sort": ((record.get("owner") or "~").casefold(), *(v.casefold() for v in names.values())),
    }


#: Declared-versus-observed rows that need action come first.
VERDICT_RANK = {
    "contradicted": 0, "undeclared": 1, "lifetime-differs": 2, "not-observed": 3,
    "not-contradicted": 4, "match": 5, "not-tested": 6,
}  # fmt: skip


def by_verdict(rows: list[dict]) -> list[dict]:
    """Comparison rows, the ones to act on first (stable within a verdict)."""
    return sorted(rows, key=lambda row: VERDICT_RANK.get(row.get("verdict", ""), 9))


def seconds_until(expires: str | None, started: str | None) -> int | None:
    """A cookie's observed lifetime: from the scan's start to its expiry (None: session)."""
    if not expires or not started:
        return None
    end = datetime.fromisoformat(expires.replace("Z", "+00:00"))
    start = datetime.fromisoformat(started.replace("Z", "+00:00"))
    return max(0, int((end - start).total_seconds()))


def duration(t: Translator, seconds: int | None, session: bool = True) -> str:
    """``session``, ``3 hours``, ``24 days``: lifetimes as a site owner reads them."""
    if seconds is None:
        return t("duration.session") if session else ""
    if seconds < 2 * 86400:
        return t("duration.hours", count=round(seconds / 3600))
    return t("duration.days", count=round(seconds / 86400))


def cookie_rows(document: dict) -> list[dict]:
    """Every cookie seen (by name and domain), with its phases and observed lifetime."""
    rows: dict[tuple[str, str], dict] = {}
    for name in ran_phases(document):
        for cookie in document["phases"][name].get("cookies", []):
            key = (cookie["name"], cookie["domain"])
            row = rows.setdefault(key, {**cookie, "phases": []})
            row["phases"].append(name)
            row["lifetime"] = seconds_until(cookie.get("expires"), document.get("started_at"))
    return sorted(rows.values(), key=lambda r: (r["third_party"], r["name"].casefold()))


def screenshots(document: dict) -> list[tuple[str, str | None]]:
    """The banner as first seen, after accept and after reject: (caption key, path)."""
    consent = document.get("consent") or {}
    accept, reject = consent.get("accept") or {}, consent.get("reject") or {}
    first = accept.get("screenshot_before") or reject.get("screenshot_before")
    return [
        ("shot.first_seen", first),
        ("shot.after_accept", accept.get("screenshot_after")),
        ("shot.after_reject", reject.get("screenshot_after")),
    ]


def inline_image(source_dir: Path | None, relative: str | None) -> str | None:
    """A screenshot from the report folder as a data: URI; None when it cannot be read.

    Only image files inside the report's own folder are read: report.json names them, and a
    report.json from elsewhere must not make the page embed an arbitrary file.
    """
    if not relative or source_dir is None:
        return None
    base = source_dir.resolve()
    path = (base / relative).resolve()
    kind = IMAGE_TYPES.get(path.suffix.lower())
    if kind is None or not path.is_relative_to(base) or not path.is_file():
        return None
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def yesno(t: Translator, value: object) -> str:
    """``yes`` or ``no`` in the report's language."""
    return t("common.yes") if value else t("common.no")
