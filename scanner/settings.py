"""Scrapy settings for the privacy spider (``scrapy.cfg`` points here).

Per-scan values (timeouts, log level) are set on top of these by :mod:`scanner.api`.
"""

import os

BOT_NAME = "privacyscan"
SPIDER_MODULES = ["scanner.collect.spider"]

# scrapy-playwright renders every request in Chromium, on Twisted's asyncio reactor.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
# Send exactly what the browser sends: a scanner that rewrites headers sees a different site.
PLAYWRIGHT_PROCESS_REQUEST_HEADERS = None

# We audit what a visitor gets: robots.txt governs crawlers indexing content, and a visitor's
# browser does not read it. The crawl is small (max pages per phase) and sequential per phase.
ROBOTSTXT_OBEY = False
COOKIES_ENABLED = False  # the browser profile holds the cookies, not Scrapy
RETRY_ENABLED = False  # a page that fails is evidence, not noise to retry away
CONCURRENT_REQUESTS = 4
#: Pre-consent pages that may load at once in the phase's context (a bounded pool; the other
#: phases follow the page set one page at a time). Two suits a two-core machine.
PRIVACYSCAN_PAGES_AT_ONCE = 2
DOWNLOAD_DELAY = 0
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"

# Pages done per phase on a terminal's stderr; PRIVACYSCAN_PROGRESS (set per scan by
# scanner.api from --quiet) switches it on, and it draws nothing when stderr is not a terminal.
EXTENSIONS = {"scanner.collect.progress.ScanProgress": 500}
PRIVACYSCAN_PROGRESS = False

ITEM_PIPELINES = {
    "scanner.pipelines.AttributionPipeline": 100,
    "scanner.pipelines.PolicyPipeline": 500,
    "scanner.pipelines.ScanPipeline": 900,
}

# Set per scan from ScanOptions (scanner/api.py crawler_settings); the defaults are for local use.
# Refuse private, loopback, link-local and metadata addresses (scanner/collect/netguard.py).
PRIVACYSCAN_DENY_PRIVATE_ADDRESSES = False
# The guard puts itself on every browser page (it is "not configured" while the option is off).
DOWNLOADER_MIDDLEWARES = {"scanner.collect.netguard.NetGuardMiddleware": 500}
# How the guard resolves host names: the dotted path of ``resolve(host) -> list[str]`` (sync or
# async). Empty: the system resolver, or PRIVACYSCAN_DNS. Also taken from the environment, so
# that a test can give a fixture host a public address in the scan's own process.
PRIVACYSCAN_RESOLVER = os.environ.get("PRIVACYSCAN_RESOLVER", "")
# Seconds a whole scan may run before it closes with what it has.
PRIVACYSCAN_SCAN_TIMEOUT = 600.0
# Regular expressions of URLs the spider does not follow (crawl traps).
PRIVACYSCAN_EXCLUDE: list[str] = []
