"""Loads vendor JavaScript from ``assets/`` and fills in per-request values.

Vendor scripts live in real ``.js`` files (readable, lintable) and are combined with
small shared "kits" (cookie writing, transport, interaction recording) that several
vendors need. Kits are wrapped with the vendor body in one IIFE so nothing leaks
into the page's globals except what the real vendor exposes.
Placeholders look like ``__NAME__`` and are replaced by JSON literals, which keeps
the files valid JavaScript and makes injection of page data impossible.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

ASSETS_DIR = Path(__file__).resolve().parent / "assets"


@cache
def asset_bytes(name: str) -> bytes:
    """Raw asset (JS or image) from ``assets/``, cached because files never change."""
    return (ASSETS_DIR / name).read_bytes()


def vendor_script(name: str, *, kits: tuple[str, ...] = (), **values: Any) -> str:
    """Vendor script ``assets/<name>`` with kits prepended and placeholders filled."""
    parts = [asset_bytes(f"kit_{kit}.js").decode() for kit in kits]
    parts.append(asset_bytes(name).decode())
    source = "(function () {\n'use strict';\n" + "\n".join(parts) + "\n})();\n"
    for key, value in values.items():
        source = source.replace(f"__{key.upper()}__", json.dumps(value))
    return source


def vendor_page(name: str, **values: Any) -> str:
    """HTML document ``assets/<name>`` with ``__NAME__`` placeholders HTML-escaped.

    Pages that need a value in their inline script read it from a data attribute, so
    one escaping rule (HTML) is enough.
    """
    page = asset_bytes(name).decode()
    for key, value in values.items():
        page = page.replace(f"__{key.upper()}__", html.escape(str(value)))
    return page
