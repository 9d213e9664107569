"""Benchmark: what one fleet worker costs, for sizing a fleet (docs/scale.md).

Starts a Redis and a PostgreSQL server on loopback (the test helpers), the fixture web, queues
N sites of the fleet fixture (``siteNN.vloot-fixture.nl``, one page per phase), and runs W
``privacyscan worker`` processes until the queue is drained. Measures:

- wall time and scans per hour per worker, and CPU seconds per scan (all processes);
- peak memory (PSS) of each worker's process tree (the worker, its ``privacyscan scan``
  child, Chromium and its renderers), sampled from /proc every 0.2 s;
- Redis commands per scan (``INFO commandstats``) and PostgreSQL transactions, rows written and
  rows read per scan (``pg_stat_database``);
- disk per scan (the reports and evidence folder).

Run from the repository root: ``.venv/bin/python -m bench.fleet_scale [--sites 6] [--workers 1]``.
Writes ``bench/results/fleet_scale.json`` and prints it. The numbers depend on the machine and
on what else runs on it: say so when quoting them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg

from scanner.fleet.queue import connect
from tests import pg_server
from tests.fixtureweb import FixtureWeb
from tests.fleet_dns import RESOLVER_PATH
from tests.redis_server import redis_server

ROOT = Path(__file__).resolve().parent.parent


def tree_pss(pid: int) -> int:
    """Proportional set size of ``pid`` and all its descendants (now): each shared page is
    divided among the processes that map it, so Chromium's many processes are not counted
    once per process as a sum of RSS would."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            rollup = (entry / "smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
        pss = next((line.split()[1] for line in rollup if line.startswith("Pss:")), "0")
        rss[int(entry.name)] = int(pss) * 1024
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def _children_cpu() -> float:
    """CPU seconds (user + system) of finished children and everything they waited for: the
    workers, their scan processes, Playwright's driver and Chromium. Unlike wall time, this
    hardly depends on how loaded the machine was."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pg_counters(url: str) -> dict[str, int]:
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, tup_returned "
            "FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    assert row is not None
    return {"transactions": row[0], "rows_written": row[1], "rows_read": row[2]}


def redis_calls(client) -> int:  # type: ignore[no-untyped-def]
    stats = client.info("commandstats")
    return sum(value["calls"] for key, value in stats.items() if key != "cmdstat_info")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=6)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="fleet-bench-"))
    env = {**os.environ, "PRIVACYSCAN_RESOLVER": RESOLVER_PATH, "PYTHONPATH": str(ROOT)}
    with pg_server.postgres_server() as pg, redis_server() as redis, FixtureWeb() as web:
        db = pg_server.fresh_database(pg, f"bench_{uuid.uuid4().hex[:8]}")
        watch = out / "watch.yaml"
        sites = [
            f"  - url: https://site{n:02}.vloot-fixture.nl/\n    pages: 1\n"
            for n in range(41, 41 + args.sites)
        ]
        watch.write_text("version: 1\nsites:\n" + "".join(sites))
        cli = [sys.executable, "-m", "scanner.cli"]
        subprocess.run(
            [*cli, "enqueue", str(watch), "--redis", redis.url, "--db", db],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        client = connect(redis.url)
        before_redis, before_pg = redis_calls(client), pg_counters(db)
        started = time.monotonic()
        cpu_before = _children_cpu()
        workers = [
            subprocess.Popen(
                [
                    *cli,
                    "worker",
                    "--redis",
                    redis.url,
                    "--db",
                    db,
                    "--out",
                    str(out / "r"),
                    "--exit-when-idle",
                    "--host-rules",
                    web.host_rules,
                    "--ignore-https-errors",
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(args.workers)
        ]
        peaks = [0] * len(workers)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                for i, worker in enumerate(workers):
                    peaks[i] = max(peaks[i], tree_pss(worker.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        outputs = [worker.communicate() for worker in workers]
        cpu = _children_cpu() - cpu_before
        wall = time.monotonic() - started
        done.set()
        sampler.join()
        after_redis, after_pg = redis_calls(client), pg_counters(db)
        stored = sum(stdout.count("stored as scan") for stdout, _ in outputs)
        disk = sum(f.stat().st_size for f in (out / "r").rglob("*") if f.is_file())
        load = os.getloadavg()
    result = {
        "sites": args.sites,
        "workers": args.workers,
        "stored": stored,
        "wall_seconds": round(wall, 1),
        "seconds_per_scan_per_worker": round(wall * args.workers / max(stored, 1), 1),
        "scans_per_hour_per_worker": round(3600 * stored / wall / args.workers, 1),
        "peak_pss_mib_per_worker_tree": [round(p / 2**20) for p in peaks],
        "cpu_seconds_per_scan": round(cpu / max(stored, 1), 1),
        "redis_commands_per_scan": round((after_redis - before_redis) / max(stored, 1), 1),
        "pg_per_scan": {
            k: round((after_pg[k] - before_pg[k]) / max(stored, 1), 1) for k in after_pg
        },
        "disk_kib_per_scan": round(disk / 1024 / max(stored, 1)),
        "load_average_at_end": [round(x, 1) for x in load],
        "cpus": os.cpu_count(),
    }
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "fleet_scale.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
