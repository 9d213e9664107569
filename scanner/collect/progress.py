"""Progress on the terminal while a scan runs: per phase the pages done, the total, the page.

A Scrapy extension, because the spider already announces everything needed through Scrapy's
signals (a request scheduled, an item scraped, the spider closed): listening to them keeps the
spider free of display code. It is switched on by the ``PRIVACYSCAN_PROGRESS`` setting (the
command line sets it unless ``--quiet``) and only draws when stderr is a terminal, so CI logs,
pipes and the tests' captured output stay exactly as they were.

Totals: pre-consent visits at most ``--max-pages`` pages, and its page set is only known when it
ends (``spider.pages.final``); the other phases, which run beside it, visit that same page
set, so once it is final every total is the number of pages in ``spider.pages``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import IO, Any

import scrapy
from rich.console import Console
from rich.live import Live
from rich.table import Table
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from scanner.model import PageVisit

#: The crawler setting that switches the display on (see scanner.api.crawler_settings).
SETTING = "PRIVACYSCAN_PROGRESS"


def terminal_console(enabled: bool, stream: IO[str] | None = None) -> Console | None:
    """A rich Console on stderr when progress is wanted and stderr is a terminal, else None.

    The check is the stream's own ``isatty``: rich would also honour FORCE_COLOR, which CI
    systems set, and a live display in a CI log is noise.
    """
    stream = stream if stream is not None else sys.stderr
    if not enabled or not stream.isatty():
        return None
    return Console(file=stream, force_terminal=True)


def timing_line(timings: dict[str, float]) -> str:
    """Where the time went: the wall time, then each stage's busy seconds, on a second line.

    Stages of concurrent phases are summed over the phases, so they can add up to more than
    the wall time (see scanner.timing); the figures are printed as they are, unrenamed.
    """
    wall = timings.get("wall")
    stages = ", ".join(
        f"{name} {seconds:.1f} s" for name, seconds in timings.items() if name != "wall"
    )
    head = f"time: {wall:.1f} s wall" if wall is not None else "time:"
    return f"{head}\n  {stages}" if stages else head


@dataclass
class PhaseLine:
    """One phase's line: pages done and the page it is on."""

    name: str
    done: int = 0
    current: str = ""


class ScanProgress:
    """The extension: counts pages per phase from signals and redraws a rich Live display."""

    def __init__(self, crawler: Crawler, console: Console | None) -> None:
        self.crawler = crawler
        self.console = console
        self.spider: Any = None
        self.lines: dict[str, PhaseLine] = {}
        #: The policy URL being fetched, once a policy request was scheduled.
        self.policy: str | None = None
        self.live: Live | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScanProgress:
        """Scrapy's entry point; NotConfigured (Scrapy's "not wanted") when nothing would show."""
        console = terminal_console(crawler.settings.getbool(SETTING))
        if console is None:
            raise NotConfigured("progress is off or stderr is not a terminal")
        extension = cls(crawler, console)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    # -- signal handlers (Scrapy passes only the arguments a handler names) -------------------

    def spider_opened(self, spider: scrapy.Spider) -> None:
        """One line per phase the spider will run; the policy-only spider runs none."""
        self.spider = spider
        if spider.name != "policy":
            self.lines = {name: PhaseLine(name) for name in getattr(spider, "phases", {})}
        if self.console is not None:
            # stdout stays the reports' summary; stray stderr lines print above the display.
            self.live = Live(
                get_renderable=self.render,
                console=self.console,
                auto_refresh=False,
                redirect_stdout=False,
            )
            self.live.start(refresh=True)

    def request_scheduled(self, request: scrapy.Request) -> None:
        """The page a phase is on now, or the policy URL being fetched."""
        phase = request.meta.get("phase")
        if phase in self.lines:
            self.lines[phase].current = request.url
        elif "candidate" in request.meta:  # scanner.collect.policy.policy_request
            self.policy = request.url
        self.refresh()

    def item_scraped(self, item: Any) -> None:
        """A PageVisit is one page done (a page that failed to load is done too)."""
        if isinstance(item, PageVisit) and item.phase in self.lines:
            self.lines[item.phase].done += 1
            self.refresh()

    def spider_closed(self) -> None:
        """Draw the final state and leave it on screen."""
        if self.live is not None:
            self.refresh()
            self.live.stop()
            self.live = None

    # -- the display ----------------------------------------------------------------------------

    @property
    def page_set_final(self) -> bool:
        """Pre-consent has ended (or no crawl runs), so the page set and every total are exact."""
        pages = getattr(self.spider, "pages", None)
        return pages is None or pages.final

    def total(self, phase: str) -> int:
        """The phase's page count: exact once pre-consent ended, else at most --max-pages."""
        pages = getattr(self.spider, "pages", None)
        if pages is None:
            return 0
        return len(pages.urls) if pages.final else pages.max_pages

    def rows(self) -> list[tuple[str, str, str]]:
        """(phase, "done/total", what it is doing) for each line, the policy last."""
        skipped = {
            name: result.skipped
            for name, result in getattr(getattr(self.spider, "scan", None), "phases", {}).items()
            if result.skipped
        }
        rows = []
        for line in self.lines.values():
            total = self.total(line.name)
            count = f"{line.done}/{total}"
            if line.name in skipped:
                doing = f"skipped: {skipped[line.name]}"
            elif self.page_set_final and line.done >= total:
                doing = "done"
            else:
                doing = line.current or "starting"
            rows.append((line.name, count, doing))
        if self.policy is not None:
            rows.append(("policy", "", self.policy))
        return rows

    def render(self) -> Table:
        """The live display: a grid of one line per phase."""
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(no_wrap=True, overflow="ellipsis")
        for row in self.rows():
            grid.add_row(*row)
        return grid

    def refresh(self) -> None:
        if self.live is not None:
            self.live.refresh()
