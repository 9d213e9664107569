"""The ground-truth record of what the browser really requested.

Tests compare the scanner's report against this log, so entries are immutable and
the log hands out snapshot copies: a test iterating over it can never observe a
request that lands concurrently from a server thread.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

MAX_BODY_CHARS = 64 * 1024


@dataclass(frozen=True)
class LoggedRequest:
    """One request as received; header names are lower-cased for easy lookup."""

    time: float
    scheme: str
    host: str
    method: str
    path: str
    query: str
    headers: dict[str, str]
    cookies: dict[str, str]
    body: str

    @property
    def url(self) -> str:
        """The URL the browser asked for, rebuilt without the remapped port."""
        return f"{self.scheme}://{self.host}{self.path}" + (f"?{self.query}" if self.query else "")


def parse_cookie_header(header: str) -> dict[str, str]:
    """Parse a Cookie header leniently.

    ``http.cookies.SimpleCookie`` drops the whole header on one odd value (vendors use
    JSON, pipes and base64), which would make the log lie about what was sent.
    """
    cookies: dict[str, str] = {}
    for pair in header.split(";"):
        name, sep, value = pair.strip().partition("=")
        if name and sep:
            cookies[name] = value
    return cookies


def decode_body(raw: bytes) -> str:
    """Body as text for assertions; binary bytes are replaced rather than rejected."""
    return raw.decode("utf-8", errors="replace")[:MAX_BODY_CHARS]


class RequestLog:
    """Thread-safe, append-only request log, optionally mirrored to a JSON-lines file."""

    def __init__(self, log_path: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []
        self._log_path = log_path

    def append(self, entry: LoggedRequest) -> None:
        """Record a request; the file write shares the lock so lines never interleave."""
        with self._lock:
            self._entries.append(entry)
            if self._log_path is not None:
                line = json.dumps({**asdict(entry), "url": entry.url}, ensure_ascii=False)
                with self._log_path.open("a", encoding="utf-8") as handle:
                    handle.write(line + "\n")

    def snapshot(self) -> list[LoggedRequest]:
        """Copy of all entries so far."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget in-memory entries (the file, if any, is an audit trail and is kept)."""
        with self._lock:
            self._entries.clear()
