"""Near-duplicate articles (an agency report reprinted by many outlets) found with MinHash and LSH
(datasketch), and the same event reported by several articles merged into one record.

A document's MinHash signature is made where it is coded (in the worker) and stored with it; grouping
reads the signatures back, so adding articles never recomputes the old ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import numpy as np

NUM_PERM = 128
SHINGLE = 5  # words
THRESHOLD = 0.8  # estimated Jaccard similarity of word 5-grams above which two articles are one report
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are read back with the same one
_WORD = re.compile(r"\w+")


def signature(text: str) -> bytes | None:
    """The MinHash signature of a text's word 5-grams, as bytes; None for texts too short to have any."""
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    if not words:
        return None
    n = min(SHINGLE, len(words))
    shingles = {" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    m.update_batch(list(shingles))
    return bytes(m.hashvalues.astype("<u8").tobytes())


@cache
def _permutations() -> Any:
    """The hash permutations for NUM_PERM, seed 1 (made once per process: making them costs more than
    hashing a short article)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def clusters(signatures: Iterable[tuple[str, bytes | None]], threshold: float = THRESHOLD) -> dict[str, str]:
    """doc id -> cluster id (the smallest doc id of its group of near-duplicates)."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs: dict[str, LeanMinHash] = {}
    parent: dict[str, str] = {}
    for doc_id, raw in signatures:
        parent[doc_id] = doc_id
        if raw is None:
            continue
        values = np.frombuffer(raw, dtype="<u8")
        if len(values) != NUM_PERM:
            continue
        m = LeanMinHash(MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME,
                                permutations=_permutations()))
        sigs[doc_id] = m
        lsh.insert(doc_id, m)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, m in sigs.items():
        for other in lsh.query(m):
            if other != doc_id and m.jaccard(sigs[other]) >= threshold:
                a, b = find(doc_id), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {d: find(d) for d in parent}
