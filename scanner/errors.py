"""Errors that the command line turns into one line and a documented exit code.

Exit codes (see ../shared/spec/report-contract.md): 2 for usage or configuration errors, 3 when
the scan itself failed. Anything else escaping is a bug and is reported as such.
"""

from __future__ import annotations

import re

#: Line breaks and other control characters, which would split or garble the one error line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: Longer messages are cut: a 1 MB file name or URL must not become a 1 MB error line.
MAX_LINE = 500


def one_line(text: str) -> str:
    """``text`` as one printable line: control characters escaped, cut at :data:`MAX_LINE`.

    Messages quote what the user typed (file names, URLs, option values), and any of those may
    hold a newline; the contract promises one line on stderr whatever the input.
    """
    line = _CONTROL.sub(lambda match: repr(match.group(0))[1:-1], text.strip())
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 3] + "..."


class ScanError(Exception):
    """Base class: ``exit_code`` is what the command line returns."""

    exit_code = 3


class UsageError(ScanError):
    """The input is wrong: a malformed URL, an unknown scheme, a bad option value."""

    exit_code = 2


class ScanFailed(ScanError):
    """The scan could not be carried out: site unreachable, TLS error, browser did not start."""

    exit_code = 3
