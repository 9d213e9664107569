"""Banner facts by consensus: the survey, the engines' outcome and the verification.

The survey reads the first layer before any decision and classifies controls by their words; a
word it does not know ("Alle Cookies verbieten") makes it see no reject control. The decision
engines then operate the banner, and ``verify.py`` checks that the consent state changed. A
rule such as CB-03 ("no reject on the first layer") may only fire when these agree: a verified
one-click reject on the first layer proves the control is there whatever the survey read.
"""

from __future__ import annotations

from typing import Literal

from scanner.model import ConsentDecision, ConsentOutcome

Decision = Literal["accept", "reject"]


def one_click_first_layer(decision: ConsentDecision) -> bool:
    """Whether a decision was really made on the first layer in one click, and verified."""
    return decision.found and decision.succeeded and decision.first_layer and decision.clicks == 1


def record(consent: ConsentOutcome, decision: Decision, outcome: ConsentDecision) -> None:
    """Store a decision's outcome and bring the banner facts in line with it."""
    setattr(consent, decision, outcome)
    reconcile(consent)


def reconcile(consent: ConsentOutcome) -> None:
    """Record who establishes the first-layer reject: the survey, else the reject decision.

    Idempotent: the survey's own ``first_layer_reject`` is left as it read the banner, so the
    report keeps both views; ``first_layer_reject_source`` says which one decided.
    """
    banner = consent.banner
    if banner is None:
        return
    if banner.first_layer_reject:
        banner.first_layer_reject_source = "survey"
    elif one_click_first_layer(consent.reject):
        banner.first_layer_reject_source = "decision"
    else:
        banner.first_layer_reject_source = None
