"""The rule configuration: per-rule severity, rules switched off, and jurisdiction options.

Read from ``--config FILE``, else ``privacyscan.toml`` or ``.privacyscan.yaml`` in the working
directory (the first that exists). Both say the same thing::

    # privacyscan.toml
    [rules]
    CB-06 = "off"          # switch a rule off
    TP-15 = "info"         # change its severity

    [jurisdiction]
    nl-analytics-exemption = "strict"   # strict | conditional (default) | lenient

Every finding records where its effective severity came from, so a report read later says
whether a "low" was the rule's own judgement or a configuration's.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scanner.errors import UsageError

SEVERITIES = ("info", "low", "medium", "high")
#: Names looked for in the working directory, in this order.
DEFAULT_FILES = ("privacyscan.toml", ".privacyscan.yaml")

#: Jurisdiction options: each value re-grades some rule variants. The Dutch analytics
#: exemption (Tw 11.7a, rules.md NL-01): "conditional" keeps first-party analytics cookies
#: before consent at medium (the AP's conditions may be met and need the owner's attestation);
#: "strict" treats them as any tracking cookie, since the AP has withdrawn its GA manual;
#: "lenient" reports them as information only, for owners who have attested the conditions.
JURISDICTION_OPTIONS: dict[str, dict[str, dict[str, str]]] = {
    "nl-analytics-exemption": {
        "conditional": {},
        "strict": {"EP-01.first-party-analytics": "high"},
        "lenient": {"EP-01.first-party-analytics": "info"},
    },
}


@dataclass
class RuleConfig:
    """What a configuration file changes; the default changes nothing."""

    severities: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    jurisdiction: dict[str, str] = field(default_factory=dict)
    #: The file it came from, named in each finding's ``severity_source``.
    path: str | None = None

    def severity_for(self, rule_id: str, variant: str | None, default: str) -> tuple[str, str]:
        """The effective severity of a finding and where it came from."""
        if rule_id in self.severities:
            return self.severities[rule_id], f"configuration ({self.path}): rules.{rule_id}"
        key = f"{rule_id}.{variant}" if variant else rule_id
        for option, value in sorted(self.jurisdiction.items()):
            regraded = JURISDICTION_OPTIONS[option][value].get(key)
            if regraded:
                return regraded, f"jurisdiction option {option} = {value} ({self.path})"
        return default, "rule default"

    def to_dict(self) -> dict:
        """For report.json: the configuration the findings were judged under."""
        return {
            "path": self.path,
            "severities": dict(sorted(self.severities.items())),
            "disabled": sorted(self.disabled),
            "jurisdiction": dict(sorted(self.jurisdiction.items())),
        }


def find_config(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """``--config`` if given (it must exist), else the first default file in ``cwd``."""
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"--config {explicit}: no such file")
        return explicit
    for name in DEFAULT_FILES:
        candidate = (cwd or Path.cwd()) / name
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None, known_rules: set[str]) -> RuleConfig:
    """Read and validate a configuration file; a mistake is a UsageError naming file and key."""
    if path is None:
        return RuleConfig()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UsageError(f"{path}: not a readable configuration file ({reason})") from None
    data = data or {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a table with [rules] and [jurisdiction]")
    unknown = set(data) - {"rules", "jurisdiction"}
    if unknown:
        raise UsageError(f"{path}: unknown section {sorted(unknown)[0]!r} (rules, jurisdiction)")
    config = RuleConfig(path=str(path))
    for rule_id, value in _table(data, "rules", path).items():
        if rule_id not in known_rules:
            raise UsageError(f"{path}: rules.{rule_id}: no such rule (see `privacyscan rules`)")
        if value == "off" or value is False:
            config.disabled.add(rule_id)
        elif value in SEVERITIES:
            config.severities[rule_id] = value
        else:
            raise UsageError(
                f"{path}: rules.{rule_id}: {value!r} is not one of off, {', '.join(SEVERITIES)}"
            )
    for option, value in _table(data, "jurisdiction", path).items():
        if option not in JURISDICTION_OPTIONS:
            known = ", ".join(JURISDICTION_OPTIONS)
            raise UsageError(f"{path}: jurisdiction.{option}: unknown option (known: {known})")
        if value not in JURISDICTION_OPTIONS[option]:
            allowed = ", ".join(JURISDICTION_OPTIONS[option])
            raise UsageError(f"{path}: jurisdiction.{option}: {value!r} is not one of {allowed}")
        config.jurisdiction[option] = value
    return config


def _table(data: dict, name: str, path: Path) -> dict:
    table = data.get(name) or {}
    if not isinstance(table, dict):
        raise UsageError(f"{path}: {name}: expected a table of names and values")
    return table
