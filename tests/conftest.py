"""Shared fixtures: the offline fixture web, and running the real command line against it.

Each scan runs ``privacyscan`` in a child process (Scrapy's reactor runs once per process), with
Chromium's host-resolver rules pointing every host at the fixture web. Every report a test
produces is validated against the report schema here, so no test can pass on a report that
breaks the contract.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright

from scanner.model import CookieRecord, RequestRecord
from scanner.options import ScanOptions
from scanner.report.schema import validate
from tests.fixtureweb import FixtureWeb
from tests.fixtureweb.dns import FixtureDNS

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def chromium() -> str:
    """The Chromium tests launch, resolved on first use: collecting and running the tests that
    need no browser (``pytest -m "not browser"``) works on a machine without one."""
    return ScanOptions(url="https://example.nl/", out_dir=ROOT).resolve_chromium()


class _LazyChromium(os.PathLike):
    """``CHROMIUM`` for ``executable_path=CHROMIUM``: Playwright takes ``str(path)``, which
    resolves the browser only when a test launches it (a missing one fails that test, saying
    how to install one)."""

    def __fspath__(self) -> str:
        return chromium()

    __str__ = __fspath__

    def __repr__(self) -> str:
        return "<Chromium, resolved on first use>"


CHROMIUM = _LazyChromium()

#: Fixtures that start the fixture web, Chromium or a whole ``privacyscan`` run. A test using
#: one, directly or through other fixtures, gets the ``browser`` mark. ``fixture_dns`` is not
#: one: it is autouse (every test has it) and only answers DNS on loopback.
BROWSER_FIXTURES = frozenset({"web", "server", "scan_site", "demo_run", "browser"})
#: What starts Chromium, the fixture web or a scan in a test's or a fixture's own body, for
#: tests and fixtures that do so without one of the fixtures above.
BROWSER_CALLS = re.compile(
    r"\b(?:sync_playwright|async_playwright|launch_chromium|FixtureWeb)\("
    r"|\bCHROMIUM\b|\bchromium\(\)"
    r'|\brun_cli\(\s*"demo"'
    r'|\brun_cli\(\s*"(?:scan|policy)",\s*"https?://'  # a URL: fetched in the browser
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs Chromium or the fixture web ``browser``, so that
    ``pytest -m "not browser"`` runs the pure tests without a browser."""
    for item in items:
        if needs_browser(item):
            item.add_marker(pytest.mark.browser)


def needs_browser(item: pytest.Item) -> bool:
    """Whether ``item`` uses a browser fixture, or its body or a fixture's body starts one."""
    if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)  # the fixtures it uses, as pytest resolved them
    definitions = info.name2fixturedefs.values() if info is not None else ()
    functions.extend(d.func for defs in definitions for d in defs)
    return any(_starts_browser(f) for f in functions if f is not None)


@functools.cache
def _starts_browser(function: object) -> bool:
    try:
        source = inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    return BROWSER_CALLS.search(source) is not None


@dataclass
class ScanRun:
    """One finished ``privacyscan`` run: exit code, output, and the report if written."""

    exit_code: int
    stdout: str
    stderr: str
    out_dir: Path

    @property
    def report(self) -> dict:
        return json.loads((self.out_dir / "report.json").read_text(encoding="utf-8"))


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``privacyscan ARGS`` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "scanner.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def launch_chromium(playwright: Playwright, host_rules: str) -> Browser:
    """A headless Chromium that resolves every host to the fixture web, as tests use it."""
    return playwright.chromium.launch(
        executable_path=chromium(),
        headless=True,
        args=[
            f"--host-resolver-rules={host_rules}",
            "--ignore-certificate-errors",
            "--no-sandbox",
            "--disable-blink-features=AutomationControlled",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    )


@pytest.fixture(scope="session", autouse=True)
def fixture_dns() -> Iterator[FixtureDNS]:
    """The scanner's DNS look-ups (CNAME chains) go to a server on loopback, never outside."""
    with FixtureDNS() as dns:
        previous = os.environ.get("PRIVACYSCAN_DNS")
        os.environ["PRIVACYSCAN_DNS"] = dns.address
        yield dns
        if previous is None:
            os.environ.pop("PRIVACYSCAN_DNS", None)
        else:
            os.environ["PRIVACYSCAN_DNS"] = previous


@pytest.fixture(scope="session")
def web() -> Iterator[FixtureWeb]:
    """The fixture web, for the whole session."""
    with FixtureWeb() as server:
        yield server


@pytest.fixture(scope="session")
def scan_site(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory):
    """Scan a fixture URL; returns a :class:`ScanRun` with its report schema-validated."""

    created = threading.Lock()  # mktemp is not thread-safe; the corpus scans two at a time
    #: Scans several modules make with the same arguments, run once per session.
    shared_runs: dict[tuple, ScanRun] = {}
    running: dict[tuple, threading.Lock] = {}

    def scan(url: str, *extra: str, tls_ok: bool = True, shared: bool = False) -> ScanRun:
        """``shared=True``: reuse an identical earlier scan (read-only use of its report;
        never for tests that compare with the fixture web's request log)."""
        if not shared:
            return fresh(url, *extra, tls_ok=tls_ok)
        key = (url, extra, tls_ok)
        with created:
            lock = running.setdefault(key, threading.Lock())
        with lock:
            if key not in shared_runs:
                shared_runs[key] = fresh(url, *extra, tls_ok=tls_ok)
            return shared_runs[key]

    def fresh(url: str, *extra: str, tls_ok: bool) -> ScanRun:
        with created:
            out = tmp_path_factory.mktemp("scan")
        args = ["scan", url, "--out", str(out), "--host-rules", web.host_rules, *extra]
        if tls_ok:
            args.append("--ignore-https-errors")
        done = run_cli(*args)
        run = ScanRun(done.returncode, done.stdout, done.stderr, out)
        if (out / "report.json").exists():
            validate(run.report)
        return run

    return scan


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``privacyscan demo`` once per session (Dutch report, every format): read, never written."""
    out = tmp_path_factory.mktemp("demo")
    done = run_cli("demo", "--out", str(out))
    assert done.returncode == 0, done.stderr
    validate(json.loads((out / "report.json").read_text(encoding="utf-8")))
    return out


def scan_logged(web: FixtureWeb, scan_site, url: str, *args: str) -> tuple[ScanRun, list]:
    """Scan ``url`` (it must succeed) and return the run with what the fixture web received."""
    web.clear_log()
    run = scan_site(url, *args)
    assert run.exit_code == 0, run.stderr
    return run, web.requests


def cookie_record(
    name: str, domain: str, phase: str = "pre-consent", **fields: object
) -> CookieRecord:
    """A cookie as the collector records it (session, Secure, no value kept), for tests that
    start after collection; ``fields`` override any attribute (set_by, http_only, ...)."""
    values: dict = {
        "path": "/", "expires": None, "secure": True, "http_only": False, "same_site": None,
        "value_length": 5, "value_hash": "0" * 16,
    }  # fmt: skip
    values.update(fields)
    return CookieRecord(phase=phase, name=name, domain=domain, **values)  # type: ignore[arg-type]


def request_record(
    host: str, url: str | None = None, phase: str = "pre-consent", **fields: object
) -> RequestRecord:
    """A request as the collector records it, for tests that start after collection."""
    return RequestRecord(
        phase=phase,  # type: ignore[arg-type]
        page="https://www.kleineporties.nl/",
        url=url or f"https://{host}/x",
        host=host,
        method="GET",
        resource_type="script",
        frame=None,
        initiator=None,
        **fields,  # type: ignore[arg-type]
    )
