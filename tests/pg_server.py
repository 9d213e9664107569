"""A throw-away PostgreSQL server on loopback for the history store tests.

Started from Debian's binaries (``initdb`` and ``pg_ctl`` of the ``postgresql`` package, which
scripts/setup.sh installs): a cluster in a temporary folder, trust authentication on
127.0.0.1 only, a free port, ``pg_ctl -w`` waiting for it to accept connections, and stopped
(and removed) afterwards. PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` system user through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, newest version first; None when not installed."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server(timeout: float = 60.0) -> Iterator[str]:
    """Run a server; yield its URL (``postgresql://postgres@127.0.0.1:PORT/postgres``)."""
    folder = binaries()
    assert folder is not None, "PostgreSQL binaries are not installed"
    base = Path(tempfile.mkdtemp(prefix="privacyscan-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    port = free_port()
    run = {"check": True, "capture_output": True, "text": True, "timeout": timeout}
    try:
        subprocess.run(
            _as_owner(
                [
                    str(folder / "initdb"),
                    "-D",
                    str(data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                    "-E",
                    "UTF8",
                ]
            ),
            **run,
        )
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_owner(
                [
                    str(folder / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(base / "server.log"),
                    "-w",
                    "-t",
                    str(int(timeout)),
                    "start",
                ]
            ),
            **run,
        )
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        _wait_ready(url, timeout)
        yield url
    finally:
        if data.exists():
            subprocess.run(
                _as_owner(
                    [str(folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
                ),
                capture_output=True,
                timeout=timeout,
            )
        shutil.rmtree(base, ignore_errors=True)


def _wait_ready(url: str, timeout: float) -> None:
    """pg_ctl -w already waited; this confirms a TCP client gets in (capped, no fixed sleep)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(url, connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def fresh_database(url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"
