"""Progress on stderr: drawn on a terminal, silent on a pipe and with ``--quiet``.

The scans run the real command line against the fixture web with stderr on a pseudo-terminal
(or a pipe), so what is asserted is what a user's terminal receives.
"""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest
from rich.console import Console
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from scanner import settings as project_settings
from scanner.collect.progress import SETTING, ScanProgress, terminal_console, timing_line
from scanner.collect.spider import PrivacySpider
from scanner.demo import DEMO_URL
from scanner.model import PHASES, PageVisit, PhaseResult, Scan
from scanner.options import ScanOptions
from scanner.policy.discover import Candidate
from scanner.timing import Stopwatch
from tests.conftest import ROOT
from tests.fixtureweb import FixtureWeb

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


def scan_command(web: FixtureWeb, out: Path, pages: int, *extra: str) -> list[str]:
    """``privacyscan scan`` of the demo replica, ``pages`` pages per phase."""
    return [
        sys.executable,
        "-m",
        "scanner.cli",
        "scan",
        DEMO_URL,
        "--out",
        str(out),
        "--host-rules",
        web.host_rules,
        "--ignore-https-errors",
        "--max-pages",
        str(pages),
        "--format",
        "json",
        *extra,
    ]


def run_on_pty(command: list[str]) -> tuple[int, str, str]:
    """Run ``command`` with stderr on a pseudo-terminal; (exit code, stdout, terminal text)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=terminal, env=env, text=True
    )
    os.close(terminal)
    received = bytearray()

    def drain() -> None:  # the pty's buffer is small: read while the scan writes
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                return
            if not chunk:
                return
            received.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stdout, _ = process.communicate(timeout=240)
    reader.join(timeout=10)
    os.close(controller)
    return process.returncode, stdout, ANSI.sub("", received.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def scans(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    """Three scans at once: a terminal, a pipe, and a terminal with --quiet.

    The silent two visit one page per phase: whether anything is drawn is decided before the
    first page, and the timing line after the last.
    """
    results: dict[str, tuple] = {}
    outs = {key: tmp_path_factory.mktemp(key) for key in ("tty", "pipe", "quiet")}

    def terminal(key: str, *extra: str) -> None:
        pages = 1 if "--quiet" in extra else 2
        results[key] = run_on_pty(scan_command(web, outs[key], pages, *extra))

    def pipe() -> None:
        done = subprocess.run(
            scan_command(web, outs["pipe"], 1),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
        )
        results["pipe"] = (done.returncode, done.stdout, done.stderr)

    threads = [
        threading.Thread(target=terminal, args=("tty",)),
        threading.Thread(target=pipe),
        threading.Thread(target=terminal, args=("quiet", "--quiet")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_terminal_shows_pages_per_phase_and_where_the_time_went(scans: dict) -> None:
    code, stdout, shown = scans["tty"]
    assert code in (0, 1), shown
    assert "report:" in stdout
    # While pre-consent runs its total is --max-pages; the page being visited is shown.
    assert re.search(r"pre-consent\s+1/2\s+https://www\.kleineporties\.nl/", shown), shown
    # At the end every phase has visited the two pages of the page set.
    for phase in ("pre-consent", "accept", "reject"):
        assert re.search(rf"{phase}\s+2/2\s+done", shown), shown
    timing = re.search(r"time: \d+\.\d s wall\r?\n  (.*)", shown)
    assert timing, shown
    # Whatever stages the stopwatch holds; these two are always timed.
    assert re.search(r"checks \d+\.\d s, .*report \d+\.\d s", timing.group(1)), shown


def test_no_progress_on_a_pipe_or_with_quiet(scans: dict) -> None:
    code, stdout, stderr = scans["pipe"]
    assert code in (0, 1), stderr
    assert "pre-consent" in stdout  # the summary on stdout is unchanged
    assert "1/1" not in stderr and "time:" not in stderr, stderr
    code, stdout, shown = scans["quiet"]
    assert code in (0, 1), shown
    assert "report:" in stdout
    assert "pre-consent" not in shown and "time:" not in shown, shown


def test_counts_from_real_requests_and_items(tmp_path: Path) -> None:
    """The handlers, fed the spider's own requests and PageVisit items, without a browser."""
    options = ScanOptions(url="https://www.example.nl/", out_dir=tmp_path, max_pages=3)
    scan = Scan(options.url, started_at="", phases={n: PhaseResult(name=n) for n in PHASES})
    # No executable: the spider then needs no browser (a default user agent is used).
    spider = PrivacySpider(options=options, scan=scan, executable="")
    crawler = Crawler(PrivacySpider, Settings({SETTING: True}))
    screen = io.StringIO()
    progress = ScanProgress(crawler, Console(file=screen, force_terminal=True, width=200))
    progress.spider_opened(spider)
    rows = {name: (count, doing) for name, count, doing in progress.rows()}
    assert rows["pre-consent"] == ("0/3", "starting")
    assert rows["accept"] == ("0/3", "starting")
    assert set(rows) == {"pre-consent", "accept", "reject"}

    home, about = "https://www.example.nl/", "https://www.example.nl/about"
    progress.request_scheduled(spider._page_request("pre-consent", home, 0))
    progress.item_scraped(PageVisit(phase="pre-consent", url=home, status=200))
    spider.pages.urls.append(home)
    progress.request_scheduled(spider._page_request("pre-consent", about, 1))
    assert dict((n, (c, d)) for n, c, d in progress.rows())["pre-consent"] == ("1/3", about)
    progress.item_scraped(PageVisit(phase="pre-consent", url=about, status=None, error="x"))
    spider.pages.urls.append(about)
    progress.request_scheduled(spider._page_request("accept", home, 0))
    assert dict((n, (c, d)) for n, c, d in progress.rows())["accept"] == ("0/3", home)
    # Pre-consent ended: the site had only two pages, which fixes every total at 2.
    spider.pages.final = True
    progress.request_scheduled(spider.policy_request(Candidate(about, "privacy", "link"), []))
    progress.item_scraped(PageVisit(phase="accept", url=home, status=200))
    spider.scan.phases["reject"].skipped = "no banner"
    rows = {name: (count, doing) for name, count, doing in progress.rows()}
    assert rows == {
        "pre-consent": ("2/2", "done"),
        "accept": ("1/2", home),
        "reject": ("0/2", "skipped: no banner"),
        "policy": ("", about),
    }
    progress.spider_closed()
    assert progress.live is None
    final = ANSI.sub("", screen.getvalue())
    assert re.search(r"accept\s+1/2\s+https://www\.example\.nl/", final), final


def test_off_unless_wanted_and_on_a_terminal() -> None:
    controller, terminal = pty.openpty()
    with os.fdopen(terminal, "w") as tty, open(os.devnull, "w") as pipe_like:
        assert terminal_console(True, tty) is not None
        assert terminal_console(False, tty) is None
        assert terminal_console(True, pipe_like) is None
    os.close(controller)
    with pytest.raises(NotConfigured):
        ScanProgress.from_crawler(Crawler(PrivacySpider, Settings({SETTING: False})))
    assert "scanner.collect.progress.ScanProgress" in project_settings.EXTENSIONS


def test_timing_line_lists_every_stage() -> None:
    watch = Stopwatch()
    watch.add("page load", 2.04)
    watch.add("a new stage", 0.5)
    watch.add("wall", 3.2)
    line = timing_line(watch.as_dict())
    assert line == "time: 3.2 s wall\n  page load 2.0 s, a new stage 0.5 s"
    assert timing_line({}) == "time:"
