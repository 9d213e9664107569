"""Verify a consent decision: did the site's consent state really change?

A banner that merely disappears proves nothing (a cosmetic rule, a close button, a banner that
hides itself). We compare the consent state before and after the click: cookies (any created or
changed), the main frame's localStorage, the IAB TCF string (``__tcfapi``), and Google Consent
Mode commands in ``dataLayer``. Values are hashed, never kept.
"""

from __future__ import annotations

import asyncio

from playwright.async_api import Page

from scanner.collect.consent.scripts import script
from scanner.model import value_digest

STATE_JS = script("state.js")

#: How long a site gets to record a choice after the banner closed, in seconds. Consent managers
#: write their cookie or TCF string in the click handler or on the next tick; a few post it to
#: their server first and write on the answer, which on loopback takes well under a second.
STATE_WRITE_CAP_SECONDS = 2.0
#: How often the state is compared while waiting, in seconds.
STATE_POLL_SECONDS = 0.1


async def consent_state(page: Page) -> dict:
    """A comparable snapshot of everything that records a consent choice."""
    cookies = {
        f"{c['name']}@{c['domain']}": value_digest(c["value"]) for c in await page.context.cookies()
    }
    try:
        in_page = await page.evaluate(STATE_JS)
    except Exception:  # the page navigated (some banners reload on decision)
        in_page = {"storage": {}, "tcf": None, "consentMode": []}
    return {"cookies": cookies, **in_page}


def state_changes(before: dict, after: dict) -> list[str]:
    """What changed between two snapshots, in words for the report's steps."""
    changes = []
    for key, value in after["cookies"].items():
        if before["cookies"].get(key) != value:
            changes.append(f"cookie {key} {'changed' if key in before['cookies'] else 'set'}")
    for key, value in after["storage"].items():
        if before["storage"].get(key) != value:
            changes.append(f"localStorage {key} {'changed' if key in before['storage'] else 'set'}")
    if after.get("tcf") and after.get("tcf") != before.get("tcf"):
        changes.append("TCF consent string updated")
    if len(after.get("consentMode", [])) > len(before.get("consentMode", [])):
        changes.append(f"Google Consent Mode: {after['consentMode'][-1][:120]}")
    return changes


async def changes_after(page: Page, before: dict) -> list[str]:
    """The consent state's changes since ``before``, as soon as there are any (up to the cap).

    Replaces a fixed pause after the click: a site that records the choice at once costs one
    comparison, and one that never records it costs the cap (and is reported unverified).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STATE_WRITE_CAP_SECONDS
    while True:
        changes = state_changes(before, await consent_state(page))
        if changes or loop.time() >= deadline:
            return changes
        await asyncio.sleep(STATE_POLL_SECONDS)
