"""Tracker filter lists (EasyPrivacy, EasyList) matched with Brave's adblock engine.

The lists come from Debian's ``webext-ublock-origin-chromium`` package (installed by
``scripts/setup.sh``; licence GPL-3+ or CC-BY-SA-3.0+), or from a folder the user names with
``PRIVACYSCAN_LISTS``. The matching filter is the evidence. Building the engine takes a few
tenths of a second, once per process; matching takes microseconds per request.

The list files carry no version of their own ("Last modified: %timestamp%" in Debian's build),
so their version is the Debian package version where known, else the file date, plus a hash.
Each list's matches are named after it: the evidence says "EasyPrivacy: ||example.com^".
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import adblock

DEBIAN_LISTS = Path("/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist")
DEBIAN_PACKAGE = "webext-ublock-origin-chromium"
#: The lists, most specific to privacy first: a request EasyPrivacy matches is a tracker.
LIST_FILES = {"EasyPrivacy": "easyprivacy.txt", "EasyList": "easylist.txt"}
LICENCE = "GPL-3.0-or-later or CC-BY-SA-3.0-or-later (EasyList authors)"

#: Chromium/CDP resource types -> adblock request types. ``fetch`` must be ``xhr`` or it
#: misses ``$xmlhttprequest`` rules; types adblock does not know are ``other``.
REQUEST_TYPES = {
    "fetch": "xhr",
    "xhr": "xhr",
    "script": "script",
    "image": "image",
    "stylesheet": "stylesheet",
    "font": "font",
    "media": "media",
    "ping": "ping",
    "websocket": "websocket",
}


@dataclass(frozen=True)
class ListMatch:
    """Which list and filter matched a request."""

    list_name: str
    filter: str


class TrackerLists:
    """The installed tracker lists, ready to match requests.

    One engine holds every list (one lookup per request instead of one per list); a map from
    filter text to list name, first list first, says which list a matching filter came from.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.versions: dict[str, str] = {}
        self.origin: dict[str, str] = {}
        texts: list[str] = []
        package = _debian_version() if folder == DEBIAN_LISTS else None
        for name, filename in LIST_FILES.items():
            path = folder / filename
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            texts.append(text)
            for line in text.splitlines():
                self.origin.setdefault(line.strip(), name)
            self.versions[name] = _version(path, text, package)
        self.engine = _cached_engine(texts) if texts else None

    @property
    def names(self) -> list[str]:
        """The lists loaded."""
        return list(self.versions)

    def match(self, url: str, page_url: str, resource_type: str) -> ListMatch | None:
        """The list filter that blocks ``url`` requested from ``page_url``, if any."""
        if self.engine is None:
            return None
        request_type = _request_type(url, page_url, resource_type)
        result = self.engine.check_network_urls(url, page_url, request_type)
        if not result.matched or result.exception:
            return None
        found = result.filter or ""
        return ListMatch(self.origin.get(found, self.names[0]), found)


def _cached_engine(texts: list[str]) -> adblock.Engine:
    """The engine for these list texts, from the on-disk cache when it holds them.

    Deserialising is about three times faster than building; the cache key is the lists'
    content, so an updated list builds a new engine.
    """
    key = hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:20]
    cache_file = _cache_dir() / f"adblock-{key}.dat"
    engine = adblock.Engine(adblock.FilterSet(debug=True), optimize=False)
    if cache_file.exists():
        try:
            engine.deserialize(cache_file.read_bytes())
            return engine
        except (adblock.DeserializationError, OSError):
            pass  # a stale or broken cache: build anew
    filters = adblock.FilterSet(debug=True)
    for text in texts:
        filters.add_filter_list(text)
    engine = adblock.Engine(filters, optimize=False)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(".tmp")
        partial.write_bytes(engine.serialize())
        partial.replace(cache_file)
    except OSError:
        pass  # a read-only home: work without the cache
    return engine


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "privacyscan"


@cache
def installed_lists() -> TrackerLists | None:
    """The tracker lists of this machine, or None when none is installed."""
    folder = Path(os.environ.get("PRIVACYSCAN_LISTS") or DEBIAN_LISTS)
    lists = TrackerLists(folder)
    return lists if lists.engine is not None else None


def _request_type(url: str, page_url: str, resource_type: str) -> str:
    if resource_type == "document":
        return "document" if url == page_url else "sub_frame"
    return REQUEST_TYPES.get(resource_type, "other")


def _version(path: Path, text: str, package: str | None) -> str:
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    origin = f"Debian {DEBIAN_PACKAGE} {package}" if package else "local copy"
    return f"{origin}, file dated {modified}, sha256 {digest}"


def list_versions() -> dict[str, str]:
    """List name -> version, for the report; says so when no list is installed."""
    lists = installed_lists()
    if lists is None:
        return {"tracker_lists": "not installed (run scripts/setup.sh or set PRIVACYSCAN_LISTS)"}
    return dict(lists.versions)


def list_sources() -> dict[str, dict[str, str]]:
    """List name -> where it was read from and its licence."""
    lists = installed_lists()
    if lists is None:
        return {}
    return {
        name: {"source": str(lists.folder / LIST_FILES[name]), "licence": LICENCE}
        for name in lists.names
    }


def _debian_version() -> str | None:
    try:
        done = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", DEBIAN_PACKAGE],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None
