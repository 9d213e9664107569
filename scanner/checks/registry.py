"""The rule registry: ``@rule(...)`` records a check with its id, severity and sources."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scanner.model import Finding, PhaseName, Scan, Severity

#: A rule yields (phase, severity or None for the default, evidence list, title or None).
Hit = tuple[PhaseName | None, Severity | None, list[dict], str | None]
CheckFunction = Callable[[Scan], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered rule and what the report says about it."""

    id: str
    name: str
    severity: Severity
    title: str
    advice: str
    sources: tuple[str, ...]
    check: CheckFunction
    #: The rule can judge the policy text alone (``privacyscan policy``), without a crawl.
    text_only: bool = False


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    name: str,
    severity: Severity,
    title: str,
    advice: str,
    sources: Iterable[str],
    text_only: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register ``check`` under a catalogue id; ids are unique and never reused."""

    def register(check: CheckFunction) -> CheckFunction:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(id, name, severity, title, advice, tuple(sources), check, text_only)
        return check

    return register


def run_checks(
    scan: Scan, overrides: dict[str, Severity] | None = None, text_only: bool = False
) -> list[Finding]:
    """Every registered rule over ``scan`` (only the text-only ones for a policy alone);
    ``overrides`` changes a rule's severity."""
    findings = []
    for registered in RULES.values():
        if text_only and not registered.text_only:
            continue
        for phase, severity, evidence, title in registered.check(scan):
            findings.append(
                Finding(
                    id=registered.id,
                    name=registered.name,
                    severity=(overrides or {}).get(registered.id, severity or registered.severity),
                    title=title or registered.title,
                    phase=phase,
                    evidence=evidence,
                    advice=registered.advice,
                    sources=list(registered.sources),
                )
            )
    return findings
