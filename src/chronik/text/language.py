"""Which language a document is in, among those chronik has packs for (lingua, Apache-2.0).

Only the languages with a pack are candidates, so a German or English text is never taken for a
third language; lingua's models for them load in well under a second and stay for the process.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _detector(languages: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    wanted = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*wanted).build()


def detect_language(text: str, languages: tuple[str, ...], default: str = "de") -> str:
    """The ISO 639-1 code of the language of ``text`` among ``languages`` (``default`` when unsure)."""
    if len(languages) == 1:
        return languages[0]
    found = _detector(tuple(sorted(languages))).detect_language_of(text[:2000])
    if found is None:
        return default
    code: str = found.iso_code_639_1.name.lower()
    return code if code in languages else default
