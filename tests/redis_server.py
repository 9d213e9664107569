"""A throw-away Redis server on loopback for the fleet queue tests.

Debian's ``redis-server`` (scripts/setup.sh installs it) on a free port, bound to 127.0.0.1,
without persistence, in a temporary folder; ready when it answers PING (waited for with a cap,
not a fixed sleep). :meth:`RedisServer.stop` and :meth:`RedisServer.start` on the same port let
a test take Redis away from a running worker and bring it back.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.pg_server import free_port


def available() -> bool:
    """Whether the Debian package's server is installed."""
    return shutil.which("redis-server") is not None


class RedisServer:
    """One ``redis-server`` process; ``url`` stays the same across stop and start."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 20.0) -> None:
        """Start the server and wait until it answers."""
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        command += ["--logfile", str(self.folder / "redis.log")]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        """Stop it (SIGTERM, then wait)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    """A running server for the block; stopped and removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="privacyscan-redis-"))
    server = RedisServer(folder, free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
