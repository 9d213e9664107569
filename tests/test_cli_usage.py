"""Bad input gets one line naming the problem and exit code 2, never a traceback."""

from __future__ import annotations

import pytest

from scanner.errors import UsageError
from scanner.options import normalise_url
from tests.conftest import run_cli


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["scan", "http://", "--out", "x"], "no host name"),
        (["scan", "not a url", "--out", "x"], "not a URL"),
        (["scan", "ftp://www.example.nl/", "--out", "x"], "unsupported URL scheme 'ftp'"),
        (["scan", "https://www.example.nl:99999/", "--out", "x"], "not a URL"),
        (["scan", "https://www.example.nl/", "--out", "x", "--max-pages", "0"], "--max-pages"),
        (["scan", "https://www.example.nl/", "--out", "x", "--max-pages", "abc"], "--max-pages"),
        (["scan", "https://www.example.nl/", "--out", "x", "--fail-on", "severe"], "--fail-on"),
        (["scan", "https://www.example.nl/"], "--out"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], expected: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert expected in lines[0]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("given", "normalised"),
    [
        ("www.example.nl", "https://www.example.nl/"),
        ("https://www.example.nl", "https://www.example.nl/"),
        ("http://example.nl/privacy?x=1", "http://example.nl/privacy?x=1"),
    ],
)
def test_urls_are_normalised(given: str, normalised: str) -> None:
    assert normalise_url(given) == normalised


def test_javascript_url_is_refused() -> None:
    with pytest.raises(UsageError, match="scheme 'javascript'"):
        normalise_url("javascript://alert(1)")
