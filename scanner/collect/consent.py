"""Operate a cookie banner: find the accept or reject control and click it, then check it went.

This is the first, heuristic version: it looks in every frame (and open shadow roots) for a
visible control whose text is an accept-all or reject-all phrase in Dutch, German, French,
English, Spanish or Italian, preferring controls inside a banner-like container. A decision
counts as succeeded only when the clicked control is gone afterwards; a banner we see but cannot
operate is reported as such, never as "no banner".
"""

from __future__ import annotations

import asyncio
from typing import Literal

from playwright.async_api import ElementHandle, Frame, Page

from scanner.model import ConsentDecision

Decision = Literal["accept", "reject"]

#: Whole-control texts (lowercase, whitespace folded). Exact matches score highest; a control
#: whose short text contains one of these also counts.
PHRASES: dict[Decision, tuple[str, ...]] = {
    "accept": (
        # nl
        "alles accepteren",
        "alle cookies accepteren",
        "accepteren",
        "akkoord",
        "ik ga akkoord",
        "cookies toestaan",
        "alle cookies toestaan",
        "toestaan",
        "ja, ik accepteer",
        "accepteer",
        # de
        "alle akzeptieren",
        "akzeptieren",
        "alle cookies akzeptieren",
        "zustimmen",
        "alle zulassen",
        "einverstanden",
        "annehmen",
        "alles erlauben",
        # fr
        "tout accepter",
        "accepter",
        "accepter tout",
        "accepter et fermer",
        "j'accepte",
        "accepter les cookies",
        "autoriser",
        # en
        "accept all",
        "accept",
        "accept all cookies",
        "allow all",
        "allow all cookies",
        "i agree",
        "agree",
        "got it",
        "ok",
        "allow cookies",
        "accept cookies",
        "i accept",
        # es / it
        "aceptar",
        "aceptar todo",
        "aceptar todas",
        "accetta",
        "accetta tutto",
        "accetto",
    ),
    "reject": (
        # nl
        "alles weigeren",
        "weigeren",
        "afwijzen",
        "alles afwijzen",
        "nee",
        "nee, bedankt",
        "alleen noodzakelijke cookies",
        "alleen noodzakelijk",
        "alleen functionele cookies",
        "cookies weigeren",
        "niet akkoord",
        # de
        "alle ablehnen",
        "ablehnen",
        "nur notwendige",
        "nur notwendige cookies",
        "nur essenzielle cookies",
        "ablehnen und schließen",
        "nicht einverstanden",
        # fr
        "tout refuser",
        "refuser",
        "continuer sans accepter",
        "refuser tout",
        "refuser les cookies",
        "je refuse",
        # en
        "reject all",
        "reject",
        "decline",
        "decline all",
        "deny",
        "refuse",
        "no thanks",
        "only necessary",
        "necessary only",
        "only essential cookies",
        "reject cookies",
        "no",
        # es / it
        "rechazar",
        "rechazar todo",
        "rifiuta",
        "rifiuta tutto",
        "solo necessari",
    ),
}

FIND_CONTROL_JS = """
({phrases}) => {
  const BANNER = /cookie|consent|gdpr|privacy|banner|notice|cmp|dsgvo|avg|rgpd/i;
  const norm = (s) => (s || "").replace(/\\s+/g, " ").trim().toLowerCase();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0.05;
  };
  const inBanner = (el) => {
    for (let n = el; n; n = n.parentElement || (n.getRootNode && n.getRootNode().host)) {
      if (!n.getAttribute) continue;
      const label = (n.id || "") + " " + (typeof n.className === "string" ? n.className : "");
      if (/dialog/.test(n.getAttribute("role") || "") || BANNER.test(label)) return true;
    }
    return false;
  };
  const controls = [];
  const walk = (root) => {
    root.querySelectorAll('button, a, [role="button"], input[type="button"], input[type="submit"]')
      .forEach((el) => controls.push(el));
    root.querySelectorAll("*").forEach((el) => { if (el.shadowRoot) walk(el.shadowRoot); });
  };
  walk(document);
  let best = null, bestScore = 0;
  for (const el of controls) {
    if (!visible(el)) continue;
    const text = norm(el.innerText || el.value || el.getAttribute("aria-label"));
    if (!text || text.length > 60) continue;
    let score = 0;
    if (phrases.includes(text)) score = 10;
    else if (text.length <= 40 && phrases.some((p) => p.length > 3 && text.includes(p))) score = 4;
    if (!score) continue;
    if (inBanner(el)) score += 10;
    if (el.tagName === "BUTTON") score += 1;
    if (score > bestScore) { best = el; bestScore = score; }
  }
  return bestScore >= 10 ? best : null;
}
"""

BANNER_PRESENT_JS = """
() => {
  const BANNER = /cookie|consent|gdpr|cmp|dsgvo/i;
  const WORDS = /cookie|consent|toestemming|einwilligung|consentement|privacy/i;
  for (const el of document.querySelectorAll("div, section, aside, dialog, form, iframe")) {
    const label = (el.id || "") + " " + (typeof el.className === "string" ? el.className : "");
    if (!BANNER.test(label)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 50 || r.height < 20) continue;
    if (el.tagName === "IFRAME" || WORDS.test(el.innerText || "")) return true;
  }
  return false;
}
"""


async def find_control(page: Page, decision: Decision) -> tuple[Frame, ElementHandle] | None:
    """The best control for ``decision`` in any frame of the page, or None."""
    for frame in page.frames:
        try:
            handle = await frame.evaluate_handle(
                FIND_CONTROL_JS, {"phrases": list(PHRASES[decision])}
            )
        except Exception:  # frame detached or navigating
            continue
        element = handle.as_element()
        if element is not None:
            return frame, element
    return None


async def banner_present(page: Page) -> bool:
    """Whether any frame shows something that looks like a consent banner."""
    for frame in page.frames:
        try:
            if await frame.evaluate(BANNER_PRESENT_JS):
                return True
        except Exception:
            continue
    return False


async def decide(page: Page, decision: Decision) -> ConsentDecision:
    """Click the first-layer control for ``decision`` and verify that the banner let go."""
    outcome = ConsentDecision(method="heuristic")
    found = await find_control(page, decision)
    if found is None:
        outcome.steps.append(f"no first-layer {decision} control found")
        return outcome
    _frame, element = found
    outcome.found = True
    outcome.first_layer = True
    outcome.control_text = ((await element.inner_text()) or "").strip()[:80]
    try:
        await element.click(timeout=5000)
    except Exception as error:
        outcome.steps.append(f"click on {outcome.control_text!r} failed: {error}".splitlines()[0])
        return outcome
    outcome.clicks = 1
    outcome.steps.append(f"clicked {outcome.control_text!r}")
    outcome.succeeded = await _gone(element)
    if not outcome.succeeded:
        outcome.steps.append("the control was still visible after the click")
    return outcome


async def _gone(element: ElementHandle, timeout: float = 3.0) -> bool:
    """Whether the clicked control disappeared (hidden or removed) within ``timeout``."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            if not await element.is_visible():
                return True
        except Exception:  # detached from the DOM or the page navigated: gone
            return True
        if asyncio.get_running_loop().time() >= deadline:
            return False
        await asyncio.sleep(0.1)
