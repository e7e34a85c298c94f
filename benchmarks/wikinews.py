"""Throughput benchmark (not a test): code the German Wikinews articles and report speed and memory.

    python benchmarks/wikinews.py [ARTICLES.jsonl] [--limit N] [--out events.jsonl]

Prints documents/s, sentences/s, events found (by root) and the peak resident memory of the process.
The articles are evaluation data that stays in ../shared; nothing of it is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from chronik import Pipeline
from chronik.io.readers import document_from

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews_de" / "articles.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--split", help="only articles of this split (train/dev/test)")
    ap.add_argument("--out", help="write the events as JSON Lines here")
    args = ap.parse_args()

    t0 = time.perf_counter()
    nlp = Pipeline("de")
    nlp("Aufwärmen: Die Regierung traf sich.", date="2020-01-01")
    load = time.perf_counter() - t0

    docs = []
    with open(args.articles, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if args.split and obj.get("split") != args.split:
                continue
            docs.append(document_from(obj))
            if args.limit and len(docs) >= args.limit:
                break
    out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115
    roots: Counter[str] = Counter()
    modes: Counter[str] = Counter()
    sentences = tokens = events = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(docs):
        sentences += len(doc.sentences)
        tokens += len(doc.tokens)
        events += len(doc.events)
        for e in doc.events:
            roots[e.cameo[:2]] += 1
            modes[e.mode] += 1
            if out:
                out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - t0
    if out:
        out.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline load {load:.2f} s")
    print(f"documents {len(docs)}, sentences {sentences}, tokens {tokens}, events {events}")
    print(f"time {elapsed:.1f} s: {len(docs) / elapsed:.1f} documents/s, {sentences / elapsed:.0f} sentences/s, "
          f"{tokens / elapsed:.0f} tokens/s (1 process)")
    print("events by root: " + ", ".join(f"{k}:{v}" for k, v in sorted(roots.items())))
    print("events by mode: " + ", ".join(f"{k}:{v}" for k, v in sorted(modes.items())))
    print(f"peak memory {peak_mb:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
