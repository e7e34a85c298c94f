"""Where documents come from when a corpus is ingested: text files and folders, JSON Lines, CSV with a
text column, HTML pages (main text and metadata by trafilatura), RSS/Atom feeds (feedparser), and
http(s) addresses of pages or feeds.

Every document gets a stable id, the hash of its whitespace-normalised text (:func:`content_id`), so the
same article read twice, from two files or two feeds, is one document. The id the source gave it stays
in ``doc.meta['external_id']``, where it came from in ``doc.meta['origin']``. A source that cannot be
read is reported as a :class:`~chronik.io.readers.Problem` and the others go on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

from chronik.errors import InputError
from chronik.io.readers import Problem, clean_text, decode, document_from, lenient_date
from chronik.model import Document

log = logging.getLogger("chronik.io")

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
TEXT_COLUMNS = ("text", "content", "body", "article", "fulltext")
MAX_FETCH_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class SourceOptions:
    date: str | None = None  # for documents that bring none
    lang: str | None = None
    outlet: str | None = None  # for documents that name none
    text_column: str | None = None  # CSV; default: the first of TEXT_COLUMNS present
    fetch: bool = False  # fetch the article page behind each feed entry
    timeout: float = 20.0


def content_id(text: str) -> str:
    """The stable id of a text: SHA-256 of its NFC form with runs of whitespace made one space."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:24]


def read_sources(sources: Sequence[str], options: SourceOptions = SourceOptions(),
                 problems: list[Problem] | None = None) -> Iterator[Document]:
    """The documents of every source in turn (files, folders searched recursively, http(s) URLs)."""
    problems = problems if problems is not None else []
    for src in sources:
        try:
            if re.match(r"https?://", src):
                yield from _identified(_from_url(src, options, problems), problems)
                continue
            path = Path(src)
            if not path.exists():
                raise InputError(f"no such file or folder: {path}", hint="check the path")
            files = _folder_files(path, problems) if path.is_dir() else [path]
            for f in files:
                yield from _identified(_from_file(f, options, problems), problems)
        except InputError as exc:
            problems.append(Problem(src, exc.message + (f" ({exc.hint})" if exc.hint else "")))


def _folder_files(folder: Path, problems: list[Problem]) -> list[Path]:
    files = []
    for f in sorted(folder.rglob("*")):
        if not f.is_file() or any(part.startswith(".") for part in f.relative_to(folder).parts):
            continue
        if f.suffix.lower() in KNOWN_SUFFIXES:
            files.append(f)
        else:
            problems.append(Problem(str(f), "not a kind of file chronik reads (txt, jsonl, csv, html, rss/atom); "
                                    "skipped"))
    return files


def _identified(docs: Iterator[Document], problems: list[Problem]) -> Iterator[Document]:
    for doc in docs:
        if not doc.text.strip():
            problems.append(Problem(doc.meta.get("origin", "?"), f"document {doc.meta.get('external_id')!r} has no "
                                    "text; skipped"))
            continue
        doc.meta.setdefault("external_id", doc.doc_id)
        doc.doc_id = content_id(doc.text)
        yield doc


def _from_file(path: Path, options: SourceOptions, problems: list[Problem]) -> Iterator[Document]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", hint="check the file's permissions") from None
    suffix = path.suffix.lower()
    kind = {**dict.fromkeys(TEXT_SUFFIXES, "text"), **dict.fromkeys(JSONL_SUFFIXES, "jsonl"),
            **dict.fromkeys(CSV_SUFFIXES, "csv"), **dict.fromkeys(HTML_SUFFIXES, "html"),
            **dict.fromkeys(FEED_SUFFIXES, "feed")}.get(suffix) or _sniff(raw)
    yield from _parse(kind, raw, str(path), path.stem, options, problems, url=None)


def _sniff(raw: bytes) -> str:
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<"):
        return "feed" if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head) else "html"
    return "text"


def _parse(kind: str, raw: bytes, where: str, name: str, options: SourceOptions, problems: list[Problem],
           url: str | None) -> Iterator[Document]:
    if kind == "feed":
        yield from _feed(raw, where, options, problems)
        return
    if kind == "html":
        yield _html(raw, where, url, options)
        return
    text = decode(raw, where)
    if kind == "jsonl":
        yield from _jsonl(text, where, options, problems)
    elif kind == "csv":
        yield from _csv(text, where, options, problems, delimiter="\t" if where.endswith(".tsv") else ",")
    else:
        yield _document(text, name, where, options)


def _document(text: str, external_id: str | None, origin: str, options: SourceOptions, *,
              title: str | None = None, url: str | None = None, outlet: str | None = None,
              day: Any = None, lang: str | None = None) -> Document:
    return Document(text=clean_text(text), doc_id=external_id or "doc",
                    date=lenient_date(day) or lenient_date(options.date),
                    lang=lang or options.lang or "", title=title, url=url, source=outlet or options.outlet,
                    meta={"external_id": external_id, "origin": origin})


def _jsonl(text: str, where: str, options: SourceOptions, problems: list[Problem]) -> Iterator[Document]:
    import json

    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            doc = document_from(obj, default_lang=options.lang, fallback_id=f"{Path(where).stem}-{n}")
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"{where}:{n}", f"not JSON ({exc.msg}); line skipped"))
            continue
        except (RecursionError, ValueError) as exc:  # nested too deep, numbers too long
            problems.append(Problem(f"{where}:{n}", f"not JSON chronik can read ({type(exc).__name__}); "
                                    "line skipped"))
            continue
        except InputError as exc:
            problems.append(Problem(f"{where}:{n}", f"{exc.message}; line skipped"))
            continue
        doc.date = doc.date or lenient_date(options.date)
        doc.source = doc.source or (obj.get("outlet") if isinstance(obj.get("outlet"), str) else None) \
            or options.outlet
        doc.meta = {"external_id": doc.doc_id, "origin": f"{where}:{n}"}
        yield doc


def _csv(text: str, where: str, options: SourceOptions, problems: list[Problem],
         delimiter: str) -> Iterator[Document]:
    csv.field_size_limit(50_000_000)  # an article is one field; the default limit (128 kB) is too small
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [c for c in reader.fieldnames or [] if c]
    lower = {c.lower().strip(): c for c in columns}
    wanted = options.text_column
    column = (lower.get(wanted.lower()) if wanted else None) or (
        None if wanted else next((lower[c] for c in TEXT_COLUMNS if c in lower), None))
    if column is None:
        raise InputError(f"{where} has no text column {wanted or '/'.join(TEXT_COLUMNS)!r} "
                         f"(columns: {', '.join(columns) or 'none'})",
                         hint="name the column holding the article text with --text-column")

    def field(row: dict[str, Any], *names: str) -> str | None:
        for n in names:
            value = row.get(lower.get(n, ""))
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    for n, row in enumerate(reader, 2):
        text_value = row.get(column)
        if not isinstance(text_value, str):
            problems.append(Problem(f"{where}:{n}", "row has no text; skipped"))
            continue
        yield _document(text_value, field(row, "id", "doc_id", "guid") or f"{Path(where).stem}-{n}",
                        f"{where}:{n}", options, title=field(row, "title", "headline"), url=field(row, "url", "link"),
                        outlet=field(row, "outlet", "source", "publisher", "sitename"),
                        day=field(row, "date", "published", "pubdate", "datetime"),
                        lang=field(row, "language", "lang"))


def _html(raw: bytes, where: str, url: str | None, options: SourceOptions) -> Document:
    """The main text of a page and its metadata (title, date, site name, canonical URL), by trafilatura."""
    import trafilatura

    html = decode(raw, where)
    extracted: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if extracted is None or not getattr(extracted, "text", None):
        text = trafilatura.html2txt(html) or ""
        return _document(text, url or Path(where).stem, where, options, url=url)
    page_url = getattr(extracted, "url", None) or url
    return _document(extracted.text or "", page_url or Path(where).stem, where, options,
                     title=getattr(extracted, "title", None), url=page_url,
                     outlet=getattr(extracted, "sitename", None), day=getattr(extracted, "date", None),
                     lang=getattr(extracted, "language", None))


def _feed(raw: bytes, where: str, options: SourceOptions, problems: list[Problem]) -> Iterator[Document]:
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        reason = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        problems.append(Problem(where, f"no feed entries found{reason}"))
        return
    outlet = parsed.feed.get("title") or options.outlet
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        day = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        doc = None
        if options.fetch and link:
            try:
                page = fetch(link, options.timeout)
                doc = _html(page, link, link, options)
            except InputError as exc:
                problems.append(Problem(f"{where} entry {n}", f"{exc.message}; the feed's own text is used"))
        if doc is None or not doc.text.strip():
            doc = _document(_entry_text(entry), None, f"{where} entry {n}", options)
        doc.meta = {"external_id": entry.get("id") or link or f"{Path(where).stem}-{n}",
                    "origin": f"{where} entry {n}"}
        doc.title = entry.get("title") or doc.title
        doc.url = link or doc.url
        doc.source = outlet or doc.source
        doc.date = day or doc.date or lenient_date(options.date)
        yield doc


def _entry_text(entry: Any) -> str:
    parts = entry.get("content") or []
    html = parts[0].get("value") if parts else entry.get("summary") or entry.get("description") or ""
    return fragment_text(str(html)) if "<" in html else str(html)


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one paragraph a block element."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", html)
    for el in root.iter():
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    paragraphs = (" ".join(p.split()) for p in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _struct_date(value: Any) -> Date | None:
    if not value:
        return None
    try:
        return Date(value[0], value[1], value[2])
    except (TypeError, ValueError, IndexError):
        return None


def _from_url(url: str, options: SourceOptions, problems: list[Problem]) -> Iterator[Document]:
    raw = fetch(url, options.timeout)
    kind = _sniff(raw)
    yield from _parse("feed" if kind == "feed" else "html" if kind == "html" else kind, raw, url, url, options,
                      problems, url=url)


def fetch(url: str, timeout: float = 20.0) -> bytes:
    """The body of an http(s) URL (at most 20 MB)."""
    import urllib.error
    import urllib.request

    if not re.match(r"https?://", url):
        raise InputError(f"not an http(s) address: {url}", hint="give a URL starting with http:// or https://")
    request = urllib.request.Request(url, headers={"User-Agent": "chronik (+https://pypi.org/project/chronik)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read(MAX_FETCH_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise InputError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}",
                         hint="check the address and the network") from None
    if len(body) > MAX_FETCH_BYTES:
        raise InputError(f"{url} is larger than {MAX_FETCH_BYTES // 1_000_000} MB", hint="save and split it first")
    return body
