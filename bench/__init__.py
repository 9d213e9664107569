"""Benchmarks: each states its baseline and writes its timings to ``results/<name>.json``."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

RESULTS_DIR = Path(__file__).parent / "results"


def write_result(result: dict) -> Path:
    """Write a benchmark's result, with the machine it ran on, to ``results/<benchmark>.json``."""
    result["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    path = RESULTS_DIR / f"{result['benchmark']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
