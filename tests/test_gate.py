"""The CI gate: rule configuration, fingerprints, the baseline, and exit codes that never lie.

The policy command gives real findings in a second (no browser): the seed policy relies on the
Privacy Shield and Safe Harbor (TR-03, TR-04, both high), so it is the gate's test subject.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from scanner import cli
from scanner.checks import RULES
from scanner.checks.registry import fingerprint, run_checks
from scanner.config import RuleConfig, find_config, load_config
from scanner.errors import UsageError
from scanner.model import CookieRecord, PageVisit, PhaseResult, Scan
from tests.conftest import run_cli

SEED = "tests/policycorpus/nl-kleineporties-seed/policy.txt"


def policy_run(tmp_path: Path, name: str, *extra: str) -> tuple[int, dict, str]:
    out = tmp_path / name
    done = run_cli("policy", SEED, "--out", str(out), *extra)
    report = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {}
    return done.returncode, report, done.stderr


# -- configuration ---------------------------------------------------------------------------


def test_configuration_changes_severity_switches_rules_off_and_says_so(tmp_path: Path) -> None:
    config = tmp_path / "privacyscan.toml"
    config.write_text('[rules]\nTR-03 = "low"\nTR-04 = "off"\n', encoding="utf-8")
    code, report, stderr = policy_run(tmp_path, "out", "--config", str(config))
    assert code == 0, stderr
    by_id = {f["id"]: f for f in report["findings"]}
    assert "TR-04" not in by_id
    assert "TR-04" not in {r["id"] for r in report["rules"]}
    assert by_id["TR-03"]["severity"] == "low"
    assert by_id["TR-03"]["default_severity"] == "high"
    assert by_id["TR-03"]["severity_source"] == f"configuration ({config}): rules.TR-03"
    assert report["config"]["disabled"] == ["TR-04"]
    # Without the file the defaults hold.
    _, plain, _ = policy_run(tmp_path, "plain")
    plain_ids = {f["id"]: f for f in plain["findings"]}
    assert plain_ids["TR-04"]["severity"] == "high"
    assert plain_ids["TR-03"]["severity_source"] == "rule default"


def test_yaml_configuration_in_the_working_directory_is_found(tmp_path: Path) -> None:
    (tmp_path / ".privacyscan.yaml").write_text("rules:\n  TP-15: info\n", encoding="utf-8")
    found = find_config(None, tmp_path)
    assert found == tmp_path / ".privacyscan.yaml"
    assert load_config(found, set(RULES)).severities == {"TP-15": "info"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[rules]\nXX-99 = "low"\n', "rules.XX-99: no such rule"),
        ('[rules]\nEP-01 = "severe"\n', "rules.EP-01: 'severe' is not one of off, info"),
        ('[jurisdiction]\nnl-analytics-exemption = "maybe"\n', "'maybe' is not one of"),
        ('[jurisdiction]\nmars = "strict"\n', "jurisdiction.mars: unknown option"),
        ("[colours]\nx = 1\n", "unknown section 'colours'"),
        ("[rules\n", "not a readable configuration file"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "privacyscan.toml"
    config.write_text(text, encoding="utf-8")
    code, _, stderr = policy_run(tmp_path, "out", "--config", str(config))
    assert code == 2
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert message in stderr and str(config) in stderr


def _analytics_scan() -> Scan:
    """A pre-consent phase with one first-party analytics cookie (the NL exemption's case)."""
    phase = PhaseResult(name="pre-consent")
    phase.pages.append(PageVisit("pre-consent", "https://a.nl/", 200))
    cookie = CookieRecord(
        "pre-consent", "_ga", ".a.nl", "/", None, True, False, "Lax", 20, "0" * 16
    )
    cookie.attribution.tracker, cookie.attribution.category = True, "analytics"
    phase.cookies.append(cookie)
    skipped = {name: PhaseResult(name=name, skipped="not run") for name in ("accept", "reject")}
    return Scan("https://a.nl/", "2026-12-02T00:00:00Z", phases={"pre-consent": phase, **skipped})


@pytest.mark.parametrize(
    ("option", "severity"), [(None, "medium"), ("strict", "high"), ("lenient", "info")]
)
def test_nl_analytics_exemption_regrades_first_party_analytics(
    option: str | None, severity: str
) -> None:
    config = RuleConfig(path="privacyscan.toml")
    if option:
        config.jurisdiction["nl-analytics-exemption"] = option
    ep01 = [f for f in run_checks(_analytics_scan(), config) if f.id == "EP-01"]
    assert [f.severity for f in ep01] == [severity]
    assert ep01[0].default_severity == "medium"
    assert ep01[0].title_key == "EP-01.first-party-analytics"
    assert ep01[0].title_params == {"count": 1}
    if option:
        assert "nl-analytics-exemption = " + option in ep01[0].severity_source


# -- fingerprints ----------------------------------------------------------------------------


def test_fingerprint_ignores_counts_dates_and_query_strings() -> None:
    one = [{"cookie": "_ga", "domain": ".a.nl", "expires": "2027-01-01T00:00:00Z"}]
    later = [{"cookie": "_ga", "domain": ".a.nl", "expires": "2027-02-03T00:00:00Z"}]
    assert fingerprint("EP-01", "pre-consent", one) == fingerprint("EP-01", "pre-consent", later)
    script = [{"script": "https://t.example/fp.js?v=1", "host": "t.example"}]
    script_v2 = [{"script": "https://t.example/fp.js?v=2", "host": "t.example"}]
    assert fingerprint("EP-04", None, script) == fingerprint("EP-04", None, script_v2)


def test_fingerprint_changes_with_what_the_finding_is_about() -> None:
    ga = [{"cookie": "_ga", "domain": ".a.nl"}]
    more = [*ga, {"cookie": "_fbp", "domain": ".a.nl"}]
    base = fingerprint("EP-01", "pre-consent", ga)
    assert fingerprint("EP-01", "pre-consent", more) != base
    assert fingerprint("EP-01", "reject", ga) != base
    assert fingerprint("EP-05", "pre-consent", ga) != base
    assert base.startswith("EP-01/") and len(base) == len("EP-01/") + 16


def test_the_same_policy_gives_the_same_fingerprints_twice(tmp_path: Path) -> None:
    _, first, _ = policy_run(tmp_path, "one")
    _, second, _ = policy_run(tmp_path, "two")
    prints = [f["fingerprint"] for f in first["findings"]]
    assert prints == [f["fingerprint"] for f in second["findings"]]
    assert len(set(prints)) == len(prints)


# -- baseline and exit codes -----------------------------------------------------------------


def test_baseline_round_trip_accepts_then_expires(tmp_path: Path) -> None:
    code, report, _ = policy_run(tmp_path, "first", "--fail-on", "high")
    assert code == 1
    baseline = tmp_path / "baseline.yaml"
    made = run_cli(
        "baseline", str(tmp_path / "first" / "report.json"), "--file", str(baseline),
        "--reason", "legal reviewed the transfer wording", "--accepted-by", "dpo@example.nl",
        "--expires", (dt.date.today() + dt.timedelta(days=30)).isoformat(),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert f"{len(report['findings'])} finding(s) added" in made.stdout

    code, accepted, stderr = policy_run(
        tmp_path, "second", "--fail-on", "high", "--baseline", str(baseline)
    )
    assert code == 0, stderr
    assert {f["baseline"]["status"] for f in accepted["findings"]} == {"accepted"}
    assert accepted["findings"][0]["baseline"]["accepted_by"] == "dpo@example.nl"
    assert accepted["baseline"]["accepted"] == len(report["findings"])
    assert accepted["baseline"]["new"] == 0

    text = baseline.read_text(encoding="utf-8")
    expired = text.replace(
        (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        (dt.date.today() - dt.timedelta(days=1)).isoformat(),
    )
    baseline.write_text(expired, encoding="utf-8")
    code, after, _ = policy_run(tmp_path, "third", "--fail-on", "high", "--baseline", str(baseline))
    assert code == 1
    assert {f["baseline"]["status"] for f in after["findings"]} == {"expired"}


def test_report_command_gates_from_report_json_alone(tmp_path: Path) -> None:
    policy_run(tmp_path, "scan")
    source = tmp_path / "scan" / "report.json"
    baseline = tmp_path / "b.yaml"
    assert run_cli("baseline", str(source), "--file", str(baseline)).returncode == 0
    gated = run_cli("report", str(source), "--format", "json", "--out", str(tmp_path / "r"),
                    "--fail-on", "high")  # fmt: skip
    assert gated.returncode == 1
    passed = run_cli("report", str(source), "--format", "json", "--out", str(tmp_path / "r2"),
                     "--fail-on", "high", "--baseline", str(baseline))  # fmt: skip
    assert passed.returncode == 0, passed.stderr
    rewritten = json.loads((tmp_path / "r2" / "report.json").read_text())
    assert rewritten["baseline"]["accepted"] == len(rewritten["findings"])


def test_baseline_keeps_what_a_person_wrote_and_prunes_on_request(tmp_path: Path) -> None:
    policy_run(tmp_path, "scan")
    source = tmp_path / "scan" / "report.json"
    baseline = tmp_path / "b.yaml"
    run_cli("baseline", str(source), "--file", str(baseline), "--reason", "first reason")
    again = run_cli("baseline", str(source), "--file", str(baseline), "--reason", "other")
    assert "0 finding(s) added" in again.stdout
    assert "first reason" in baseline.read_text() and "other" not in baseline.read_text()
    document = json.loads(source.read_text())
    document["findings"] = document["findings"][:1]
    (tmp_path / "one.json").write_text(json.dumps(document))
    pruned = run_cli("baseline", str(tmp_path / "one.json"), "--file", str(baseline), "--prune")
    assert ", 0 removed" not in pruned.stdout
    assert baseline.read_text().count("fingerprint:") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["policy", SEED, "--out", "/proc/forbidden/out"],
            "--out /proc/forbidden/out: cannot write",
        ),
        (["policy", SEED, "--out", "/dev/null/x"], "--out /dev/null/x: cannot write"),
        (["scan", "https://www.example.nl/", "--out", "/proc/forbidden"], "cannot write"),
        (["policy", SEED, "--out", "x", "--baseline", "/nonexistent.yaml"], "--baseline"),
        (["report", "/nonexistent/report.json"], "no such file"),
        (["report", SEED], "not a readable report.json"),
        (["scan", "https://www.example.nl/", "--out", "x", "--format", "pdf"], "unknown format"),
    ],
)
def test_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unexpected_crash_exits_3_in_one_line(monkeypatch, capsys) -> None:
    def crash(args: object) -> int:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli.cli_report, "run_rules", crash)
    assert cli.main(["rules"]) == 3
    err = capsys.readouterr().err
    assert err.strip() == (
        "privacyscan: error: the scan failed unexpectedly: RuntimeError: boom "
        "(a bug: please report it with --log-level DEBUG output)"
    )


def test_usage_error_class_is_exit_2() -> None:
    assert UsageError("x").exit_code == 2
