"""Check: rules that turn a classified scan into findings.

One rule, one function, registered with its catalogue id (../shared/spec/rules.md), a
kebab-case name, its default severity, sources and advice. A rule reads the scan and returns its
evidence; the registry wraps that into :class:`~scanner.model.Finding` objects. Rules never touch
a browser, so a saved scan can be re-checked.
"""

from __future__ import annotations

from scanner.checks.registry import RULES, Rule, rule, run_checks

# Importing the rule modules registers their rules.
from scanner.checks import claims, consent, policy, tracking, transfers  # noqa: F401  isort: skip
from scanner.checks import cookieless, mechanisms  # noqa: F401  isort: skip
from scanner.checks import banner_design, policy_detail, security  # noqa: F401  isort: skip

__all__ = ["RULES", "Rule", "rule", "run_checks"]
