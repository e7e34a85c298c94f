"""Time stage: date expressions in the text, resolved against the article's date."""

from chronik.time.dates import DateFinder, DateWords

__all__ = ["DateFinder", "DateWords"]
