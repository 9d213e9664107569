"""How each phase's browser is launched: a fresh profile that behaves like a visitor's Chrome.

Why a persistent profile per phase: Chromium's automation contexts block third-party cookies
(CDP ``blockedReasons: ['UserPreferences']``), which a default desktop Chrome stores. A fresh
profile whose ``Default/Preferences`` holds ``cookie_controls_mode: 0`` stores them, so the scan
sees the ``IDE`` on ``.doubleclick.net`` a real visitor gets. Each phase gets its own new profile,
so no consent state leaks from one phase to another.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from scanner.options import ScanOptions

#: Flags every phase's Chromium gets, and why:
BASE_ARGS = (
    # navigator.webdriver stays false: several consent managers hide from automation otherwise.
    "--disable-blink-features=AutomationControlled",
    # One renderer process for all frames, so one CDP session sees every iframe's traffic.
    # HTTPS-Upgrades off (as Playwright's own default, which this flag replaces): the scan must
    # see what the site serves over plain HTTP, not Chromium's upgrade of it (rule SEC-01).
    "--disable-features=IsolateOrigins,site-per-process,HttpsUpgrades,"
    "HttpsFirstBalancedModeAutoEnable",
    "--disable-site-isolation-trials",
    # No background traffic of the browser's own mixed into the site's requests.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--no-sandbox",
)


def new_profile(parent: Path | None = None) -> Path:
    """Create an empty Chromium profile that stores third-party cookies like desktop Chrome."""
    profile = Path(tempfile.mkdtemp(prefix="privacyscan-profile-", dir=parent))
    (profile / "Default").mkdir()
    preferences = {"profile": {"cookie_controls_mode": 0}}
    (profile / "Default" / "Preferences").write_text(json.dumps(preferences))
    return profile


@cache
def desktop_user_agent(executable: str) -> str:
    """A normal desktop Chrome user agent for the browser's real major version.

    Headless Chromium announces itself as ``HeadlessChrome``, which consent managers and bot
    filters key on; a visitor's browser says ``Chrome``.
    """
    major = "140"
    if executable:
        try:
            printed = subprocess.run(
                [executable, "--version"], capture_output=True, text=True, timeout=20
            ).stdout
        except (OSError, subprocess.SubprocessError):
            printed = ""
        found = re.search(r"(\d+)\.\d+\.\d+\.\d+", printed)
        if found:
            major = found.group(1)
    return (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        f"(KHTML, like Gecko) Chrome/{major}.0.0.0 Safari/537.36"
    )


#: Global Privacy Control as a browser that supports it exposes it to pages.
GPC_SCRIPT = """
Object.defineProperty(Navigator.prototype, "globalPrivacyControl", {
  get: () => true, configurable: true, enumerable: true,
});
"""


def context_kwargs(
    options: ScanOptions,
    profile: Path,
    executable: str,
    har_path: Path | None,
    gpc: bool = False,
) -> dict:
    """Keyword arguments for ``launch_persistent_context`` for one phase.

    ``gpc`` adds the ``Sec-GPC: 1`` request header (the page side is ``GPC_SCRIPT``).
    """
    args = list(BASE_ARGS)
    if options.host_rules:
        args.append(f"--host-resolver-rules={options.host_rules}")
    if options.ignore_https_errors:
        args.append("--ignore-certificate-errors")
    args.extend(options.extra_browser_args)
    kwargs: dict = {
        "user_data_dir": str(profile),
        "headless": True,
        "args": args,
        "ignore_https_errors": options.ignore_https_errors,
        "user_agent": desktop_user_agent(executable),
        "locale": options.locale,  # also sets Accept-Language and navigator.language
        "timezone_id": options.timezone,
        "viewport": {"width": options.viewport[0], "height": options.viewport[1]},
    }
    if gpc:
        kwargs["extra_http_headers"] = {"Sec-GPC": "1"}
    kwargs["executable_path"] = executable
    if har_path is not None:
        kwargs["record_har_path"] = str(har_path)
        kwargs["record_har_content"] = "omit"
    return kwargs


def describe_failure(error: BaseException) -> str:
    """One line saying why a page failed, in the words a site owner can act on."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "ERR_CERT" in text or "ERR_SSL" in text:
        code = text[text.find("net::") :].split()[0] if "net::" in text else text
        return (
            f"TLS certificate error ({code}); "
            "use --ignore-https-errors for staging or self-signed sites"
        )
    if "launch_persistent_context" in text or "Executable doesn't exist" in text:
        return f"the browser could not start ({text[:200]})"
    if "net::" in text:
        return text[text.find("net::") :].split()[0]
    if "Download is starting" in text:
        return "the URL is a download, not a web page"
    return text[:300]
