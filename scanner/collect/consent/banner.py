"""Facts about the banner itself, for the consent-design rules (CB-*, CL-01, NL-02).

Collected without making a decision: the first layer's controls and their styles, its text
(implied-consent wording), purposes ticked before any action (which may need the settings layer
opened: done only at the end of the pre-consent phase, after its evidence was taken), how much
of the screen the banner covers (a cookie wall), and after accepting, whether a persistent way
to withdraw consent exists on the page.
"""

from __future__ import annotations

from playwright.async_api import Page

from scanner.collect.consent import heuristic
from scanner.collect.consent.scripts import script
from scanner.collect.consent.vocabulary import acknowledges, implied_consent
from scanner.model import BannerFacts

#: A banner covering this share of the viewport blocks the content: a cookie wall.
WALL_COVERAGE = 0.8

WITHDRAW_JS = script("withdraw.js")


async def inspect(page: Page, open_settings: bool) -> BannerFacts | None:
    """The banner's first-layer facts, and pre-ticked purposes (opening settings if allowed).

    A banner seen but with no control we can classify is still reported (``operable`` False):
    a scan must never present an unknown banner as "no banner".
    """
    first = await heuristic.survey(page)
    if first is None:
        seen = await heuristic.sighting(page)
        if not seen:
            return None
        unknown = BannerFacts(text=seen, operable=False)
        _implied(unknown, seen)  # the wording counts even when no control could be classified
        return unknown
    facts = BannerFacts(
        text=first.text[:1500],
        controls=[c.describe() for c in first.controls if c.in_banner],
        first_layer_accept=first.best("accept") is not None,
        first_layer_reject=first.best("reject") is not None,
        settings_control=first.best("settings") is not None,
        coverage=round(first.coverage, 2),
        cookie_wall=first.coverage >= WALL_COVERAGE,
    )
    _implied(facts, first.text)
    answers = [c for c in first.controls if c.in_banner and c.kind in ("accept", "reject")]
    facts.information_only = bool(answers) and all(
        c.kind == "accept" and acknowledges(c.text) for c in answers
    )
    facts.pre_ticked = _ticked(first)
    settings = first.best("settings")
    if open_settings and settings is not None and await heuristic.click(settings):
        await page.wait_for_timeout(500)
        second = await heuristic.survey(page, layer="settings")
        if second is not None:
            facts.settings_opened = True
            facts.pre_ticked += [t for t in _ticked(second) if t not in facts.pre_ticked]
    return facts


def _implied(facts: BannerFacts, text: str) -> None:
    """Record implied-consent wording ("by continuing to browse you accept") found in ``text``."""
    implied = implied_consent(text)
    if implied:
        facts.implied_consent = {"language": implied[0], "text": implied[1]}


def _ticked(layer: heuristic.Survey) -> list[str]:
    """Labels of non-essential purposes already switched on before any action."""
    return [t.label for t in layer.toggles if t.checked and not t.disabled and not t.necessary]


async def withdraw_control(page: Page) -> dict | None:
    """A visible, persistent way to reopen the consent choices on this page, if any."""
    for frame in page.frames:
        try:
            found = await frame.evaluate(WITHDRAW_JS)
        except Exception:
            continue
        if found:
            return found
    return None
