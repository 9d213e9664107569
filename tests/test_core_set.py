"""Acceptance for the core set: every core-set rule fires, with evidence, on a fixture site built
to show it, and none fires on the fixture site that does everything right.

The core set is read from the catalogue (../shared/spec/rules.md, "Core set"), so a rule added
to it without a fixture that shows it fails here. Each site is scanned once by the real command
line, two at a time; a site other modules scan with the same arguments is scanned once per
session (``shared=True``), and the demo is the session's ``privacyscan demo`` run.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ScanRun
from tests.test_rules_docs import core_set

DEMO = "demo"  # the real Dutch food blog (`privacyscan demo`): trackers and an old policy
PROMISES = "https://www.beloften-fixture.nl/"  # a policy whose promises the traffic breaks
UNSAFE = "https://www.onveilig-fixture.nl/"  # transport, cookie-flag and banner-design faults
SHOP = "https://www.shop-fixture.nl/"  # trackers and no policy at all
FINGERPRINT = "https://www.fingerprint-fixture.nl/"  # canvas, WebGL and font probing
EMBEDS = "https://www.embeds-fixture.nl/"  # embeds, Hotjar and storage identifiers, no banner
NO_REJECT = "https://www.geen-weigeren-banner.nl/"  # reject only behind "Instellingen"
PRE_TICKED = "https://www.voorgevinkt-banner.nl/"  # purposes switched on in the settings layer
CLEAN = "https://www.netjes-banner.nl/"  # does everything right

#: Where each core-set rule is shown firing.
SHOWN_ON = {
    "EP-01": DEMO, "EP-02": DEMO, "EP-05": DEMO, "EP-06": DEMO,
    "CB-02": DEMO, "CL-01": DEMO, "TR-03": DEMO, "TR-04": DEMO, "TP-01": DEMO, "TP-03": DEMO,
    "TP-08": DEMO, "CLM-01": DEMO, "CLM-04": DEMO,
    "EP-04": FINGERPRINT, "EP-03": EMBEDS, "EP-11": EMBEDS,
    "CB-01": PROMISES, "TR-02": PROMISES, "TR-06": PROMISES, "TR-07": PROMISES,
    "TP-07": PROMISES, "TP-10": PROMISES, "CLM-02": PROMISES, "CLM-03": PROMISES,
    "CLM-08": PROMISES,
    "TP-00": SHOP,
    "CB-03": NO_REJECT, "CB-08": NO_REJECT,
    "CB-04": PRE_TICKED,
    "TP-05": UNSAFE, "TP-13": UNSAFE, "SEC-01": UNSAFE, "SEC-02": UNSAFE, "SEC-03": UNSAFE,
    "SEC-04": UNSAFE, "SEC-05": UNSAFE,
}  # fmt: skip


#: Scan arguments per site: those other modules use for the same site, so the scan is shared.
ARGUMENTS = {
    SHOP: ("--max-pages", "1", "--format", "all"),  # tests/test_outputs.py
    EMBEDS: ("--max-pages", "1"),  # tests/test_tracking_without_cookies.py
}
TWO_PAGES = ("--max-pages", "2")  # the banner corpus and the fingerprint test


@pytest.fixture(scope="module")
def scans(scan_site, demo_run: Path) -> dict[str, ScanRun]:
    """Every site of the table, and the clean one, scanned once."""
    sites = sorted({*SHOWN_ON.values(), CLEAN} - {DEMO})

    def scan(url: str) -> ScanRun:
        return scan_site(url, *ARGUMENTS.get(url, TWO_PAGES), shared=True)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(sites, pool.map(scan, sites), strict=True))
    runs[DEMO] = ScanRun(0, "", "", demo_run)
    return runs


def test_the_table_covers_the_core_set() -> None:
    assert set(SHOWN_ON) == core_set()


@pytest.mark.parametrize("rule_id", sorted(SHOWN_ON))
def test_core_rule_fires_with_evidence_on_its_fixture(scans, rule_id: str) -> None:
    run = scans[SHOWN_ON[rule_id]]
    assert run.exit_code == 0, run.stderr
    fired = [f for f in run.report["findings"] if f["id"] == rule_id]
    assert fired, f"{rule_id} did not fire on {SHOWN_ON[rule_id]}"
    for finding in fired:
        assert finding["evidence"] and all(finding["evidence"]), finding
        assert finding["advice"] and finding["fingerprint"].startswith(f"{rule_id}/")


def test_no_core_rule_fires_on_the_site_that_does_everything_right(scans) -> None:
    run = scans[CLEAN]
    assert run.exit_code == 0, run.stderr
    fired = {f["id"]: f["title"] for f in run.report["findings"] if f["id"] in core_set()}
    assert fired == {}
