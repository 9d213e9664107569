"""Scale-out acceptance (issue 14, item 5): workers sharing a Redis queue and a PostgreSQL store.

Real servers on loopback (tests/redis_server.py, tests/pg_server.py), real scans of the fleet
fixture (twenty hosts ``siteNN.vloot-fixture.nl`` served from one wildcard folder), real
``privacyscan enqueue`` and ``privacyscan worker`` processes. The workers keep the private-
address guard on; tests/fleet_dns.py gives the fixture hosts a public address.

1. Two workers drain 20 sites: every site is stored exactly once, and the fixture web saw
   exactly one start-page load per phase per site (three browser profiles, each loading ``/``
   once: the page's beacon carries a per-profile id).
2. A second run: a worker is SIGKILLed (its whole process group, browser included) mid-scan;
   after the visibility timeout the other worker picks the job up, and every site of the run
   is stored exactly once.
3. A worker that loses Redis retries with back-off and carries on when Redis is back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.fleet.queue import JobQueue, connect
from scanner.fleet.store import HistoryStore
from tests import pg_server, redis_server
from tests.conftest import ROOT
from tests.fixtureweb import FixtureWeb
from tests.fleet_dns import RESOLVER_PATH

WORKER_CAP = 1800.0  # seconds: a cap on waiting for the workers, never a fixed wait
PHASES = 3


@pytest.fixture(scope="module")
def redis() -> Iterator[redis_server.RedisServer]:
    """A Redis server on loopback."""
    if not redis_server.available():
        pytest.skip("redis-server is not installed (run scripts/setup.sh)")
    with redis_server.redis_server() as server:
        yield server


@pytest.fixture(scope="module")
def pg() -> Iterator[str]:
    """A PostgreSQL server on loopback (its URL)."""
    if pg_server.binaries() is None:
        pytest.skip("PostgreSQL is not installed (run scripts/setup.sh)")
    with pg_server.postgres_server() as url:
        yield url


def watchlist(folder: Path, numbers: range) -> Path:
    """A watch list of ``siteNN.vloot-fixture.nl`` sites, one page per phase."""
    lines = ["version: 1", "sites:"]
    for n in numbers:
        lines += [f"  - url: https://site{n:02}.vloot-fixture.nl/", "    pages: 1"]
    path = folder / f"watch-{numbers.start}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "scanner.cli", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PRIVACYSCAN_RESOLVER": RESOLVER_PATH, "PYTHONPATH": str(ROOT)}


def start_worker(
    redis_url: str, db: str, web: FixtureWeb, out: Path, *extra: str, idle_exit: bool = True
) -> subprocess.Popen:
    """A ``privacyscan worker`` in its own process group (so a test can kill all of it)."""
    args = ["worker", "--redis", redis_url, "--db", db, "--out", str(out)]
    args += ["--exit-when-idle"] if idle_exit else []
    args += ["--host-rules", web.host_rules, "--ignore-https-errors", "--quiet-cap", "3"]
    return spawn(*args, *extra)


def spawn(*args: str) -> subprocess.Popen:
    """``privacyscan ARGS`` in its own process group, output piped."""
    return subprocess.Popen(
        cli(*args),
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen]]:
    """Workers a test starts; whatever still runs at its end (a failed assertion, a timeout)
    is killed with its process group, so no worker outlives the test's Redis and retries."""
    children: list[subprocess.Popen] = []
    yield children
    for child in children:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=30)


def enqueue(list_path: Path, redis_url: str, db: str, run_id: str | None = None) -> tuple[str, str]:
    """``privacyscan enqueue`` (every site of the list is due: none was stored yet)."""
    run_id = run_id or f"test-{uuid.uuid4().hex[:8]}"
    done = subprocess.run(
        cli("enqueue", str(list_path), "--redis", redis_url, "--db", db, "--run-id", run_id),
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return run_id, done.stdout


def stored_per_site(db: str, keys: list[str]) -> dict[str, int]:
    store = HistoryStore(db)
    try:
        return {key: len(store.history(key)) for key in keys}
    finally:
        store.close()


def start_page(web: FixtureWeb, host: str) -> list:
    """Every request for ``/`` itself on ``host`` (the scanner's probe and the browsers')."""
    return [r for r in web.requests_to(host, "/") if r.path == "/"]


def start_page_loads(web: FixtureWeb, host: str) -> tuple[int, int]:
    """Browser document loads of ``/`` on ``host``, and the distinct profiles that loaded it."""
    loads = [r for r in start_page(web, host) if r.headers.get("sec-fetch-dest") == "document"]
    beacons = web.requests_to(host, "/js/laad.gif")
    return len(loads), len({b.query for b in beacons})


def wait_for(condition, cap: float, what: str) -> None:
    """Poll ``condition`` (cheap, local) until true; fail after ``cap`` seconds."""
    deadline = time.monotonic() + cap
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_two_workers_drain_twenty_sites_once_and_survive_a_killed_worker(
    pg: str,
    redis: redis_server.RedisServer,
    web: FixtureWeb,
    tmp_path: Path,
    started: list[subprocess.Popen],
) -> None:
    db = pg_server.fresh_database(pg, f"fleet_{uuid.uuid4().hex[:8]}")
    out = tmp_path / "reports"
    first = range(1, 21)
    keys = [f"site{n:02}.vloot-fixture.nl" for n in first]
    web.clear_log()
    run_id, _ = enqueue(watchlist(tmp_path, first), redis.url, db)
    queue = JobQueue(connect(redis.url))
    assert queue.counts() == (20, 0)
    # Enqueuing the same run again queues nothing (scrapy-redis's dupefilter per run).
    _, said = enqueue(watchlist(tmp_path, first), redis.url, db, run_id)
    assert "queued 0 job(s) (20 already queued in run)" in said, said
    assert queue.counts() == (20, 0)
    workers = [start_worker(redis.url, db, web, out) for _ in range(2)]
    started.extend(workers)
    outputs = [w.communicate(timeout=WORKER_CAP) for w in workers]
    for worker, (_, stderr) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, stderr[-2000:]
    per_worker = [stdout.count("stored as scan") for stdout, _ in outputs]
    assert sum(per_worker) == 20 and min(per_worker) >= 1, per_worker  # both worked
    assert stored_per_site(db, keys) == dict.fromkeys(keys, 1)
    for key in keys:
        assert start_page_loads(web, key) == (PHASES, PHASES), key
    assert queue.done(run_id) == set(keys)
    assert queue.counts() == (0, 0)

    # Run 2: a worker dies (SIGKILL, its browser too) in the middle of a scan.
    second = range(21, 25)
    keys2 = [f"site{n:02}.vloot-fixture.nl" for n in second]
    web.clear_log()
    run_id2, _ = enqueue(watchlist(tmp_path, second), redis.url, db)
    victim = start_worker(redis.url, db, web, out, "--visibility", "10")
    started.append(victim)
    wait_for(lambda: queue.counts()[1] == 1, 120, "the first worker's claim")
    claimed = queue.client.lrange(queue.processing, 0, -1)[0]
    host = next(key for key in keys2 if key in claimed)
    wait_for(lambda: web.requests_to(host, "/"), 180, f"the scan of {host} to start")
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    survivor = start_worker(redis.url, db, web, out, "--visibility", "10")
    started.append(survivor)
    stdout, stderr = survivor.communicate(timeout=WORKER_CAP)
    assert survivor.returncode == 0, stderr[-2000:]
    assert stdout.count("stored as scan") == 4, stdout
    assert stored_per_site(db, keys2) == dict.fromkeys(keys2, 1)
    assert queue.done(run_id2) == set(keys2)
    assert queue.counts() == (0, 0)
    # The killed scan had begun: its host saw the survivor's whole scan on top of it (a full
    # scan is one probe of / and one load per phase).
    assert len(start_page(web, host)) > PHASES + 1
    # ... and its report went beside the dead worker's partial scan, not over it.
    assert (out / host / f"{run_id2}-2" / "report.json").is_file()
    assert not (out / host / run_id2 / "report.json").exists()


def test_a_worker_rides_out_a_redis_restart(
    pg: str,
    redis: redis_server.RedisServer,
    web: FixtureWeb,
    tmp_path: Path,
    started: list[subprocess.Popen],
) -> None:
    """Redis goes away under an idle worker and comes back: the worker retries with back-off
    and then does the job queued after the restart. The job is a URL the guard refuses
    (a private address), so it fails at once, without a browser, and is marked failed."""
    db = pg_server.fresh_database(pg, f"fleet_{uuid.uuid4().hex[:8]}")
    worker = start_worker(redis.url, db, web, tmp_path, "--visibility", "10", idle_exit=False)
    started.append(worker)
    client = connect(redis.url)
    wait_for(lambda: client.info("clients")["blocked_clients"] >= 1, 120, "the worker to wait")
    redis.stop()
    assert worker.stderr is not None
    line = worker.stderr.readline()  # the worker says nothing else on stderr meanwhile
    assert "lost Redis" in line and "retrying in" in line, line
    redis.start()
    path = tmp_path / "private.yaml"
    path.write_text("version: 1\nsites:\n  - url: https://127.0.0.1/\n    name: lokaal\n")
    run_id, _ = enqueue(path, redis.url, db)
    assert worker.stdout is not None
    line = worker.stdout.readline()  # the job's result line (the worker prints nothing else)
    assert line.startswith("lokaal: FAILED") and "refusing https://127.0.0.1/" in line, line
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 143
    queue = JobQueue(connect(redis.url))
    assert set(queue.failed(run_id)) == {"lokaal"}
    assert queue.counts() == (0, 0)


def test_queue_leases_without_a_browser(redis: redis_server.RedisServer) -> None:
    """The queue's guarantees one by one: a site once per run, a lease that expires and is
    reaped back to the head of the queue, and a stale holder that can neither renew nor
    complete (so it does not store) once another worker has the job."""
    from scanner.fleet.run import Job

    queue = JobQueue(connect(redis.url), prefix=f"t{uuid.uuid4().hex[:6]}", visibility=0.3)
    jobs = [Job("r1", f"s{n}", f"https://s{n}.example/") for n in range(3)]
    assert queue.enqueue(jobs) == jobs
    assert queue.enqueue(jobs[:2]) == []  # the same run: already queued
    assert queue.enqueue([Job("r2", "s0", "https://s0.example/")]) != []  # another run
    first = queue.claim(wait=0)
    assert first is not None and first.job.key == "s0" and queue.counts() == (3, 1)
    assert queue.reap() == 0  # the lease is live
    wait_for(lambda: queue.reap() == 1, 10, "the lease to expire")
    assert queue.counts() == (4, 0) and not queue.renew(first)
    again = queue.claim(wait=0)
    assert again is not None and again.raw == first.raw  # back at the head of the line
    assert not queue.complete(first)  # the stale holder
    assert queue.renew(again) and queue.complete(again) and queue.done("r1") == {"s0"}
    assert queue.is_done(first.job) and queue.counts() == (3, 0)


def test_scheduler_queues_due_sites_for_the_workers(
    redis: redis_server.RedisServer, tmp_path: Path, started: list[subprocess.Popen]
) -> None:
    """``schedule --redis``: a fire queues the site (on the ``--queue`` prefix) instead of
    scanning it here; a never-stored site is due at once. No browser: nothing scans it."""
    from tests.test_fleet_run import Lines

    prefix = f"s{uuid.uuid4().hex[:6]}"
    path = tmp_path / "w.yaml"
    path.write_text("version: 1\nsites:\n  - url: https://a.example/\n    schedule: '@daily'\n")
    args = ["schedule", str(path), "--db", str(tmp_path / "h.sqlite"), "--redis", redis.url]
    child = spawn(*args, "--queue", prefix)
    started.append(child)
    line = Lines(child).until("a.example: ", 120)
    assert "queued (run " in line, line
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == 0
    queue = JobQueue(connect(redis.url), prefix)
    assert queue.counts() == (1, 0)
    lease = queue.claim(wait=0)
    assert lease is not None and lease.job.url == "https://a.example/"
