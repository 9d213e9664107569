"""The gate: which exit code a finished report earns.

Exit codes (../shared/spec/report-contract.md): 0 no finding at or above ``--fail-on`` (findings
the baseline accepts do not count); 1 at least one such finding, and nothing else ever exits 1;
2 usage or configuration error; 3 the scan failed, or an unexpected error.
"""

from __future__ import annotations

from scanner.baseline import counts_for_gate
from scanner.model import SEVERITY_ORDER

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_SCAN_FAILED = 0, 1, 2, 3


def exit_code_for(document: dict, fail_on: str | None) -> int:
    """1 when a finding that the baseline does not accept reaches ``--fail-on``, else 0."""
    if fail_on is None:
        return EXIT_OK
    threshold = SEVERITY_ORDER[fail_on]
    counted = [f for f in document["findings"] if counts_for_gate(f)]
    worst = max((SEVERITY_ORDER[f["severity"]] for f in counted), default=-1)
    return EXIT_FINDINGS if worst >= threshold else EXIT_OK
