"""How each phase's browser is launched: a fresh profile that behaves like a visitor's Chrome.

Why a persistent profile per phase: Chromium's automation contexts block third-party cookies
(CDP ``blockedReasons: ['UserPreferences']``), which a default desktop Chrome stores. A fresh
profile whose ``Default/Preferences`` holds ``cookie_controls_mode: 0`` stores them, so the scan
sees the ``IDE`` on ``.doubleclick.net`` a real visitor gets. Each phase gets its own new profile,
so no consent state leaks from one phase to another.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from scanner.options import ScanOptions

#: Chromium features switched off, and why. Chromium reads only the last ``--disable-features``
#: it is given, so this list replaces Playwright's own; the entries of Playwright's that matter
#: here are repeated in it.
DISABLED_FEATURES = (
    # One renderer process for all frames, so one CDP session sees every iframe's traffic.
    "IsolateOrigins",
    "site-per-process",
    # HTTPS-Upgrades off: the scan must see what the site serves over plain HTTP, not
    # Chromium's upgrade of it (rule SEC-01).
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    # Chromium aborts preflighted cross-origin redirects while Fetch interception is on, which
    # it always is here (scrapy-playwright's routes, the private-address guard); Playwright's.
    "AvoidCorsURLLoaderRestartOnRedirect",
    # The browser's own background requests (tests/test_browser_silence.py): the scan must see
    # only what the pages send. Network time (clients2.google.com/time), optimization hints and
    # on-device model downloads (optimizationguide-pa.googleapis.com, update.googleapis.com
    # "ondemand" component), search preconnects and AI-mode checks (www.google.com), translate,
    # autofill server queries, media-router discovery (SSDP/mDNS on the local network),
    # certificate-transparency list updates and feed suggestions.
    "NetworkTimeServiceQuerying",
    "OptimizationHints",
    "OptimizationHintsFetching",
    "OptimizationGuideModelDownloading",
    "OptimizationGuideOnDeviceModel",
    "AimEnabled",
    "PreconnectToSearch",
    "Translate",
    "AutofillServerCommunication",
    "MediaRouter",
    "DialMediaRouteProvider",
    "CertificateTransparencyComponentUpdater",
    "InterestFeedContentSuggestions",
)

#: A reserved name (RFC 2606 ``.invalid``) for the browser's own services to talk to.
SILENCED_DOMAIN = "privacyscan-silenced.invalid"

#: Flags every phase's Chromium gets, and why:
BASE_ARGS = (
    # navigator.webdriver stays false: several consent managers hide from automation otherwise.
    "--disable-blink-features=AutomationControlled",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
    "--disable-site-isolation-trials",
    # No background traffic of the browser's own mixed into the site's requests: component,
    # safe-browsing and variations updates, sync, domain-reliability and crash reports,
    # client-side phishing models, metrics uploads (see also DISABLED_FEATURES).
    "--disable-background-networking",
    "--disable-component-update",
    "--safebrowsing-disable-auto-update",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--disable-field-trial-config",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    # Two services no flag switches off: the account list Chromium fetches from Gaia when a
    # profile's network starts (accounts.google.com/ListAccounts), and on-demand component
    # installs (update.googleapis.com). They are sent to names under SILENCED_DOMAIN, which
    # SILENCE_RULE makes fail inside the browser, so they never leave it.
    f"--gaia-url=https://accounts.{SILENCED_DOMAIN}/",
    f"--component-updater=url-source=https://update.{SILENCED_DOMAIN}/service/update2/json",
)


#: Host-resolver rule that makes every name under SILENCED_DOMAIN fail to resolve, before any
#: ``--host-rules`` of the user's (Chromium takes the first rule that matches).
SILENCE_RULE = f"MAP *.{SILENCED_DOMAIN} ~NOTFOUND"
#: WebRTC with the private-address guard on: no direct UDP, so no STUN to private addresses.
WEBRTC_GUARDED_POLICY = "disable_non_proxied_udp"
#: Set to 1 to run Chromium without its sandbox where the checks below think it would start.
NO_SANDBOX_ENV = "PRIVACYSCAN_NO_SANDBOX"
#: Names of Chromium's setuid sandbox helper beside the browser binary.
SETUID_HELPERS = ("chrome-sandbox", "chrome_sandbox")


def host_resolver_rules(user_rules: str | None) -> str:
    """The ``--host-resolver-rules`` value: the silencing rule, then the user's rules."""
    return f"{SILENCE_RULE}, {user_rules}" if user_rules else SILENCE_RULE


def sandbox_usable(executable: str) -> bool:
    """Whether Chromium's sandbox can start here, so the scan keeps it on where it can.

    It cannot as root (Chromium refuses to start sandboxed as root, the usual case in
    containers), nor on Linux without unprivileged user namespaces unless the setuid helper is
    installed. ``PRIVACYSCAN_NO_SANDBOX=1`` switches it off where these checks are wrong.
    """
    if os.environ.get(NO_SANDBOX_ENV) == "1":
        return False
    if not sys.platform.startswith("linux"):
        return True
    if os.geteuid() == 0:
        return False
    return _user_namespaces() or _setuid_helper(Path(executable).parent)


def _user_namespaces() -> bool:
    """Unprivileged user namespaces are on (Debian's switch, the count, Ubuntu's AppArmor)."""
    limits = {
        "/proc/sys/kernel/unprivileged_userns_clone": "0",
        "/proc/sys/user/max_user_namespaces": "0",
        "/proc/sys/kernel/apparmor_restrict_unprivileged_userns": "1",
    }
    for path, off in limits.items():
        try:
            if Path(path).read_text().strip() == off:
                return False
        except OSError:
            continue
    return True


def _setuid_helper(folder: Path) -> bool:
    for name in SETUID_HELPERS:
        try:
            info = (folder / name).stat()
        except OSError:
            continue
        if info.st_uid == 0 and info.st_mode & stat.S_ISUID:
            return True
    return False


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
    args = [*BASE_ARGS, f"--host-resolver-rules={host_resolver_rules(options.host_rules)}"]
    if options.ignore_https_errors:
        args.append("--ignore-certificate-errors")
    args.extend(options.extra_browser_args)
    kwargs: dict = {
        "user_data_dir": str(profile),
        "headless": True,
        "args": args,
        # Playwright adds --no-sandbox unless told the sandbox is wanted (see sandbox_usable).
        "chromium_sandbox": sandbox_usable(executable),
        "ignore_https_errors": options.ignore_https_errors,
        "user_agent": desktop_user_agent(executable),
        "locale": options.locale,  # also sets Accept-Language and navigator.language
        "timezone_id": options.timezone,
        "viewport": {"width": options.viewport[0], "height": options.viewport[1]},
    }
    if gpc:
        kwargs["extra_http_headers"] = {"Sec-GPC": "1"}
    if options.deny_private_addresses:
        # A service worker's own fetches escape the page's interception (netguard.py), and so
        # do WebRTC's STUN/TURN packets: no UDP that does not go through a proxy (there is none).
        kwargs["service_workers"] = "block"
        args.append(f"--force-webrtc-ip-handling-policy={WEBRTC_GUARDED_POLICY}")
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
