"""Documents from a .txt file, a JSON Lines file of documents, or standard input.

JSON Lines documents are ``{doc_id, text, date?, language?, title?, url?, source?}``; the gold files
of the evaluation data are read as they are (their extra fields are ignored). A line that is not a
document is reported with file:line and skipped, so one bad line does not stop a batch.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
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
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (a superset of Latin-1)."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096]:
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
        yield Document(text=text, doc_id=doc_id or "doc", date=parse_date(date), lang=lang or "")


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
        try:
            yield document_from(obj, default_date=date, default_lang=lang, fallback_id=f"{Path(where).stem}-{n}")
        except InputError as e:
            problems.append(Problem(f"{where}:{n}", f"{e.message}; line skipped"))


def document_from(obj: Any, *, default_date: str | None = None, default_lang: str | None = None,
                  fallback_id: str = "doc") -> Document:
    if not isinstance(obj, dict):
        raise InputError("a document must be a JSON object with a text field")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("the document has no text field (a string)")
    raw_date = obj.get("date") or default_date
    try:
        day = parse_date(raw_date) if raw_date else None
    except InputError:
        day = None
        log.warning("document %s: cannot read date %r; coded without a date", obj.get("doc_id"), raw_date)
    return Document(text=text, doc_id=str(obj.get("doc_id") or obj.get("id") or fallback_id), date=day,
                    lang=str(obj.get("language") or obj.get("lang") or default_lang or ""),
                    title=obj.get("title"), url=obj.get("url"), source=obj.get("source"))
