"""The watch list: validated against its JSON Schema, cron expressions checked for real, and
every problem reported as ``file:line: field: message`` with exit code 2."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from scanner.cli import main
from scanner.errors import UsageError
from scanner.fleet.watchlist import load_watchlist, watchlist_schema

GOOD = """\
version: 1
smtp:
  host: mail.example.nl
  port: 587
  tls: starttls
  sender: privacy@example.nl
sites:
  - name: shop
    url: https://www.shop-fixture.nl/
    policy: policies/shop.html
    declared_policy: policies/shop.yaml
    pages: 3
    schedule: "0 6 * * 1-5"
    fail_on: high
    notify:
      webhooks:
        - url: https://hooks.example.nl/privacy
          secret_env: SHOP_HOOK_SECRET
      email: [dpo@example.nl, web@example.nl]
    rules:
      CB-06: "off"
      TP-15: info
  - url: https://www.quiet-fixture.nl/
    schedule: "@daily"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "watch.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(watchlist_schema())


def test_a_valid_watch_list_is_read_with_its_defaults(tmp_path: Path) -> None:
    watch = load_watchlist(write(tmp_path, GOOD))
    shop, quiet = watch.sites
    assert shop.key == "shop" and quiet.key == "www.quiet-fixture.nl"  # default key: the host
    assert shop.policy == str((tmp_path / "policies/shop.html").resolve())
    assert shop.declared_policy == (tmp_path / "policies/shop.yaml").resolve()
    assert (shop.pages, quiet.pages) == (3, 5)
    assert shop.threshold == "high" and quiet.threshold == "medium"  # notify <- fail_on <- medium
    assert [(h.url, h.secret_env) for h in shop.webhooks] == [
        ("https://hooks.example.nl/privacy", "SHOP_HOOK_SECRET")
    ]
    assert shop.emails == ["dpo@example.nl", "web@example.nl"]
    assert shop.rules == {"CB-06": "off", "TP-15": "info"}
    assert watch.smtp["tls"] == "starttls"
    monday = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # a Monday, after 06:00
    assert shop.next_run(monday) == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    assert quiet.next_run(monday) == datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    assert watch.site("shop") is shop and watch.site("nope") is None
    config = shop.rule_config(watch.path)
    assert config.disabled == {"CB-06"} and config.severities == {"TP-15": "info"}
    assert config.severity_for("TP-15", None, "medium")[0] == "info"


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        (
            '"0 6 * * 1-5"',
            '"61 6 * * 1-5"',
            13,
            "sites/0/schedule: '61 6 * * 1-5' is not a valid cron",
        ),
        ('"0 6 * * 1-5"', '"0 6 * *"', 13, "expected 5 fields, got 4"),
        ('"0 6 * * 1-5"', '"0 0 6 * * 1-5"', 13, "expected 5 fields, got 6"),
        ('"0 6 * * 1-5"', '"0 6 31 2 *"', 13, "is not a valid cron"),
        ('"0 6 * * 1-5"', '"every monday"', 13, "is not a valid cron"),
        ("fail_on: high", "fail_on: critical", 14, "sites/0/fail_on: 'critical' is not one of"),
        ("pages: 3", "pages: 0", 12, "sites/0/pages: 0 is less than the minimum of 1"),
        ("dpo@example.nl,", "dpo.example.nl,", 19, "sites/0/notify/email/0: 'dpo.example.nl'"),
        ("secret_env: SHOP_HOOK_SECRET", "secret_env: 'not a name'", 18, "secret_env"),
        ("TP-15: info", "TP-15: loud", 22, "sites/0/rules/TP-15: 'loud' is not one of"),
        ("TP-15: info", "XX-99: info", 22, "sites/0/rules/XX-99: no such rule"),
        (
            "    pages: 3\n",
            "    pages: 3\n    colour: red\n",
            13,
            "sites/0: unknown field(s): 'colour'",
        ),
        ("url: https://www.shop", "url: ftp://www.shop", 9, "sites/0/url: 'ftp://"),
        (
            "  - url: https://www.quiet",
            "  - name: shop\n    url: https://www.quiet",
            23,
            "'shop' is already used on line 8",
        ),
        ("version: 1", "version: 2", 1, "version: 1 was expected"),
        ("    pages: 3\n", "    pages: [3\n", 13, "not valid YAML"),
    ],
)
def test_each_problem_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    assert GOOD.count(old) == 1
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(UsageError) as caught:
        load_watchlist(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert expected in message, message


def test_cli_validates_and_lists_next_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD)
    assert main(["watchlist", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["site"] for row in rows] == ["shop", "www.quiet-fixture.nl"]
    assert rows[0]["next_run"].endswith("T06:00:00Z")
    assert main(["watchlist", str(write(tmp_path, GOOD.replace("@daily", "@sometimes")))]) == 2
    error = capsys.readouterr().err
    assert f"{path}:24: sites/1/schedule" in error and len(error.strip().splitlines()) == 1
    assert main(["watchlist", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
