"""What a worker does, whichever engine runs it: code a batch of documents into rows for the store.

The pipeline is built once per worker process (:func:`pipeline_for` is memoised on its options, which
are a frozen, picklable value) and reused for every batch that process codes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from chronik.model import Document
from chronik.store.rows import CodedDocument, coded_rows, failed

log = logging.getLogger("chronik.engine")


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """How to build the pipeline in a worker: language (None: each document's own, else detected), user
    dictionaries and patterns, which event modes to keep."""

    lang: str | None = None
    actor_files: tuple[str, ...] = ()
    pattern_files: tuple[str, ...] = ()
    keep_modes: tuple[str, ...] = field(default=())

    def kwargs(self) -> dict[str, Any]:
        config = {"events": {"keep_modes": list(self.keep_modes)}} if self.keep_modes else {}
        return {"actor_files": [Path(p) for p in self.actor_files],
                "pattern_files": [Path(p) for p in self.pattern_files], "config": config}


@cache
def pipeline_for(options: PipelineOptions) -> Any:
    from chronik.pipeline import MultiPipeline, Pipeline

    if options.lang:
        return Pipeline(options.lang, **options.kwargs())
    return MultiPipeline(**options.kwargs())


def code_batch(docs: Sequence[Document], options: PipelineOptions) -> list[CodedDocument]:
    """Code each document; one that fails is returned as failed with its error, the others go on."""
    from chronik.store.dedup import signature

    nlp = pipeline_for(options)
    out = []
    for doc in docs:
        try:
            coded = nlp(doc)
            out.append(coded_rows(coded, signature(doc.text)))
        except Exception as exc:  # one document's bug must not stop a batch: it is stored as failed
            log.warning("document %s failed: %s: %s", doc.doc_id, type(exc).__name__, exc)
            out.append(failed(doc.doc_id, f"{type(exc).__name__}: {exc}"))
    return out
