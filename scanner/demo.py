"""The bundled demo: serve the offline fixture web and point a scan at the demo replica.

The fixture web lives in the repository's ``tests/fixtureweb`` (tests, the demo and the
benchmarks share it), so the demo runs from a checkout: it starts the fixture server as a
child process and maps every host name to it with Chromium's host-resolver rules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scanner.errors import ScanFailed

DEMO_URL = "https://www.kleineporties.nl/"


def repository_root() -> Path:
    """The checkout holding ``tests/fixtureweb``: beside the installed package, or the cwd."""
    for candidate in (Path(__file__).resolve().parent.parent, Path.cwd()):
        if (candidate / "tests" / "fixtureweb" / "__main__.py").exists():
            return candidate
    raise ScanFailed("the demo needs a checkout of the repository (tests/fixtureweb not found)")


@contextmanager
def fixture_web() -> Iterator[str]:
    """Run the fixture web (and its DNS server) while the block runs; yield its host rules.

    The scan's own DNS look-ups (CNAME chains) are pointed at the fixture DNS server, so the
    demo sends nothing off the machine.
    """
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtureweb", "serve"],
        cwd=repository_root(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        ready = server.stdout.readline()
        if not ready:
            raise ScanFailed("the fixture web server did not start")
        served = json.loads(ready)
        os.environ.setdefault("PRIVACYSCAN_DNS", served["dns"])
        yield served["host_rules"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
