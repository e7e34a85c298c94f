"""Within-document resolution: pronouns, "beide Seiten", and role nouns without a country.

- er/ihn/ihm/sein… → the nearest person mentioned before (this or the two previous sentences);
  sie/ihr… → the nearest woman (a role ending in -in, or a person marked female).
- "beide Seiten/Länder" → the last two different countries mentioned.
- "die Polizei", "Rebellengruppen" → the country of a place right after it ("die Regierung in Kiew"),
  else of an earlier mention of that sector, else of a place in the sentence, else of the last place,
  else the document's most frequent country.
- a person the dictionary does not know and the text does not describe → the document's main country.
"""

from __future__ import annotations

from collections import Counter

from chronik.actors.matcher import PRONOUNS_1, PRONOUNS_F, PRONOUNS_N
from chronik.model import Actor, Document, Mention, Token


class Coreference:
    name = "coref"
    requires: tuple[str, ...] = ("doc.mentions", "doc.places")
    assigns: tuple[str, ...] = ("mention.actor", "mention.antecedent", "mention.members")

    def __call__(self, doc: Document) -> Document:
        mentions = doc.mentions
        main_country = _main_country(doc)
        for n, m in enumerate(mentions):
            if m.kind == "pronoun":
                self._pronoun(doc, n, m)
            elif m.kind == "both":
                self._both(mentions, n, m)
            elif m.actor.code is None and (m.actor.sectors or m.actor.kind == "group"):
                country = self._country_for(doc, n, m) or main_country
                if country:
                    m.actor = m.actor.with_country(country)
            elif m.actor.country and m.actor.kind == "state" and (home := _residence(doc, m)):
                # CAMEO codes an ethnic group by the country it lives in, with the group's code after it:
                # "ethnic Albanians in Macedonia" → MKDALB, "Albanian guerrillas" there → MKDALBREB
                m.actor = Actor(code=home + m.actor.country + "".join(m.actor.sectors), country=home,
                                sectors=[m.actor.country, *m.actor.sectors], kind="group",
                                source=m.actor.source + "+residence")
            elif m.actor.code is None and m.actor.kind == "person" and m.kind == "name" and main_country:
                # a person no dictionary knows and the text says nothing of: the article's country
                # (annotation guideline: unknown people take the country the text implies)
                m.actor = m.actor.with_country(main_country)
        return doc

    def _pronoun(self, doc: Document, n: int, m: Mention) -> None:
        """The antecedent is the first fitting person of the nearest sentence that has one (subjects
        come first in German news sentences more often than not), looking back at most two sentences."""
        word = doc.tokens[m.tok_start].norm
        if word in ("its", "their"):
            self._possessive(doc, n, m, word)
            return
        if word in PRONOUNS_1 or word in PRONOUNS_N:
            return  # the speaker: resolved with the quote or reported speech it stands in
        female = word in PRONOUNS_F
        if word == "sie" and doc.tokens[m.tok_start].text == "Sie" and m.tok_start > 0 \
                and doc.tokens[m.tok_start - 1].sent == m.sent:
            return  # formal address
        number = _number(doc, m) if word == "sie" else None  # "sie forderten" (plural), "sie forderte"
        by_sentence: dict[int, list[int]] = {}
        for k in range(n - 1, -1, -1):
            a = doc.mentions[k]
            if m.sent - a.sent > 2:
                break
            if a.kind == "both" or a.actor.code is None:
                continue
            if a.kind == "pronoun" and a.antecedent is not None:
                fits = female == (doc.tokens[a.tok_start].norm in PRONOUNS_F) and number is None
            elif number == "pl":
                fits = a.kind != "pronoun" and _is_group(doc, a)  # "Die Rebellen … Sie griffen an"
            elif number == "sg":  # a woman, or a body of feminine gender: "Die Regierung … sie werde"
                fits = a.kind != "pronoun" and (
                    (_is_person(doc, a) and _is_female(doc, a)) or _is_feminine_body(doc, a))
            else:
                fits = a.kind != "pronoun" and _is_person(doc, a) and female == _is_female(doc, a)
            if fits:
                by_sentence.setdefault(a.sent, []).append(k)
        if not by_sentence:
            return
        nearest = max(by_sentence)
        k = min(by_sentence[nearest])
        a = doc.mentions[k]
        m.actor = a.actor
        m.antecedent = a.antecedent if a.kind == "pronoun" and a.antecedent is not None else k

    def _possessive(self, doc: Document, n: int, m: Mention, word: str) -> None:
        """English "its", "their": the first body named before it in the sentence, usually the subject
        ("The ILO reiterated its demand", "Ethiopia agreed to re-open its borders"); "their" prefers
        the nearest plural ("the rights of Palestinians in their struggle")."""
        before = [doc.mentions[k] for k in range(n) if doc.mentions[k].sent == m.sent
                  and doc.mentions[k].kind not in ("pronoun", "both") and doc.mentions[k].actor.code
                  and doc.mentions[k].actor.kind != "person"]
        if not before:
            return
        a = before[0]
        if word == "their":
            plural = [b for b in before if doc.tokens[b.tok_end - 1].norm.endswith("s")]
            a = plural[-1] if plural else a
        m.actor = a.actor
        m.antecedent = doc.mentions.index(a)

    def _both(self, mentions: list[Mention], n: int, m: Mention) -> None:
        seen: list[Actor] = []
        for k in range(n - 1, -1, -1):
            a = mentions[k].actor
            if a.country and all(s.country != a.country for s in seen):
                seen.append(a)
            if len(seen) == 2:
                break
        if len(seen) == 2:
            m.members = [Actor(code=s.country, country=s.country, kind="state", source="beide") for s in seen]

    def _country_for(self, doc: Document, n: int, m: Mention) -> str | None:
        sector = m.actor.sectors[0] if m.actor.sectors else "-"
        places, mentions = doc.place_index(), doc.mention_index()
        for p in places.sentence(m.sent):  # "die Regierung in Kiew", "die Behörden in Peking": the place says whose
            if p.sent == m.sent and p.country and 0 < p.tok_start - m.tok_end <= 1 \
                    and doc.tokens[m.tok_end].norm in ("in", "aus"):
                return p.country
        k = m.tok_start - 1
        while k > 0 and doc.tokens[k].tag in ("ADJA", "ADV"):
            k -= 1
        if k > 0 and doc.tokens[k].tag == "POS":  # "Belarus's rulers", "Cairo's security chief"
            for a in mentions.around(doc.tokens[k - 1].start, doc.tokens[k - 1].end):
                if a.tok_end == k and a.actor.country:
                    return a.actor.country
        if m.tok_end + 1 < len(doc.tokens) and doc.tokens[m.tok_end].norm == "of":
            after = doc.tokens[m.tok_end + 1]
            for a in mentions.around(after.start, after.end):  # "the foreign ministers of Armenia and Azerbaijan"
                if a.tok_start == m.tok_end + 1 and a.actor.country and a.kind in ("name", "capital"):
                    return a.actor.country
        for k in range(n - 1, -1, -1):
            a = doc.mentions[k]
            if m.sent - a.sent > 3:
                break
            if a.actor.country and sector in a.actor.sectors:
                return a.actor.country
        here = [p for p in places.sentence(m.sent) if p.sent == m.sent and p.country]
        if here:
            return min(here, key=lambda p: abs(p.start - m.start)).country
        same = [a for a in mentions.sentence(m.sent) if a.sent == m.sent and a.actor.country and a.actor.sectors
                and a.actor.kind == "state" and a.actor.sectors[0] in ("GOV", "MIL")]
        if same:
            return same[0].actor.country
        span = doc.sentences[max(m.sent - 1, 0)].start, doc.sentences[m.sent].end
        before = [p for p in places.around(*span) if m.sent - 1 <= p.sent <= m.sent and p.country]
        if before:
            return before[-1].country
        return None  # the document's main country then


def _main_country(doc: Document) -> str | None:
    """The country the article is about: places weigh twice, the first place of the article thrice
    more (the dateline), named actors once."""
    votes: Counter[str] = Counter()
    for m in doc.mentions:
        if m.actor.country:
            votes[m.actor.country] += 1
    for k, p in enumerate(doc.places):
        if p.country:
            votes[p.country] += 5 if k == 0 else 2
    return votes.most_common(1)[0][0] if votes else None


_PLURAL_FINITE = frozenset({"sind", "waren", "seien", "wären"})
_FEMININE_HEADS = ("ung", "ei", "ion", "schaft", "heit", "keit", "tät", "armee", "behörde", "gruppe", "miliz",
                   "koalition", "allianz", "union", "führung", "justiz", "marine", "luftwaffe", "kommission",
                   "opposition", "staatsanwaltschaft", "guerilla", "garde", "bewegung", "front")


def _number(doc: Document, m: Mention) -> str | None:
    """ "sg" or "pl" from the finite verb next to "sie" ("sie forderten", "griffen sie an"), else None."""
    for j in (m.tok_start + 1, m.tok_start - 1):
        if 0 <= j < len(doc.tokens) and doc.tokens[j].sent == m.sent and doc.tokens[j].tag in (
                "VVFIN", "VAFIN", "VMFIN"):
            w = doc.tokens[j].norm
            return "pl" if w.endswith("en") or w in _PLURAL_FINITE else "sg"
    return None


_PLURAL_NAMES = frozenset({"usa", "vereinigten", "taliban", "huthi", "houthis", "niederlande", "philippinen"})


def _body(doc: Document, m: Mention) -> tuple[Token, str] | None:
    """The head word of a mention that is no person, and the word before the mention (its article)."""
    head = doc.tokens[m.head] if 0 <= m.head < len(doc.tokens) else None
    if m.actor.kind == "person" or head is None:
        return None
    return head, doc.tokens[m.tok_start - 1].norm if m.tok_start > 0 else ""


def _is_group(doc: Document, m: Mention) -> bool:
    """A mention that "sie" (plural) can take up: a plural role noun, a group, a plural name (die USA)."""
    found = _body(doc, m)
    if found is None:
        return False
    head, before = found
    if m.kind == "role" or m.actor.kind == "group":
        return head.norm.endswith(("en", "er", "e", "s")) and not head.norm.endswith(_FEMININE_HEADS)
    return m.kind == "name" and before in ("die", "den", "der") and head.norm in _PLURAL_NAMES


def _is_feminine_body(doc: Document, m: Mention) -> bool:
    """die Regierung, die Polizei, die Armee, die Nato: a body "sie" (singular) can stand for."""
    found = _body(doc, m)
    if found is None:
        return False
    head, before = found
    if m.kind == "role":
        return head.norm.endswith(_FEMININE_HEADS)
    return m.kind == "name" and m.actor.kind == "organisation" and before in ("die", "der")


_PERSON_HEADS = ("sekretär", "präsident", "chef", "sprecher", "minister", "kanzler", "kommissar", "beauftragte",
                 "beauftragter", "leiter", "direktor", "vorsitzende", "vorsitzender", "botschafter", "gesandte",
                 "gesandter", "könig", "premier", "papst", "gouverneur")


def _is_person(doc: Document, m: Mention) -> bool:
    if m.actor.kind == "person":
        return True
    first = doc.tokens[m.tok_start]
    if m.kind == "name" and first.tag == "NN" and first.norm.endswith(_PERSON_HEADS):
        return True  # an office named as an entry: "der Generalsekretär der Vereinten Nationen"
    head = doc.tokens[m.head] if 0 <= m.head < len(doc.tokens) else None
    if head is None or m.kind != "role":
        return False
    word = head.norm
    return not word.endswith(("ung", "ium", "rat", "amt", "schaft", "ei", "ion", "en", "kräfte", "truppen",
                              "armee", "militär", "regierung", "behörde", "behörden", "gericht"))


def _is_female(doc: Document, m: Mention) -> bool:
    """A woman: so marked in the dictionary, or named with a feminine role noun (Kanzlerin, Ministerin)."""
    if m.actor.gender:
        return m.actor.gender == "f"
    if m.kind == "role":
        head = doc.tokens[m.head] if 0 <= m.head < len(doc.tokens) else None
        return bool(head is not None and head.norm.endswith("in"))
    return any(t.tag == "NN" and t.norm.endswith("in") and len(t.norm) > 4
               for t in doc.tokens[m.tok_start:m.tok_end])  # "Bürgermeisterin Swantje Hartmann"


def _residence(doc: Document, m: Mention) -> str | None:
    """The country an ethnic group is named as living in: "ethnic Albanians" (with a place of another
    country in the sentence), "the Albanians of southern Serbia", "Kurds in Iraq"."""
    first = doc.tokens[m.tok_start]
    ethnic = (m.tok_start > 0 and doc.tokens[m.tok_start - 1].norm == "ethnic") or first.norm == "ethnic"
    after = doc.tokens[m.tok_end].norm if m.tok_end < len(doc.tokens) else ""
    group = m.tok_end - m.tok_start == 1 and first.text[:1].isupper() and first.norm.endswith("s") \
        and after in ("in", "of", "from")
    if not (ethnic or group):
        return None
    # places, and countries named after "in"/"of" ("in southeastern Serbia")
    here = [(p.tok_start, p.country) for p in doc.places if p.sent == m.sent and p.country]
    here += [(a.tok_start, a.actor.country) for a in doc.mentions if a.sent == m.sent and a.kind == "name"
             and a.actor.country and a.actor.code == a.actor.country and a.tok_start > 1
             and any(doc.tokens[j].norm in ("in", "of") for j in range(max(0, a.tok_start - 3), a.tok_start))]
    here = [(k, c) for k, c in here if c != m.actor.country]
    if group:
        here = [(k, c) for k, c in here if 0 < k - m.tok_end <= 3]
    if not here:
        return None
    return min(here, key=lambda kc: abs(kc[0] - m.tok_start))[1]
