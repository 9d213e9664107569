"""Late trackers: a page that fires trackers 1 s, 3 s and 8 s after load, and no banner.

The quiet rule waits for pending one-shot timers due within the quiet cap (counted by
``instrument.js``), so with the defaults (settle 0.5 s, cap 10 s) all three hits land in the
pre-consent requests without a fixed sleep. A 2 s cap is a real cap: the 8 s tracker is missed.
"""

from __future__ import annotations

from tests.conftest import ScanRun

SITE = "https://www.laatkomers-fixture.nl/"
EVENTS = ("Laat1s", "Laat3s", "Laat8s")


def caught(run: ScanRun) -> set[str]:
    """Which of the three late tracker hits the report has among its pre-consent requests."""
    assert run.exit_code == 0, run.stderr
    urls = [r["url"] for r in run.report["phases"]["pre-consent"]["requests"]]
    return {
        event
        for event in EVENTS
        if any(
            url.startswith("https://www.facebook.com/tr") and f"ev={event}" in url for url in urls
        )
    }


def test_default_quiet_rule_catches_all_three_late_trackers(scan_site) -> None:
    run = scan_site(SITE)
    assert caught(run) == set(EVENTS)
    page = run.report["phases"]["pre-consent"]["pages"][0]
    # It waited for the 8 s timer, not up to the cap, and the page did go quiet. The timers run
    # from the load event, which is already behind us when the wait starts, by however long the
    # page's recording took on a loaded machine (1.3 s in one CI run): hence a loose lower bound.
    assert 2000 <= page["waited_ms"] < 10000 and page["quiet"]


def test_a_two_second_quiet_cap_misses_the_eight_second_tracker(scan_site) -> None:
    run = scan_site(SITE, "--quiet-cap", "2")
    found = caught(run)
    assert "Laat1s" in found
    assert "Laat8s" not in found
