"""Benchmark: read and model every policy of the development corpus, against a bare parse.

Baseline: what any policy reader pays at the least, parsing each HTML document with
BeautifulSoup (lxml) and taking its text (text files: decoding them). Measured: the full
reader, main-content selection, sentence segmentation, language detection and every
extraction (parties, transfers, claims, cookies, art. 13 elements, dates), as
``privacyscan policy`` runs it. Reported as a ratio and as milliseconds per 1,000 words.

``.venv/bin/python -m bench.read_policies [--rounds 20]``; writes
``bench/results/read_policies.json``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bs4 import BeautifulSoup

from bench import write_result
from scanner.policy.analyse import analyse_document

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "policycorpus"


def documents() -> list[tuple[str, bytes]]:
    return sorted((path.name, path.read_bytes()) for path in CORPUS.glob("*/policy.*"))


def bare(name: str, content: bytes) -> str:
    if name.endswith(".html"):
        return BeautifulSoup(content, "lxml").get_text(" ")
    return content.decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    docs = documents()
    words = sum(len(bare(name, content).split()) for name, content in docs)
    analyse_document(*reversed(docs[0]), "")  # warm the tables (loaded once per process)

    start = time.perf_counter()
    for _ in range(args.rounds):
        for name, content in docs:
            bare(name, content)
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(args.rounds):
        for name, content in docs:
            analyse_document(content, "", name)
    reader = time.perf_counter() - start

    result = {
        "benchmark": "read_policies",
        "documents": len(docs),
        "words": words,
        "rounds": args.rounds,
        "baseline_seconds": round(baseline, 3),
        "reader_seconds": round(reader, 3),
        "ratio_to_bare_parse": round(reader / baseline, 2),
        "ms_per_1000_words": round(reader / args.rounds / words * 1e6, 2),
    }
    write_result(result)
    print(
        f"{len(docs)} policies, {words} words: reader {result['ms_per_1000_words']} ms per 1,000 "
        f"words, {result['ratio_to_bare_parse']}x a bare BeautifulSoup parse"
    )


if __name__ == "__main__":
    main()
