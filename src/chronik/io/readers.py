"""Documents from a .txt file, a JSON Lines file of documents, or standard input.

JSON Lines documents are ``{doc_id, text, date?, language?, title?, url?, source?}``; the gold files
of the evaluation data are read as they are (their extra fields are ignored). A line that is not a
document is reported with file:line and skipped, so one bad line does not stop a batch.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TextIO

from chronik.errors import InputError
from chronik.model import Document
from chronik.pipeline import parse_date

log = logging.getLogger("chronik.io")


@dataclass(slots=True)
class Problem:
    where: str
    message: str


def read_documents(path: str | Path, *, date: str | None = None, lang: str | None = None,
                   doc_id: str | None = None, problems: list[Problem] | None = None) -> Iterator[Document]:
    """Documents from ``path`` ("-" for stdin). JSON Lines when the name ends in .jsonl/.ndjson or
    the first non-blank character is "{"; plain text otherwise."""
    problems = problems if problems is not None else []
    if str(path) == "-":
        text = sys.stdin.read()
        yield from _from_text(text, "stdin", date, lang, doc_id, problems)
        return
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {p}", hint="check the path; use - to read standard input")
    if p.is_dir():
        raise InputError(f"{p} is a folder", hint="give a .txt or .jsonl file")
    raw = p.read_bytes()
    text = decode(raw, str(p))
    stem = doc_id or p.stem
    yield from _from_text(text, str(p), date, lang, stem, problems, jsonl_hint=p.suffix in (".jsonl", ".ndjson"))


def decode(raw: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (or without one, told by its zero bytes), else
    Windows-1252 (a superset of Latin-1). Binary files are refused."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    head = raw[:4096]
    if b"\x00" in head:
        evens, odds = head[0::2], head[1::2]
        if odds and odds.count(0) > 0.9 * len(odds) and evens.count(0) < 0.1 * len(evens):
            log.warning("%s has no byte-order mark; read as UTF-16 little-endian", where)
            return raw.decode("utf-16-le", errors="replace")
        if evens and evens.count(0) > 0.9 * len(evens) and odds.count(0) < 0.1 * len(odds):
            log.warning("%s has no byte-order mark; read as UTF-16 big-endian", where)
            return raw.decode("utf-16-be", errors="replace")
        raise InputError(f"{where} looks like a binary file", hint="give a text or JSON Lines file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        log.warning("%s is not UTF-8; read as Windows-1252", where)
        return raw.decode("cp1252", errors="replace")


def _from_text(text: str, where: str, date: str | None, lang: str | None, doc_id: str | None,
               problems: list[Problem], jsonl_hint: bool = False) -> Iterator[Document]:
    if jsonl_hint or text.lstrip().startswith("{"):
        yield from _jsonl(text.splitlines(), where, date, lang, problems)
    else:
        if looks_like_html(text):
            problems.append(Problem(where, "is HTML; its main text was extracted (trafilatura)"))
            text = html_to_text(text)
        yield Document(text=clean_text(text), doc_id=doc_id or "doc", date=parse_date(date), lang=lang or "")


_HTML_START = re.compile(r"\A\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A page where text was expected: it starts like an HTML document."""
    return bool(_HTML_START.match(text[:1000]))


def html_to_text(html: str) -> str:
    """The main text of an HTML page (trafilatura), else all its text."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False)
    return text if text else str(trafilatura.html2txt(html) or "")


def _jsonl(lines: list[str] | TextIO, where: str, date: str | None, lang: str | None,
           problems: list[Problem]) -> Iterator[Document]:
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(Problem(f"{where}:{n}", f"not JSON ({e.msg}); line skipped"))
            continue
        except (RecursionError, ValueError) as e:  # nested too deep, numbers too long
            problems.append(Problem(f"{where}:{n}", f"not JSON chronik can read ({type(e).__name__}); line skipped"))
            continue
        try:
            yield document_from(obj, default_date=date, default_lang=lang, fallback_id=f"{Path(where).stem}-{n}")
        except InputError as e:
            problems.append(Problem(f"{where}:{n}", f"{e.message}; line skipped"))


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Lone surrogates (which JSON can carry but no file can hold) become U+FFFD; control characters
    other than tab and line breaks become spaces."""
    return _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text))


def document_from(obj: Any, *, default_date: str | None = None, default_lang: str | None = None,
                  fallback_id: str = "doc") -> Document:
    if not isinstance(obj, dict):
        raise InputError("a document must be a JSON object with a text field")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("the document has no text field (a string)")
    text = clean_text(text)
    raw_date = obj.get("date") or default_date
    day = lenient_date(raw_date)
    if raw_date and day is None:
        log.warning("document %s: cannot read date %r; coded without a date", obj.get("doc_id"), raw_date)
    return Document(text=text, doc_id=str(obj.get("doc_id") or obj.get("id") or fallback_id), date=day,
                    lang=str(obj.get("language") or obj.get("lang") or default_lang or ""),
                    title=obj.get("title"), url=obj.get("url"), source=obj.get("source"))


_DMY = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")
_MONTHS_DE = {"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
              "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}


def lenient_date(value: Any) -> Date | None:
    """A date from whatever a source gives: ISO dates and timestamps, 05.03.2015, 5. März 2015,
    RFC 2822 (feeds, e-mail); None when nothing sensible can be read."""
    if isinstance(value, datetime):
        return value.date()
    try:
        return parse_date(value if value is None or isinstance(value, Date) else str(value))
    except InputError:
        pass
    text = str(value).strip()
    m = _DMY.match(text)
    if m:
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.match(r"^(\d{1,2})\.?\s+([A-Za-zÄÖÜäöü]+)\s+(\d{4})", text)
    if m and m.group(2).lower() in _MONTHS_DE:
        return _safe_date(int(m.group(3)), _MONTHS_DE[m.group(2).lower()], int(m.group(1)))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None
