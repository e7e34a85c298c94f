"""The actor dictionary: names, adjectives, compound prefixes and role words → actor codes.

Loaded from YAML files (``data/actors/*.yaml`` and any user files layered over them), validated
against their schemas. Names are indexed as normalised token sequences (case-folded, ß → ss), with
genitive forms (Russlands) and adjective inflections (russische, russischen, …) generated here, so
the files only list base forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from chronik.resources import data_path, load_yaml
from chronik.text.normalize import norm, strip_accents

_WORD_RE = re.compile(r"\w+(?:[-‐'’.&]\w+)*\.?|\S")
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
# the code that builds the tables: part of the cache key, so a code change rebuilds the cache
_CODE_FILES = (Path(__file__), Path(__file__).parent.parent / "text" / "normalize.py")


@dataclass(slots=True)
class Period:
    code: str
    start: Date | None = None
    end: Date | None = None

    def covers(self, day: Date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Entry:
    """One thing a name can stand for."""

    kind: str  # country | capital | seat | milseat | person | org | demonym
    code: str
    name: str
    country: str | None
    origin: str  # file:line, for `actors lookup` and audits
    periods: list[Period] = field(default_factory=list)
    org_kind: str = ""
    gender: str | None = None

    def code_on(self, day: Date | None) -> str | None:
        """The code valid on ``day`` (the latest period when no day is known)."""
        if not self.periods:
            return self.code
        if day is None:
            return self.periods[-1].code
        for p in self.periods:
            if p.covers(day):
                return p.code
        return None


def _split_clitics(toks: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for t in toks:
        for clitic in (norm("'s"), norm("’s")):
            if t.endswith(clitic) and len(t) > len(clitic) + 1:
                out += [t[:-len(clitic)], clitic]
                break
        else:
            out.append(t)
    return tuple(out)


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(norm(t) for t in _WORD_RE.findall(name))


def _as_date(value: Any) -> Date | None:
    if value is None:
        return None
    if isinstance(value, Date):
        return value
    return Date.fromisoformat(str(value))


def adjective_forms(base: str) -> list[str]:
    base = norm(base)
    return [base + e for e in _ADJ_ENDINGS]


def genitive_forms(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = tokens[-1]
    if not last or not last[-1].isalpha():
        return []
    if last[-1] in "sxzß":  # des Hauses, des Roten Kreuzes
        return [(*tokens[:-1], last + "es")] if len(tokens) > 1 else []
    out = [(*tokens[:-1], last + "s")]
    if len(tokens) > 1 and not last.endswith(("e", "en")):
        out.append((*tokens[:-1], last + "es"))  # des Islamischen Staates; but Russlands, never Russlandes
    return out


def inflected_forms(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A name that starts with an inflected adjective, in its other cases: "Weisses Haus" → "Weissen
    Haus", "Weissen Hauses"; "Islamischer Staat" → "Islamischen Staat(es)"; "Vereinte Nationen" →
    "Vereinten Nationen". Only the first word is inflected; the last word also gets its genitive."""
    if len(tokens) < 2 or not tokens[1][:1].isalpha():
        return []
    first = tokens[0]
    for ending in ("es", "er", "en", "em", "e"):
        if first.endswith(ending) and len(first) - len(ending) >= 3:
            stem = first[: -len(ending)]
            break
    else:
        return []
    out: list[tuple[str, ...]] = []
    for e in _ADJ_ENDINGS[1:]:
        form = (stem + e, *tokens[1:])
        if form != tokens:
            out.append(form)
        out += genitive_forms(form)
    return out


class ActorDictionary:
    """Look-up tables built from the actor files. One instance per pipeline; immutable after load."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], list[Entry]] = {}
        self.adjectives: dict[str, Entry] = {}
        self.prefixes: dict[str, Entry] = {}
        self.sectors: dict[str, str] = {}
        self.sector_exceptions: dict[str, str | None] = {}
        self.generic_heads: set[str] = set()
        self.standalone_heads: set[str] = set()  # generic heads that name an actor on their own
        self.non_political: set[str] = set()  # sectors whose acts alone are no political event
        self.max_len = 1
        self.longest: dict[str, int] = {}  # first word of a name → the most words of a name it starts
        self.international: set[str] = set()  # sector codes that start a code: IGO, NGO
        self.not_roles: set[str] = set()
        self._sector_cache: dict[str, str | None] = {}
        self.lowercase_ok: set[tuple[str, ...]] = set()  # names written in lower case (dpa, al-Qaida)
        self.exact_case: dict[tuple[str, ...], set[str]] = {}  # short acronyms match in capitals (IS, US)
        self.any_case: set[tuple[str, ...]] = set()
        self.source_files: list[Path] = []  # the files the tables were built from (cache keys of derived tables)

    # ---- building ---------------------------------------------------------------------------
    @staticmethod
    def shipped_files() -> list[tuple[str, Path]]:
        """The shipped actor files in load order, each with its schema name."""
        base = data_path("actors")
        files = [("countries", base / "countries.yaml"), ("organisations", base / "organisations.yaml")]
        files += [("people", p) for p in sorted((base / "people").glob("*.yaml"))]
        files.append(("sectors", base / "sectors.yaml"))
        return files

    @classmethod
    def load(cls, paths: Sequence[Path] | None = None, *, cache: bool = True) -> ActorDictionary:
        """Load the shipped dictionary, then each user file in ``paths`` over it.

        The built tables are kept in a compiled cache (see :mod:`chronik.cache`) keyed by the
        contents of every file read, so a changed file is always read anew.
        """
        from chronik.cache import CompiledCache

        user = [Path(p) for p in paths or ()]
        shipped = cls.shipped_files()
        store = CompiledCache("actors", [p for _, p in shipped] + user, code_files=_CODE_FILES) if cache else None
        if store is not None:
            cached = store.get()
            if isinstance(cached, cls):
                return cached
        d = cls()
        d.source_files = [p for _, p in shipped] + user
        adders = {"countries": d.add_countries, "organisations": d.add_organisations, "people": d.add_people}
        for schema, path in shipped:
            if schema == "sectors":
                d.add_sectors(load_yaml(path, schema))
            else:  # origins of shipped entries are given relative to the package: data/actors/…
                adders[schema](load_yaml(path, schema), "data/" + path.relative_to(data_path()).as_posix())
        for p in user:
            d.add_user_file(p)
        d.finish()
        if store is not None:
            store.put(d)
        return d

    def add_user_file(self, path: Path) -> None:
        """A user file is a mapping with any of the keys countries, people, organisations, sectors."""
        raw = load_yaml(path)
        if not isinstance(raw, dict):
            from chronik.errors import DataFileError

            raise DataFileError(str(path), 1, "a user actor file is a mapping with the keys countries, "
                                "people, organisations or sectors", hint="see docs/data-formats.md")
        from chronik.resources import validate

        for key, adder in (("countries", self.add_countries), ("organisations", self.add_organisations),
                           ("people", self.add_people)):
            if key in raw:
                validate(raw[key], key, str(path))
                adder(raw[key], str(path))
        if "sectors" in raw:
            validate(raw["sectors"], "sectors", str(path))
            self.add_sectors(raw["sectors"])

    def _add_name(self, name: str, entry: Entry, genitive: bool = True) -> None:
        for variant in {name, strip_accents(name)}:
            toks = name_tokens(variant)
            if not toks:
                continue
            forms = [toks] + (genitive_forms(toks) if genitive else [])
            split = _split_clitics(toks)
            if split != toks:  # English text splits "People's" into People + 's
                forms.append(split)
            if entry.kind != "person" and variant[:1].isupper():
                forms += inflected_forms(toks)  # das Weiße Haus → im Weißen Haus, des Islamischen Staates
            if variant[:1].islower():
                self.lowercase_ok.add(toks)
            if len(variant) <= 4 and variant.isupper():
                self.exact_case.setdefault(toks, set()).add(variant)
                forms = [toks]
            else:
                self.any_case.add(toks)
            for f in dict.fromkeys(forms):
                bucket = self.names.setdefault(f, [])
                if any(x is entry for x in bucket):
                    continue
                # user files come later and take precedence: put them first
                bucket.insert(0, entry)
                self.max_len = max(self.max_len, len(f))
                self.longest[f[0]] = max(self.longest.get(f[0], 0), len(f))

    def add_countries(self, items: Iterable[Any], path: str) -> None:
        for c in items:
            origin = f"{path}:{getattr(c, 'line', 0)}"
            code = c["code"]
            entry = Entry("country", code, c["name"], code, origin)
            for n in c["names"]:
                self._add_name(n, entry)
            for former in c.get("former", []) or []:
                self._add_name(former["name"], entry)
            for adj in c.get("adjectives", []) or []:
                for form in adjective_forms(adj):
                    self.adjectives.setdefault(form, entry)
            for adj in (c.get("invariable_adjectives", []) or []) + (c.get("english_adjectives", []) or []):
                self.adjectives.setdefault(norm(adj), entry)
            for adj in c.get("english_adjectives", []) or []:
                if not adj.endswith(("ese", "ish", "ch", "sh", "s", "x", "z")):
                    # English demonyms in the plural: Iraqis, Palestinians, Serbs, Turks
                    self._add_name(adj + "s", Entry("demonym", code, c["name"], code, origin), genitive=False)
            for dem in c.get("demonyms", []) or []:
                self._add_name(dem, Entry("demonym", code, c["name"], code, origin), genitive=False)
            for cap in c.get("capitals", []) or []:
                self._add_name(cap, Entry("capital", code + "GOV", cap, code, origin))
            for seat in c.get("seats", []) or []:
                self._add_name(seat, Entry("seat", code + "GOV", seat, code, origin))
            for seat in c.get("military_seats", []) or []:
                self._add_name(seat, Entry("milseat", code + "MIL", seat, code, origin))
            for pre in (c.get("prefixes", []) or []) + list(c["names"]):
                self.prefixes.setdefault(norm(pre), entry)

    def add_organisations(self, items: Iterable[Any], path: str) -> None:
        for o in items:
            origin = f"{path}:{getattr(o, 'line', 0)}"
            periods = []
            if o.get("roles"):  # codes by period (imported dictionaries)
                periods = sorted((Period(r["code"], _as_date(r.get("from")), _as_date(r.get("until")))
                                  for r in o["roles"]), key=lambda q: q.start or Date.min)
            elif o.get("from") or o.get("until"):
                periods = [Period(o["code"], _as_date(o.get("from")), _as_date(o.get("until")))]
            entry = Entry("org", o["code"], o.get("name") or o["names"][0], o.get("country"), origin,
                          periods=periods, org_kind=o.get("kind", ""))
            for n in o["names"]:
                self._add_name(n, entry)
            for pre in (o.get("prefixes", []) or []):
                self.prefixes.setdefault(norm(pre), entry)

    def add_people(self, items: Iterable[Any], path: str) -> None:
        for p in items:
            origin = f"{path}:{getattr(p, 'line', 0)}"
            periods = [Period(r["code"], _as_date(r.get("from")), _as_date(r.get("until"))) for r in p["roles"]]
            periods.sort(key=lambda q: q.start or Date.min)
            entry = Entry("person", periods[-1].code, p["name"], p.get("country"), origin, periods=periods,
                          gender=p.get("gender"))
            for n in [p["name"], *(p.get("aliases", []) or [])]:
                self._add_name(n, entry, genitive=True)

    def add_sectors(self, raw: Any) -> None:
        for s in raw["sectors"]:
            if s.get("international"):
                self.international.add(s["code"])
            for w in s["words"]:
                self.sectors[norm(w)] = s["code"]
        self.generic_heads |= {norm(w) for w in raw.get("generic_heads", []) or []}
        self.standalone_heads |= {norm(w) for w in raw.get("standalone_heads", []) or []}
        self.non_political |= set(raw.get("non_political", []) or [])
        for ex in raw.get("exceptions", []) or []:
            self.sector_exceptions[norm(ex["word"])] = ex["code"]
        self.not_roles |= {norm(w) for w in raw.get("not_roles", []) or []}
        self._sector_cache.clear()

    def finish(self) -> None:
        """Called once all files are added (kept for subclasses that build indexes)."""

    # ---- look-ups ---------------------------------------------------------------------------
    def match_name(self, texts: Sequence[str], norms: Sequence[str], i: int) -> tuple[int, list[Entry]] | None:
        """The longest dictionary name starting at token ``i``: (end index, entries).

        German names are capitalised: a lower-case word matches only names written in lower case,
        and short acronyms (IS, US, UN) match only in capitals.
        """
        first = texts[i]
        for length in range(min(self.max_len, len(norms) - i, self.longest.get(norms[i], 0)), 0, -1):
            key = tuple(norms[i:i + length])
            entries = self.names.get(key)
            if not entries:
                continue
            if first[:1].islower() and key not in self.lowercase_ok:
                continue
            if key in self.exact_case and key not in self.any_case and first not in self.exact_case[key]:
                continue
            return i + length, entries
        return None

    def sector_of(self, word: str) -> str | None:
        """The sector a (possibly compound) role noun gives: Aussenminister → GOV, Rebellengruppen → REB.

        The longest known word the token ends with decides: a sector word gives its code, a
        ``not_roles`` word gives none, and a generic head (Sprecher, Gruppen …) takes the code of the
        part in front of it (Regierungs|sprecher → GOV, Rebellen|gruppen → REB).
        """
        key = norm(word)
        if key not in self._sector_cache:
            code = self._classify(key, allow_head=True)
            if code is None and key.endswith("s") and len(key) > 5 and key not in self.not_roles:
                # genitive: "des Bundesrats" (but a word listed as no role stays none: "Oberstes")
                code = self._classify(key[:-2] if key.endswith("es") else key[:-1], allow_head=True) \
                    or self._classify(key[:-1], allow_head=True)
            self._sector_cache[key] = code
        return self._sector_cache[key]

    def _classify(self, key: str, allow_head: bool) -> str | None:
        if key in self.sector_exceptions:
            return self.sector_exceptions[key]
        if len(key) > 64:  # no role word is that long; looking at every suffix would cost O(n²)
            return None
        for length in range(len(key), 2, -1):
            suffix = key[-length:]
            whole = length == len(key)
            if suffix in self.sector_exceptions and (whole or length >= 4):
                return self.sector_exceptions[suffix]
            if suffix in self.not_roles and (whole or length >= 4):
                return None
            if suffix in self.sectors and (whole or length >= 4):
                return self.sectors[suffix]
            if suffix in self.generic_heads and allow_head:
                modifier = key[:-length]
                if not modifier:
                    return None
                for cut in (modifier, modifier[:-1] if modifier.endswith("s") else None,
                            modifier[:-2] if modifier.endswith(("en", "es")) else None,
                            modifier[:-1] if modifier.endswith("n") else None, modifier + "e"):
                    if cut and len(cut) >= 3:
                        code = self._classify(cut, allow_head=False)
                        if code:
                            return code
                return None
        return None

    def is_generic_head(self, word: str) -> bool:
        return norm(word) in self.generic_heads
