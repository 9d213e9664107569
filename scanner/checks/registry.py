"""The rule registry: ``@rule(...)`` records a check with its id, severity, fix and sources.

A rule is documented the way Ruff documents its rules, from the code: the decorator names the
id, the kebab-case name, the default severity, the title, the fix and the sources; the check
function's docstring says what it checks (first paragraph), ``## Why it matters`` and
``## Example`` (what triggers it). ``privacyscan rules`` and docs/rules.md are generated from
this registry, so the documentation cannot drift from the code.

A rule whose finding reads differently by case (first- or third-party cookies, for example)
declares those titles as ``variants``: English templates keyed by a short name, which the
check yields with their parameters. The report keeps the key and the parameters, so every
output can render the title again, in any language, from report.json alone.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scanner.config import RuleConfig
from scanner.model import Finding, PhaseName, Scan, Severity

#: A title a check chooses: a variant key and the values its template needs.
TitleChoice = tuple[str, dict[str, object]]
#: A rule yields (phase, severity or None for the default, evidence list, title choice or None).
Hit = tuple[PhaseName | None, Severity | None, list[dict], TitleChoice | None]
CheckFunction = Callable[[Scan], Iterable[Hit]]

#: Evidence fields that say what a finding is about (a cookie, a host, a recipient, a policy
#: element), as opposed to counts, dates and quotes that change from scan to scan. A finding's
#: fingerprint is its rule, phase and these subjects, so the same problem found again next
#: week is recognisably the same finding.
SUBJECT_FIELDS = (
    "cookie", "domain", "host", "recipient", "origin", "key", "storage", "behaviour", "script",
    "mechanism", "missing", "claim", "pre_ticked", "control", "form", "element", "page_host",
)  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """A registered rule and what the report says about it."""

    id: str
    name: str
    severity: Severity
    title: str
    #: What to do about it: the advice every finding of this rule carries.
    fix: str
    sources: tuple[str, ...]
    check: CheckFunction
    #: What the rule checks (the first paragraph of the check's docstring).
    summary: str
    why: str
    example: str
    #: The rule can judge the policy text alone (``privacyscan policy``), without a crawl.
    text_only: bool = False
    variants: Mapping[str, str] = field(default_factory=dict)

    def metadata(self, config: RuleConfig) -> dict:
        """What report.json carries about the rule, so outputs need not import the registry."""
        return {
            "id": self.id,
            "name": self.name,
            "default_severity": self.severity,
            "severity": config.severity_for(self.id, None, self.severity)[0],
            "title": self.title,
            "summary": self.summary,
            "why": self.why,
            "example": self.example,
            "fix": self.fix,
            "sources": list(self.sources),
            "text_only": self.text_only,
            "variants": dict(self.variants),
        }


RULES: dict[str, Rule] = {}

_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


def docstring_sections(check: CheckFunction) -> dict[str, str]:
    """The check's docstring as {"summary": first paragraph, "<heading>": text, ...}."""
    text = inspect.cleandoc(check.__doc__ or "")
    parts = _SECTION.split(text)
    sections = {"summary": " ".join(parts[0].strip().split("\n\n")[0].split())}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        sections[heading.strip().lower()] = "\n".join(
            line.rstrip() for line in body.strip().splitlines()
        )
    return sections


def rule(
    id: str,
    name: str,
    severity: Severity,
    title: str,
    fix: str,
    sources: Iterable[str],
    text_only: bool = False,
    variants: Mapping[str, str] | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register ``check`` under a catalogue id; ids are unique and never reused."""

    def register(check: CheckFunction) -> CheckFunction:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        sections = docstring_sections(check)
        RULES[id] = Rule(
            id=id,
            name=name,
            severity=severity,
            title=title,
            fix=fix,
            sources=tuple(sources),
            check=check,
            summary=sections["summary"],
            why=sections.get("why it matters", ""),
            example=sections.get("example", ""),
            text_only=text_only,
            variants=dict(variants or {}),
        )
        return check

    return register


def run_checks(
    scan: Scan, config: RuleConfig | None = None, text_only: bool = False
) -> list[Finding]:
    """Every enabled rule over ``scan`` (only the text-only ones for a policy alone).

    ``config`` switches rules off and changes severities; each finding records its default
    severity, the effective one and where the effective one came from.
    """
    config = config or RuleConfig()
    findings = []
    for registered in rules_to_check(config, text_only):
        for phase, severity, evidence, choice in registered.check(scan):
            variant, params = choice if choice else (None, {})
            default = severity or registered.severity
            effective, source = config.severity_for(registered.id, variant, default)
            findings.append(
                Finding(
                    id=registered.id,
                    name=registered.name,
                    severity=effective,
                    title=(
                        registered.variants[variant].format(**params)
                        if variant
                        else registered.title
                    ),
                    phase=phase,
                    evidence=evidence,
                    advice=registered.fix,
                    sources=list(registered.sources),
                    default_severity=default,
                    severity_source=source,
                    title_key=f"{registered.id}.{variant}" if variant else registered.id,
                    title_params=params,
                    fingerprint=fingerprint(registered.id, phase, evidence),
                )
            )
    return findings


def rules_to_check(config: RuleConfig, text_only: bool = False) -> list[Rule]:
    """The rules a scan runs: enabled ones, and only text-only ones for a policy alone."""
    return [
        registered
        for registered in RULES.values()
        if registered.id not in config.disabled and (registered.text_only or not text_only)
    ]


def fingerprint(rule_id: str, phase: str | None, evidence: list[dict]) -> str:
    """A stable id for a finding: the rule, the phase and what the evidence is about.

    Counts, timestamps, quotes and URL query strings are left out, so the same cookie set by
    the same tag before consent has the same fingerprint on every scan; a new cookie joining
    the finding makes it a new one (the gate should notice it).
    """
    subjects = sorted(
        {
            "|".join(f"{key}={_subject_value(item[key])}" for key in SUBJECT_FIELDS if key in item)
            for item in evidence
        }
        - {""}
    )
    digest = hashlib.sha256("\n".join([rule_id, phase or "", *subjects]).encode()).hexdigest()
    return f"{rule_id}/{digest[:16]}"


def _subject_value(value: object) -> str:
    """A subject as compared across scans: URLs without their query, lists joined."""
    if isinstance(value, list | tuple):
        return ",".join(sorted(_subject_value(v) for v in value))
    text = str(value)
    if "://" in text:
        parts = urlsplit(text)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"
    return text
