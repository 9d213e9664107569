"""Redact cookie values from a HAR file before it is kept as evidence.

Playwright's HAR holds every request's Cookie header and every response's Set-Cookie header,
values included; those can be session secrets or personal data. By default we keep the names
and replace each value with its length and a short hash, the same way the JSON report does.
"""

from __future__ import annotations

import json
from pathlib import Path

from scanner.model import value_digest


def redacted(value: str) -> str:
    """The stand-in written instead of a cookie value."""
    return f"<redacted length={len(value)} sha256={value_digest(value)}>"


def _redact_cookie_header(value: str, separator: str) -> str:
    parts = []
    for part in value.split(separator):
        name, eq, rest = part.partition("=")
        if not eq:
            parts.append(part)
            continue
        # A Set-Cookie line carries attributes after the value; a Cookie header pair does not.
        if separator == "\n":
            cookie_value, semi, attributes = rest.partition(";")
        else:
            cookie_value, semi, attributes = rest, "", ""
        parts.append(f"{name}={redacted(cookie_value)}{semi}{attributes}")
    return separator.join(parts)


def redact_har(path: Path) -> None:
    """Rewrite ``path`` in place with every cookie value redacted."""
    har = json.loads(path.read_text(encoding="utf-8"))
    for entry in har.get("log", {}).get("entries", []):
        for message, header_name, separator in (
            (entry.get("request", {}), "cookie", "; "),
            (entry.get("response", {}), "set-cookie", "\n"),
        ):
            for cookie in message.get("cookies", []):
                cookie["value"] = redacted(str(cookie.get("value", "")))
            for header in message.get("headers", []):
                if header.get("name", "").lower() == header_name:
                    header["value"] = _redact_cookie_header(header.get("value", ""), separator)
    path.write_text(json.dumps(har, indent=1), encoding="utf-8")
