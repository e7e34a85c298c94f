"""Importers for foreign actor dictionaries: PETRARCH/TABARI actor and agent files, Wikidata entities.

Each reader returns an :class:`ImportResult`: the entries as chronik user-file items (the ``countries``,
``people``, ``organisations`` and ``sectors`` sections of ``--actors FILE``), the number of source
entries read, and every entry or code that could not be mapped, with its ``file:line`` and the reason.
:func:`write_user_file` writes a result as a readable YAML user actor file, one item per entry.

The mapping tables (Wikidata positions and countries to codes, PETRARCH agent codes to sectors, the
word lists that restore readable case) are data files validated on load: see ``docs/importers.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any, TextIO

import yaml

from chronik.errors import DataFileError, InputError
from chronik.resources import data_path, load_yaml

_CODE_RE = re.compile(r"^[A-Z]{3}([A-Z0-9]{3})*$")
_PERSON_CODE_RE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
_NULL_CODES = {"---", "+++", "###"}
_ROMAN_RE = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_VOWELS = set("AEIOUY")
_AGENT_CODE_RE = re.compile(r"^[^#\n]*(\[\s*~[A-Za-z]|[A-Za-z]~\s*\])", re.M)
_NOT_LETTERS_RE = re.compile(r"[^A-Za-z]")
_KEEP_RE = re.compile(r"[.0-9]")
_AFFIX_RE = re.compile(r"^([^A-Za-z]*)(.*?)([^A-Za-z']*)$")


# ---- results -------------------------------------------------------------------------------------

@dataclass(slots=True)
class Problem:
    """An entry or a code that was not imported (``skipped``) or imported with a change (``warning``)."""

    where: str  # file:line
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(slots=True)
class FileCounts:
    read: int = 0
    written: int = 0  # entries written, counting those merged into the next one
    skipped: int = 0
    merged: int = 0  # code-less entries whose names went to the next entry (PETRARCH shares its codes)


@dataclass
class ImportResult:
    """Entries converted to chronik user-file items, with counts and problems per source file."""

    countries: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    sectors: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: dict[str, FileCounts] = field(default_factory=dict)

    @property
    def read(self) -> int:
        return sum(c.read for c in self.files.values())

    @property
    def written(self) -> int:
        return sum(c.written for c in self.files.values())

    def extend(self, other: ImportResult) -> None:
        for key in ("countries", "people", "organisations", "sectors", "skipped", "warnings"):
            getattr(self, key).extend(getattr(other, key))
        for name, counts in other.files.items():
            mine = self.files.setdefault(name, FileCounts())
            mine.read += counts.read
            mine.written += counts.written
            mine.skipped += counts.skipped
            mine.merged += counts.merged

    def user_file(self) -> dict[str, Any]:
        """The mapping of a chronik user actor file (``--actors``)."""
        out: dict[str, Any] = {}
        for key in ("countries", "people", "organisations"):
            items = getattr(self, key)
            if items:
                out[key] = items
        if self.sectors:
            out["sectors"] = {"sectors": self.sectors}
        return out

    def summary(self) -> str:
        lines = []
        for name, c in self.files.items():
            merged = f" ({c.merged} merged into the entry after them)" if c.merged else ""
            lines.append(f"{name}: {c.read} entries read, {c.written} written{merged}, {c.skipped} skipped")
        lines.append(f"total: {self.read} read; written: {len(self.countries)} countries, {len(self.people)} people, "
                     f"{len(self.organisations)} organisations, {len(self.sectors)} sector entries; "
                     f"{len(self.skipped)} skipped, {len(self.warnings)} warnings")
        return "\n".join(lines)


# ---- tables --------------------------------------------------------------------------------------

@dataclass
class ImportTables:
    """The mapping tables, from the shipped data files (and user files layered over them)."""

    positions: dict[str, tuple[str, str]] = field(default_factory=dict)  # QID -> (code, label)
    country_qids: dict[str, str] = field(default_factory=dict)  # QID -> ISO3
    agent_codes: dict[str, str] = field(default_factory=dict)
    sector_codes: set[str] = field(default_factory=set)
    country_codes: set[str] = field(default_factory=set)
    lowercase_words: set[str] = field(default_factory=set)
    common_words: dict[str, str] = field(default_factory=dict)  # upper -> written form
    organisation_words: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> ImportTables:
        t = cls()
        base = data_path("actors")
        for path in [base / "petrarch_import.yaml", base / "wikidata_countries.yaml",
                     base / "wikidata_positions.yaml", *[Path(p) for p in extra]]:
            t.add(load_yaml(path, "actor_import"))
        countries = load_yaml(base / "countries.yaml", "countries")
        for c in countries:
            t.country_codes.add(c["code"])
            for name in [c["name"], *(c.get("capitals") or [])]:
                for word in re.split(r"[\s\-]+", name):
                    if 1 < len(word) <= 4 and word[:1].isupper() and not word.isupper():
                        t.common_words.setdefault(word.upper(), word)
        sectors = load_yaml(base / "sectors.yaml", "sectors")
        t.sector_codes = {s["code"] for s in sectors["sectors"]}
        return t

    def add(self, raw: dict[str, Any]) -> None:
        for p in raw.get("positions", []) or []:
            self.positions[p["qid"]] = (p["code"], p.get("label", ""))
        for c in raw.get("countries", []) or []:
            self.country_qids[c["qid"]] = c["code"]
        self.agent_codes.update(raw.get("agent_codes", {}) or {})
        self.lowercase_words |= set(raw.get("lowercase_words", []) or [])
        for w in raw.get("common_words", []) or []:
            self.common_words[w.upper()] = w
        self.organisation_words |= set(raw.get("organisation_words", []) or [])


# ---- readable case -------------------------------------------------------------------------------

def _cap(part: str) -> str:
    low = part.lower()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    if len(low) > 2 and low[1] == "'":  # O'Brien, D'Alema
        return low[0].upper() + "'" + low[2:].capitalize()
    return low.capitalize()


def readable_name(phrase: str, tables: ImportTables, kind: str = "org") -> str:
    """PETRARCH's upper-case phrase as a name: "JOHN_KERRY" → "John Kerry", "NATO" stays "NATO".

    ``kind`` is person, country or org; only in names of organisations are short words (four letters
    or fewer, not in the common words) taken as acronyms and kept in capitals."""
    acronyms = kind == "org" or (kind == "country" and len(phrase.replace("_", " ").split()) == 1)
    words = phrase.replace("_", " ").split()
    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        fixed = []
        for j, part in enumerate(parts):
            letters = _NOT_LETTERS_RE.sub("", part)
            if not letters:
                fixed.append(part)
            elif _KEEP_RE.search(part) or not part.isupper():
                fixed.append(part)  # U.S., W., G8, already mixed case
            elif _ROMAN_RE.match(part) and i > 0:
                fixed.append(part)  # Henry VIII
            elif part.lower() in tables.lowercase_words and (i > 0 or j > 0) and len(words) > 1:
                fixed.append(part.lower())
            elif part in tables.common_words:
                fixed.append(tables.common_words[part])
            elif acronyms and len(letters) <= 4 and (len(words) == 1 or len(letters) > 1):
                fixed.append(part)  # acronym: NATO, IMF, UN
            elif acronyms and not (_VOWELS & set(letters)):
                fixed.append(part)  # no vowel: UNHCR-like, PLO
            else:
                m = _AFFIX_RE.match(part)
                assert m is not None
                fixed.append(m.group(1) + _cap(m.group(2)) + m.group(3))
        out.append("-".join(fixed))
    return " ".join(out)


# ---- PETRARCH / TABARI ---------------------------------------------------------------------------

def _petr_date(text: str) -> Date:
    """YYYYMMDD, or YYMMDD with 00-30 read as 20YY and 31-99 as 19YY (as PETRARCH does)."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) < 6:
        raise ValueError(f"not a date: {text!r}")
    if len(digits) > 7:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        yy = int(digits[:2])
        year = yy + (2000 if yy <= 30 else 1900)
        month, day = int(digits[2:4]), int(digits[4:6])
    return Date(year, month, day)


@dataclass(slots=True)
class _Restriction:
    code: str | None  # None: the null code ---
    start: Date | None
    end: Date | None
    default: bool
    line: int
    label: str = ""


@dataclass
class _Actor:
    phrase: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    restrictions: list[_Restriction] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    """Drop '#' comments (anywhere, as PETRARCH does) and old KEDS/TABARI ';' comments."""
    if "#" in line:
        line = line[:line.index("#")]
    if ";" in line:
        line = line[:line.index(";")]
    return line.rstrip()


def _read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Lines of a PETRARCH dictionary without comments: (line number, text), blank lines skipped."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read the file: {e.strerror}", hint="check the path") from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    in_comment = False
    for n, line in enumerate(text.splitlines(), 1):
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = line[line.index("-->") + 3:]
            else:
                continue
        while "<!" in line:
            start = line.index("<!")
            if "-->" in line[start:]:
                line = line[:start] + line[line.index("-->", start) + 3:]
            elif line[start:].startswith("<!--"):
                line = line[:start]
                in_comment = True
            else:  # "<! -- …" on one line without the end: PETRARCH skips the line
                line = line[:start]
        if line.lstrip().startswith("#"):
            continue
        if line.startswith("---STOP---"):
            break
        line = line.rstrip("\n")
        if line.strip():
            yield n, line


def _parse_bracket(body: str, line: int, where: str, problems: list[Problem]) -> _Restriction | None:
    """The inside of ``[CODE]``, ``[CODE >D]``, ``[CODE <D]`` or ``[CODE D1-D2]``."""
    parts = body.strip().split(None, 1)
    if not parts:
        problems.append(Problem(where, "empty code brackets []"))
        return None
    code_text, rest = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
    code: str | None = None if code_text in _NULL_CODES else code_text.upper()
    try:
        if not rest:
            return _Restriction(code, None, None, True, line)
        if rest[0] in "<>":
            day = _petr_date(rest[1:])
            if rest[0] == "<":
                return _Restriction(code, None, day, False, line)
            return _Restriction(code, day, None, False, line)
        if "-" in rest:
            a, b = rest.split("-", 1)
            start, end = _petr_date(a), _petr_date(b)
            if end < start:
                problems.append(Problem(where, f"[{body.strip()}]: the end date is before the start date; "
                                        "restriction skipped (as PETRARCH does)"))
                return None
            return _Restriction(code, start, end, False, line)
        day = _petr_date(rest)  # a single date without < or >: from that day
        return _Restriction(code, day, None, False, line)
    except ValueError as e:
        problems.append(Problem(where, f"[{body.strip()}]: date not understood ({e}); restriction skipped"))
        return None


def _parse_actor_file(path: Path, problems: list[Problem]) -> list[_Actor]:
    actors: list[_Actor] = []
    for n, raw in _read_lines(path):
        where = f"{path}:{n}"
        line = _strip_comment(raw)
        if not line.strip():
            continue
        stripped = line.strip()
        if line[:1] in " \t" and not stripped.startswith(("[", "+")) and actors:
            # an indented line is a code line in PETRARCH, which skips it without its '['
            if re.match(r"^[A-Za-z0-9~]+\s*\]", stripped):
                problems.append(Problem(where, f"{stripped}: missing '[' before the code; read as a code"))
                stripped = "[" + stripped
            else:
                problems.append(Problem(where, f"{stripped}: an indented phrase without '+'; read as a synonym"))
                stripped = "+" + stripped
        if stripped.startswith("["):  # date restriction or default code of the current actor
            if not actors:
                problems.append(Problem(where, "a code line before any actor; skipped"))
                continue
            for body in re.findall(r"\[([^\[\]]*)\]?", stripped):
                r = _parse_bracket(body, n, where, problems)
                if r is not None:
                    actors[-1].restrictions.append(r)
            continue
        if stripped.startswith("+"):
            if not actors:
                problems.append(Problem(where, "a synonym before any actor; skipped"))
                continue
            name = stripped[1:].split("[")[0].strip()
            if name:
                actors[-1].synonyms.append(name)
            continue
        phrase, _, codes = stripped.partition("[")
        actor = _Actor(phrase.strip(), n)
        if codes:
            for body in re.findall(r"\[([^\[\]]*)\]?", "[" + codes):
                if body.strip():
                    r = _parse_bracket(body, n, where, problems)
                    if r is not None:
                        actor.restrictions.append(r)
        actors.append(actor)
    return actors


_MIN, _MAX = Date.min, Date.max


def _paint(restrictions: Sequence[_Restriction]) -> list[tuple[Date, Date, _Restriction]]:
    """Non-overlapping periods: each dated restriction, in file order, takes the days no earlier one
    took (PETRARCH uses the first restriction that applies); the default code fills what is left."""
    spans: list[tuple[Date, Date, _Restriction]] = []

    def free_parts(start: Date, end: Date) -> list[tuple[Date, Date]]:
        parts = [(start, end)]
        for s, e, _ in spans:
            nxt = []
            for a, b in parts:
                if e <= a or s >= b:
                    nxt.append((a, b))
                    continue
                if a < s:
                    nxt.append((a, s))
                if e < b:
                    nxt.append((e, b))
            parts = nxt
        return [(a, b) for a, b in parts if a < b]

    for r in restrictions:
        if not r.default:
            for a, b in free_parts(r.start or _MIN, r.end or _MAX):
                spans.append((a, b, r))
    defaults = [r for r in restrictions if r.default]
    if defaults:
        default = defaults[-1]  # a later default replaces an earlier one
        for a, b in free_parts(_MIN, _MAX):
            spans.append((a, b, default))
    spans.sort(key=lambda s: s[0])
    merged: list[tuple[Date, Date, _Restriction]] = []
    for a, b, r in spans:  # one period where the same code goes on
        if merged and merged[-1][1] == a and merged[-1][2].code == r.code:
            merged[-1] = (merged[-1][0], b, merged[-1][2])
        else:
            merged.append((a, b, r))
    return merged


def _role(code: str, start: Date, end: Date) -> dict[str, Any]:
    role: dict[str, Any] = {"code": code}
    if start != _MIN:
        role["from"] = start.isoformat()
    if end != _MAX:
        role["until"] = end.isoformat()
    return role


_ORG_KINDS = (("IGO", "igo"), ("NGO", "ngo"), ("NGM", "ngo"), ("IMG", "img"))
_SECTOR_KINDS = {"REB": "reb", "INS": "reb", "UAF": "reb", "SEP": "reb", "PTY": "party", "MED": "media",
                 "BUS": "company"}


def _org_kind(code: str) -> str:
    for prefix, kind in _ORG_KINDS:
        if code.startswith(prefix):
            return kind
    for i in range(3, len(code), 3):
        if code[i:i + 3] in _SECTOR_KINDS:
            return _SECTOR_KINDS[code[i:i + 3]]
    return "other"


def read_petrarch(path: str | Path, tables: ImportTables | None = None) -> ImportResult:
    """Read a PETRARCH/TABARI actor (``*.actors.txt``) or agent (``*agents*.txt``) dictionary.

    Files whose entries carry ``~`` agent codes are read as agent dictionaries (→ ``sectors``).
    """
    path = Path(path)
    tables = tables or ImportTables.load()
    try:
        head = path.read_bytes().decode("utf-8", "replace")
    except OSError as e:
        raise InputError(f"{path}: cannot read the file: {e.strerror}", hint="check the path") from e
    if _AGENT_CODE_RE.search(head):
        return _read_agents(path, tables)
    return _read_actors(path, tables)


def _read_actors(path: Path, tables: ImportTables) -> ImportResult:
    result = ImportResult()
    counts = result.files.setdefault(str(path), FileCounts())
    problems: list[Problem] = []
    actors = _parse_actor_file(path, problems)
    result.warnings.extend(problems)
    pending: list[_Actor] = []
    for actor in actors:
        counts.read += 1
        if not actor.restrictions:
            # PETRARCH: a primary phrase without a code shares the codes of the next entry that has some
            pending.append(actor)
            continue
        if pending:
            first = pending[0]
            names = [*first.synonyms] + [n for a in pending[1:] for n in (a.phrase, *a.synonyms)]
            actor = _Actor(first.phrase, first.line, [*names, actor.phrase, *actor.synonyms], actor.restrictions)
            counts.merged += len(pending)
            counts.written += len(pending)
            pending = []
        where = f"{path}:{actor.line}"
        note = f"PETRARCH {path.name}:{actor.line}"
        # codes chronik cannot hold: keep the entry when other codes remain
        good: list[_Restriction] = []
        bad: list[str] = []
        for r in actor.restrictions:
            if r.code is not None and not _CODE_RE.match(r.code):
                bad.append(r.code)
                result.warnings.append(Problem(f"{path}:{r.line}", f"{actor.phrase}: code {r.code!r} is no "
                                               "CAMEO code of 3-letter parts; that code is skipped"))
                continue
            good.append(r)
        spans = [(a, b, r.code) for a, b, r in _paint(good) if r.code is not None]
        if not spans:
            why = f"no code chronik can use ({', '.join(bad)}: not CAMEO parts of three characters)" if bad \
                else "only the null code (---): PETRARCH codes nothing for it"
            result.skipped.append(Problem(where, f"{actor.phrase}: {why}"))
            counts.skipped += 1
            continue
        codes = [s[2] for s in spans if s[2] is not None]
        dated = len(spans) > 1 or spans[0][0] != _MIN or spans[0][1] != _MAX
        words = set(re.split(r"[\s_\-]+", actor.phrase.upper()))
        person = dated and any(len(c) > 3 for c in codes) and not (words & tables.organisation_words) \
            and all(_PERSON_CODE_RE.match(c) for c in codes)
        kind = "person" if person else "country" if not dated and codes[0] in tables.country_codes else "org"
        name = readable_name(actor.phrase, tables, kind)
        aliases = []
        for syn in actor.synonyms:
            alias = readable_name(syn, tables, kind)
            if alias and alias != name and alias not in aliases:
                aliases.append(alias)
        if not name:
            result.skipped.append(Problem(where, "an entry without a name"))
            counts.skipped += 1
            continue
        countries = {c[:3] for c in codes if c[:3] in tables.country_codes}
        country = countries.pop() if len(countries) == 1 else None
        if person:
            item: dict[str, Any] = {"name": name}
            if aliases:
                item["aliases"] = aliases
            item["country"] = country
            item["roles"] = [_role(c, a, b) for a, b, c in spans if c is not None]
            item["note"] = note
            result.people.append(item)
        elif not dated and codes[0] in tables.country_codes:
            result.countries.append({"code": codes[0], "name": name, "names": [name, *aliases], "note": note})
        else:
            code = codes[-1]
            org: dict[str, Any] = {"code": code, "name": name, "names": [name, *aliases], "kind": _org_kind(code),
                                   "country": code[:3] if code[:3] in tables.country_codes else None}
            if dated:
                org["roles"] = [_role(c, a, b) for a, b, c in spans if c is not None]
            org["note"] = note
            result.organisations.append(org)
        counts.written += 1
    for actor in pending:
        result.skipped.append(Problem(f"{path}:{actor.line}", f"{actor.phrase}: no code, and no entry with "
                                      "codes follows it (PETRARCH codes nothing for it)"))
        counts.skipped += 1
    return result


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "SH", "CH", "X", "Z")):
        return word + "ES"
    return word + "S"


def _read_agents(path: Path, tables: ImportTables) -> ImportResult:
    result = ImportResult()
    counts = result.files.setdefault(str(path), FileCounts())
    markers: dict[str, list[str]] = {}
    for n, raw in _read_lines(path):
        where = f"{path}:{n}"
        line = _strip_comment(raw).strip()
        if not line:
            continue
        m = re.match(r"^!([^!]+)!\s*=\s*(.*)$", line)
        if m:
            markers[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        counts.read += 1
        if "[" not in line:
            result.skipped.append(Problem(where, f"{line}: no agent code (PETRARCH skips the line)"))
            counts.skipped += 1
            continue
        phrase, _, rest = line.partition("[")
        raw_code = rest.partition("]")[0].strip()
        code = re.sub(r"[^A-Za-z0-9]", "", raw_code).upper()
        if not re.fullmatch(r"~?[A-Za-z0-9]+~?", raw_code):
            result.warnings.append(Problem(where, f"{phrase.strip()}: agent code [{raw_code}] read as {code}"))
        primary = code[:3]
        sector = primary if primary in tables.sector_codes else tables.agent_codes.get(primary)
        if sector is None or not re.fullmatch(r"[A-Z]{3}([A-Z]{3})*", code):
            result.skipped.append(Problem(where, f"{phrase.strip()}: agent code [{raw_code}] has no chronik "
                                          "sector (add it to agent_codes in petrarch_import.yaml)"))
            counts.skipped += 1
            continue
        plural: str | None = None
        if "{" in phrase:
            if "}" not in phrase:
                result.skipped.append(Problem(where, f"{phrase.strip()}: missing '}}' (PETRARCH skips the line)"))
                counts.skipped += 1
                continue
            plural = phrase[phrase.index("{") + 1:phrase.index("}")].strip()
            phrase = phrase[:phrase.index("{")]
        phrase = phrase.strip()
        forms: list[str] = []
        mm = re.search(r"!([^!]+)!", phrase)
        if mm:
            subst = markers.get(mm.group(1))
            if subst is None:
                result.skipped.append(Problem(where, f"{phrase}: substitution marker !{mm.group(1)}! is not "
                                              "defined (PETRARCH skips the line)"))
                counts.skipped += 1
                continue
            forms = [phrase[:mm.start()] + s + phrase[mm.end():] for s in subst]
        else:
            forms = [phrase]
            if plural is None:
                words = phrase.rstrip("_ ").split("_")
                forms.append("_".join([*words[:-1], _plural(words[-1])]))
            elif plural:
                forms.append(plural)
        words_out: list[str] = []
        for f in forms:
            w = " ".join(f.replace("_", " ").split()).lower()
            if len(w) >= 2 and w not in words_out:
                words_out.append(w)
        if not words_out:
            result.skipped.append(Problem(where, f"{phrase}: no word left"))
            counts.skipped += 1
            continue
        note = f"PETRARCH {path.name}:{n} [{raw_code}]"
        if sector != primary:
            note += f" ({primary} → {sector})"
        result.sectors.append({"code": sector, "words": words_out, "note": note})
        counts.written += 1
    return result


# ---- Wikidata ------------------------------------------------------------------------------------

def _iter_entities(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Entities of a Special:EntityData JSON file, or of a JSON Lines / dump file (one a line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the file as UTF-8 text: {e}", hint="check the path") from e
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            if "entities" in data and isinstance(data["entities"], dict):
                for ent in data["entities"].values():
                    yield 1, ent
                return
            if "claims" in data or "labels" in data:
                yield 1, data
                return
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            ent = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataFileError(str(path), n, f"not a JSON entity: {e.msg}",
                                hint="give Special:EntityData/Q….json files or JSON Lines of entities") from e
        if isinstance(ent, dict) and "entities" in ent:
            for sub in ent["entities"].values():
                yield n, sub
        elif isinstance(ent, dict):
            yield n, ent


def _wd_time(snak: dict[str, Any]) -> Date | None:
    """The day of a Wikidata time value (month or year precision: its first day)."""
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value", {})
    m = re.match(r"^\+(\d{4,})-(\d{2})-(\d{2})T", str(value.get("time", "")))
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    precision = int(value.get("precision", 11))
    if precision < 9 or year > 9999:
        return None
    if precision < 10 or month == 0:
        month = 1
    if precision < 11 or day == 0:
        day = 1
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def _wd_item(snak: dict[str, Any]) -> str | None:
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value", {})
    if isinstance(value, dict):
        if "id" in value:
            return str(value["id"])
        if "numeric-id" in value:
            return f"Q{value['numeric-id']}"
    return None


def _claims(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """Non-deprecated statements of ``prop``, preferred ones first."""
    stmts = [s for s in entity.get("claims", {}).get(prop, []) or [] if s.get("rank") != "deprecated"]
    return sorted(stmts, key=lambda s: 0 if s.get("rank") == "preferred" else 1)


def _labels(entity: dict[str, Any], langs: Sequence[str]) -> tuple[str | None, list[str]]:
    name = None
    names: list[str] = []
    for lang in langs:
        label = entity.get("labels", {}).get(lang, {}).get("value")
        if label:
            name = name or label
            if label not in names:
                names.append(label)
    for lang in langs:
        for alias in entity.get("aliases", {}).get(lang, []) or []:
            value = alias.get("value")
            if value and value not in names:
                names.append(value)
    return name, [n for n in names if n != name]


def read_wikidata(paths: str | Path | Iterable[str | Path], tables: ImportTables | None = None,
                  langs: Sequence[str] = ("de", "en")) -> ImportResult:
    """Read Wikidata entities: persons with their positions held (P39, dated by the P580 start and
    P582 end qualifiers) and country of citizenship (P27)."""
    tables = tables or ImportTables.load()
    path_list = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    result = ImportResult()
    for path in path_list:
        counts = result.files.setdefault(str(path), FileCounts())
        for n, entity in _iter_entities(path):
            counts.read += 1
            qid = str(entity.get("id", "?"))
            where = f"{path}:{n}"
            name, aliases = _labels(entity, langs)
            if not name:
                result.skipped.append(Problem(where, f"{qid}: no label in {'/'.join(langs)}"))
                counts.skipped += 1
                continue
            country = None
            for stmt in _claims(entity, "P27"):
                cq = _wd_item(stmt.get("mainsnak", {}))
                if cq and cq in tables.country_qids:
                    country = tables.country_qids[cq]
                    break
                if cq:
                    result.warnings.append(Problem(where, f"{qid} {name}: country {cq} is not in "
                                                   "wikidata_countries.yaml"))
            periods: list[_Restriction] = []
            unknown: list[str] = []
            for stmt in _claims(entity, "P39"):
                pq = _wd_item(stmt.get("mainsnak", {}))
                if not pq:
                    continue
                if pq not in tables.positions:
                    unknown.append(pq)
                    continue
                code, label = tables.positions[pq]
                quals = stmt.get("qualifiers", {}) or {}
                start = next((d for d in map(_wd_time, quals.get("P580", []) or []) if d), None)
                end = next((d for d in map(_wd_time, quals.get("P582", []) or []) if d), None)
                if start and end and end <= start:
                    result.warnings.append(Problem(where, f"{qid} {name}: {pq} ends before it starts; skipped"))
                    continue
                periods.append(_Restriction(code, start, end, False, n, label))
            for pq in unknown:
                result.warnings.append(Problem(where, f"{qid} {name}: position {pq} is not in the table "
                                               "(add it with --positions FILE)"))
            if not periods:
                why = "no position held (P39)" if not unknown else \
                    f"no position in the table (unknown: {', '.join(unknown)}; add them with --positions FILE)"
                result.skipped.append(Problem(where, f"{qid} {name}: {why}"))
                counts.skipped += 1
                continue
            periods.sort(key=lambda r: r.start or _MIN)
            if country:  # between and after offices: the country's elite, as CountryInfo does
                periods.append(_Restriction(country + "ELI", None, None, True, n))
            spans = _paint(periods)
            roles = []
            for a, b, r in spans:
                if r.code is None:
                    continue
                role = _role(r.code, a, b)
                if r.label:
                    role["role"] = r.label
                roles.append(role)
            if country and roles and roles[0]["code"] == country + "ELI" and "from" not in roles[0]:
                roles = roles[1:]  # nothing is known before the first office
            person: dict[str, Any] = {"name": name}
            if aliases:
                person["aliases"] = aliases
            person["country"] = country
            person["roles"] = roles
            person["note"] = f"Wikidata {qid} ({path.name})"
            result.people.append(person)
            counts.written += 1
    return result


# ---- writing -------------------------------------------------------------------------------------

def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    # dumped inside a flow sequence, so that commas and brackets in a name are quoted
    dumped: str = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1_000_000)
    return dumped.strip()[1:-1]


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _write_items(items: Sequence[dict[str, Any]], out: TextIO, indent: str) -> None:
    for item in items:
        first = True
        for key, value in item.items():
            lead = f"{indent}- " if first else f"{indent}  "
            first = False
            if key == "roles":
                out.write(f"{lead}roles:\n")
                for role in value:
                    out.write(f"{indent}    - {_flow(role)}\n")
            else:
                out.write(f"{lead}{key}: {_flow(value)}\n")


def write_user_file(result: ImportResult, out: TextIO, header: str = "") -> None:
    """Write ``result`` as a chronik user actor file: readable YAML, one item per entry."""
    for line in header.splitlines():
        out.write(f"# {line}\n".replace("# \n", "#\n"))
    data = result.user_file()
    for key in ("countries", "people", "organisations"):
        if key in data:
            out.write(f"{key}:\n")
            _write_items(data[key], out, "  ")
    if "sectors" in data:
        out.write("sectors:\n  sectors:\n")
        _write_items(data["sectors"]["sectors"], out, "    ")
    if not data:
        out.write("{}\n")
