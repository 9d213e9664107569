"""Benchmark: which late trackers each waiting setting catches, and what it costs.

The fixture page ``www.laatkomers-fixture.nl`` has no banner and fires three Meta pixel hits by
``setTimeout`` 1 s, 3 s and 8 s after its load event. It is scanned with ``privacyscan scan``
under several quiet rules (``--settle`` / ``--quiet-cap``; the rule waits until nothing is in
flight, nothing started for the settle window and no one-shot timer due within the cap is
pending), and loaded by one baseline:

- ``fixed 3 s sleep``: bare Playwright, ``page.goto(url, wait_until="load")`` plus a fixed 3 s
  sleep, the EDPS Website Evidence Collector's default way of catching late trackers; what the
  page requested until the sleep ended is what it catches.

A scan's catch is what its report lists among the pre-consent requests. Wall seconds are the
whole command (browser start, every phase, the policy search, reports) for scans and
launch-to-close for the baseline; the page wait is what the setting itself costs: the quiet wait
on the pre-consent page (its ``waited_ms``), or the fixed sleep.

Run from the repository root: ``.venv/bin/python -m bench.late_trackers [--runs 1]``.
Writes ``bench/results/late_trackers.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import chromium_args, run_scan, write_result
from scanner.options import ScanOptions
from tests.fixtureweb import FixtureWeb

TARGET = "https://www.laatkomers-fixture.nl/"
#: The tracker hits the page fires, by delay after load: the ``ev`` value of each Meta pixel hit.
TRACKERS = {"1 s": "Laat1s", "3 s": "Laat3s", "8 s": "Laat8s"}
#: Scan settings compared: name -> extra command-line options (settle and cap in seconds).
SCAN_SETTINGS = {
    "scan settle 0.5 cap 2": ("--settle", "0.5", "--quiet-cap", "2"),
    "scan settle 0.5 cap 5": ("--settle", "0.5", "--quiet-cap", "5"),
    "scan settle 0.5 cap 10 (default)": ("--settle", "0.5", "--quiet-cap", "10"),
    "scan settle 1 cap 10": ("--settle", "1", "--quiet-cap", "10"),
}
#: The EDPS Website Evidence Collector's default fixed wait after load, in milliseconds.
FIXED_SLEEP_MS = 3000


def caught(urls: list[str]) -> list[str]:
    """Which of the late trackers (by delay) appear among ``urls``."""
    return [
        delay
        for delay, event in TRACKERS.items()
        if any(
            url.startswith("https://www.facebook.com/tr") and f"ev={event}" in url for url in urls
        )
    ]


def timed_scan(
    web: FixtureWeb, options: tuple[str, ...], out: Path
) -> tuple[float, float, list[str]]:
    """Wall time of one scan, its quiet wait on the pre-consent page (seconds), and the late
    trackers its pre-consent requests contain."""
    elapsed, report = run_scan(TARGET, out, web.host_rules, *options)
    pre_consent = report["phases"]["pre-consent"]
    waited = pre_consent["pages"][0]["waited_ms"] / 1000
    return elapsed, waited, caught([r["url"] for r in pre_consent["requests"]])


def timed_fixed_sleep(web: FixtureWeb, executable: str | None) -> tuple[float, float, list[str]]:
    """Wall time of a bare load plus the fixed sleep, and the late trackers requested by then."""
    start = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=chromium_args(web.host_rules)
        )
        context = browser.new_context(ignore_https_errors=True)
        page = context.new_page()
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url))
        page.goto(TARGET, wait_until="load")
        page.wait_for_timeout(FIXED_SLEEP_MS)
        seen = list(urls)
        context.close()
        browser.close()
    return time.perf_counter() - start, FIXED_SLEEP_MS / 1000, caught(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    executable = ScanOptions(url=TARGET, out_dir=Path(".")).resolve_chromium()
    seconds: dict[str, list[float]] = {}
    waits: dict[str, list[float]] = {}
    catches: dict[str, list[list[str]]] = {}
    with FixtureWeb() as web, tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for index, (name, options) in enumerate(SCAN_SETTINGS.items()):
                elapsed, waited, found = timed_scan(web, options, Path(tmp) / f"run{run}-{index}")
                seconds.setdefault(name, []).append(elapsed)
                waits.setdefault(name, []).append(waited)
                catches.setdefault(name, []).append(found)
            name = f"fixed {FIXED_SLEEP_MS // 1000} s sleep (bare Playwright)"
            elapsed, waited, found = timed_fixed_sleep(web, executable)
            seconds.setdefault(name, []).append(elapsed)
            waits.setdefault(name, []).append(waited)
            catches.setdefault(name, []).append(found)
    settings = []
    for name, values in seconds.items():
        # A tracker counts as caught only when every run caught it.
        always = [d for d in TRACKERS if all(d in found for found in catches[name])]
        settings.append(
            {
                "setting": name,
                "wall_seconds": round(statistics.median(values), 1),
                "page_wait_seconds": round(statistics.median(waits[name]), 1),
                "caught": always,
                "runs_caught": catches[name],
            }
        )
    result = {
        "benchmark": "late_trackers",
        "target": TARGET,
        "trackers_after_load": list(TRACKERS),
        "runs": args.runs,
        "seconds": seconds,
        "page_wait_seconds": waits,
        "settings": settings,
    }
    write_result(result)
    width = max(len(item["setting"]) for item in settings)
    print(f"{'setting':<{width}}  wall s  wait s  caught ({', '.join(TRACKERS)} after load)")
    for item in settings:
        print(
            f"{item['setting']:<{width}}  {item['wall_seconds']:>6.1f}  "
            f"{item['page_wait_seconds']:>6.1f}  {', '.join(item['caught']) or 'none'}"
        )


if __name__ == "__main__":
    main()
