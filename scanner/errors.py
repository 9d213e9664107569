"""Errors that the command line turns into one line and a documented exit code.

Exit codes (see ../shared/spec/report-contract.md): 2 for usage or configuration errors, 3 when
the scan itself failed. Anything else escaping is a bug and is reported as such.
"""


class ScanError(Exception):
    """Base class: ``exit_code`` is what the command line returns."""

    exit_code = 3


class UsageError(ScanError):
    """The input is wrong: a malformed URL, an unknown scheme, a bad option value."""

    exit_code = 2


class ScanFailed(ScanError):
    """The scan could not be carried out: site unreachable, TLS error, browser did not start."""

    exit_code = 3
