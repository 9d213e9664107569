"""Operate the consent banner: accept or reject, verify, and record every step.

Two engines, in order: autoconsent's rule for the detected consent manager, then the project's
own heuristic for banners no rule knows (or when the rule failed). Each decision is verified by
a change in the site's consent state (``verify.py``); a decision that only hid the banner (a
cosmetic rule, a close button) is reported as not succeeded. The engine that handled the
banner, its steps and the clicks it needed go into the report.
"""

from __future__ import annotations

from playwright.async_api import Page

from scanner.collect.consent import heuristic
from scanner.collect.consent.autoconsent import Autoconsent
from scanner.collect.consent.heuristic import Decision, Survey
from scanner.collect.consent.verify import changes_after, consent_state
from scanner.collect.consent.vocabulary import acknowledges
from scanner.model import BannerFacts, ConsentDecision

AUTOCONSENT_ACTION = {"accept": "optIn", "reject": "optOut"}
#: How long to give autoconsent to find the popup once the page is quiet.
POPUP_WAIT_SECONDS = 2.0
DECISION_TIMEOUT_SECONDS = 15.0


async def decide(page: Page, decision: Decision, engine: Autoconsent | None) -> ConsentDecision:
    """Make ``decision`` on the page's banner and verify that the consent state changed.

    The clicks a rule reports describe its own path; :func:`visitor_clicks` corrects them once
    the pre-consent survey of the first layer is known.
    """
    before = await consent_state(page)
    outcome = ConsentDecision()
    if engine is not None and await engine.wait_for_popup(POPUP_WAIT_SECONDS):
        if engine.cosmetic_rule():
            outcome.steps.append(
                f"autoconsent rule {engine.state.cmp!r} is cosmetic (it hides the banner without"
                " a verifiable choice): the heuristic decides"
            )
        else:
            await _with_autoconsent(engine, decision, outcome)
            if outcome.method == "cosmetic":
                await engine.undo_hiding()
    if not outcome.succeeded:  # the rule was cosmetic, failed, or there was none
        await _with_heuristic(page, decision, outcome)
    if outcome.succeeded:
        changes = await changes_after(page, before)
        outcome.steps.extend(changes)
        if not changes:
            outcome.succeeded = False
            outcome.steps.append("the banner closed but no consent state changed (unverified)")
    return outcome


async def _with_autoconsent(
    engine: Autoconsent, decision: Decision, outcome: ConsentDecision
) -> None:
    cmp = engine.state.cmp
    outcome.steps.append(f"autoconsent detected {cmp!r}")
    answered = await engine.decide(AUTOCONSENT_ACTION[decision], DECISION_TIMEOUT_SECONDS)
    state = engine.state
    outcome.steps.extend(
        m for m in state.messages if not m.startswith(("cmpDetected", "popupFound"))
    )
    if not answered or not state.result:
        outcome.steps.append(f"autoconsent could not {decision} with rule {cmp!r}")
        return
    outcome.found = True
    outcome.clicks = state.clicks or 0
    outcome.first_layer = outcome.clicks <= 1
    outcome.method = f"autoconsent rule {cmp}"
    if state.cosmetic:
        outcome.method = "cosmetic"
        outcome.steps.append(f"rule {cmp!r} only hides the banner: no choice was made")
        return
    outcome.succeeded = state.self_test is not False


def visitor_clicks(outcome: ConsentDecision, decision: Decision, banner: BannerFacts) -> None:
    """A rule's own click count describes its path; a visitor needs one click when the first
    layer offers the control. Only for a decision an autoconsent rule made."""
    if not outcome.found or not (outcome.method or "").startswith("autoconsent rule"):
        return
    on_first_layer = (
        banner.first_layer_accept if decision == "accept" else banner.first_layer_reject
    )
    if on_first_layer and outcome.clicks != 1:
        outcome.steps.append(
            f"the rule made {outcome.clicks} click(s); the first layer offers {decision} in one"
        )
        outcome.clicks = 1
        outcome.first_layer = True


async def _with_heuristic(page: Page, decision: Decision, outcome: ConsentDecision) -> None:
    outcome.method = "heuristic"
    first = await heuristic.survey(page)
    if first is None:
        outcome.steps.append("heuristic: no banner with accept or reject controls found")
        return
    control = first.best(decision)
    if control is not None:
        outcome.found = outcome.first_layer = True
        outcome.control_text = control.text
        await _click(control, outcome)
        outcome.succeeded = outcome.clicks > 0 and await heuristic.gone(control.element)
        return
    if decision == "reject":
        await _reject_through_settings(page, first, outcome)
    else:
        outcome.steps.append("heuristic: no accept control on the first layer")


async def _reject_through_settings(page: Page, first: Survey, outcome: ConsentDecision) -> None:
    """The cheapest reject path without a first-layer reject: settings, all off, save."""
    settings = first.best("settings")
    if settings is None:
        outcome.steps.append("heuristic: no reject and no settings control on the first layer")
        outcome.not_offered = _no_refusal(first)
        return
    await _click(settings, outcome)
    await page.wait_for_timeout(500)
    second = await heuristic.survey(page, layer="settings")
    if second is None:
        outcome.steps.append("heuristic: the settings layer could not be read")
        return
    reject = second.best("reject")
    if reject is not None:
        outcome.found = True
        outcome.control_text = reject.text
        await _click(reject, outcome)
        outcome.succeeded = await heuristic.gone(reject.element)
        return
    for toggle in second.toggles:
        if toggle.checked and not toggle.disabled and not toggle.necessary:
            await _click(toggle, outcome, f"switched off {toggle.label!r}")
    save = second.best("save")
    if save is None:
        outcome.steps.append("heuristic: no save control in the settings layer")
        return
    outcome.found = True
    outcome.control_text = save.text
    await _click(save, outcome)
    outcome.succeeded = await heuristic.gone(save.element)


def _no_refusal(first: Survey) -> str:
    """Why refusing is impossible on this banner, in words for the skipped reject phase."""
    answers = [c.text for c in first.controls if c.in_banner and c.kind == "accept"]
    if answers and all(acknowledges(text) for text in answers):
        return (
            f"reject not offered: an information banner whose only control, {answers[0]!r},"
            " accepts; there is no way to refuse"
        )
    return "reject not offered: the first layer has neither a reject nor a settings control"


async def _click(
    control: heuristic.Control | heuristic.Toggle, outcome: ConsentDecision, step: str | None = None
) -> None:
    label = step or f"clicked {getattr(control, 'text', '')!r}"
    if await heuristic.click(control):
        outcome.clicks += 1
        outcome.steps.append(label)
    else:
        outcome.steps.append(f"could not click: {label}")
