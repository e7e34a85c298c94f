"""Normalisation used for every dictionary look-up: case-folded, ß → ss, typographic variants unified."""

from __future__ import annotations

import unicodedata

_TRANS = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-", "ʼ": "'"})


def norm(text: str) -> str:
    """The look-up key of a word or name: NFC, case-folded (ß → ss), apostrophes and dashes unified."""
    return unicodedata.normalize("NFC", text).translate(_TRANS).casefold()


def strip_accents(text: str) -> str:
    """Erdoğan → Erdogan, Élysée → Elysee; umlauts are kept (they carry meaning in German)."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and ch != "\u0308":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))
