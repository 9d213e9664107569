"""Alerts: tell a site's people when a stored scan got worse.

An alert is due when findings at or above the site's threshold appeared (or rose to it), or
when the site's verdict changed. It goes to each webhook as a JSON POST signed with
``X-Privacyscan-Signature: sha256=<HMAC-SHA256 of the raw body>`` (the secret is read from the
target's environment variable, so watch lists hold no secrets), and to the e-mail addresses
through SMTP. The body is documented in docs/fleet.md.

Deliveries are retried with exponential back-off (bounded: a few attempts, capped delay), each
attempt logged and the outcome stored in the history; an alert is only sent after its scan is
committed, and a failed alert never raises: the scan and its history are never lost to it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import smtplib
import ssl
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from scanner import __version__
from scanner.fleet.diff import new_findings_at, summary_lines
from scanner.fleet.watchlist import Site

log = logging.getLogger("privacyscan.alerts")
SIGNATURE_HEADER = "X-Privacyscan-Signature"
EVENT = "privacyscan.site.changed"
MAX_DELAY = 60.0


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(body, secret), header)


def alert_payload(
    site: str,
    document: dict,
    scan: dict,
    previous: dict | None,
    changes: dict | None,
    threshold: str,
) -> dict | None:
    """The alert body, or None when nothing warrants one (no previous scan, or no new finding
    at or above ``threshold`` that the baseline does not accept, and the same verdict)."""
    if previous is None or changes is None:
        return None
    # A finding the team accepted in its baseline (report.json says so) is no news.
    accepted = {
        f.get("fingerprint")
        for f in document.get("findings", [])
        if (f.get("baseline") or {}).get("status") == "accepted"
    }
    new = [f for f in new_findings_at(changes, threshold) if f["fingerprint"] not in accepted]
    reasons = (["new-findings"] if new else []) + (
        ["verdict-changed"] if changes["verdict"] else []
    )
    if not reasons:
        return None
    return {
        "event": EVENT,
        "version": 1,
        "site": site,
        "target": document["target"],
        "reasons": reasons,
        "threshold": threshold,
        "verdict": scan["verdict"],
        "verdict_change": changes["verdict"],
        "scan": scan,
        "previous": previous,
        "new_findings": new,
        "changes": changes,
        "tool": {"name": "privacyscan", "version": __version__},
    }


@dataclass
class SmtpSettings:
    """Where e-mail goes out: the watch list's ``smtp`` block, options and PRIVACYSCAN_SMTP_*
    environment variables (options win, then the environment, then the file)."""

    host: str | None = None
    port: int = 25
    tls: str = "none"  # none | starttls | ssl
    sender: str = "privacyscan@localhost"
    username: str | None = None
    password: str | None = None
    #: Certificates to trust for TLS besides the system's (a company CA, a test server).
    cafile: str | None = None

    @classmethod
    def resolve(cls, configured: dict | None = None, **options: object) -> SmtpSettings:
        """Merge the three sources (see the class docstring)."""
        configured = configured or {}
        env = os.environ

        def pick(name: str, default: object) -> object:
            given = options.get(name)
            if given is not None:
                return given
            return env.get(f"PRIVACYSCAN_SMTP_{name.upper()}") or configured.get(name, default)

        user_env = configured.get("username_env") or "PRIVACYSCAN_SMTP_USERNAME"
        password_env = configured.get("password_env") or "PRIVACYSCAN_SMTP_PASSWORD"
        return cls(
            host=pick("host", None),  # type: ignore[arg-type]
            port=int(pick("port", 25)),  # type: ignore[arg-type]
            tls=str(pick("tls", "none")),
            sender=str(pick("sender", "privacyscan@localhost")),
            username=env.get(user_env),
            password=env.get(password_env),
            cafile=pick("cafile", None),  # type: ignore[arg-type]
        )


def post_webhook(url: str, body: bytes, secret: str, timeout: float = 10.0) -> None:
    """One POST; raises on a refused connection or a non-2xx answer."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": f"privacyscan/{__version__}",
            SIGNATURE_HEADER: sign(body, secret),
            "X-Privacyscan-Event": EVENT,
            "X-Privacyscan-Delivery": str(uuid.uuid4()),
        },
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if not 200 <= response.status < 300:
            raise OSError(f"HTTP {response.status}")


def email_message(payload: dict, sender: str, recipients: list[str]) -> EmailMessage:
    """The alert as a plain-text e-mail."""
    message = EmailMessage()
    message["Subject"] = (
        f"privacyscan: {payload['site']} changed ({', '.join(payload['reasons'])}), "
        f"verdict {payload['verdict']}"
    )
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    previous = payload["previous"]
    lines = [
        f"Site: {payload['site']} ({payload['target']})",
        f"Scan {payload['scan']['id']} of {payload['scan']['started_at']}, "
        f"compared with scan {previous['id']} of {previous['started_at']}.",
        f"Verdict: {payload['verdict']}",
        "",
        *summary_lines(payload["changes"]),
        "",
        f"Report: {payload['scan'].get('report_html') or payload['scan'].get('report_json')}",
    ]
    message.set_content("\n".join(lines) + "\n")
    return message


def send_email(settings: SmtpSettings, message: EmailMessage, timeout: float = 10.0) -> None:
    """Hand the message to the SMTP server (plain, STARTTLS or TLS, with login if given)."""
    if not settings.host:
        raise OSError("no SMTP host (set PRIVACYSCAN_SMTP_HOST, --smtp-host or smtp.host)")
    context = ssl.create_default_context(cafile=settings.cafile)  # certificates verified
    if settings.tls == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=timeout, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    with client:
        if settings.tls == "starttls":
            client.starttls(context=context)
        if settings.username:
            client.login(settings.username, settings.password or "")
        client.send_message(message)


def is_permanent(failure: BaseException) -> bool:
    """A failure that trying again cannot fix: credentials or addresses refused, a certificate
    that does not verify, a 4xx answer other than 408/429. Those fail at once."""
    if isinstance(failure, urllib.error.HTTPError):
        return 400 <= failure.code < 500 and failure.code not in (408, 429)
    refused = (
        smtplib.SMTPAuthenticationError,
        smtplib.SMTPRecipientsRefused,
        smtplib.SMTPSenderRefused,
        ssl.SSLCertVerificationError,
    )
    return isinstance(failure, refused)


def with_retries(
    send: Callable[[], None],
    what: str,
    attempts: int = 4,
    delay: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bool, int, str | None]:
    """Call ``send`` until it works, at most ``attempts`` times, waiting ``delay``, then twice
    that, ... (capped at a minute) in between; a permanent failure ends it at once. Returns
    (delivered, attempts made, last error)."""
    error: str | None = None
    for attempt in range(1, attempts + 1):
        try:
            send()
        except (OSError, smtplib.SMTPException, urllib.error.URLError) as failure:
            error = f"{type(failure).__name__}: {failure}"
            log.warning("alert to %s failed (attempt %d of %d): %s", what, attempt, attempts, error)
            if is_permanent(failure):
                return False, attempt, error
            if attempt < attempts:
                sleep(min(delay * 2 ** (attempt - 1), MAX_DELAY))
            continue
        log.info("alert delivered to %s (attempt %d)", what, attempt)
        return True, attempt, None
    return False, attempts, error


@dataclass
class Delivery:
    """One target's outcome."""

    channel: str
    target: str
    ok: bool
    attempts: int
    error: str | None


def send_alerts(
    payload: dict,
    site: Site,
    smtp: SmtpSettings,
    attempts: int = 4,
    delay: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Delivery]:
    """Send ``payload`` to every target of ``site``; never raises for a failed delivery."""
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    results = []
    for hook in site.webhooks:
        secret = os.environ.get(hook.secret_env)
        if not secret:
            error = f"environment variable {hook.secret_env} (the webhook secret) is not set"
            log.warning("alert to %s not sent: %s", hook.url, error)
            results.append(Delivery("webhook", hook.url, False, 0, error))
            continue

        def post(url: str = hook.url, key: str = secret) -> None:
            post_webhook(url, body, key)

        results.append(
            Delivery("webhook", hook.url, *with_retries(post, hook.url, attempts, delay, sleep))
        )
    if site.emails:
        message = email_message(payload, smtp.sender, site.emails)
        targets = ", ".join(site.emails)
        outcome = with_retries(lambda: send_email(smtp, message), targets, attempts, delay, sleep)
        results.append(Delivery("email", targets, *outcome))
    return results
