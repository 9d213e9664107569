"""Property-based fuzzing of everything a user hands the scanner: URLs, option values, policy
files and declared-policy YAML, through the command line (in process) and the library API.

The property: every input ends either in a report that fits the JSON schema (exit 0 or 1) or in
exactly one line on stderr with exit 2 (bad input) or 3 (scan failed), never a traceback and
never the catch-all "a bug" line. No browser starts: ``policy FILE`` needs none, and every
``scan`` gets ``--chromium`` pointing nowhere, so input that passes validation stops at exit 3
("no such file") right before the browser would launch.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.api import analyse_policy, scan
from scanner.cli import main
from scanner.errors import ScanError
from scanner.options import ScanOptions
from scanner.report import write_reports
from scanner.report.schema import validate

NO_BROWSER = "/nonexistent/privacyscan-fuzz/chromium"
FUZZ = settings(
    max_examples=int(os.environ.get("PRIVACYSCAN_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
POLICY_EN = (
    "Privacy policy\n\nWe, Example Shop B.V., are the controller of your personal data. "
    "We use Google Analytics with IP anonymisation. You have the right to access and erase "
    "your data. We keep order data for seven years. You can complain to the supervisory "
    "authority.\n"
)
KINDS = ["binary", "empty", "huge", "huge-junk", "encoding", "html", "text", "pdf-ish"]
NOT_A_POLICY_LINE = "2026-12-02 10:00:01 INFO worker started job 42 in 0.3 s\n"
POLICY_SENTENCES = [
    "We process your personal data to deliver your order.",
    "Wij verwerken uw persoonsgegevens om uw bestelling te leveren.",
    "Wir verarbeiten Ihre personenbezogenen Daten zur Vertragserfüllung.",
    "Nous traitons vos données personnelles pour livrer votre commande.",
    "Utilizamos cookies analíticas de Google Analytics.",
    "I dati personali sono conservati per due anni.",
    "You may withdraw your consent at any time.",
    "Data is transferred to the United States under the Privacy Shield.",
]


@dataclass(frozen=True)
class Content:
    """A generated file: short repr, since a failing example is printed (and may be 200 KB)."""

    suffix: str
    data: bytes

    def __repr__(self) -> str:
        return f"Content({self.suffix!r}, {len(self.data)} bytes: {self.data[:160]!r})"


@contextmanager
def workdir() -> Iterator[Path]:
    """A fresh folder per example (pytest's tmp_path is one per test, not per example)."""
    with tempfile.TemporaryDirectory(prefix="privacyscan-fuzz-") as name:
        yield Path(name)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``privacyscan ARGS`` in process: exit code and stderr."""
    capsys.readouterr()
    try:
        code = main(args)
    except SystemExit as stop:  # argparse, --help
        code = stop.code if isinstance(stop.code, int) else 2
    return code, capsys.readouterr().err


def assert_clean_outcome(code: int, stderr: str, out: Path | None) -> None:
    """A valid report with exit 0/1, or one error line with exit 2/3; never a crash."""
    assert "Traceback" not in stderr
    assert "a bug" not in stderr, stderr
    if code in (0, 1):
        assert out is not None
        document = json.loads((out / "report.json").read_text(encoding="utf-8"))
        validate(document)
        html = out / "report.html"
        if html.is_file():  # the payloads a policy may quote stay text in the HTML report
            page = html.read_text(encoding="utf-8")
            assert not any(raw in page for raw in RAW_PAYLOADS), "unescaped markup from input"
        return
    assert code in (2, 3), (code, stderr)
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("privacyscan"), stderr


#: Markup from the generated policies that must never reach report.html unescaped.
RAW_PAYLOADS = ("<script>alert(1)", "<img src=x onerror", "<svg onload", "<iframe src=javascript")

# -- strategies --------------------------------------------------------------------------------

script_payloads = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "</p><script>document.cookie</script>",
        "<iframe src=javascript:alert(1)>",
        "<!--",
        "<![CDATA[",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "\x00\x01\x02",
    ]
)


@st.composite
def policy_contents(draw: st.DrawFn) -> Content:
    """A policy file: binary, empty, huge, mis-encoded, HTML with payloads, or a policy."""
    return Content(*draw(_policy_file()))


@st.composite
def _policy_file(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(KINDS))
    sentences = draw(st.lists(st.sampled_from(POLICY_SENTENCES), max_size=8))
    noise = draw(st.text(max_size=300))
    if kind == "binary":
        return draw(st.sampled_from([".txt", ".html", ".pdf", ""])), draw(st.binary(max_size=2000))
    if kind == "empty":
        return draw(st.sampled_from([".txt", ".html", ".md"])), draw(
            st.sampled_from([b"", b" ", b"\n\n\t", b"\xef\xbb\xbf"])
        )
    if kind == "huge":
        # Reading runs at about 15 KB/s, so a huge *policy* stays under 100 KB here.
        body = (POLICY_EN + " ".join(sentences) + "\n") * draw(st.integers(20, 80))
        return ".txt", body.encode()
    if kind == "huge-junk":  # 0.3-2 MB that is no policy: refused before reading
        if draw(st.booleans()):
            return ".bin", bytes(range(256)) * draw(st.integers(2000, 8000))
        return ".log", (NOT_A_POLICY_LINE * draw(st.integers(4500, 9000))).encode()
    if kind == "encoding":
        encoding = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252", "utf-8"]))
        text = POLICY_EN + " ".join(sentences) + noise
        return ".txt", text.encode(encoding, errors="replace")
    if kind == "html":
        payloads = draw(st.lists(script_payloads, max_size=4))
        body = "".join(f"<p>{s}</p>{p}" for s, p in zip(sentences, payloads * 8, strict=False))
        page = f"<html><head><title>Privacy {noise[:40]}</title></head><body><main>{body}"
        page += "".join(payloads) + POLICY_EN.replace("\n", "<br>") + "</main></body></html>"
        return ".html", page.encode("utf-8", errors="surrogatepass")
    if kind == "pdf-ish":
        return ".pdf", b"%PDF-1.4\n" + draw(st.binary(max_size=500))
    return draw(st.sampled_from([".txt", ".md", ""])), (
        "\n\n".join([noise, *sentences]).encode("utf-8", errors="surrogatepass")
    )


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["2024-01-31", "2020-13-45", "0000-00-00", "9999-99-99", "2 years", "x@y"]),
)
DECLARED_KEYS = [
    "url", "language", "mode", "controller", "dpo", "parties", "cookies", "consent_model",
    "transfers", "claims", "last_updated",
]  # fmt: skip
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["name", "duration", "emails", "mechanism"]), inner)
    ),
    max_leaves=8,
)


@st.composite
def declared_yaml(draw: st.DrawFn) -> bytes:
    """Declared-policy YAML: schema-shaped with odd values, or not YAML at all."""
    if draw(st.booleans()):
        data = draw(st.dictionaries(st.sampled_from(DECLARED_KEYS), yaml_values, max_size=6))
        if draw(st.booleans()):
            data["cookies"] = [{"name": "_ga", "duration": draw(st.text(max_size=20))}]
            data["controller"] = {"emails": [draw(st.text(max_size=20))]}
            data["last_updated"] = draw(
                st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", fullmatch=True)
            )
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8", errors="surrogatepass")
    return draw(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))


urls = st.one_of(
    st.text(max_size=60),
    st.builds(
        "{}://{}{}{}".format,
        st.sampled_from(["http", "https", "ftp", "javascript", "file", "HTTPS", ""]),
        st.sampled_from(["", "example.nl", "[::1", "[::1]", "ex ample.nl", "-x.nl", "a" * 300]),
        st.sampled_from(["", ":0", ":65536", ":-1", ":80", ":abc", ":99999999999999999"]),
        st.text(max_size=20),
    ),
)
option_values = st.one_of(
    st.sampled_from(["0", "-1", "nan", "inf", "-inf", "1e309", "", " ", "1", "0.0001", "1e9"]),
    st.text(max_size=12),
)
NUMERIC_OPTIONS = ["--max-pages", "--settle", "--quiet-cap", "--page-timeout", "--scan-timeout"]
TEXT_OPTIONS = ["--exclude", "--locale", "--host-rules", "--fail-on", "--lang", "--format"]
FILE_OPTIONS = ["--config", "--baseline", "--trackerdb"]


# -- the properties ----------------------------------------------------------------------------


@FUZZ
@given(content=policy_contents())
def test_policy_command_on_any_file(content: Content, capsys) -> None:
    with workdir() as tmp:
        source = tmp / f"policy{content.suffix}"
        source.write_bytes(content.data)
        code, err = run(["policy", str(source), "--out", str(tmp / "out")], capsys)
        assert_clean_outcome(code, err, tmp / "out")


@FUZZ
@given(data=declared_yaml())
def test_declared_policy_yaml(data: bytes, capsys) -> None:
    with workdir() as tmp:
        declared = tmp / "declared.yaml"
        declared.write_bytes(data)
        code, err = run(["policy", str(declared), "--out", str(tmp / "out")], capsys)
        assert_clean_outcome(code, err, tmp / "out")
        args = ["scan", "https://www.example.nl/", "--out", str(tmp / "scan")]
        code, err = run(
            [*args, "--declared-policy", str(declared), "--chromium", NO_BROWSER], capsys
        )
        assert_clean_outcome(code, err, None)


@FUZZ
@given(url=urls, command=st.sampled_from(["scan", "policy"]))
def test_urls(url: str, command: str, capsys) -> None:
    with workdir() as tmp:
        args = [command, url, "--out", str(tmp / "out"), "--chromium", NO_BROWSER]
        code, err = run(args, capsys)
        assert code != 0 or command == "policy"  # a local file of that name may exist
        assert_clean_outcome(code, err, tmp / "out" if code in (0, 1) else None)


@FUZZ
@given(
    options=st.lists(
        st.tuples(st.sampled_from(NUMERIC_OPTIONS + TEXT_OPTIONS), option_values), max_size=4
    ),
    files=st.lists(st.tuples(st.sampled_from(FILE_OPTIONS), declared_yaml()), max_size=2),
)
def test_option_values(options: list, files: list, capsys) -> None:
    with workdir() as tmp:
        policy = tmp / "policy.txt"
        policy.write_text(POLICY_EN, encoding="utf-8")
        args = [arg for pair in options for arg in pair]
        for number, (option, data) in enumerate(files):
            path = tmp / f"option-{number}.yaml"
            path.write_bytes(data)
            args += [option, str(path)]
        code, err = run(["policy", str(policy), "--out", str(tmp / "out"), *args], capsys)
        assert_clean_outcome(code, err, tmp / "out")
        scan_args = ["scan", "https://www.example.nl/", "--out", str(tmp / "scan")]
        code, err = run([*scan_args, *args, "--chromium", NO_BROWSER], capsys)
        assert_clean_outcome(code, err, None)
        assert code in (2, 3)


@FUZZ
@given(content=policy_contents(), url=urls)
def test_library_api(content: Content, url: str) -> None:
    """The API raises a ScanError (with a one-line message) or returns a valid scan."""
    with workdir() as tmp:
        source = tmp / f"policy{content.suffix}"
        source.write_bytes(content.data)
        options = ScanOptions(url=str(source), out_dir=tmp / "out", policy=str(source))
        try:
            result = analyse_policy(str(source), tmp / "out", options)
        except ScanError as error:
            assert str(error) and "\n" not in str(error)
        else:
            validate(write_reports(result, options))
        options = ScanOptions(url=url, out_dir=tmp / "scan", chromium_path=NO_BROWSER)
        with pytest.raises(ScanError) as raised:
            scan(options)
        assert str(raised.value) and "\n" not in str(raised.value)
