"""Drive DuckDuckGo's autoconsent from Python Playwright.

autoconsent (npm, MPL-2.0) knows several hundred consent managers by their DOM and how to opt
in or out of each. Its Playwright bundle runs in every frame and talks to us through a binding:
it sends ``init``, we answer with the configuration and the rules for that frame (its snippets
run inline, in the page's main world); it reports ``cmpDetected``, ``popupFound``,
``optInResult``/``optOutResult``, ``autoconsentDone`` and ``selfTestResult``.

We run it with ``autoAction: null`` (detect only) so that nothing is clicked before the spider
has taken its pre-decision snapshot; the decision is then triggered explicitly with an
``optIn``/``optOut`` message, so the boundary between pre-consent and decision evidence is exact.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from playwright.async_api import Frame, Page

BINDING = "autoconsentSendMessage"
#: How long to keep waiting for a popup when no consent manager has been detected yet.
NO_CMP_GRACE_SECONDS = 0.5
PACKAGE = Path("node_modules") / "@duckduckgo" / "autoconsent"
#: The style element autoconsent's ``hide`` steps write their rules into.
HIDING_STYLE = "autoconsent-css-rules"

CONFIG = {
    "enabled": True,
    "autoAction": None,
    "disabledCmps": [],
    "enablePrehide": False,
    "enableCosmeticRules": True,
    "enableGeneratedRules": True,
    "enableHeuristicDetection": True,
    "detectRetries": 20,
    # The content script is an init script, so it runs in the page's main world: snippets that
    # read the consent manager's globals (``Cookiebot.withdraw()``) run inline. Answering them as
    # ``eval`` messages through Python instead cost two round trips against autoconsent's fixed
    # 1 s per eval, and under load a withdrawal that had happened was reported as failed.
    "isMainWorld": True,
    "prehideTimeout": 2000,
    "enablePopupMutationObserver": False,
    "visualTest": False,
    "heuristicPopupSearchTimeout": 3000,
    "performanceLoggingEnabled": False,
    "logs": {
        "lifecycle": False,
        "rulesteps": False,
        "detectionsteps": False,
        "evals": False,
        "errors": False,
        "messages": False,
        "waits": False,
    },
}


def package_dir() -> Path | None:
    """Where the installed autoconsent package is, or None when set-up has not installed it."""
    for base in (Path(__file__).resolve().parents[3], Path.cwd()):
        candidate = base / PACKAGE
        if (candidate / "dist" / "autoconsent.playwright.js").exists():
            return candidate
    return None


def engine_label(package: Path | None) -> str:
    """Which consent engines a scan used, for the report."""
    if package is None:
        return "heuristic (autoconsent not installed: run scripts/setup.sh)"
    return f"autoconsent {_bundle(package)[2]} + heuristic"


@cache
def _bundle(package: Path) -> tuple[str, list[dict], str]:
    """The content script, the full rule list, and the package version."""
    script = (package / "dist" / "autoconsent.playwright.js").read_text(encoding="utf-8")
    rules = json.loads((package / "rules" / "rules.json").read_text(encoding="utf-8"))
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    return script, rules["autoconsent"], version


def rules_for(rules: list[dict], url: str, main_frame: bool) -> list[dict]:
    """The rules that can run in a frame, as autoconsent's own ``runContext`` filter decides.

    Sending only these keeps the per-frame ``initResp`` small (the full set is 680 KB).
    """
    selected = []
    for rule in rules:
        context = rule.get("runContext") or {}
        if main_frame and context.get("main") is False:
            continue
        if not main_frame and not context.get("frame", False):
            continue
        pattern = context.get("urlPattern")
        if pattern:
            try:
                if not re.search(pattern, url):
                    continue
            except re.error:  # a JavaScript-only pattern: let autoconsent judge it
                pass
        selected.append(rule)
    return selected


@dataclass
class AutoconsentState:
    """What autoconsent reported for one page."""

    cmp: str | None = None
    popup_frame: Frame | None = None
    result: bool | None = None
    cosmetic: bool | None = None
    clicks: int | None = None
    self_test: bool | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)
    messages: list[str] = field(default_factory=list)


class Autoconsent:
    """One page's autoconsent instance set: attach before navigation, then decide."""

    def __init__(self, page: Page, package: Path) -> None:
        self.page = page
        self.script, self.rules, self.version = _bundle(package)
        self.state = AutoconsentState()

    async def attach(self) -> None:
        """Expose the message binding and install the content script in every frame."""
        await self.page.expose_binding(BINDING, self._on_message)
        await self.page.add_init_script(self.script)

    async def _on_message(self, source: dict[str, Any], message: dict[str, Any]) -> None:
        frame: Frame = source["frame"]
        kind = message.get("type") if isinstance(message, dict) else None
        try:
            if kind == "init":
                await self._answer_init(frame)
            elif kind in ("cmpDetected", "popupFound"):
                self.state.cmp = str(message.get("cmp"))
                self.state.messages.append(f"{kind}: {self.state.cmp}")
                if kind == "popupFound":
                    self.state.popup_frame = frame
            elif kind in ("optInResult", "optOutResult"):
                self.state.result = bool(message.get("result"))
                self.state.messages.append(f"{kind}: {self.state.result}")
                if not self.state.result:  # no autoconsentDone follows a failure
                    self.state.done.set()
                elif message.get("scheduleSelfTest"):
                    await self._send(frame, {"type": "selfTest"})
            elif kind == "selfTestResult":
                self.state.self_test = bool(message.get("result"))
                self.state.messages.append(f"selfTestResult: {self.state.self_test}")
            elif kind == "autoconsentDone":
                self.state.cosmetic = bool(message.get("isCosmetic"))
                self.state.clicks = int(message.get("totalClicks") or 0)
                self.state.done.set()
            elif kind == "autoconsentError":
                self.state.messages.append(f"error: {str(message.get('details'))[:200]}")
        except Exception as error:  # a frame navigated away mid-conversation
            self.state.messages.append(f"{kind}: {str(error).splitlines()[0][:200]}")

    async def _answer_init(self, frame: Frame) -> None:
        main = frame.parent_frame is None
        rules = rules_for(self.rules, frame.url, main)
        await self._send(
            frame, {"type": "initResp", "config": CONFIG, "rules": {"autoconsent": rules}}
        )

    @staticmethod
    async def _send(frame: Frame, message: dict) -> None:
        await frame.evaluate("(message) => window.autoconsentReceiveMessage(message)", message)

    def cosmetic_rule(self) -> bool:
        """Whether the detected consent manager's rule is cosmetic: it can only hide the banner
        (or clicks an "OK" it cannot verify), so the decision is better left to the heuristic."""
        return any(r.get("name") == self.state.cmp and r.get("cosmetic") for r in self.rules)

    async def undo_hiding(self) -> None:
        """Remove the style sheet a cosmetic rule used to hide the banner, in every frame, so
        that the heuristic sees the banner a visitor sees."""
        for frame in self.page.frames:
            try:
                await frame.evaluate(f"() => document.getElementById({HIDING_STYLE!r})?.remove()")
            except Exception:  # a detached or navigating frame
                continue

    async def wait_for_popup(self, timeout: float) -> bool:
        """Whether autoconsent found an open consent popup within ``timeout`` seconds.

        When no consent manager was detected at all by now (the page is already quiet), the
        wait is short: detection runs as the page loads, so a long wait would only be paid by
        sites without a known consent manager.
        """
        if self.state.cmp is None:
            timeout = min(timeout, NO_CMP_GRACE_SECONDS)
        deadline = asyncio.get_running_loop().time() + timeout
        while self.state.popup_frame is None:
            if asyncio.get_running_loop().time() >= deadline:
                return False
            await asyncio.sleep(0.1)
        return True

    async def decide(self, action: Literal["optIn", "optOut"], timeout: float) -> bool:
        """Ask autoconsent to opt in or out in the popup's frame; True when it reports done."""
        frame = self.state.popup_frame
        if frame is None:
            return False
        self.state.done.clear()
        await self._send(frame, {"type": action})
        try:
            await asyncio.wait_for(self.state.done.wait(), timeout)
        except TimeoutError:
            self.state.messages.append(f"{action}: no answer within {timeout:.0f} s")
            return False
        return True
