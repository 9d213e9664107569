"""The shared job queue of the worker fleet, on Redis: site jobs with leases.

scrapy-redis does two things here, what it is good at: its connection helper
(``scrapy_redis.connection.get_redis``, with its connection defaults) and its ``RFPDupeFilter``,
an atomic ``SADD`` of a request fingerprint in a Redis set, which is exactly "was this site
already put on the queue in this run?" across any number of enqueuers.

Its queues (``FifoQueue``, ``PriorityQueue``, ``LifoQueue``) are not used: they pop with
``RPOP``/``BRPOP``, so a job whose worker dies mid-scan is gone. A site scan takes minutes and
runs a browser that may be OOM-killed, so this module adds what scrapy-redis does not provide,
the reliable-queue pattern with a visibility timeout:

* claiming moves a job from ``pending`` to ``processing`` and sets its lease key (value: the
  worker's token, expiring after the visibility timeout) in one Lua script, so no job is ever
  in ``processing`` without a lease being set at the same instant;
* the worker renews the lease while its scan runs (only while it still holds it);
* completing (after the history store committed) removes the job and adds the site to the
  run's ``done`` set, again only while the lease is still the worker's own;
* any worker reaps: a job in ``processing`` whose lease expired (its worker died) goes back to
  the head of ``pending``.

Keys: ``<prefix>:pending``, ``:processing``, ``:wake``, ``:lease:<sha1 of the job>``,
``:run:<id>:enqueued`` (the dupefilter), ``:run:<id>:done`` and ``:run:<id>:failed``. Lua
scripts touch keys they compute, so this needs one Redis server (or Sentinel), not Cluster.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import redis
from redis.backoff import ExponentialWithJitterBackoff
from redis.retry import Retry
from scrapy import Request
from scrapy_redis.connection import get_redis
from scrapy_redis.dupefilter import RFPDupeFilter

from scanner.fleet.run import Job

DEFAULT_PREFIX = "privacyscan:fleet"
#: Run bookkeeping (dedupe, done) is kept this long, then Redis forgets it.
RUN_KEYS_TTL_SECONDS = 14 * 24 * 3600
#: Errors a dropped or restarting Redis gives; the client retries them with back-off.
CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError)

_CLAIM = """
local job = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
if not job then return false end
redis.call('SET', ARGV[1] .. redis.sha1hex(job), ARGV[2], 'PX', ARGV[3])
return job
"""
#: The start of every script that acts on a held job: ARGV = lease prefix, job, token, ...
_HELD = """
local lease = ARGV[1] .. redis.sha1hex(ARGV[2])
if redis.call('GET', lease) ~= ARGV[3] then return 0 end
"""
_RENEW = (
    _HELD
    + """
redis.call('PEXPIRE', lease, ARGV[4])
return 1
"""
)
_COMPLETE = (
    _HELD
    + """
redis.call('LREM', KEYS[1], 1, ARGV[2])
redis.call('DEL', lease)
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 1
"""
)
_RELEASE = (
    _HELD
    + """
redis.call('LREM', KEYS[2], 1, ARGV[2])
redis.call('DEL', lease)
redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('LPUSH', KEYS[3], '1')
return 1
"""
)
_REAP = """
local moved = 0
for _, job in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. redis.sha1hex(job)) == 0 then
    redis.call('LREM', KEYS[2], 1, job)
    redis.call('RPUSH', KEYS[1], job)
    redis.call('LPUSH', KEYS[3], '1')
    moved = moved + 1
  end
end
return moved
"""


def connect(url: str) -> redis.Redis:
    """A client through scrapy-redis's helper, retrying dropped connections with jittered
    exponential back-off (redis-py's own ``Retry``) before an error reaches the worker."""
    return get_redis(
        url=url,
        socket_timeout=30,
        socket_connect_timeout=5,
        decode_responses=True,
        health_check_interval=15,
        retry=Retry(ExponentialWithJitterBackoff(cap=5.0, base=0.2), retries=5),
        retry_on_error=list(CONNECTION_ERRORS),
    )


@dataclass
class Lease:
    """A claimed job: the raw message (the lease is keyed by it) and the worker's token."""

    raw: str
    token: str

    @property
    def job(self) -> Job:
        return Job.from_json(self.raw)


class JobQueue:
    """The fleet's queue on one Redis server."""

    def __init__(
        self, client: redis.Redis, prefix: str = DEFAULT_PREFIX, visibility: float = 120.0
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.visibility_ms = int(visibility * 1000)
        self.pending = f"{prefix}:pending"
        self.processing = f"{prefix}:processing"
        self.wake = f"{prefix}:wake"
        self.lease_prefix = f"{prefix}:lease:"
        self._claim = client.register_script(_CLAIM)
        self._renew = client.register_script(_RENEW)
        self._complete = client.register_script(_COMPLETE)
        self._release = client.register_script(_RELEASE)
        self._reap = client.register_script(_REAP)

    def _run_key(self, run_id: str, what: str) -> str:
        return f"{self.prefix}:run:{run_id}:{what}"

    def enqueue(self, jobs: list[Job]) -> list[Job]:
        """Put ``jobs`` on the queue, each site once per run (scrapy-redis's dupefilter on the
        site's URL and key); returns those newly queued."""
        queued = []
        for job in jobs:
            seen = RFPDupeFilter(self.client, self._run_key(job.run_id, "enqueued"))
            if seen.request_seen(Request(job.url, body=job.key.encode())):
                continue
            self.client.expire(seen.key, RUN_KEYS_TTL_SECONDS)
            with self.client.pipeline() as pipe:
                pipe.lpush(self.pending, job.to_json())
                pipe.lpush(self.wake, "1")
                pipe.execute()
            queued.append(job)
        return queued

    def claim(self, wait: float) -> Lease | None:
        """The next job with a fresh lease, waiting up to ``wait`` seconds for one to arrive
        (woken by an enqueue or a reap, not by polling); None when none came."""
        token = uuid.uuid4().hex
        raw = self._try_claim(token)
        if raw is None and wait > 0:
            self.client.blpop([self.wake], timeout=max(1, round(wait)))
            raw = self._try_claim(token)
        return Lease(raw, token) if raw is not None else None

    def _try_claim(self, token: str) -> str | None:
        args = [self.lease_prefix, token, self.visibility_ms]
        raw = self._claim(keys=[self.pending, self.processing], args=args)
        return raw or None

    def renew(self, lease: Lease) -> bool:
        """Extend the lease by the visibility timeout; False when it is no longer ours."""
        args = [self.lease_prefix, lease.raw, lease.token, self.visibility_ms]
        return bool(self._renew(keys=[], args=args))

    def complete(self, lease: Lease, failed: str | None = None) -> bool:
        """The job is stored (or failed for good): drop it, mark the site done in its run."""
        job = lease.job
        done = self._run_key(job.run_id, "done")
        args = [self.lease_prefix, lease.raw, lease.token, job.key, RUN_KEYS_TTL_SECONDS]
        ok = bool(self._complete(keys=[self.processing, done], args=args))
        if ok and failed:
            self.client.hset(self._run_key(job.run_id, "failed"), job.key, failed)
        return ok

    def release(self, lease: Lease) -> bool:
        """Give the job back at the head of the queue (a worker stopping mid-scan)."""
        args = [self.lease_prefix, lease.raw, lease.token]
        return bool(self._release(keys=[self.pending, self.processing, self.wake], args=args))

    def reap(self) -> int:
        """Requeue jobs whose lease expired (their worker died); how many."""
        keys = [self.pending, self.processing, self.wake]
        return int(self._reap(keys=keys, args=[self.lease_prefix]))

    def is_done(self, job: Job) -> bool:
        """Whether the job's site was already completed in its run."""
        return bool(self.client.sismember(self._run_key(job.run_id, "done"), job.key))

    def done(self, run_id: str) -> set[str]:
        """The site keys completed in a run."""
        return set(self.client.smembers(self._run_key(run_id, "done")))

    def failed(self, run_id: str) -> dict[str, str]:
        """The sites of a run whose scan failed, with the reason."""
        return dict(self.client.hgetall(self._run_key(run_id, "failed")))

    def counts(self) -> tuple[int, int]:
        """Jobs pending and jobs in processing."""
        with self.client.pipeline() as pipe:
            pipe.llen(self.pending)
            pipe.llen(self.processing)
            pending, processing = pipe.execute()
        return int(pending), int(processing)
