"""Benchmark: classify 100,000 requests (owner, country, category, tracker, list filter).

Counts everything a scan pays: loading the knowledge tables and building the adblock engines
(once), then attributing every request. The request mix is realistic rather than uniform: URLs
of the vendors the fixture web emulates and of the entity table's tracker domains, with random
paths and query strings, and a third first-party requests. Goal: under 20 us per request on the
project's 2-core machines.

``.venv/bin/python -m bench.classify_requests [--requests 100000]``; writes
``bench/results/classify_requests.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from bench import write_result
from scanner.model import RequestRecord

RESOURCE_TYPES = ("script", "image", "xhr", "fetch", "ping", "stylesheet", "document", "font")
PAGE = "https://www.kleineporties.nl/recepten/"


def request_mix(count: int, seed: int = 7) -> list[RequestRecord]:
    """``count`` requests: two thirds to known third parties, one third first party."""
    entities = json.loads(Path("scanner/knowledge/entities.json").read_text())
    hosts = [
        f"www.{domain}" if domain.count(".") == 1 else domain for domain in entities["domains"]
    ]
    hosts += ["www.kleineporties.nl"] * (len(hosts) // 2)
    rng = random.Random(seed)
    records = []
    for _ in range(count):
        host = rng.choice(hosts)
        path = "/".join(
            rng.choice(("js", "collect", "g", "tr", "img", "pixel", "api", "v2"))
            for _ in range(rng.randint(1, 3))
        )
        url = f"https://{host}/{path}?id={rng.randint(1, 10**9)}&v={rng.randint(1, 9)}"
        records.append(
            RequestRecord(
                phase="pre-consent",
                page=PAGE,
                url=url,
                host=host,
                method="GET",
                resource_type=rng.choice(RESOURCE_TYPES),
                frame=PAGE,
                initiator=PAGE,
            )
        )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    args = parser.parse_args()
    records = request_mix(args.requests)

    start = time.perf_counter()
    from scanner.classify.attribute import attribute_request
    from scanner.classify.knowledge import cookie_facts, domain_facts
    from scanner.classify.lists import installed_lists

    domain_facts(), cookie_facts()
    lists = installed_lists()
    loaded = time.perf_counter()
    for record in records:
        attribute_request(record, "kleineporties.nl", lists)
    done = time.perf_counter()

    total_us = (done - start) / len(records) * 1e6
    result = {
        "benchmark": "classify_requests",
        "requests": len(records),
        "tracker_lists": lists.names if lists else [],
        "setup_seconds": round(loaded - start, 3),
        "classify_seconds": round(done - loaded, 3),
        "us_per_request_including_setup": round(total_us, 2),
        "us_per_request_classify_only": round((done - loaded) / len(records) * 1e6, 2),
        "trackers_found": sum(r.attribution.tracker for r in records),
        "goal_us_per_request": 20,
    }
    write_result(result)
    print(
        f"{len(records)} requests: {total_us:.1f} us each including setup "
        f"({result['setup_seconds']} s setup, {result['us_per_request_classify_only']} us "
        f"classifying); goal 20 us"
    )


if __name__ == "__main__":
    main()
