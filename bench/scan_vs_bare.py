"""Benchmark: a full three-phase scan against a bare Playwright load of the same pages.

Three baselines, all with the same Chromium and one fresh context per phase (three, like the
scan), each loading the same page set:

- ``floor``: the three contexts run concurrently, as the scan's phases do, and each page waits
  for the scan's own quiescence rule (:func:`scanner.collect.quiet.wait_until_quiet`, with the
  recorder it needs and the scan's default settle and cap) and nothing else: no consent
  decision, probes, screenshots, HAR or reports. The ratio that matters is scan / floor;
- ``bare``: ``page.goto(url, wait_until="load")`` one page after another, nothing else (the
  old baseline; it neither waits for late trackers nor runs phases concurrently);
- ``fixed-sleep``: load plus a fixed 3 s sleep per page, the EDPS Website Evidence Collector's
  default way of catching late trackers (../shared/research/anchors.md section 4).

Each scan's report.json carries ``timings`` (:mod:`scanner.timing`): the bench prints where the
scan's time went, stage by stage (busy seconds summed over the concurrent phases), and the
report writing and process start as the rest of the wall time.

(Playwright's ``networkidle`` is no baseline: it never fires on pages with a fetch() whose body
is not read, which the demo site's X embed does, like many real trackers.)

The scan does more per page (CDP recording, the consent click, screenshots, HAR, storage reads,
waiting for late timers, reports), so the numbers that matter are the ratios.

Run from the repository root: ``.venv/bin/python -m bench.scan_vs_bare [--pages 5] [--runs 3]``.
Writes ``bench/results/scan_vs_bare.json`` and prints a summary.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from playwright.async_api import BrowserContext, async_playwright
from playwright.sync_api import sync_playwright

from bench import chromium_args, run_scan, write_result
from scanner.collect.quiet import wait_until_quiet
from scanner.collect.recorder import PageRecorder
from scanner.options import ScanOptions
from tests.fixtureweb import FixtureWeb

TARGET = "https://www.kleineporties.nl/"


def timed_scan(web: FixtureWeb, pages: int, out: Path) -> tuple[float, list[str], dict]:
    """Wall time of ``privacyscan scan``, the page set it visited, and its stage timings."""
    elapsed, report = run_scan(TARGET, out, web.host_rules, "--max-pages", str(pages))
    stages = dict(report.get("timings", {}))
    stages["process start, reports, exit"] = round(elapsed - stages.get("wall", 0.0), 3)
    return elapsed, [page["url"] for page in report["phases"]["pre-consent"]["pages"]], stages


async def _quiet_phase(context: BrowserContext, page_set: list[str], options: ScanOptions) -> None:
    for url in page_set:
        page = await context.new_page()
        recorder = PageRecorder(page)
        await recorder.attach(int(options.quiet_cap_seconds * 1000))
        await page.goto(url, wait_until="load")
        await wait_until_quiet(recorder, options.settle_seconds, options.quiet_cap_seconds)
        await recorder.detach()
        await page.close()
    await context.close()


async def _floor(web: FixtureWeb, executable: str | None, page_set: list[str]) -> float:
    options = ScanOptions(url=TARGET, out_dir=Path("."))  # the scan's default settle and cap
    start = time.perf_counter()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable,
            args=chromium_args(web.host_rules),
        )
        contexts = [await browser.new_context(ignore_https_errors=True) for _phase in range(3)]
        await asyncio.gather(*(_quiet_phase(c, page_set, options) for c in contexts))
        await browser.close()
    return time.perf_counter() - start


def timed_floor(web: FixtureWeb, executable: str | None, page_set: list[str]) -> float:
    """Wall time of three concurrent contexts loading ``page_set`` with the scan's quiet rule."""
    return asyncio.run(_floor(web, executable, page_set))


def timed_bare(
    web: FixtureWeb, executable: str | None, page_set: list[str], sleep_ms: int
) -> float:
    """Wall time of loading ``page_set`` in three fresh contexts, sleeping ``sleep_ms`` each."""
    start = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=chromium_args(web.host_rules)
        )
        for _phase in range(3):
            context = browser.new_context(ignore_https_errors=True)
            for url in page_set:
                page = context.new_page()
                page.goto(url, wait_until="load")
                if sleep_ms:
                    page.wait_for_timeout(sleep_ms)
                page.close()
            context.close()
        browser.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    executable = ScanOptions(url=TARGET, out_dir=Path(".")).resolve_chromium()
    timings: dict[str, list[float]] = {"scan": [], "floor": [], "bare": [], "fixed-sleep": []}
    breakdowns: list[dict] = []
    with FixtureWeb() as web, tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            seconds, page_set, stages = timed_scan(web, args.pages, Path(tmp) / f"run{run}")
            timings["scan"].append(seconds)
            breakdowns.append(stages)
            print(f"run {run + 1}: scan {seconds:.1f} s; " + _breakdown(stages), flush=True)
            timings["floor"].append(timed_floor(web, executable, page_set))
            timings["bare"].append(timed_bare(web, executable, page_set, 0))
            timings["fixed-sleep"].append(timed_bare(web, executable, page_set, 3000))
    median = {name: statistics.median(values) for name, values in timings.items()}
    visits = 3 * len(page_set)
    result = {
        "benchmark": "scan_vs_bare",
        "target": TARGET,
        "pages_per_phase": len(page_set),
        "runs": args.runs,
        "seconds": timings,
        "scan_breakdown_seconds": breakdowns,
        "seconds_per_page_visit": {name: round(m / visits, 2) for name, m in median.items()},
        "ratio_scan_to_floor": round(median["scan"] / median["floor"], 2),
        "ratio_scan_to_bare": round(median["scan"] / median["bare"], 2),
        "ratio_scan_to_fixed_sleep": round(median["scan"] / median["fixed-sleep"], 2),
    }
    write_result(result)
    print(
        f"{len(page_set)} pages x 3 phases: scan {median['scan']:.1f} s, floor (concurrent, "
        f"quiet rule) {median['floor']:.1f} s (ratio {result['ratio_scan_to_floor']}), bare load "
        f"{median['bare']:.1f} s (ratio {result['ratio_scan_to_bare']}), load + 3 s sleep "
        f"{median['fixed-sleep']:.1f} s (ratio {result['ratio_scan_to_fixed_sleep']})"
    )


def _breakdown(stages: dict) -> str:
    return ", ".join(f"{name} {seconds:.1f}" for name, seconds in stages.items())


if __name__ == "__main__":
    main()
