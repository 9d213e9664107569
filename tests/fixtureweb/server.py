"""HTTPS + HTTP servers that play "the whole internet" for a headless Chromium.

Chromium is pointed here with ``--host-resolver-rules`` so every host name resolves
to these two loopback ports; the Host header then decides whether a vendor
emulation or a first-party site folder answers. Every request is logged before it
is answered, so the log is the ground truth of what the browser really sent.
"""

from __future__ import annotations

import ssl
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from tests.fixtureweb import hostile, thirdparty
from tests.fixtureweb.requestlog import (
    LoggedRequest,
    RequestLog,
    decode_body,
    parse_cookie_header,
)
from tests.fixtureweb.response import Response, preflight, text
from tests.fixtureweb.sites import serve_first_party, site_hosts
from tests.fixtureweb.tls import server_context

BIND_ADDRESS = "127.0.0.1"
IDLE_TIMEOUT = 30.0  # Seconds a keep-alive connection may idle before its thread ends.
HANDSHAKE_TIMEOUT = 10.0
CONNECTION_ERRORS = (ConnectionError, TimeoutError, ssl.SSLError)


def dispatch(request: LoggedRequest) -> Response:
    """Pick the answer: CORS preflight, vendor emulation, or first-party site."""
    if request.method == "OPTIONS":
        return preflight(request)
    route = thirdparty.find_route(request.host, request.path)
    if route is not None:
        handler, match = route
        response = handler(request, match)
    elif thirdparty.claims_host(request.host):
        response = text(f"no emulation for {request.host}{request.path}\n", 404)
    else:
        response = hostile.respond(request) or serve_first_party(
            request.host, request.path, request.scheme, request.query
        )
    if response.header("Cache-Control") is None:
        # Never let Chromium's cache hide a request: the log must see every load.
        response.headers.append(("Cache-Control", "no-store"))
    return response


class _FixtureServer(ThreadingHTTPServer):
    """Plain-HTTP server; the TLS subclass only changes how a connection starts."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, port: int, scheme: str, request_log: RequestLog) -> None:
        self.scheme = scheme
        self.request_log = request_log
        super().__init__((BIND_ADDRESS, port), _FixtureHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Browsers drop connections all the time; only real bugs deserve a traceback."""
        if not isinstance(sys.exception(), CONNECTION_ERRORS):
            super().handle_error(request, client_address)


class _TLSFixtureServer(_FixtureServer):
    """HTTPS server doing the handshake in the worker thread.

    Wrapping the listening socket instead would handshake inside ``accept()`` on the
    serving thread, so one stalled client (e.g. a speculative preconnect) would block
    every other connection.
    """

    def __init__(self, port: int, request_log: RequestLog, context: ssl.SSLContext) -> None:
        self.ssl_context = context
        super().__init__(port, "https", request_log)

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Handshake, then serve; failed handshakes are the client's business."""
        request.settimeout(HANDSHAKE_TIMEOUT)
        try:
            connection = self.ssl_context.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            return
        try:
            self.RequestHandlerClass(connection, client_address, self)
        finally:
            connection.close()


class _FixtureHandler(BaseHTTPRequestHandler):
    """Turns one HTTP exchange into a LoggedRequest and a complete framed Response."""

    protocol_version = "HTTP/1.1"
    server_version = "fixtureweb/1"
    timeout = IDLE_TIMEOUT
    server: _FixtureServer

    def _handle(self) -> None:
        try:
            request = self._logged_request(self._read_body())
        except (ValueError, *CONNECTION_ERRORS):
            self.close_connection = True
            return
        self.server.request_log.append(request)
        if hostile.stream(request, self):  # answers that never complete write their own
            self.close_connection = True
            return
        try:
            response = dispatch(request)
        except Exception:
            # A broken emulation must still answer, or Chromium waits until timeout.
            response = text(traceback.format_exc(), 500)
        self._write(response, include_body=request.method != "HEAD")

    do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = _handle

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                # Skip optional trailers up to the terminating empty line.
                while self.rfile.readline().strip():
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _logged_request(self, body: bytes) -> LoggedRequest:
        target = urlsplit(self.path)  # Also copes with absolute-form request targets.
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        return LoggedRequest(
            time=time.time(),
            scheme=self.server.scheme,
            host=_host_without_port(target.netloc or headers.get("host", "")),
            method=self.command,
            path=target.path or "/",
            query=target.query,
            headers=headers,
            cookies=parse_cookie_header(headers.get("cookie", "")),
            body=decode_body(body),
        )

    def _write(self, response: Response, *, include_body: bool) -> None:
        try:
            self.send_response(response.status)
            if response.content_type is not None:
                self.send_header("Content-Type", response.content_type)
            for name, value in response.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if include_body:
                self.wfile.write(response.body)
            self.wfile.flush()
        except CONNECTION_ERRORS:
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request stderr lines; the RequestLog is the record."""


def _host_without_port(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].lower()
    if host.startswith("["):
        return host[1 : host.index("]")] if "]" in host else host
    return host.split(":", 1)[0]


class FixtureWeb:
    """Context manager running the HTTPS and HTTP fixture servers in daemon threads."""

    def __init__(
        self, log_path: Path | None = None, *, https_port: int = 0, http_port: int = 0
    ) -> None:
        self._log = RequestLog(log_path)
        self._requested_ports = (https_port, http_port)
        self._servers: list[_FixtureServer] = []
        self._threads: list[threading.Thread] = []

    def start(self) -> FixtureWeb:
        """Bind both ports (0 = any free port) and start serving."""
        https_port, http_port = self._requested_ports
        context = server_context([*site_hosts(), *hostile.HOSTS, *thirdparty.emulated_hosts()])
        self._servers = [
            _TLSFixtureServer(https_port, self._log, context),
            _FixtureServer(http_port, "http", self._log),
        ]
        for server in self._servers:
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.2},
                name=f"fixtureweb-{server.scheme}",
                daemon=True,
            )
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Stop accepting connections and release the ports."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads = [], []

    def __enter__(self) -> FixtureWeb:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def https_port(self) -> int:
        """Port of the TLS server (maps to every host's :443)."""
        return self._port(0)

    @property
    def http_port(self) -> int:
        """Port of the plain server (maps to every host's :80)."""
        return self._port(1)

    @property
    def host_rules(self) -> str:
        """Value for Chromium's ``--host-resolver-rules``."""
        return (
            f"MAP *:443 {BIND_ADDRESS}:{self.https_port}, MAP *:80 {BIND_ADDRESS}:{self.http_port}"
        )

    @property
    def requests(self) -> list[LoggedRequest]:
        """Snapshot of every request received so far, oldest first."""
        return self._log.snapshot()

    def requests_to(self, host: str, path_prefix: str = "") -> list[LoggedRequest]:
        """Requests for exactly ``host`` whose path starts with ``path_prefix``."""
        return [r for r in self.requests if r.host == host and r.path.startswith(path_prefix)]

    def clear_log(self) -> None:
        """Forget logged requests, e.g. between the phases of one test."""
        self._log.clear()

    def _port(self, index: int) -> int:
        if not self._servers:
            raise RuntimeError("FixtureWeb is not running; use it as a context manager")
        return int(self._servers[index].server_address[1])
