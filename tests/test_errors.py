"""Every error path of every command ends in one line on stderr and a documented exit code.

The contract (../shared/spec/report-contract.md, README "Exit codes"): 2 for bad input (before
any browser starts), 3 when the scan failed; never a traceback, never 0 or 1 (1 means
"findings"). Each case is one class of bad input for one command, run in process through
:func:`scanner.cli.main`; none needs a browser (``scan`` cases that pass validation stop at
``--chromium`` pointing nowhere, exit 3, right before the browser would launch).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.cli import main
from scanner.errors import one_line
from scanner.policy.controller import check_email

NO_BROWSER = "/nonexistent/chromium"
POLICY = """Privacy policy

We process your personal data only to deliver your order. You have the right to access and
erase your data. We keep order data for two years.
"""
OCD_HEADER = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,"
OCD_HEADER += "Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Good and bad input files, shared by the cases (none of them is changed by a case)."""
    folder = tmp_path_factory.mktemp("inputs")
    files = {
        "policy.txt": POLICY.encode(),
        "passwd": b"root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/bin/false\n",
        "binary.dat": bytes(range(256)) * 8,
        "empty.txt": b"",
        "broken.yaml": b"controller: [\n",
        "baddate.yaml": b"last_updated: 2024-13-45\n",
        "list.yaml": b"- 1\n- 2\n",
        "utf16.yaml": "language: nl\n".encode("utf-16"),
        "notjson.json": b"{not json",
        "notreport.json": b'{"hello": "world"}',
        "ocd.csv": (OCD_HEADER + "1,Google Analytics,Analytics,_ga,,,2 years,Google,,0\n").encode(),
        "trackerdb.json": b"[1, 2, 3]",
        "baseline.yaml": b"version: 1\nfindings: 5\n",
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / "folder").mkdir()
    assert main(["policy", str(folder / "policy.txt"), "--out", str(folder / "report")]) == 0
    return folder


def run(args: list[str], inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Run with ``{in}`` and ``{tmp}`` filled in; the exit code and the stderr lines."""
    filled = [arg.format(**{"in": inputs, "tmp": tmp_path}) for arg in args]
    capsys.readouterr()
    code = main(filled)
    return code, capsys.readouterr().err.strip().splitlines()


SCAN = ["scan", "https://www.example.nl/", "--out", "{tmp}/out", "--chromium", NO_BROWSER]
POLICY_CMD = ["policy", "{in}/policy.txt", "--out", "{tmp}/out"]
REPORT = ["report", "{in}/report/report.json", "--out", "{tmp}/out"]

#: (command line, exit code, text the one line must contain)
CASES = [
    # -- scan: URLs
    (["scan", "ftp://www.example.nl/", "--out", "{tmp}"], 2, "unsupported URL scheme"),
    (["scan", "https://[::1/", "--out", "{tmp}"], 2, "not a URL"),
    (["scan", "https://www.example.nl/\nx", "--out", "{tmp}"], 2, "control characters"),
    (["scan", "https://exa mple.nl/", "--out", "{tmp}"], 2, "not a URL"),
    (["scan", "https://www.example.nl:70000/", "--out", "{tmp}"], 2, "not a URL"),
    (["scan", "--out", "{tmp}"], 2, "url"),
    (["scan", "http://" + "a" * 300 + "/", "--out", "{tmp}"], 2, "longer than DNS allows"),
    # -- scan: output folder
    (["scan", "https://www.example.nl/", "--out", "/dev/null/x"], 2, "--out /dev/null/x"),
    (["scan", "https://www.example.nl/", "--out", "{in}/passwd"], 2, "cannot write there"),
    # -- scan: option values
    ([*SCAN, "--settle", "nan"], 2, "--settle"),
    ([*SCAN, "--quiet-cap", "inf"], 2, "--quiet-cap"),
    ([*SCAN, "--page-timeout", "-1"], 2, "--page-timeout"),
    ([*SCAN, "--max-pages", "0"], 2, "--max-pages"),
    ([*SCAN, "--exclude", "(unclosed"], 2, "--exclude"),
    ([*SCAN, "--locale", "not a locale"], 2, "--locale"),
    ([*SCAN, "--fail-on", "severe"], 2, "--fail-on"),
    ([*SCAN, "--format", "pdf"], 2, "--format"),
    # -- scan: input files
    ([*SCAN, "--config", "{in}/missing.toml"], 2, "no such file"),
    ([*SCAN, "--config", "{in}/binary.dat"], 2, "binary.dat"),
    ([*SCAN, "--baseline", "{in}/baseline.yaml"], 2, "baseline.yaml"),
    ([*SCAN, "--baseline", "{in}/baddate.yaml"], 2, "not a readable baseline"),
    ([*SCAN, "--trackerdb", "{in}/trackerdb.json"], 2, "not a TrackerDB"),
    ([*SCAN, "--trackerdb", "{in}/binary.dat"], 2, "not a TrackerDB"),
    ([*SCAN, "--declared-policy", "{in}/broken.yaml"], 2, "not valid YAML"),
    ([*SCAN, "--declared-policy", "{in}/baddate.yaml"], 2, "baddate.yaml:1: invalid value"),
    ([*SCAN, "--declared-policy", "{in}/utf16.yaml"], 2, "cannot read the declared policy"),
    ([*SCAN, "--declared-policy", "{in}/folder"], 2, "no such file"),
    ([*SCAN, "--policy", "{in}/passwd"], 2, "not a privacy policy"),
    ([*SCAN, "--policy", "{in}/empty.txt"], 2, "no text found"),
    ([*SCAN, "--policy", "{in}/missing.html"], 2, "no such file"),
    # -- scan: the scan itself cannot run
    (SCAN, 3, "--chromium /nonexistent/chromium: no such file"),
    # -- policy
    (["policy", "{in}/missing.txt", "--out", "{tmp}"], 2, "no such file"),
    (["policy", "{in}/folder", "--out", "{tmp}"], 2, "no such file"),
    (["policy", "{in}/passwd", "--out", "{tmp}"], 2, "passwd: not a privacy policy"),
    (["policy", "{in}/binary.dat", "--out", "{tmp}"], 2, "not a privacy policy"),
    (["policy", "{in}/empty.txt", "--out", "{tmp}"], 2, "no text found"),
    (["policy", "{in}/list.yaml", "--out", "{tmp}"], 2, "is not of type 'object'"),
    (["policy", "{in}/baddate.yaml", "--out", "{tmp}"], 2, "invalid value"),
    (["policy", "http://", "--out", "{tmp}"], 2, "no host name"),
    (["policy", "{in}/policy.txt", "--out", "/dev/null/x"], 2, "--out /dev/null/x"),
    ([*POLICY_CMD, "--config", "{in}/list.yaml"], 2, "list.yaml"),
    ([*POLICY_CMD, "--baseline", "{in}/folder"], 2, "--baseline"),
    ([*POLICY_CMD, "--lang", "xx"], 2, "--lang"),
    # -- report
    (["report", "{in}/missing.json"], 2, "no such file"),
    (["report", "{in}/folder"], 2, "not a readable report.json"),
    (["report", "{in}/notjson.json"], 2, "not a readable report.json"),
    (["report", "{in}/binary.dat"], 2, "not a readable report.json"),
    (["report", "{in}/notreport.json"], 2, "not a valid privacyscan report.json"),
    (["report", "{in}/report/report.json", "--out", "/proc/forbidden"], 2, "--out /proc"),
    ([*REPORT, "--baseline", "{in}/baseline.yaml"], 2, "baseline.yaml"),
    ([*REPORT, "--baseline", "{in}/binary.dat"], 2, "not a readable baseline"),
    ([*REPORT, "--format", "nope"], 2, "--format"),
    # -- baseline
    (["baseline", "{in}/notreport.json"], 2, "not a valid privacyscan report.json"),
    (["baseline", "{in}/report/report.json", "--file", "/proc/x/b.yaml"], 2, "--file /proc"),
    (["baseline", "{in}/report/report.json", "--file", "{in}/binary.dat"], 2, "binary.dat"),
    (["baseline", "{in}/report/report.json", "--expires", "2024-13-01"], 2, "--expires"),
    # -- rules
    (["rules", "--json", "--markdown"], 2, "not allowed with"),
    # -- import-cookies
    (["import-cookies", "{in}/missing.csv"], 2, "no such file"),
    (["import-cookies", "{in}/folder"], 2, "no such file"),
    (["import-cookies", "{in}/passwd", "--into", "{tmp}/t.json"], 2, "not an Open Cookie"),
    (["import-cookies", "{in}/binary.dat", "--into", "{tmp}/t.json"], 2, "binary.dat"),
    (["import-cookies", "{in}/ocd.csv", "--into", "/proc/x/t.json"], 2, "--into /proc/x"),
    (["import-cookies", "{in}/ocd.csv", "--into", "{in}/folder"], 2, "is a folder"),
    # -- demo and the top level
    (["demo", "--out", "/dev/null/x"], 2, "--out /dev/null/x"),
    (["demo", "--settle", "0"], 2, "--settle"),
    (["nonsense"], 2, "invalid choice"),
    ([], 2, "required"),
]


@pytest.mark.parametrize(
    ("args", "code", "expected"), CASES, ids=[" ".join(case[0])[:70] for case in CASES]
)
def test_error_is_one_line_with_its_exit_code(
    args: list[str],
    code: int,
    expected: str,
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    got, lines = run(args, inputs, tmp_path, capsys)
    assert (got, len(lines)) == (code, 1), lines
    assert lines[0].startswith("privacyscan")
    assert expected in lines[0]
    assert "Traceback" not in lines[0] and "a bug" not in lines[0]


def test_good_inputs_still_work(inputs: Path, tmp_path: Path, capsys) -> None:
    """The fixes above refuse only bad input: the same commands with good input succeed."""
    assert (
        run(["import-cookies", "{in}/ocd.csv", "--into", "{tmp}/t.json"], inputs, tmp_path, capsys)[
            0
        ]
        == 0
    )
    assert (
        run(["report", "{in}/report/report.json", "--out", "{tmp}/r"], inputs, tmp_path, capsys)[0]
        == 0
    )
    declared = tmp_path / "declared.yaml"
    declared.write_text("last_updated: 2024-01-31\nlanguage: nl\n", encoding="utf-8")
    code, lines = run(["policy", str(declared), "--out", "{tmp}/d"], inputs, tmp_path, capsys)
    assert code == 0, lines
    assert run(["--version"], inputs, tmp_path, capsys)[0] == 0


def test_unexpected_errors_are_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, inputs: Path, tmp_path: Path, capsys
) -> None:
    """A bug anywhere (here: in the policy reader) is still one line and exit 3."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("first line\nsecond line")

    monkeypatch.setattr("scanner.api.analyse_file", broken)
    code, lines = run(POLICY_CMD, inputs, tmp_path, capsys)
    assert code == 3
    [line] = lines
    assert line.startswith("privacyscan: error: the scan failed unexpectedly: RuntimeError: first")
    assert "second line" not in line


def test_one_line_escapes_and_cuts() -> None:
    assert one_line("a\nb\r\x00c") == "a\\nb\\r\\x00c"
    assert one_line("  padded\n") == "padded"
    assert len(one_line("x" * 10_000)) == 500


def test_file_names_with_newlines_stay_on_one_line(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes((inputs / "passwd").read_bytes())
    code, lines = run(["policy", str(odd), "--out", "{tmp}/out"], inputs, tmp_path, capsys)
    assert code == 2 and len(lines) == 1
    assert "two\\nlines.txt" in lines[0]


def test_declared_email_without_at_is_a_finding_not_a_crash() -> None:
    email = check_email("", "declared in site.yaml")
    assert not email.well_formed
    assert email.problem == "not an email address (no name@domain)"
