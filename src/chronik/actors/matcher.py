"""Actor mentions: names, country adjectives, compounds, role nouns and their combinations.

A sentence is scanned for *pieces* (a dictionary name, a country adjective, a compound prefix, a role
noun, a new name after a role, a pronoun), and adjacent pieces are combined into one mention:
"Russlands Präsident Wladimir Putin", "dem russischen Aussenminister Sergej Lawrow",
"US-Präsident Barack Obama", "ein Sprecher des Kremls", "die syrische Armee".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date

from chronik.actors.dictionary import ActorDictionary, Entry
from chronik.actors.unknown import UNKNOWN_SOURCE
from chronik.model import Actor, Document, Mention, Name, Token
from chronik.text.normalize import norm

PRONOUNS_M = frozenset({"er", "ihn", "ihm", "sein", "seine", "seinen", "seinem", "seiner", "seines",
                        "he", "him", "his"})
PRONOUNS_F = frozenset({"sie", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "she", "her"})
# first person: the speaker, resolved by the event coder inside quotes and reported speech
PRONOUNS_1 = frozenset({"ich", "wir", "mir", "mich", "uns", "unser", "unsere", "unseren", "unserem", "unserer",
                        "unseres", "mein", "meine", "meinen", "meinem", "meiner", "meines",
                        "i", "me", "my", "we", "us", "our"})
# English "it", "they": a body or a group, resolved by the event coder in reported speech (the speaker)
PRONOUNS_N = frozenset({"it", "its", "they", "them", "their"})
BOTH_HEADS = frozenset({"seiten", "länder", "staaten", "regierungen", "parteien", "nachbarn", "nachbarländer",
                        "konfliktparteien", "präsidenten", "aussenminister", "staatschefs", "delegationen"})
# nouns that, after a country adjective, stand for the country itself: "die russische Seite"
COUNTRY_HEADS = frozenset({"seite", "führung", "delegation", "staatsführung", "staat", "nation", "land"})
# past participles/adjectives after a country prefix: "US-geführte Koalition", "kremltreue Milizen"
_MOD_SUFFIXES = ("geführt", "gestützt", "unterstützt", "treu", "nah", "freundlich", "kontrolliert", "finanziert")
# the same in English, whole words: "Vietnamese-led forces", "Saudi-led coalition", "US-backed militia"
_MOD_WORDS = frozenset({"led", "backed", "controlled", "funded", "financed", "sponsored", "supported", "run"})
_GEN_DETS = frozenset({"des", "der", "dieses", "dieser"})
_ORIGIN_PREPS = frozenset({"from"})
_ETHNIC_WORDS = frozenset({"ethnic", "ethnische", "ethnischen", "ethnischer"})
# roles whose "from X" says where they come from ("officials from Iran"); troops, police, refugees and
# inspectors "from X" mostly leave X ("withdrew its troops from Lebanon")
_ORIGIN_SECTORS = frozenset({"GOV", "LEG", "JUD", "HLH", "MED", "EDU", "BUS", "LAB", "CVL", "-"})
_PORTFOLIO_HEADS = frozenset({"minister", "ministers", "ministry", "ministerin", "ministerium"})
GROUP = "-"  # pseudo-sector of a generic actor noun: its code is its country's
_SKIP_IN_GROUP = frozenset({"ADJA", "ADJD", "CARD"})


MAX_COMPOUND = 64  # characters: longer "words" are no compounds of a seat and a role (and cost O(n²))


@dataclass(slots=True)
class Piece:
    start: int  # token index (document)
    end: int
    kind: str  # name | adj | prefix | prefixrole | role | newname | pronoun | both | seen
    entries: list[Entry] = field(default_factory=list)
    sector: str | None = None
    head: int = -1
    label: str = ""  # for a new name: PER or ORG (from the name tagger), "" when only the position says so


class ActorMatcher:
    """Finds actor mentions in each sentence and resolves them to codes valid on the document's date."""

    name = "actors"
    requires: tuple[str, ...] = ("token.tag",)
    assigns: tuple[str, ...] = ("doc.mentions",)
    # reads doc.names (the name tagger's PER/ORG spans) when a "names" component ran before it

    def __init__(self, dictionary: ActorDictionary,
                 is_place: Callable[[tuple[str, ...]], bool] | None = None, capitalised_nouns: bool = True) -> None:
        self.d = dictionary
        self.is_place = is_place or (lambda key: False)  # the gazetteer: a known place is no new person
        # German capitalises every noun, so role words are looked up only when capitalised; English
        # writes them in lower case ("officials", "police")
        self.capitalised_nouns = capitalised_nouns
        self._closed: dict[str, tuple[Entry, str] | None] = {}  # word → seat and sector of a closed compound

    def __call__(self, doc: Document) -> Document:
        doc.mentions = []
        names_seen: dict[str, Actor] = {}  # surnames of people introduced in this document
        spans = {n.tok_start: n for n in doc.names if n.label in ("PER", "ORG")}
        for sent in doc.sentences:
            toks = doc.tokens[sent.tok_start:sent.tok_end]
            pieces = self.pieces(toks, names_seen, spans)
            for m in self.combine(doc, toks, pieces, doc.date):
                doc.mentions.append(m)
                if m.kind == "name" and m.actor.kind == "person" and m.tok_end - m.tok_start >= 1:
                    last = doc.tokens[m.tok_end - 1]
                    if last.text[:1].isupper():
                        names_seen[last.norm] = m.actor
        return doc

    # ---- pieces -----------------------------------------------------------------------------
    def pieces(self, toks: list[Token], names_seen: dict[str, Actor],
               spans: dict[int, Name] | None = None) -> list[Piece]:
        spans = spans or {}
        texts = [t.text for t in toks]
        norms = [t.norm for t in toks]
        out: list[Piece] = []
        k = 0
        n = len(toks)
        while k < n:
            t = toks[k]
            if t.is_punct or not t.text[:1].isalnum():
                k += 1
                continue
            hit = self.d.match_name(texts, norms, k)
            if hit and hit[0] == k + 1 and hit[1][0].kind == "person" and k + 1 < n \
                    and toks[k + 1].tag == "NN" and t.norm.endswith("er"):
                hit = None  # "Bremer Umweltbehörde": a town's adjective, not Paul Bremer
            if hit and hit[0] == k + 1 and hit[1][0].kind == "demonym" and t.norm in self.d.adjectives \
                    and k + 1 < n and toks[k + 1].tag in ("NN", "ADJA"):
                hit = None  # "der Schweizer Aussenminister": the invariable adjective, not "ein Schweizer"
            if hit and hit[1][0].kind == "demonym" and k > 0 and norms[k - 1] in _ETHNIC_WORDS:
                # "ethnic Albanians in Serbia", "ethnische Türken": a group of the country they live in
                out.append(Piece(toks[k - 1].i, toks[hit[0] - 1].i + 1, "role", sector="CVL",
                                 head=toks[hit[0] - 1].i))
                k = hit[0]
                continue
            if hit and hit[0] < n and hit[1][0].kind == "org" and hit[1][0].org_kind == "party" \
                    and norms[hit[0]] in _PORTFOLIO_HEADS:
                # "Labour Minister", "Labour Ministry": a portfolio, not the party
                out.append(Piece(t.i, toks[hit[0]].i + 1, "role", sector=self.d.sector_of(texts[hit[0]]) or "GOV",
                                 head=toks[hit[0]].i))
                k = hit[0] + 1
                continue
            two = f"{t.norm} {norms[k + 1]}" if k + 1 < n and not self.capitalised_nouns else ""
            if two in self.d.adjectives and not (hit and hit[0] > k + 2):
                # English adjectives of two words: "Sri Lankan army", "South Korean officers"
                out.append(Piece(t.i, toks[k + 1].i + 1, "adj", [self.d.adjectives[two]], head=toks[k + 1].i))
                k += 2
                continue
            span, spans = self._new_name_span(toks, k, hit, spans)
            if span is not None:
                new = self._new_name_piece(toks, texts, norms, span, names_seen)
                out.append(new)
                k += new.end - t.i
                continue
            if hit and not (t.tag in ("ART", "APPR", "KON") and hit[0] == k + 1):
                end, entries = hit
                out.append(Piece(toks[k].i, toks[end - 1].i + 1, "name", entries, head=toks[end - 1].i))
                k = end
                continue
            low = t.norm
            if not hit and k + 1 < n and t.tag in ("NN", "NE", "ADJA"):
                # role words of several words: "aid workers", "prisoners of war", "civil society"
                multi = next((m for m in (3, 2) if k + m <= n
                              and " ".join(norms[k:k + m]) in self.d.sectors), 0)
                if multi:
                    out.append(Piece(t.i, toks[k + multi - 1].i + 1, "role",
                                     sector=self.d.sectors[" ".join(norms[k:k + multi])], head=toks[k + multi - 1].i))
                    k += multi
                    continue
            if low in self.d.adjectives and (t.text[:1].islower() or t.tag in ("ADJA", "ADJD")
                                             or low in ("schweizer",)
                                             or (not self.capitalised_nouns and (t.tag == "NE" or (
                                                 t.tag == "NN" and t.text[:1].isupper() and k + 1 < n
                                                 and toks[k + 1].tag == "NN")))):
                # English "Serb forces", "Croat leaders": a capitalised adjective tagged as a noun
                out.append(Piece(t.i, t.i + 1, "adj", [self.d.adjectives[low]], head=t.i))
                k += 1
                continue
            if "-" in t.text and t.text[:1].isupper():
                piece = self._compound(t)
                if piece:
                    out.append(piece)
                    k += 1
                    continue
            if low in BOTH_HEADS and k > 0 and norms[k - 1] in ("beide", "beiden", "beider"):
                out.append(Piece(toks[k - 1].i, t.i + 1, "both", head=t.i))
                k += 1
                continue
            if t.tag in ("PPER", "PPOSAT", "PPOSS", "PRF") and (
                    low in PRONOUNS_M or low in PRONOUNS_F or low in PRONOUNS_1 or low in PRONOUNS_N):
                out.append(Piece(t.i, t.i + 1, "pronoun", head=t.i))
                k += 1
                continue
            if (t.text[:1].isupper() or (not self.capitalised_nouns and t.tag == "NN")) \
                    and t.tag in ("NN", "NE", "FM", "ADJA") and len(t.text) > 2:
                sector = self.d.sector_of(t.text)
                if sector is None and t.tag == "NN" and self.d.is_generic_head(t.text):
                    sector = GROUP  # "die Konfliktparteien", "ein Sprecher": the country the text implies
                if sector is None and t.tag == "NN" and k + 1 < n and (
                        (nxt := spans.get(toks[k + 1].i)) is not None and nxt.label == "PER"):
                    sector = GROUP  # a title before a new name: "der argentinische Nationaltrainer José Pekerman"
                if sector is None and t.tag in ("NN", "NE") and "-" not in t.text:
                    closed = self._closed_compound(t)
                    if closed is not None:  # "Kremlchef Putin", "Kremlsprecher Peskow"
                        out.append(closed)
                        k += 1
                        continue
                if sector:
                    out.append(Piece(t.i, t.i + 1, "role", sector=sector, head=t.i))
                    k += 1
                    # a new name after a role: Präsident dos Santos, Oppositionsführer Nawalny (when the
                    # name tagger marked it, its span is taken in the next round)
                    j = k
                    while j < n and toks[j].tag in ("NE", "FM") and toks[j].text[:1].isupper() \
                            and not self.d.match_name(texts, norms, j) and toks[k].i not in spans:
                        j += 1
                    if j > k and j - k <= 3:
                        out.append(Piece(toks[k].i, toks[j - 1].i + 1, "newname", head=toks[j - 1].i))
                        k = j
                    continue
                if low in names_seen and t.tag in ("NE", "NN"):
                    out.append(Piece(t.i, t.i + 1, "seen", head=t.i))
                    k += 1
                    continue
            k += 1
        return out

    def _new_name_span(self, toks: list[Token], k: int, hit: tuple[int, list[Entry]] | None,
                       spans: dict[int, Name]) -> tuple[Name | None, dict[int, Name]]:
        """The name tagger's span starting at token ``k`` if it names a person or organisation the
        dictionary does not know; also the spans, updated when a role word opens the span."""
        t = toks[k]
        span = spans.get(t.i)
        if span is not None and span.tok_end - t.i > 1 and hit is None and (
                self.d.sector_of(t.text) or ("-" in t.text and (
                    self._compound(t) or norm(t.text.split("-")[0]) in self.d.prefixes))):
            # "UNO-Menschenrechtskommissar Volker Türk" tagged as one name: the role is ours to read
            return None, {**spans, t.i + 1: Name(t.i + 1, span.tok_end, span.label, span.text)}
        if span is None or not t.text[:1].isupper():
            return None, spans
        if span.label == "PER" and (_locative_before(toks, k) or (span.tok_end == t.i + 1 and (
                self.is_place((t.norm,)) or (t.norm.endswith("s") and self.is_place((t.norm[:-1],)))))):
            return None, spans  # "im Departement Cauca", "Sachsens": a place the tagger took for a person
        if hit is None or (span.tok_end > toks[hit[0] - 1].i + 1 and span.tok_end - t.i <= 6
                           and hit[1][0].kind in ("person", "demonym", "country")
                           and _more_name(toks, toks[hit[0] - 1].i + 1, span.tok_end)):
            # unknown, or known only in part: "Ali" in "Ali Karimi", "Deutsche" in "Deutsche Bank"
            return span, spans
        return None, spans

    def _new_name_piece(self, toks: list[Token], texts: list[str], norms: list[str], span: Name,
                        names_seen: dict[str, Actor]) -> Piece:
        """A new person or organisation (or one named earlier in the document by its surname)."""
        start = toks[0].i if span.tok_start < toks[0].i else span.tok_start
        end = min(span.tok_end, toks[-1].i + 1)
        if span.label == "PER" and _at(toks, end - 1).norm in names_seen:
            return Piece(start, end, "seen", head=end - 1)
        return Piece(start, end, "newname", head=end - 1, label=span.label,
                     sector=self._sector_in(toks, start, end) if span.label == "ORG" else None,
                     entries=self._entries_in(texts, norms, toks, start, end))

    def _sector_in(self, toks: list[Token], start: int, end: int) -> str | None:
        """The sector a new organisation's own words give: "Universität Zürich" → EDU."""
        for i in range(start, end):
            t = _at(toks, i)
            if t.text[:1].isupper() and len(t.text) > 2:
                sector = self.d.sector_of(t.text)
                if sector:
                    return sector
        return None

    def _entries_in(self, texts: list[str], norms: list[str], toks: list[Token], start: int,
                    end: int) -> list[Entry]:
        """A country named inside a new name: "Russische Eisenbahnen", "Bank of America"."""
        base = toks[0].i
        for i in range(start, end):
            low = norms[i - base]
            if low in self.d.adjectives and self.d.adjectives[low].kind == "country":
                return [self.d.adjectives[low]]
            hit = self.d.match_name(texts, norms, i - base)
            if hit and hit[1][0].kind == "country" and toks[hit[0] - 1].i < end:
                return [hit[1][0]]
        return []

    def _closed_compound(self, t: Token) -> Piece | None:
        """A seat of power or capital written together with a role: "Kremlchef", "Kremlsprecher",
        "Pentagonsprecher". Only seats and capitals are split off (country names in closed compounds
        are mostly topics: "Russlandreise"), and only before a role word or generic head."""
        if t.text not in self._closed:  # every capitalised noun asks: split each word once
            self._closed[t.text] = self._split_seat(t.text)
        found = self._closed[t.text]
        if found is None:
            return None
        seat, sector = found
        return Piece(t.i, t.i + 1, "prefixrole", [seat], sector=sector, head=t.i)

    def _split_seat(self, word: str) -> tuple[Entry, str] | None:
        if len(word) > MAX_COMPOUND:
            return None
        for cut in range(len(word) - 3, 3, -1):
            hits = self.d.names.get((norm(word[:cut]),))
            seat = next((e for e in hits or [] if e.kind in ("seat", "milseat", "capital")), None)
            if seat is None:
                continue
            rest = word[cut:].capitalize()
            sector = self.d.sector_of(rest)
            if sector is None and self.d.is_generic_head(rest):
                sector = seat.code[3:]  # Kreml|sprecher: the seat's own sector
            if sector:
                return seat, sector
        return None

    def _compound(self, t: Token) -> Piece | None:
        parts = t.text.split("-")
        entry = None
        rest = ""
        # the longest known prefix: "Al-Kaida-Chef" → Al-Kaida + Chef, "US-Präsident" → US + Präsident
        for cut in range(len(parts) - 1, 0, -1):
            first = norm("-".join(parts[:cut]))
            entry = self.d.prefixes.get(first)
            if entry is None:
                hits = self.d.names.get(tuple(norm(p) for p in parts[:cut])) or self.d.names.get((first,))
                entry = hits[0] if hits else self.d.adjectives.get(first)
            if entry is not None:
                rest = "-".join(parts[cut:])
                break
        if entry is None or not rest:
            return None
        sector = self.d.sector_of(rest) if rest[:1].isupper() else None
        if sector is None and rest[:1].isupper() and self.d.is_generic_head(rest):
            sector = GROUP  # Nato-Staaten, EU-Länder
        if sector:
            return Piece(t.i, t.i + 1, "prefixrole", [entry], sector=sector, head=t.i)
        if rest[:1].islower() and (norm(rest) in _MOD_WORDS or any(s in norm(rest) for s in _MOD_SUFFIXES)):
            return Piece(t.i, t.i + 1, "prefix", [entry], head=t.i)
        return None

    # ---- combining pieces into mentions ----------------------------------------------------------
    def combine(self, doc: Document, toks: list[Token], pieces: list[Piece], day: Date | None) -> list[Mention]:
        tokens = doc.tokens
        mentions: list[Mention] = []
        p = 0
        pending: Piece | None = None  # a country adjective still waiting for its noun
        while p < len(pieces):
            q = self._group_end(tokens, pieces, p)
            m = self._resolve(doc, pieces[p:q], day)
            if m is None and q == p + 1 and pieces[p].kind == "adj" and pieces[p].entries:
                pending = pieces[p]
            elif m is not None and pending is not None:
                shared = _shared_noun(doc, pending, m)
                if shared is not None:
                    mentions.append(shared)
                pending = None
            if m is not None and m.kind == "name" and m.actor.kind in ("person", "organisation") \
                    and not m.actor.sectors and pieces[q - 1].kind == "newname" and q < len(pieces):
                q = self._apposition(doc, m, pieces, q, day)
            if m is not None and mentions and m.actor.source.startswith(UNKNOWN_SOURCE) and not m.actor.sectors:
                _apposition_back(tokens, mentions[-1], m)
            if m is not None:
                mentions.append(m)
            p = q
        return mentions

    def _apposition(self, doc: Document, m: Mention, pieces: list[Piece], q: int, day: Date | None) -> int:
        """A new name followed by what it is: "Ali Karimi, der iranische Oppositionelle, …",
        "Petra Pau, PDS-Abgeordnete, …", "Hans Muster (SVP)". The name takes the apposition's code and
        the apposition is no actor of its own. Returns the index of the next piece to read."""
        tokens = doc.tokens
        between = tokens[m.tok_end:pieces[q].start]
        if not between or between[0].text not in (",", "(") or len(between) > 3 or any(
                x.tag not in ("ART", "ADJA", "$,", "$(") for x in between):
            return q
        q2 = self._group_end(tokens, pieces, q)
        group = pieces[q:q2]
        app = self._resolve(doc, group, day)
        if app is None or (not app.actor.code and not app.actor.sectors):
            return q
        after = tokens[app.tok_end] if app.tok_end < len(tokens) else None
        if after is not None and after.sent == app.sent and after.text not in (",", ")", ".", ";", ":"):
            return q  # "X, der Präsident Y traf …": a list or a new clause, not an apposition
        if between[0].text == "(":
            if not (app.kind == "name" and app.actor.kind == "organisation"):
                return q
        elif app.kind not in ("role", "name") or group[-1].kind not in ("role", "prefixrole", "name") or (
                app.kind == "name" and app.actor.kind != "organisation") or not _person_noun(tokens[app.head]):
            return q
        a = app.actor
        m.actor = Actor(code=a.code, name=m.actor.name, country=a.country, sectors=list(a.sectors),
                        kind=m.actor.kind, source=f"{m.actor.source}; apposition '{app.text}': {a.source}")
        return q2

    def _group_end(self, tokens: list[Token], pieces: list[Piece], p: int) -> int:
        """Pieces p … q-1 make one mention: "Russlands Präsident Wladimir Putin"."""
        group = [pieces[p]]
        q = p + 1
        while q < len(pieces) and self._joins(tokens, group[-1], pieces[q]):
            group.append(pieces[q])
            q += 1
        # genitive after a role: "ein Sprecher des Kremls", "der Präsident der Ukraine"
        last = group[-1]
        origin = last.kind in ("role", "prefixrole") and last.sector in _ORIGIN_SECTORS \
            and not _after_verb(tokens, group[0].start)
        if origin and q < len(pieces) and pieces[q].kind == "adj" and pieces[q].entries[0].kind == "country":
            between = tokens[last.end:pieces[q].start]
            if between and between[0].norm in _ORIGIN_PREPS and all(
                    x.tag in _SKIP_IN_GROUP or x.tag == "ART" for x in between[1:]) and len(between) <= 3:
                group.append(pieces[q])  # "doctors from two American aid groups"
                return q + 1
        if last.kind in ("role", "prefixrole") and q < len(pieces) and pieces[q].kind == "name":
            between = tokens[last.end:pieces[q].start]
            if between and (between[0].norm in _GEN_DETS or between[0].norm == "von") and all(
                    x.tag in _SKIP_IN_GROUP or x.norm in _GEN_DETS for x in between[1:]) and len(between) <= 3:
                group.append(pieces[q])
                q += 1
            elif origin and between and between[0].norm in _ORIGIN_PREPS and all(
                    x.tag in _SKIP_IN_GROUP or x.tag == "ART" for x in between[1:]) and len(between) <= 3 \
                    and pieces[q].entries[0].kind in ("country", "capital"):
                group.append(pieces[q])  # "officials from Iran", "Ärzte aus Frankreich"
                q += 1
            elif not between and tokens[pieces[q].end - 1].norm.endswith("s") \
                    and pieces[q].entries[0].kind in ("country", "org"):
                group.append(pieces[q])  # die Regierung Syriens
                q += 1
        return q

    def _joins(self, tokens: list[Token], a: Piece, b: Piece) -> bool:
        if a.kind in ("pronoun", "both", "newname", "seen") or b.kind in ("pronoun", "both", "prefix"):
            return False
        between = tokens[a.end:b.start]
        if any(x.tag not in _SKIP_IN_GROUP for x in between):
            return False
        if a.kind == "name" and a.entries[0].kind in ("person", "org", "capital", "seat", "milseat", "demonym"):
            return False  # "Putin Obama" are two people; "Moskau Rebellen" two actors
        if a.kind == "name" and not tokens[a.end - 1].norm.endswith("s") and b.kind != "role":
            return False
        if a.kind == "name" and a.entries[0].kind == "country" and not tokens[a.end - 1].norm.endswith("s") \
                and (self.capitalised_nouns or b.kind != "role" or not tokens[a.end - 1].text[:1].isupper()
                     or (a.start > 0 and tokens[a.start - 1].tag in ("APPR", "APPRART"))):
            return False  # "Russland Präsident": not a genitive (but English "Ivory Coast rebels" is a compound)
        return not (a.kind in ("role", "prefixrole") and b.kind in ("role", "prefixrole", "adj"))

    def _resolve(self, doc: Document, group: list[Piece], day: Date | None) -> Mention | None:
        tokens = doc.tokens
        country: str | None = None
        sector: str | None = None
        entity: Entry | None = None
        org: Entry | None = None
        kind = "role"
        newname = False
        label = ""
        newname_text: str | None = None
        seen: Actor | None = None
        for piece in group:
            if piece.kind in ("adj", "prefix"):
                e = piece.entries[0]
                if e.kind == "org":
                    org = e
                else:
                    country = country or e.country
            elif piece.kind == "prefixrole":
                e = piece.entries[0]
                if e.kind == "org":
                    org = e
                elif e.kind == "person":
                    country = e.country
                else:
                    country = country or e.country
                sector = sector or piece.sector
            elif piece.kind == "role":
                if sector is None or (sector == "GOV" and piece.sector != "GOV"):
                    sector = piece.sector
            elif piece.kind == "name":
                e = _best(piece.entries, day)
                if e.kind == "person":
                    entity = e
                    kind = "name"
                elif e.kind == "org":
                    org = e
                    kind = "name"
                elif e.kind in ("capital", "seat", "milseat"):
                    country = country or e.country
                    sector = e.code[3:] if sector in (None, GROUP) else sector
                    kind = "capital"
                else:
                    country = country or e.country
                    kind = "name" if kind != "role" or len(group) == 1 else kind
            elif piece.kind == "newname":
                newname = True
                label = piece.label or label
                newname_text = doc.text[tokens[piece.start].start:tokens[piece.end - 1].end]
                if piece.sector and sector in (None, GROUP):
                    sector = piece.sector
                if piece.entries:
                    country = country or piece.entries[0].country
            elif piece.kind == "seen":
                seen = self._seen_actor(doc, tokens[piece.start])
        first, last = group[0], group[-1]
        text = doc.text[tokens[first.start].start:tokens[last.end - 1].end]
        mention = Mention(start=tokens[first.start].start, end=tokens[last.end - 1].end, text=text,
                          tok_start=first.start, tok_end=last.end, sent=tokens[first.start].sent,
                          actor=Actor(code=None), head=last.head, kind=kind)
        if len(group) == 1 and first.kind in ("pronoun", "both"):
            mention.kind = first.kind
            return mention
        if seen is not None:
            mention.actor = seen
            mention.kind = "name"
            return mention
        if entity is not None:
            code = entity.code_on(day)
            if code is None:  # the dictionary knows the person but not in this period: use the text
                code = (country or entity.country or "") + (sector or "") or None
            mention.actor = _actor_from_code(code, entity.name, "person", entity.origin)
            mention.actor.gender = entity.gender
            return mention
        if org is not None:
            code = org.code_on(day) or org.code
            actor = _actor_from_code(code, org.name, "organisation", org.origin)
            if org.country:
                actor.country = org.country
            mention.actor = actor
            mention.kind = "name"
            return mention
        if newname and (country is None or label == "ORG") and sector in (None, GROUP):
            # a name no dictionary knows and the text says nothing of: found, but its code is left to
            # the document's context (see coref); `chronik actors unknown` lists such names
            mention.kind = "name"
            kind_ = "organisation" if label == "ORG" else "person"
            mention.actor = Actor(code=country, name=newname_text, country=country, sectors=[], kind=kind_,
                                  source=f"{UNKNOWN_SOURCE} ({label or 'after a role'})")
            return mention
        if country is None and sector is None:
            if len(group) == 1 and first.kind == "adj":
                head = tokens[first.end] if first.end < len(tokens) else None
                if head is not None and head.norm in COUNTRY_HEADS:
                    mention.end = head.end
                    mention.tok_end = head.i + 1
                    mention.text = doc.text[mention.start:mention.end]
                    mention.actor = Actor(code=first.entries[0].country, country=first.entries[0].country,
                                          kind="state", source=first.entries[0].origin)
                    return mention
            return None
        if country is None and len(group) == 1 and first.kind == "adj":
            return None
        if country is not None and sector is None and all(p.kind == "adj" for p in group):
            h = last.end
            while h < len(tokens) and h < last.end + 3 and tokens[h].tag == "ADJA":
                h += 1  # "Israeli military policies", "die russischen militärischen Pläne"
            head = tokens[h] if h < len(tokens) and tokens[h].tag == "NN" else (
                tokens[last.end] if last.end < len(tokens) else None)
            if head is not None and head.tag == "NN" and head.norm not in COUNTRY_HEADS:
                # "den russischen Vorschlag": no actor, but an attribute that says whose it is
                mention.kind = "attr"
                mention.head = head.i
                mention.actor = Actor(code=country, country=country, kind="state", source="country adjective")
                return mention
            if head is None or head.norm not in COUNTRY_HEADS:
                return None  # "russische Angaben" names no actor
            mention.end, mention.tok_end = head.end, head.i + 1
            mention.text = doc.text[mention.start:mention.end]
        if sector == GROUP:
            if country is None and not (newname or tokens[last.head].norm in self.d.standalone_heads):
                return None  # "die Spitze", "eine Gruppe" alone name no actor; "ein Sprecher" does
            code = country
            if newname:  # a new name with a title: a person of the country the text gives, if any
                mention.kind = "name"
                mention.actor = Actor(code=code, name=newname_text, country=country, sectors=[],
                                      kind="organisation" if label == "ORG" else "person",
                                      source=f"{UNKNOWN_SOURCE} ({label or 'after a role'}): {_explain(doc, group)}")
                return mention
            mention.actor = Actor(code=code, country=country, sectors=[], kind="group", source="group noun")
            return mention
        if sector in self.d.international:
            mention.actor = Actor(code=sector, name=None, country=None, sectors=[], kind="organisation",
                                  source="role")
            return mention
        if sector in ("GOV", "LEG", "MIL") and _former(tokens, first.start):
            sector = "ELI"
        sectors = [sector] if sector else []
        code = (country + (sector or "")) if country else None
        mention.actor = Actor(code=code, name=newname_text, country=country, sectors=sectors,
                              kind="state" if not newname else "organisation" if label == "ORG" else "person",
                              source=_explain(doc, group) if not newname
                              else f"{UNKNOWN_SOURCE} ({label or 'after a role'}): {_explain(doc, group)}")
        if newname:
            mention.kind = "name"
        return mention

    def _seen_actor(self, doc: Document, tok: Token) -> Actor | None:
        for m in reversed(doc.mentions):
            if m.kind == "name" and doc.tokens[m.tok_end - 1].norm == tok.norm:
                return m.actor
        return None


_FORMER = frozenset({"ehemalige", "ehemaligen", "ehemaliger", "frühere", "früheren", "früherer", "einstige",
                     "einstigen", "einstiger", "former", "ex"})


def _explain(doc: Document, group: list[Piece]) -> str:
    """Which words gave the code: "adjective 'iranische' → IRN + role 'Oppositionelle' → OPP"."""
    parts = []
    for p in group:
        words = doc.text[doc.tokens[p.start].start:doc.tokens[p.end - 1].end]
        if p.kind in ("adj", "prefix", "name") and p.entries:
            parts.append(f"{p.kind} '{words}' → {p.entries[0].country or p.entries[0].code}")
        elif p.kind in ("role", "prefixrole"):
            pre = f"{p.entries[0].country or p.entries[0].code}+" if p.entries else ""
            parts.append(f"role '{words}' → {pre}{p.sector if p.sector != GROUP else '(country only)'}")
        elif p.kind == "newname":
            parts.append(f"new name '{words}'" + (f" ({p.label})" if p.label else ""))
    return " + ".join(parts) or "role"


_NOT_PERSON_ENDINGS = ("ung", "ium", "rat", "amt", "schaft", "ei", "ion", "kräfte", "truppen", "armee", "militär",
                       "behörde", "behörden", "gericht", "partei", "gruppe", "organisation")


def _person_noun(head: Token) -> bool:
    """A role noun that names one person (Oppositionelle, Abgeordnete, Sprecher), not a body."""
    return not head.norm.endswith(_NOT_PERSON_ENDINGS)


def _apposition_back(tokens: list[Token], prev: Mention, m: Mention) -> None:
    """A new name set off after a described actor is that actor: "Der Emir von Katar, Scheich Tamim
    bin Hamad Al Thani, …" takes QATGOV."""
    between = tokens[prev.tok_end:m.tok_start]
    after = tokens[m.tok_end] if m.tok_end < len(tokens) else None
    if len(between) != 1 or between[0].text != "," or prev.sent != m.sent or not prev.actor.code:
        return
    if after is not None and after.sent == m.sent and after.text not in (",", ".", ";", ":", ")"):
        return
    if prev.kind != "role" or not _person_noun(tokens[prev.head]) or prev.actor.kind == "organisation":
        return
    a = prev.actor
    m.actor = Actor(code=a.code, name=m.actor.name, country=a.country, sectors=list(a.sectors), kind="person",
                    source=f"{m.actor.source}; apposition to '{prev.text}': {a.source}")


def _shared_noun(doc: Document, adj: Piece, m: Mention) -> Mention | None:
    """ "russische und ukrainische Soldaten", "Turkish and Greek sides": the first adjective shares the
    noun of the second, so it names the same kind of actor of its own country."""
    between = doc.tokens[adj.end:m.tok_start]
    if not between or len(between) > 1 or between[0].norm not in _ADJ_JOIN or not m.actor.country:
        return None
    country = adj.entries[0].country
    if not country or country == m.actor.country:
        return None
    t = doc.tokens[adj.start]
    kind = "attr" if m.kind == "attr" else m.kind
    return Mention(t.start, t.end, t.text, t.i, t.i + 1, t.sent, m.actor.with_country(country), head=m.head,
                   kind=kind)


_ADJ_JOIN = frozenset({"und", "oder", "sowie", ",", "and", "or", "as well as"})


def _best(entries: list[Entry], day: Date | None) -> Entry:
    """Of several entries for one name (two Bushes, two Kims), the one in office on ``day``."""
    if len(entries) > 1 and day is not None:
        def rank(e: Entry) -> int:  # in office that day > a former official > not known then
            code = e.code_on(day)
            return 0 if code is None else 1 if code.endswith("ELI") else 2
        same = [e for e in entries if e.kind == entries[0].kind]
        return max(same, key=rank)  # max keeps the first of equals: user files come first
    return entries[0]


_LOCATIVE = frozenset({"in", "im", "ins", "nach", "aus", "nahe", "bei", "beim"})
_PLACE_KINDS = frozenset({"stadt", "dorf", "ort", "region", "provinz", "departement", "bezirk", "kanton",
                          "gemeinde", "bundesstaat", "bundesland", "gouvernement", "distrikt", "kreis", "landkreis",
                          "hauptstadt", "grenzstadt", "hafenstadt", "küstenstadt", "ortschaft", "gebiet"})
_ROMAN = re.compile(r"^[IVX]+\.?$")


def _locative_before(toks: list[Token], k: int) -> bool:
    """ "in X", "im Departement X", "auf die Grenzstadt X": X is a place."""
    j = k - 1
    if j >= 0 and toks[j].norm in _PLACE_KINDS:
        return True
    if j >= 0 and toks[j].tag == "ART":
        j -= 1
    return j >= 0 and toks[j].norm in _LOCATIVE


def _more_name(toks: list[Token], start: int, end: int) -> bool:
    """The tagger's name goes on past the dictionary's with a real word ("Ali" + "Karimi"), not with a
    regnal number or suffix ("Charles" + "III.")."""
    return any(_at(toks, i).text[:1].isupper() and not _ROMAN.match(_at(toks, i).text)
               and _at(toks, i).norm not in ("jr", "jr.", "sen", "sen.") for i in range(start, end))


def _at(toks: list[Token], i: int) -> Token:
    """The token with document index ``i`` in a sentence's token list."""
    return toks[i - toks[0].i]


def _former(tokens: list[Token], start: int) -> bool:
    """ "der ehemalige Präsident" is an elite (ELI), no longer the government."""
    return any(tokens[k].norm in _FORMER for k in range(max(0, start - 2), start))


def _actor_from_code(code: str | None, name: str | None, kind: str, origin: str) -> Actor:
    if code is None:
        return Actor(code=None, name=name, kind=kind, source=origin)
    country = code[:3]
    sectors = [code[i:i + 3] for i in range(3, len(code), 3)]
    if country in ("IGO", "NGO", "IMG", "MNC"):
        return Actor(code=code, name=name, country=None, sectors=sectors, kind=kind, source=origin)
    return Actor(code=code, name=name, country=country, sectors=sectors, kind=kind, source=origin)


def _after_verb(tokens: list[Token], k: int) -> bool:
    """The phrase at ``k`` follows a verb ("withdrew its staff from Iraq"): an object, whose "from X"
    is more often where it is taken from than where it comes from."""
    k -= 1
    while k >= 0 and tokens[k].tag in ("ADJA", "ADJD", "ART", "CARD", "PPOSAT", "KON", "PIAT"):
        k -= 1
    return k >= 0 and (tokens[k].tag[:1] == "V" or tokens[k].norm == "of")
