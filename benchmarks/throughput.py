"""Throughput benchmark (not a test): code the German Wikinews articles, repeated to N documents, through
the in-process engine with 1 and 2 workers and through Dask with 2 workers.

    python benchmarks/throughput.py [ARTICLES.jsonl] [--docs 10000] [--configs local:1,local:2,dask:2]

Each configuration runs in a fresh process on a fresh DuckDB store (documents are stored first, untimed;
the timed part is coding and writing the results). Prints documents/s, sentences/s, sentences/s per core,
events, and the peak resident memory of each worker and of the writing process; the speed-up of each
configuration over the first. Copies of an article get their own document ids (the text is unchanged,
so per-word caches warm up as they would on a large archive of similar news).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews_de" / "articles.jsonl"


def load(articles: str, n: int) -> list[Any]:
    from chronik.io.readers import document_from
    from chronik.io.sources import content_id

    base = []
    with open(articles, encoding="utf-8") as f:
        for line in f:
            doc = document_from(json.loads(line))
            base.append(doc)
    docs = []
    for i in range(n):
        src = base[i % len(base)]
        copy = type(src)(text=src.text, doc_id=f"{content_id(src.text)}-{i // len(base)}", date=src.date,
                         lang="de", title=src.title, url=src.url, source=src.source,
                         meta={"external_id": src.doc_id, "origin": articles})
        docs.append(copy)
    return docs


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(config: str, articles: str, n: int) -> dict[str, Any]:
    from chronik.engine import PipelineOptions, run_local
    from chronik.store import Store

    engine, workers = config.split(":")
    options = PipelineOptions(lang="de")
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "bench.duckdb")) as store:
        store.add_documents(load(articles, n))
        worker_mb: list[float] = []
        t0 = time.perf_counter()
        if engine == "dask":
            from distributed import Client, LocalCluster

            from chronik.engine.dask import run_dask

            with LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None,
                              memory_limit=0) as cluster, Client(cluster) as client:
                report = run_dask(store, options, int(workers), client=client)
                worker_mb = list(client.run(maxrss_mb).values())
        else:
            report = run_local(store, options, int(workers))
            if int(workers) > 1:
                worker_mb = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]  # the largest child
        seconds = time.perf_counter() - t0
        if not worker_mb:
            worker_mb = [maxrss_mb()]
        return {"config": config, "documents": report.documents, "sentences": report.sentences,
                "events": report.events, "failures": report.failures, "seconds": seconds,
                "worker_peak_mb": max(worker_mb), "writer_peak_mb": maxrss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", default=str(DEFAULT))
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--configs", default="local:1,local:2,dask:2")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.articles, args.docs)))
        return
    results = []
    for config in args.configs.split(","):
        out = subprocess.run([sys.executable, __file__, args.articles, "--docs", str(args.docs), "--child", config],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        cores = int(config.split(":")[1])
        print(f"{config:8} {r['documents']} docs in {r['seconds']:.0f} s: {r['documents'] / r['seconds']:.1f} docs/s, "
              f"{r['sentences'] / r['seconds']:.0f} sentences/s, {r['sentences'] / r['seconds'] / cores:.0f} "
              f"sentences/s per core, {r['events']} events, {r['failures']} failed; peak memory per worker "
              f"{r['worker_peak_mb']:.0f} MB, writer {r['writer_peak_mb']:.0f} MB", flush=True)
    first = results[0]
    for r in results[1:]:
        print(f"speed-up {r['config']} over {first['config']}: {first['seconds'] / r['seconds']:.2f}×")


if __name__ == "__main__":
    main()
