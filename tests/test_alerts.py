"""Alerts on a stored scan: a signed webhook received by a real local HTTP server, an e-mail
received by a real local SMTP server (aiosmtpd), retries with back-off, and a failed alert that
costs neither the scan nor its history.

The scans are the two real reports of www.historie-fixture.nl (see tests/test_history.py):
release 2 added Hotjar and its Meta pixel fires after "Reject all".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from scanner.cli import main
from scanner.fleet.alerts import MAX_DELAY, alert_payload, with_retries
from tests.pg_server import free_port

DATA = Path(__file__).parent / "data" / "fleet"
SECRET = "s3cret-for-historie"
HOTJAR = ["in.hotjar.com", "script.hotjar.com", "static.hotjar.com"]


@dataclass
class Receiver:
    """A webhook endpoint: answers 500 to the first ``fail_first`` requests, then 204."""

    fail_first: int = 0
    received: queue.Queue = field(default_factory=queue.Queue)
    url: str = ""
    attempts: int = 0


@pytest.fixture
def webhook() -> Iterator[Receiver]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.attempts += 1
            if receiver.attempts <= receiver.fail_first:
                self.send_response(500)
                self.end_headers()
                return
            receiver.received.put((dict(self.headers), body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/privacy"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class MailSink:
    """aiosmtpd handler: every message into a queue."""

    def __init__(self) -> None:
        self.received: queue.Queue = queue.Queue()
        self.logins: list[str] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.received.put(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[MailSink, int]]:
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()  # returns once the server answers
    try:
        yield sink, controller.port
    finally:
        controller.stop()


def watch_list(tmp_path: Path, hook_url: str, smtp_port: int, threshold: str = "medium") -> Path:
    path = tmp_path / "watch.yaml"
    path.write_text(
        f"""version: 1
smtp: {{host: 127.0.0.1, port: {smtp_port}, tls: none, sender: privacyscan@example.nl}}
sites:
  - name: historie
    url: https://www.historie-fixture.nl/
    schedule: "0 6 * * *"
    notify:
      threshold: {threshold}
      webhooks: [{{url: "{hook_url}", secret_env: HISTORIE_HOOK_SECRET}}]
      email: [dpo@example.nl]
""",
        encoding="utf-8",
    )
    return path


def add(tmp_path: Path, name: str, watch: Path, *extra: str, started: str | None = None) -> int:
    folder = tmp_path / f"{name}-{started or 'as-scanned'}"
    folder.mkdir()
    report = folder / "report.json"
    shutil.copy(DATA / name / "report.json", report)
    if started:  # the same release scanned again later
        document = json.loads(report.read_text())
        document["started_at"] = started
        report.write_text(json.dumps(document))
    db = str(tmp_path / "h.sqlite")
    argv = ["history", "add", str(report), "--site", "historie", "--db", db]
    return main([*argv, "--watchlist", str(watch), "--retry-delay", "0.01", *extra])


def deliveries(tmp_path: Path) -> list[tuple]:
    with sqlite3.connect(tmp_path / "h.sqlite") as connection:
        query = "SELECT scan_id, channel, status, attempts, last_error FROM alert_deliveries"
        return connection.execute(query + " ORDER BY id").fetchall()


def test_new_findings_alert_by_signed_webhook_and_email(
    tmp_path: Path,
    webhook: Receiver,
    smtp: tuple[MailSink, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HISTORIE_HOOK_SECRET", SECRET)
    sink, port = smtp
    watch = watch_list(tmp_path, webhook.url, port)
    assert add(tmp_path, "v1", watch) == 0
    assert webhook.received.empty() and sink.received.empty()  # the first scan compares nothing
    assert add(tmp_path, "v2", watch) == 0

    headers, body = webhook.received.get(timeout=10)
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Privacyscan-Signature"], expected)
    assert headers["Content-Type"] == "application/json"
    payload = json.loads(body)
    assert payload["event"] == "privacyscan.site.changed" and payload["site"] == "historie"
    assert payload["reasons"] == ["new-findings"] and payload["verdict_change"] is None
    # At or above "medium": the tracking after reject and Hotjar's insecure cookies; not the
    # info-level recipients inventory.
    assert sorted((f["rule"], f["severity"]) for f in payload["new_findings"]) == [
        ("EP-05", "high"),
        ("SEC-05", "medium"),
    ]
    changes = payload["changes"]
    assert [p["host"] for p in changes["third_parties"]["added"]] == HOTJAR
    assert [p["host"] for p in changes["third_parties"]["phases_changed"]] == [
        "connect.facebook.net",
        "www.facebook.com",
    ]
    assert payload["previous"]["id"] == 1 and payload["scan"]["id"] == 2
    assert payload["scan"]["report_html"].endswith("report.html")

    envelope = sink.received.get(timeout=10)
    assert envelope.rcpt_tos == ["dpo@example.nl"]
    mail = message_from_bytes(envelope.content)
    assert "historie changed (new-findings)" in mail["Subject"]
    text = mail.get_payload(decode=True).decode()
    assert "+ third party static.hotjar.com (Hotjar Ltd) (accept)" in text
    assert "~ third party www.facebook.com (Meta Platforms, Inc.): +reject" in text
    assert "+ finding EP-05 [high] Tracking continues after the visitor rejected cookies" in text
    assert [(row[1], row[2], row[3]) for row in deliveries(tmp_path)] == [
        ("webhook", "sent", 1),
        ("email", "sent", 1),
    ]


def test_failed_deliveries_are_retried_and_logged(
    tmp_path: Path,
    webhook: Receiver,
    smtp: tuple[MailSink, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HISTORIE_HOOK_SECRET", SECRET)
    webhook.fail_first = 2
    watch = watch_list(tmp_path, webhook.url, smtp[1])
    add(tmp_path, "v1", watch)
    assert add(tmp_path, "v2", watch) == 0
    webhook.received.get(timeout=10)
    assert webhook.attempts == 3
    assert deliveries(tmp_path)[0][1:4] == ("webhook", "sent", 3)


def test_an_alert_that_cannot_be_delivered_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HISTORIE_HOOK_SECRET", SECRET)
    closed = free_port()  # nobody listens: webhook and SMTP are both refused
    watch = watch_list(tmp_path, f"http://127.0.0.1:{closed}/hook", closed)
    add(tmp_path, "v1", watch)
    capsys.readouterr()
    assert add(tmp_path, "v2", watch) == 0
    out = capsys.readouterr().out
    assert "alert webhook" in out and "FAILED after 4 attempt(s)" in out
    rows = deliveries(tmp_path)
    assert [(r[1], r[2], r[3]) for r in rows] == [("webhook", "failed", 4), ("email", "failed", 4)]
    assert all("Connection refused" in r[4] or "Errno 111" in r[4] for r in rows)
    # The scan, its comparison and its report are all there.
    report = json.loads((tmp_path / "v2-as-scanned" / "report.json").read_text())
    assert report["history"]["scan_id"] == 2 and report["history"]["changes"] is not None
    assert main(["history", "historie", "--db", str(tmp_path / "h.sqlite"), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_no_secret_no_signed_post(
    tmp_path: Path, webhook: Receiver, smtp: tuple[MailSink, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HISTORIE_HOOK_SECRET", raising=False)
    watch = watch_list(tmp_path, webhook.url, smtp[1])
    add(tmp_path, "v1", watch)
    assert add(tmp_path, "v2", watch) == 0
    smtp[0].received.get(timeout=10)  # the e-mail still goes
    assert webhook.attempts == 0
    rows = deliveries(tmp_path)
    assert rows[0][1:4] == ("webhook", "failed", 0)
    assert "HISTORIE_HOOK_SECRET" in rows[0][4]


def test_no_alert_when_nothing_new_reaches_the_threshold(
    tmp_path: Path, webhook: Receiver, smtp: tuple[MailSink, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HISTORIE_HOOK_SECRET", SECRET)
    watch = watch_list(tmp_path, webhook.url, smtp[1])
    add(tmp_path, "v2", watch)
    # The site fixed the release: v1's behaviour scanned again later. Findings only went away.
    assert add(tmp_path, "v1", watch, started="2026-12-31T06:00:00Z") == 0
    assert webhook.attempts == 0 and smtp[0].received.empty()
    assert deliveries(tmp_path) == []


def test_verdict_change_alone_alerts_and_accepted_findings_do_not() -> None:
    changes = {
        "verdict": {"from": "low", "to": "medium"},
        "third_parties": {"added": [], "removed": [], "phases_changed": []},
        "cookies": {"added": [], "removed": [], "phases_changed": []},
        "findings": {
            "added": [{"rule": "SEC-02", "severity": "low", "title": "t", "fingerprint": "f"}],
            "removed": [],
            "severity_changed": [],
        },
        "banner": [],
    }
    document = {"target": "https://www.example.nl/"}
    scan, previous = {"id": 2, "verdict": "medium"}, {"id": 1}
    payload = alert_payload("ex", document, scan, previous, changes, "high")
    assert payload is not None
    assert payload["reasons"] == ["verdict-changed"] and payload["new_findings"] == []
    changes["verdict"] = None
    assert alert_payload("ex", document, scan, previous, changes, "high") is None
    assert alert_payload("ex", document, scan, previous, changes, "low") is not None
    # The same new finding, accepted in the team's baseline, alerts no one.
    document["findings"] = [{"fingerprint": "f", "baseline": {"status": "accepted"}}]
    assert alert_payload("ex", document, scan, previous, changes, "low") is None


def test_back_off_doubles_and_is_bounded() -> None:
    waits: list[float] = []
    calls = 0

    def refuse() -> None:
        nonlocal calls
        calls += 1
        raise ConnectionRefusedError("refused")

    ok, attempts, error = with_retries(refuse, "x", attempts=5, delay=20.0, sleep=waits.append)
    assert (ok, attempts, calls) == (False, 5, 5)
    assert waits == [20.0, 40.0, MAX_DELAY, MAX_DELAY]  # no wait after the last attempt
    assert error is not None and "refused" in error


def _tls_mail_server(sink: MailSink, users: dict[str, str]) -> tuple[Controller, Path]:
    """An SMTP server that insists on STARTTLS and a login, with a self-signed certificate for
    127.0.0.1 (the fixture web's generator); its certificate is the client's CA file."""
    import ssl

    from aiosmtpd.smtp import AuthResult, LoginPassword

    from tests.fixtureweb.tls import certificate_files

    cert, key = certificate_files(["localhost"])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def authenticate(
        server: object, session: object, envelope: object, mechanism: str, data: object
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and users.get(data.login.decode()) == (
            data.password.decode()
        )
        if ok:
            sink.logins.append(data.login.decode())
        return AuthResult(success=ok, handled=False)  # aiosmtpd then answers 535 itself

    controller = Controller(
        sink,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticate,
    )
    return controller, cert


@pytest.mark.parametrize(("password", "delivered"), [("right", True), ("wrong", False)])
def test_email_over_starttls_with_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, password: str, delivered: bool
) -> None:
    sink = MailSink()
    controller, cert = _tls_mail_server(sink, {"alerts": "right"})
    controller.start()
    try:
        monkeypatch.setenv("PRIVACYSCAN_SMTP_USERNAME", "alerts")
        monkeypatch.setenv("PRIVACYSCAN_SMTP_PASSWORD", password)
        watch = watch_list(tmp_path, "http://127.0.0.1:9/unused", controller.port)
        text = watch.read_text().replace("tls: none", f"tls: starttls, cafile: '{cert}'")
        watch.write_text(text.replace("      webhooks: [", "      webhooks: []\n      #: ["))
        add(tmp_path, "v1", watch)
        assert add(tmp_path, "v2", watch) == 0
        rows = deliveries(tmp_path)
        # A refused password is not retried: trying again cannot fix it.
        assert [(r[1], r[2], r[3]) for r in rows] == [
            ("email", "sent" if delivered else "failed", 1)
        ]
        if delivered:
            envelope = sink.received.get(timeout=10)
            assert envelope.rcpt_tos == ["dpo@example.nl"] and sink.logins == ["alerts"]
        else:
            assert sink.received.empty() and "535" in rows[0][4]  # authentication failed
    finally:
        controller.stop()
