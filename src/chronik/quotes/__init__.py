"""Quotations and reported speech: who said what, in which words, with which cue."""

from chronik.quotes.finder import QuoteFinder
from chronik.quotes.lexicon import QuoteLexicon

__all__ = ["QuoteFinder", "QuoteLexicon"]
