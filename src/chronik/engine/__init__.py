"""Engines that run the pipeline over a store's pending documents: ``local`` (a process pool on this
machine) and ``dask`` (Dask distributed: a LocalCluster or a scheduler's address)."""

from chronik.engine.local import RunReport, run_local
from chronik.engine.worker import PipelineOptions

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "PipelineOptions", "RunReport", "run_local"]
