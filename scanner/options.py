"""ScanOptions: every knob of a scan in one place, validated once.

The command line builds one of these; the spider, the browser launcher and the reporters read
it. Validation lives here so that a bad value is refused before a browser starts.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scanner.config import RuleConfig
from scanner.errors import ScanFailed, UsageError
from scanner.model import SEVERITY_ORDER

#: Whitespace and control characters: never part of a URL a user means (browsers drop them).
CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
#: A BCP 47 language tag as Chromium takes it: ``nl``, ``nl-NL``, ``zh-Hant-TW``.
LOCALE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}")

#: Where we look for a Chromium when no explicit path is given, best first.
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


@dataclass
class ScanOptions:
    """What to scan and how."""

    url: str
    out_dir: Path
    max_pages: int = 5
    host_rules: str | None = None
    ignore_https_errors: bool = False
    fail_on: str | None = None
    #: The policy to check against (URL, or a local HTML/text/PDF/YAML file) instead of the
    #: one found on the site.
    policy: str | None = None
    #: The owner's policy-as-code file; by default ``policies/<host>.yaml`` when it exists.
    declared_policy: Path | None = None
    policies_dir: Path = Path("policies")
    #: How long the network must stay silent before a page counts as quiet (seconds).
    settle_seconds: float = 0.5
    #: The longest we wait for a page to become quiet after its load event (seconds).
    quiet_cap_seconds: float = 10.0
    navigation_timeout_seconds: float = 30.0
    #: Visitor presentation: a Dutch desktop visitor by default, since the first target market
    #: is the Netherlands; banners pick their language from it.
    locale: str = "nl-NL"
    timezone: str = "Europe/Amsterdam"
    viewport: tuple[int, int] = (1366, 900)
    chromium_path: str | None = None
    har_cookie_values: bool = False
    har: bool = True
    #: Also run a fourth phase with Global Privacy Control on (``Sec-GPC: 1``).
    gpc: bool = False
    #: Optional enrichment: a Ghostery TrackerDB ``trackerdb.json`` the user installed
    #: (non-commercial licence; see scanner/classify/trackerdb.py).
    trackerdb: Path | None = None
    screenshots: bool = True
    extra_browser_args: list[str] = field(default_factory=list)
    #: Severity changes, rules switched off and jurisdiction options (privacyscan.toml).
    rule_config: RuleConfig = field(default_factory=RuleConfig)
    #: Accepted findings: those in it (not expired) do not count for ``fail_on``.
    baseline: Path | None = None
    #: Outputs written beside report.json (names from scanner.report.formats.FORMATS).
    formats: tuple[str, ...] = ("json", "html")
    #: Report language; None: the policy's language when supported, else English.
    lang: str | None = None
    #: Show progress on stderr while the scan runs (only when stderr is a terminal). Off for
    #: library callers; the command line turns it on unless ``--quiet``.
    progress: bool = False
    #: Refuse loopback, private, link-local, CGNAT, multicast and cloud-metadata addresses
    #: (after DNS resolution, on redirects, subresources and WebSockets). Off for local use;
    #: on in modes that take URLs from other people.
    deny_private_addresses: bool = False
    #: The longest a whole scan may run before it closes with what it has (seconds).
    scan_timeout_seconds: float = 600.0
    #: Regular expressions: links whose URL matches one are not visited (crawl traps).
    exclude_patterns: tuple[str, ...] = ()

    def validate(self) -> None:
        """Refuse bad input with a :class:`UsageError` that names the problem."""
        self.url = normalise_url(self.url)
        self.validate_values()

    def validate_values(self) -> None:
        """The checks that do not need a site URL (``privacyscan policy FILE`` has none)."""
        if self.max_pages < 1:
            raise UsageError(f"--max-pages must be a positive number, got {self.max_pages}")
        if self.fail_on is not None and self.fail_on not in SEVERITY_ORDER:
            allowed = ", ".join(SEVERITY_ORDER)
            raise UsageError(f"--fail-on must be one of {allowed}, got {self.fail_on!r}")
        if self.policy and not is_url(self.policy) and not Path(self.policy).is_file():
            raise UsageError(f"policy {self.policy}: no such file")
        if self.declared_policy is not None and not self.declared_policy.is_file():
            raise UsageError(f"--declared-policy {self.declared_policy}: no such file")
        if self.trackerdb is not None:
            check_trackerdb(self.trackerdb)
        if not LOCALE.fullmatch(self.locale):
            raise UsageError(f"--locale must be a language tag such as nl-NL, got {self.locale!r}")
        if self.settle_seconds <= 0 or self.quiet_cap_seconds < self.settle_seconds:
            raise UsageError("the settle window must be positive and not longer than the cap")
        if self.baseline is not None:
            from scanner.baseline import load_baseline

            # Read now, not after the scan: a malformed baseline is a usage error (exit 2).
            load_baseline(self.baseline)
        if self.navigation_timeout_seconds <= 0 or self.scan_timeout_seconds <= 0:
            raise UsageError("--page-timeout and --scan-timeout must be positive")
        for pattern in self.exclude_patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise UsageError(
                    f"--exclude {pattern!r}: not a regular expression ({error})"
                ) from None
        check_writable(self.out_dir, "--out")

    def resolve_chromium(self) -> str:
        """The Chromium to launch: explicit path, else Playwright's own build, else the system's.

        Raises :class:`ScanFailed` when no browser is available at all, saying how to get one.
        """
        if self.chromium_path:
            if not Path(self.chromium_path).exists():
                raise ScanFailed(f"--chromium {self.chromium_path}: no such file")
            return self.chromium_path
        found = playwright_chromium()
        if found is not None:
            return str(found)
        for name in CHROMIUM_CANDIDATES:
            on_path = shutil.which(name)
            if on_path:
                return on_path
        raise ScanFailed(
            "no Chromium found: run scripts/setup.sh, or `playwright install chromium`, "
            "or install your system's chromium package"
        )


def normalise_url(url: str) -> str:
    """Check that ``url`` is an absolute http(s) URL with a host; add ``https://`` if bare."""
    url = url.strip()
    if CONTROL.search(url):
        raise UsageError(f"not a URL: {url!r} (it contains control characters or spaces)")
    if "://" not in url:
        if not url or " " in url or url.startswith(("/", ".")):
            raise UsageError(f"not a URL: {url!r} (expected for example https://www.example.nl/)")
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError as error:  # "Invalid IPv6 URL" for an unclosed bracket
        raise UsageError(f"not a URL: {url!r} ({error})") from None
    if parts.scheme not in ("http", "https"):
        raise UsageError(f"unsupported URL scheme {parts.scheme!r} in {url!r}: use http or https")
    if not parts.hostname or " " in url:
        raise UsageError(f"not a URL: {url!r} (no host name)")
    labels = parts.hostname.rstrip(".").split(".")
    if len(parts.hostname) > 253 or any(len(label) > 63 for label in labels):
        # DNS limits; longer names also overflow file names (policies/<host>.yaml).
        raise UsageError(f"not a URL: {url[:80]!r}... (host name longer than DNS allows)")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as error:
        raise UsageError(f"not a URL: {url!r} ({error})") from None
    if not parts.path:
        url += "/"
    return url


def playwright_chromium() -> Path | None:
    """The newest Chromium that ``playwright install chromium`` downloaded, if any.

    Looked up in Playwright's browser cache directly: asking Playwright itself starts its
    Node.js driver, which costs seconds on every run.
    """
    cache = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache/ms-playwright")
    builds = sorted(Path(cache).glob("chromium-*/chrome-*/chrome"), key=_build_number)
    return builds[-1] if builds else None


def _build_number(chrome: Path) -> int:
    """The revision in ``.../chromium-1155/chrome-linux/chrome``."""
    revision = chrome.parts[-3].rpartition("-")[2]
    return int(revision) if revision.isdigit() else 0


def is_url(value: str) -> bool:
    """Whether ``value`` is an http(s) URL rather than a local path (a malformed one still
    counts, so that :func:`normalise_url` reports what is wrong with it)."""
    try:
        return urlsplit(value).scheme in ("http", "https")
    except ValueError:
        return value.lower().startswith(("http:", "https:"))


def check_trackerdb(path: Path) -> None:
    """Refuse a ``--trackerdb`` that is missing or not a TrackerDB JSON, before the scan: it is
    otherwise read first when the crawl is already running."""
    from scanner.classify import trackerdb

    if not path.is_file():
        raise UsageError(f"--trackerdb {path}: no such file")
    try:
        trackerdb.load(path)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as error:
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UsageError(f"--trackerdb {path}: not a TrackerDB trackerdb.json ({detail})") from None


def check_writable(folder: Path, option: str) -> None:
    """Refuse an output folder that cannot be created or written, before any work is done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".privacyscan-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise UsageError(f"{option} {folder}: cannot write there ({reason})") from None
