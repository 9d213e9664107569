"""Command line: ``python -m tests.fixtureweb serve`` for demos and benchmarks.

Prints one JSON line with the ports so a parent process can read it and start
Chromium, then serves until SIGTERM/SIGINT and exits cleanly.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from tests.fixtureweb.dns import FixtureDNS
from tests.fixtureweb.server import FixtureWeb


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the requested command."""
    parser = argparse.ArgumentParser(prog="python -m tests.fixtureweb")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve until SIGTERM/SIGINT")
    serve.add_argument("--https-port", type=int, default=0, help="0 picks a free port")
    serve.add_argument("--http-port", type=int, default=0, help="0 picks a free port")
    serve.add_argument("--log", type=Path, default=None, help="append requests as JSON lines")
    args = parser.parse_args(argv)
    return run_server(args.https_port, args.http_port, args.log)


def run_server(https_port: int, http_port: int, log_path: Path | None) -> int:
    """Serve until a termination signal; the signal only sets an event, so no traceback."""
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    with (
        FixtureWeb(log_path, https_port=https_port, http_port=http_port) as web,
        FixtureDNS() as dns,
    ):
        ports = {
            "https_port": web.https_port,
            "http_port": web.http_port,
            "host_rules": web.host_rules,
            "dns": dns.address,
        }
        sys.stdout.write(json.dumps(ports) + "\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
