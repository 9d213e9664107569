"""The watch list: the YAML file of sites a team keeps an eye on.

One entry per site says what to scan (URL, policy, declared policy, pages per phase), when
(a cron expression, for the scheduler), what fails (``fail_on``), whom to tell (webhooks with a
per-target secret taken from an environment variable, e-mail addresses) and per-site rule
overrides. The file is validated against ``watchlist.schema.json`` and every problem is reported
as ``file:line: field: message``, because whoever fixes it has the YAML open, not a JSON path
(the same style as declared policies, scanner/policy/declared.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import yaml
from croniter import CroniterError, croniter

from scanner.config import RuleConfig
from scanner.errors import UsageError
from scanner.policy.declared import _line_of

DEFAULT_THRESHOLD = "medium"
_FORMATS = jsonschema.FormatChecker()


@_FORMATS.checks("cron", raises=(CroniterError, ValueError, KeyError, TypeError))
def is_cron(text: object) -> bool:
    """A cron expression croniter can iterate: five fields (minute hour day month weekday) or
    an ``@daily``-style alias. Six- and seven-field forms (seconds, years) are refused: a
    scheduler that runs every second is a mistake, not a plan."""
    if not isinstance(text, str):
        return True  # the schema's "type" reports that
    expression = text.strip()
    if not expression.startswith("@") and len(expression.split()) != 5:
        raise ValueError(f"expected 5 fields, got {len(expression.split())}")
    # get_next: "0 6 31 2 *" parses but never fires (February has no 31st); say so now.
    croniter(expression, datetime(2026, 1, 1, tzinfo=UTC)).get_next(datetime)
    return True


@dataclass(frozen=True)
class Webhook:
    """A webhook target; the HMAC secret is read from ``secret_env`` when an alert is sent,
    so the watch list can be committed without secrets."""

    url: str
    secret_env: str


@dataclass
class Site:
    """One watched site."""

    key: str
    url: str
    policy: str | None = None
    declared_policy: Path | None = None
    pages: int = 5
    schedule: str | None = None
    fail_on: str | None = None
    threshold: str = DEFAULT_THRESHOLD
    webhooks: list[Webhook] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)
    line: int = 1

    def rule_config(self, watchlist: Path) -> RuleConfig:
        """The site's rule overrides as the scanner's rule configuration: what a scheduler
        passes to the scan, and what each finding names as its severity's source."""
        return RuleConfig(
            severities={rule: level for rule, level in self.rules.items() if level != "off"},
            disabled={rule for rule, level in self.rules.items() if level == "off"},
            path=f"{watchlist} sites/{self.key}",
        )

    def next_run(self, after: datetime) -> datetime | None:
        """When the scheduler should scan next (None without a schedule)."""
        if not self.schedule:
            return None
        return croniter(self.schedule, after).get_next(datetime)


@dataclass
class WatchList:
    """A validated watch list."""

    path: Path
    sites: list[Site]
    smtp: dict = field(default_factory=dict)

    def site(self, key: str) -> Site | None:
        """The entry whose key is ``key`` (None when the list does not watch it)."""
        return next((site for site in self.sites if site.key == key), None)


@cache
def watchlist_schema() -> dict:
    """The watch list's JSON Schema (shipped beside this module)."""
    text = resources.files("scanner.fleet").joinpath("watchlist.schema.json").read_text()
    return json.loads(text)


def load_watchlist(path: Path) -> WatchList:
    """Read and validate a watch list; :class:`UsageError` names the file, line and field."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the watch list ({error})") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise UsageError(f"{where}: not valid YAML: {reason}") from None
    validator = jsonschema.Draft202012Validator(watchlist_schema(), format_checker=_FORMATS)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        where = list(error.absolute_path)
        name = "/".join(str(part) for part in where) or "(top level)"
        line = _line_of(root, where + _unknown_fields(error)[:1])
        raise UsageError(f"{path}:{line}: {name}: {_message(error)}")
    sites = [
        _site(entry, path, _line_of(root, ["sites", i])) for i, entry in enumerate(data["sites"])
    ]
    _check_unique(sites, path)
    _check_rules(sites, path, root)
    return WatchList(path=path, sites=sites, smtp=data.get("smtp") or {})


def _message(error: jsonschema.ValidationError) -> str:
    """The schema's message, with the reason a cron expression was refused."""
    if error.validator == "format" and error.validator_value == "cron":
        return f"{error.instance!r} is not a valid cron expression ({error.cause})"
    unknown = _unknown_fields(error)
    if unknown:
        return f"unknown field(s): {', '.join(map(repr, unknown))}"
    return error.message[:200]


def _unknown_fields(error: jsonschema.ValidationError) -> list[str]:
    """The keys an ``additionalProperties: false`` object refused (its line is the one to fix)."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    known = set(error.schema.get("properties", {}))
    return [key for key in error.instance if key not in known]


def _site(entry: dict, path: Path, line: int) -> Site:
    notify = entry.get("notify") or {}
    base = path.parent
    policy = entry.get("policy")
    if policy and not urlsplit(policy).scheme.startswith("http"):
        policy = str((base / policy).resolve())
    declared = entry.get("declared_policy")
    return Site(
        key=entry.get("name") or (urlsplit(entry["url"]).hostname or entry["url"]),
        url=entry["url"],
        policy=policy,
        declared_policy=(base / declared).resolve() if declared else None,
        pages=entry.get("pages", 5),
        schedule=entry.get("schedule"),
        fail_on=entry.get("fail_on"),
        threshold=notify.get("threshold") or entry.get("fail_on") or DEFAULT_THRESHOLD,
        webhooks=[Webhook(h["url"], h["secret_env"]) for h in notify.get("webhooks", [])],
        emails=list(notify.get("email", [])),
        rules=dict(entry.get("rules") or {}),
        line=line,
    )


def _check_unique(sites: list[Site], path: Path) -> None:
    """Two entries with one key would share (and garble) one history."""
    seen: dict[str, Site] = {}
    for site in sites:
        if site.key in seen:
            raise UsageError(
                f"{path}:{site.line}: sites: the site key {site.key!r} is already used on line "
                f"{seen[site.key].line} (give one of them a distinct 'name')"
            )
        seen[site.key] = site


def _check_rules(sites: list[Site], path: Path, root: yaml.Node) -> None:
    """Rule overrides must name rules the scanner has: a typo would silently change nothing."""
    from scanner.checks import RULES

    for index, site in enumerate(sites):
        for rule_id in site.rules:
            if rule_id not in RULES:
                line = _line_of(root, ["sites", index, "rules", rule_id])
                raise UsageError(
                    f"{path}:{line}: sites/{index}/rules/{rule_id}: no such rule "
                    "(see `privacyscan rules`)"
                )
