"""Actor coverage (not a test): how many actor mentions in a corpus get a code, and a sample to check.

    python benchmarks/actor_coverage.py [ARTICLES.jsonl] [--sample 30] [--seed 3] [--out sample.tsv]

Runs the pipeline up to coreference over the German Wikinews articles and counts the actor mentions
(names, role nouns, pronouns, capitals …), how many of them received a code, how many of those came
from names no dictionary knows, and how many names the name tagger found that stayed without a
code. With --sample it draws that many coded mentions at random (fixed seed) and writes them with
their sentence, one a line, for checking by hand. The articles stay in ../shared.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from chronik.actors.unknown import UNKNOWN_SOURCE
from chronik.io.readers import document_from
from chronik.pipeline import DEFAULT_COMPONENTS, Pipeline

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews_de" / "articles.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", default=str(DEFAULT))
    ap.add_argument("--split", help="only articles of this split (train/dev/test)")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out", help="write the sample here (TSV: code, mention, kind, source, sentence)")
    args = ap.parse_args()

    nlp = Pipeline("de", components_=tuple(c for c in DEFAULT_COMPONENTS if c != "events"))
    docs = []
    with open(args.articles, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if not args.split or obj.get("split") == args.split:
                docs.append(document_from(obj))
    kinds: Counter[str] = Counter()
    coded: Counter[str] = Counter()
    unknown_coded = unknown_total = names_total = names_uncovered = 0
    pool = []
    t0 = time.perf_counter()
    for doc in nlp.pipe(docs):
        covered: set[int] = set()
        for m in doc.mentions:
            covered.update(range(m.tok_start, m.tok_end))
            kinds[m.kind] += 1
            if m.actor.source.startswith(UNKNOWN_SOURCE):
                unknown_total += 1
                unknown_coded += bool(m.actor.code)
            if m.actor.code:
                coded[m.kind] += 1
                if m.kind != "attr":
                    s = doc.sentences[m.sent]
                    pool.append((m.actor.code, m.text, m.kind, m.actor.source,
                                 " ".join(doc.text[s.start:s.end].split())))
        for n in doc.names:
            if n.label in ("PER", "ORG"):
                names_total += 1
                names_uncovered += not covered.intersection(range(n.tok_start, n.tok_end))
    elapsed = time.perf_counter() - t0
    total = sum(kinds.values())
    print(f"documents {len(docs)}, {elapsed:.0f} s")
    print(f"actor mentions {total}, with a code {sum(coded.values())} ({sum(coded.values()) / max(total, 1):.1%})")
    for k, v in kinds.most_common():
        print(f"  {k:10s} {v:6d}  coded {coded[k]:6d} ({coded[k] / v:.0%})")
    print(f"mentions of names no dictionary knows: {unknown_total}, coded {unknown_coded}")
    print(f"PER/ORG names found by the name tagger: {names_total}, not part of any actor mention: {names_uncovered}")
    if args.sample and pool:
        rng = random.Random(args.seed)
        sample = rng.sample(pool, min(args.sample, len(pool)))
        lines = ["\t".join(x) for x in sample]
        if args.out:
            Path(args.out).write_text("code\tmention\tkind\tsource\tsentence\n" + "\n".join(lines) + "\n",
                                      encoding="utf-8")
            print(f"sample of {len(sample)} coded mentions written to {args.out}")
        else:
            print("\n".join(lines))


if __name__ == "__main__":
    main()
