"""An offline gazetteer (GeoNames cities ≥ 15,000 inhabitants and countries, with German exonyms)
and the component that finds locative place names: "in Moskau", "nach Genf", "im Irak",
"in der syrischen Stadt Aleppo".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from chronik.actors.dictionary import ActorDictionary, name_tokens
from chronik.errors import DataFileError
from chronik.model import Document, Mention, Place, SentenceIndex, Token
from chronik.resources import data_path

_LOC_PREPS = frozenset({"in", "im", "nach", "bei", "beim", "nahe", "nähe", "vor", "ausserhalb",
                        "innerhalb", "nördlich", "südlich", "östlich", "westlich", "zwischen", "auf",
                        # English
                        "near", "at", "outside", "inside", "around", "across", "throughout", "north", "south", "east",
                        "west"})
# "auf" names a place ("auf den Golanhöhen") but also a target ("Angriff auf Russland"): such places
# leave the actor mention in place
_WEAK_PREPS = frozenset({"auf"})
_PLACE_NOUNS = frozenset({"stadt", "hauptstadt", "provinz", "region", "hafenstadt", "grenzstadt", "ortschaft",
                          "dorf", "gemeinde", "kanton", "bundesland", "bezirk", "metropole", "küstenstadt",
                          "millionenstadt", "ort", "gebiet", "staat", "republik", "nähe", "raum", "umgebung",
                          "norden", "süden", "osten", "westen", "nordosten", "nordwesten", "südosten",
                          "südwesten", "zentrum", "von", "des", "der",
                          # English
                          "town", "city", "village", "province", "capital", "district", "state",
                          "area", "outskirts", "port", "of", "the", "northern", "southern", "eastern", "western",
                          "central"})
# nouns that name a place by its kind: "die Stadt Charkiw", "die Hauptstadt Lima"
_NAMED_PLACE_NOUNS = frozenset({"stadt", "hauptstadt", "hafenstadt", "grenzstadt", "metropole", "provinz",
                                "region", "ortschaft", "dorf", "küstenstadt", "millionenstadt", "provinzhauptstadt"})
# English names its places after "of": "the town of Samarra", "the city of Hebron"
_FEATURE_RANK = {"country": 3, "capital": 2, "region": 1, "city": 1}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    geonameid: int | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str


class Gazetteer:
    """Name → places, best first. Built once per pipeline from the shipped TSV and the countries."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], list[GazetteerEntry]] = {}
        self.max_len = 1
        self.adjectives: dict[str, str] = {}  # country adjective form → country code

    @classmethod
    def load(cls, actors: ActorDictionary, path: Path | None = None) -> Gazetteer:
        """The gazetteer TSV plus the dictionary's country names; kept in the compiled cache."""
        from chronik.cache import CompiledCache

        path = path or data_path("places", "gazetteer.tsv")
        files = _tables(path)
        store = CompiledCache("gazetteer", [*files, *actors.source_files], code_files=[Path(__file__)]) \
            if actors.source_files else None
        cached = store.get() if store is not None else None
        if isinstance(cached, cls):
            return cached
        g = cls._build(actors, path)
        if store is not None:
            store.put(g)
        return g

    @classmethod
    def _build(cls, actors: ActorDictionary, path: Path) -> Gazetteer:
        g = cls()
        for table in _tables(path):
            g._load_tsv(table)
        countries: dict[str, GazetteerEntry] = {}
        for places in g.index.values():
            for place in places:
                if place.feature == "country" and place.country:
                    countries[place.country] = place
        for key, actor_entries in actors.names.items():
            for a in actor_entries:
                if a.kind == "country":
                    known = countries.get(a.code)
                    e = GazetteerEntry(known.geonameid if known else None, a.name, a.code,
                                       known.lat if known else None, known.lon if known else None,
                                       known.population if known else 0, "country")
                    g._add(key, e)
        g.adjectives = {form: e.code for form, e in actors.adjectives.items() if e.kind == "country"}
        for entries in g.index.values():
            entries.sort(key=lambda e: (-_FEATURE_RANK.get(e.feature, 0), -e.population))
        return g

    def _load_tsv(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if not header or header[:3] != ["geonameid", "name", "country"]:
                raise DataFileError(str(path), 1, "the gazetteer header must start with geonameid, name, country")
            col = {h: i for i, h in enumerate(header)}
            for n, row in enumerate(reader, 2):
                try:
                    e = GazetteerEntry(int(row[col["geonameid"]]) if row[col["geonameid"]] else None,
                                       row[col["name"]], row[col["country"]] or None,
                                       float(row[col["lat"]]) if row[col["lat"]] else None,
                                       float(row[col["lon"]]) if row[col["lon"]] else None,
                                       int(row[col["population"]] or 0), row[col["feature"]])
                except (ValueError, IndexError) as exc:
                    raise DataFileError(str(path), n, f"malformed gazetteer row: {exc}") from exc
                alt = row[col["names"]].split("|") if "names" in col else []
                names = {e.name, *(x for x in alt if x)}
                for nm in names:
                    self._add(name_tokens(nm), e)

    def _add(self, key: tuple[str, ...], e: GazetteerEntry) -> None:
        if not key:
            return
        bucket = self.index.setdefault(key, [])
        if all(x.geonameid != e.geonameid or x.feature != e.feature or e.geonameid is None for x in bucket):
            bucket.append(e)
        self.max_len = max(self.max_len, len(key))

    def match(self, toks: list[Token], k: int) -> tuple[int, GazetteerEntry] | None:
        for length in range(min(self.max_len, len(toks) - k), 0, -1):
            if not toks[k].text[:1].isupper():
                return None
            hits = self.index.get(tuple(t.norm for t in toks[k:k + length]))
            if hits:
                return k + length, hits[0]
            # genitive: "Syriens", "Moskaus"
            if length == 1 and toks[k].norm.endswith("s"):
                hits = self.index.get((toks[k].norm[:-1],))
                if hits:
                    return k + 1, hits[0]
        return None


def _tables(path: Path) -> list[Path]:
    """The gazetteer and, beside it, the regions table (states, provinces, cantons: written for chronik)."""
    return [p for p in (path, path.with_name("regions.tsv")) if p.exists()]


def end_is_common_noun(hit: tuple[int, GazetteerEntry], toks: list[Token], j: int, located: set[int]) -> bool:
    """A one-word match that the tagger reads as a common noun (NN, not NE) and the name tagger did
    not mark as a place is a place only when it is a country or a large city."""
    end, e = hit
    return (end == j + 1 and toks[j].tag == "NN" and toks[j].i not in located
            and e.feature != "country" and e.population < 100_000)


class PlaceFinder:
    """Finds places after locative prepositions; a capital or country used as a place is then no
    longer an actor mention ("in Moskau eingetroffen")."""

    name = "places"
    requires: tuple[str, ...] = ("token.tag", "doc.mentions")
    assigns: tuple[str, ...] = ("doc.places", "doc.mentions")

    def __init__(self, gazetteer: Gazetteer, not_places: frozenset[str] = frozenset()) -> None:
        self.g = gazetteer
        self.not_places = not_places  # month and weekday names: "im Mai" is no town called Mai

    def __call__(self, doc: Document) -> Document:
        doc.places = []
        located = {n.tok_start for n in doc.names if n.label == "LOC"}  # the name tagger's places
        for sent in doc.sentences:
            toks = doc.tokens[sent.tok_start:sent.tok_end]
            first = len(doc.places)  # the places of this sentence are doc.places[first:]
            k = 0
            while k < len(toks):
                if toks[k].norm in _LOC_PREPS and toks[k].tag in ("APPR", "APPRART", "ADV", "ADJD", "APPO"):
                    j = k + 1
                    whole = None  # "im Gebiet Kursk", "in der Provinz Helmand": the region's own name
                    while j < len(toks) and (toks[j].tag in ("ART", "ADJA", "APPRART", "APPR")
                                             or toks[j].norm in _PLACE_NOUNS):
                        if toks[j].norm in _PLACE_NOUNS:
                            h = self.g.match(toks, j)
                            if h is not None and h[0] > j + 1:
                                whole = h
                                break
                        j += 1
                    if j < len(toks) and j - k <= 5 and toks[j].norm not in self.not_places:
                        hit = whole or self.g.match(toks, j)
                        if hit is None:
                            place = self._by_adjective(doc, toks, k + 1, j, sent.i)
                            if place is not None:
                                doc.places.append(place)
                                k = j
                                continue
                        if hit is not None and end_is_common_noun(hit, toks, j, located):
                            hit = None  # "in der Lage", "am Ende": a common noun, not the town Lage
                        if hit is not None:
                            end, e = hit
                            doc.places.append(_place(doc, toks[j], toks[end - 1], e, sent.i,
                                                     weak=toks[k].norm in _WEAK_PREPS))
                            k = end
                            continue
                elif toks[k].norm in _NAMED_PLACE_NOUNS and k + 1 < len(toks) and toks[k].tag == "NN":
                    # "beschoss die Stadt Charkiw", "über die Hauptstadt Lima": a place named as such
                    hit = self.g.match(toks, k + 1)
                    if hit is not None and not any(p.tok_start == toks[k + 1].i for p in doc.places[first:]):
                        end, e = hit
                        doc.places.append(_place(doc, toks[k + 1], toks[end - 1], e, sent.i, weak=True))
                        k = end
                        continue
                k += 1
        doc.places.sort(key=lambda p: p.start)
        strong = SentenceIndex(doc, [p for p in doc.places if not p.weak])
        doc.mentions = [m for m in doc.mentions
                        if not (_locative(m) and any(p.start <= m.start and m.end <= p.end
                                                     for p in strong.around(m.start, m.end)))]
        return doc

    def _by_adjective(self, doc: Document, toks: list[Token], start: int, end: int, sent: int) -> Place | None:
        """ "im polnischen Dorf Przewodów", "in der äthiopischen Region Tigray": a place the gazetteer
        does not know, in the country the adjective names."""
        for k in range(start, end):
            country = self.g.adjectives.get(toks[k].norm) if toks[k].tag == "ADJA" else None
            if country is None or k + 1 >= len(toks) or toks[k + 1].norm not in _PLACE_NOUNS:
                continue
            last = k + 1
            if end < len(toks) and toks[end].tag in ("NE", "NN") and toks[end].text[:1].isupper() and end == k + 2:
                last = end
            first = toks[k]
            return Place(text=doc.text[first.start:toks[last].end], start=first.start, end=toks[last].end,
                         name=toks[last].text, country=country, sent=sent, tok_start=first.i)
        return None


def _place(doc: Document, first: Token, last: Token, e: GazetteerEntry, sent: int, weak: bool) -> Place:
    return Place(text=doc.text[first.start:last.end], start=first.start, end=last.end, name=e.name,
                 country=e.country, lat=e.lat, lon=e.lon, geonameid=e.geonameid, sent=sent, tok_start=first.i,
                 weak=weak)


def _locative(m: Mention) -> bool:
    """A mention that is only a place name when it follows "in", "nach" …: a capital or a bare country."""
    return m.kind == "capital" or (m.kind == "name" and m.actor.kind == "state" and not m.actor.sectors)
