"""chronik: code news reports into political event data — who did what to whom, where, when.

    >>> import chronik
    >>> events = chronik.code("Die Polizei nahm am Montag in Istanbul 20 Demonstranten fest.", date="2024-05-08")
    >>> nlp = chronik.Pipeline("de")          # load once, code many documents
    >>> for doc in nlp.pipe(documents): ...
"""

from __future__ import annotations

from datetime import date as Date
from functools import lru_cache

from chronik.errors import ChronikError, ConfigError, DataFileError, InputError
from chronik.model import Actor, Document, Event, Mention, Place, Quote, Sentence, Span, Token
from chronik.pipeline import Pipeline, Resources, components

__version__ = "0.1.0"

__all__ = [
    "Actor", "ChronikError", "ConfigError", "DataFileError", "Document", "Event", "InputError", "Mention",
    "Pipeline", "Place", "Quote", "Resources", "Sentence", "Span", "Token", "__version__", "code", "components",
]


@lru_cache(maxsize=4)
def _default_pipeline(lang: str) -> Pipeline:
    return Pipeline(lang)


def code(text: str, date: Date | str | None = None, lang: str = "de", doc_id: str = "doc") -> list[Event]:
    """Code one text with the shipped dictionaries and patterns; the pipeline is loaded once per language."""
    return _default_pipeline(lang)(text, date=date, doc_id=doc_id).events
