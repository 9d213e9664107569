"""Rule documentation is generated from the code and agrees with the catalogue."""

from __future__ import annotations

import json
import re

from scanner.checks import RULES
from scanner.checks.docs import rules_markdown
from tests.conftest import ROOT, run_cli

CATALOGUE = ROOT.parent / "shared" / "spec" / "rules.md"


def catalogue_ids() -> set[str]:
    """Every id the catalogue defines (a table row starting with the id)."""
    text = CATALOGUE.read_text(encoding="utf-8")
    return set(re.findall(r"^\| ([A-Z]+-\d{2}) \|", text, flags=re.MULTILINE))


def core_set() -> set[str]:
    text = CATALOGUE.read_text(encoding="utf-8")
    line = text.split("### Core set", 1)[1].split("---", 1)[0]
    return set(re.findall(r"[A-Z]+-\d{2}", line))


def test_every_rule_id_is_in_the_catalogue() -> None:
    assert set(RULES) - catalogue_ids() == set()


def test_every_core_set_rule_is_implemented() -> None:
    assert len(core_set()) == 36
    assert core_set() - set(RULES) == set()


def test_every_rule_is_documented_like_ruff_documents_its_rules() -> None:
    for registered in RULES.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", registered.name), registered.id
        assert registered.summary and not registered.summary.startswith(registered.id), (
            registered.id
        )
        assert len(registered.why) > 80, f"{registered.id}: why it matters"
        assert registered.example, f"{registered.id}: example"
        assert registered.fix and registered.sources, registered.id


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), (
        "docs/rules.md is stale: run `.venv/bin/privacyscan rules --markdown > docs/rules.md`"
    )


def test_rules_command_lists_every_rule_as_text_and_json() -> None:
    text = run_cli("rules")
    assert text.returncode == 0
    assert all(rule_id in text.stdout for rule_id in RULES)
    listed = json.loads(run_cli("rules", "--json").stdout)
    assert listed[0]["id"] == "EP-01"  # catalogue order: ePrivacy rules first
    assert {entry["id"] for entry in listed} == set(RULES)
    for entry in listed:
        assert {"id", "name", "default_severity", "why", "example", "fix", "sources"} <= set(entry)
