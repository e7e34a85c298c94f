"""PETRARCH's validation and unit-test records, coded by chronik with the records' own dictionaries.

A records file (``PETR2.UnitTest.records.xml``, ``PETR_Validate_records_2_02.xml``) names its actor
and agent dictionaries in ``<Environment>`` and holds ``<Sentence>`` records, each with the events
PETRARCH should code (``<EventCoding eventcode sourcecode targetcode/>``) and the ``<Text>``. The
dictionaries are read with chronik's PETRARCH importer and layered over the shipped ones; the verbs
are chronik's own (PETRARCH's verb file is a toy for its tests), so agreement is informative, not
a target. Some records files are not well-formed XML (comments holding markup), so they are read
with a forgiving scanner rather than an XML parser.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from chronik.errors import InputError

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(?<!\w)(\w+)\s*=\s*"([^"]*)"')  # a name starts after a non-word: linear scan
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ENV = re.compile(r"<(Actorfile|Agentfile|Verbfile)>\s*([^<\s]+)\s*</\1>")


@dataclass(slots=True)
class Expected:
    event: str
    source: str
    target: str


@dataclass(slots=True)
class Record:
    id: str
    category: str
    date: Date | None
    text: str
    expected: list[Expected]
    evaluate: bool = True


@dataclass(slots=True)
class RecordsFile:
    path: Path
    actor_files: list[Path]
    agent_files: list[Path]
    records: list[Record]


def read_records(path: Path) -> RecordsFile:
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", hint="give a PETRARCH records .xml file") from exc
    text = _COMMENT.sub("", raw)
    env = {"Actorfile": [], "Agentfile": []}  # type: dict[str, list[Path]]
    for kind, name in _ENV.findall(text):
        if kind in env:
            env[kind].append(path.parent / name)
    records = []
    for attrs, body in _SENTENCE.findall(text):
        a = dict(_ATTR.findall(attrs))
        expected = []
        for coding in _CODING.findall(body):
            c = dict(_ATTR.findall(coding))
            if "eventcode" in c:
                expected.append(Expected(c["eventcode"], c.get("sourcecode", ""), c.get("targetcode", "")))
        t = _TEXT.search(body)
        if t is None:
            continue
        day = a.get("date", "")
        records.append(Record(id=a.get("id", "?"), category=a.get("category", a.get("id", "?").split("-")[0]),
                              date=Date(int(day[:4]), int(day[4:6]), int(day[6:8])) if len(day) == 8 else None,
                              text=" ".join(t.group(1).split()), expected=expected,
                              evaluate=a.get("evaluate", "true").lower() != "false"))
    if not records:
        raise InputError(f"{path} holds no <Sentence> records", hint="give a PETRARCH validation records file")
    return RecordsFile(path, env["Actorfile"], env["Agentfile"], records)


@dataclass(slots=True)
class Agreement:
    records: int = 0
    expected: int = 0
    found: int = 0
    source: int = 0
    target: int = 0
    root: int = 0
    all: int = 0
    no_event_expected: int = 0
    no_event_agreed: int = 0
    by_category: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: list[str] = field(default_factory=list)


def _same(ours: str | None, theirs: str) -> bool:
    if not theirs or theirs == "---":
        return not ours
    return ours is not None and ours != "" and (ours.startswith(theirs) or theirs.startswith(ours))


def compare(rec: Record, events: Iterable[dict[str, Any]], result: Agreement) -> None:
    """Agreement of chronik's events for one record with PETRARCH's expected codings."""
    evs = list(events)
    result.records += 1
    cat = result.by_category[rec.category]
    if not rec.expected:
        result.no_event_expected += 1
        ok = not evs
        result.no_event_agreed += ok
        cat["agree" if ok else "disagree"] += 1
        if not ok and len(result.examples) < 40:
            result.examples.append(f"{rec.id}: expected no event, got {_describe(evs[0])}")
        return
    for exp in rec.expected:
        result.expected += 1
        scored = [(_same((e.get("source") or {}).get("code"), exp.source),
                   _same((e.get("target") or {}).get("code"), exp.target),
                   str(e.get("cameo", ""))[:2] == exp.event[:2], e) for e in evs]
        if not scored:
            cat["no event"] += 1
            if len(result.examples) < 40:
                result.examples.append(f"{rec.id}: expected {exp.source} {exp.event} {exp.target}, got nothing")
            continue
        result.found += 1
        best = max(scored, key=lambda s: (s[0] and s[1] and s[2], s[2], s[0] + s[1]))
        result.source += best[0]
        result.target += best[1]
        result.root += best[2]
        agree = best[0] and best[1] and best[2]
        result.all += agree
        if agree:
            cat["agree"] += 1
        else:
            what = [n for n, ok in (("source", best[0]), ("target", best[1]), ("root", best[2])) if not ok]
            cat["wrong " + "+".join(what)] += 1
            if len(result.examples) < 40:
                result.examples.append(f"{rec.id}: expected {exp.source} {exp.event} {exp.target}, "
                                       f"got {_describe(best[3])}")


def _describe(e: dict[str, Any]) -> str:
    return f"{(e.get('source') or {}).get('code')} {e.get('cameo')} {(e.get('target') or {}).get('code')}"


def run(path: Path, lang: str = "en") -> Agreement:
    """Import the records' dictionaries, code every record to be evaluated, compare."""
    from chronik.actors.importers import ImportResult, read_petrarch, write_user_file
    from chronik.pipeline import Pipeline

    rf = read_records(path)
    imported = ImportResult()
    for f in rf.actor_files + rf.agent_files:
        if not f.is_file():
            raise InputError(f"{f} (named in {path.name}) is missing", hint="keep the dictionaries beside the records")
        imported.extend(read_petrarch(f))
    result = Agreement()
    with tempfile.TemporaryDirectory() as tmp:
        user = Path(tmp) / "petrarch.yaml"
        with user.open("w", encoding="utf-8") as out:
            write_user_file(imported, out, header=f"imported from the dictionaries of {path.name}")
        nlp = Pipeline(lang, actor_files=[user], config={"events": {"keep_modes": [
            "asserted", "intended", "planned", "reported_claim"]}})
        for rec in rf.records:
            if not rec.evaluate:
                continue
            doc = nlp(rec.text, date=rec.date, doc_id=rec.id)
            compare(rec, [e.to_dict() for e in doc.events], result)
    return result
