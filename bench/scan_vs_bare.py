"""Benchmark: a full three-phase scan against a bare Playwright load of the same pages.

Baseline: the same Chromium, one fresh context per phase (three, like the scan), each loading
the same page set with Playwright's ``wait_until="networkidle"`` (500 ms without traffic), the
way a hand-written Playwright audit script would. The scan does more per page (CDP recording,
the consent click, screenshots, HAR, storage reads, waiting for late timers, report), so the
interesting number is the ratio, not the seconds: it shows what the evidence costs.

Run from the repository root: ``.venv/bin/python -m bench.scan_vs_bare [--pages 5] [--runs 3]``.
Writes ``bench/results/scan_vs_bare.json`` and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from scanner.collect.browser import BASE_ARGS
from scanner.options import ScanOptions
from tests.fixtureweb import FixtureWeb

TARGET = "https://www.kleineporties.nl/"
RESULTS = Path(__file__).parent / "results" / "scan_vs_bare.json"


def timed_scan(web: FixtureWeb, pages: int, out: Path) -> tuple[float, list[str]]:
    """Wall time of ``privacyscan scan`` and the page set it visited."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "scanner.cli", "scan", TARGET, "--out", str(out),
         "--max-pages", str(pages), "--host-rules", web.host_rules, "--ignore-https-errors"],
        check=True, capture_output=True,
    )
    elapsed = time.perf_counter() - start
    report = json.loads((out / "report.json").read_text())
    return elapsed, [page["url"] for page in report["phases"]["pre-consent"]["pages"]]


def timed_bare(web: FixtureWeb, executable: str | None, page_set: list[str]) -> float:
    """Wall time of loading ``page_set`` in three fresh contexts, Playwright's way."""
    start = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[*BASE_ARGS, f"--host-resolver-rules={web.host_rules}",
                  "--ignore-certificate-errors"],
        )
        for _phase in range(3):
            context = browser.new_context(ignore_https_errors=True)
            for url in page_set:
                page = context.new_page()
                page.goto(url, wait_until="networkidle")
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
    scans, bares = [], []
    with FixtureWeb() as web, tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            seconds, page_set = timed_scan(web, args.pages, Path(tmp) / f"run{run}")
            scans.append(seconds)
            bares.append(timed_bare(web, executable, page_set))
    scan_median, bare_median = statistics.median(scans), statistics.median(bares)
    result = {
        "benchmark": "scan_vs_bare",
        "target": TARGET,
        "pages_per_phase": len(page_set),
        "runs": args.runs,
        "scan_seconds": scans,
        "bare_playwright_seconds": bares,
        "ratio_scan_to_bare": round(scan_median / bare_median, 2),
        "scan_seconds_per_page_visit": round(scan_median / (3 * len(page_set)), 2),
        "bare_seconds_per_page_visit": round(bare_median / (3 * len(page_set)), 2),
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"scan {scan_median:.1f} s vs bare Playwright {bare_median:.1f} s for "
        f"{len(page_set)} pages x 3 phases: ratio {result['ratio_scan_to_bare']}"
    )


if __name__ == "__main__":
    main()
