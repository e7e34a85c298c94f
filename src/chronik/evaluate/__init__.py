"""Evaluation: scoring coded events against gold annotations (gold-format.md)."""

from chronik.evaluate.events import EventScore, score_documents

__all__ = ["EventScore", "score_documents"]
