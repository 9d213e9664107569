"""Benchmarks: each states its baseline and writes its timings to ``results/<name>.json``."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from scanner.collect.browser import BASE_ARGS, host_resolver_rules

RESULTS_DIR = Path(__file__).parent / "results"


def chromium_args(host_rules: str) -> list[str]:
    """The scanner's Chromium arguments pointed at the fixture web (its hosts on loopback, its
    own certificates accepted), so that a baseline runs the browser the scan runs."""
    rules = host_resolver_rules(host_rules)  # with the rule that silences the browser's own calls
    return [*BASE_ARGS, f"--host-resolver-rules={rules}", "--ignore-certificate-errors"]


def run_scan(target: str, out: Path, host_rules: str, *options: str) -> tuple[float, dict]:
    """Wall seconds of ``privacyscan scan`` of ``target`` on the fixture web, and its report.

    A failed scan ends the benchmark with the scan's own error output.
    """
    command = [sys.executable, "-m", "scanner.cli", "scan", target, "--out", str(out)]
    command += ["--host-rules", host_rules, "--ignore-https-errors", *options]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"scan {options} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, json.loads((out / "report.json").read_text())


def write_result(result: dict) -> Path:
    """Write a benchmark's result, with the machine it ran on, to ``results/<benchmark>.json``."""
    result["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    path = RESULTS_DIR / f"{result['benchmark']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
