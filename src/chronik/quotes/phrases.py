"""Noun phrases read off part-of-speech tags: the words that name a speaker.

A speaker is a pronoun ("er", "sie") or a noun phrase: determiner and adjectives, nouns and names
("der ehemalige Umweltminister Jürgen Trittin"), quoted names ("die „Kampagne für ein Freies Tibet“"),
with its genitives ("ein Sprecher des Kremls"), "von" + name ("der Emir von Katar"), coordinated
phrases ("Peter Danckert und Max Straubinger") and an apposition between commas ("Milovan Rajevac,
der Trainer Ghanas,"). Which phrase is the subject is read from case-marked determiners and the
position of the verb.
"""

from __future__ import annotations

from collections.abc import Callable

from chronik.model import Token

_PRE = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "ADJA", "CARD", "TRUNC", "ADJD"})
_HEAD = frozenset({"NN", "NE", "FM"})
_PRONOUNS = frozenset({"er", "sie", "es", "ich", "wir", "ihr", "man", "jemand", "dieser", "diese", "beide",
                       "jener", "jene", "niemand", "einer", "eine", "viele", "andere", "alle", "letztere",
                       "letzterer", "erstere", "ersterer"})
_NOT_NOMINATIVE = frozenset({"den", "dem", "des", "einem", "einen", "eines", "diesem", "diesen", "dieses",
                             "ihm", "ihn", "ihnen", "mir", "mich", "uns", "dir", "dich", "euch", "sich",
                             "jenem", "jenen", "seinem", "seinen", "ihrem", "ihren", "unserem", "unseren",
                             "deren", "dessen", "allen", "beiden", "vielen", "anderen"})
_GENITIVE = frozenset({"des", "der", "eines", "einer", "dieses", "dieser", "seines", "seiner", "ihres",
                       "ihrer", "beider", "mehrerer"})
_VERB = ("VV", "VA", "VM")
_POSTMODIFIERS = frozenset({"für", "von", "vom", "aus", "beim", "in"})
_QUOTE = frozenset("„“”\"«»‚‘‹›")


def _core(tokens: list[Token], i: int, hi: int, names: frozenset[int] = frozenset()) -> int | None:
    """End of the determiner-adjective-noun core that starts at ``i``, or None."""
    j = i
    while j < hi and (tokens[j].tag in _PRE or (tokens[j].text in ("-", "und") and j > i and j + 1 < hi
                                                and tokens[j + 1].tag == "ADJA")):
        j += 1
    if j < hi and tokens[j].text in _QUOTE and j > i:  # die „Kampagne für ein Freies Tibet“
        k = j + 1
        while k < hi and k - j < 12 and tokens[k].text not in _QUOTE:
            k += 1
        if k < hi and k > j + 1 and tokens[j + 1].text[:1].isupper():
            return k + 1
    start = j
    while j < hi and (tokens[j].tag in _HEAD or j in names):
        j += 1
    return j if j > start else None


def _quoted(tokens: list[Token], i: int, hi: int) -> int | None:
    """End of a quoted name that starts with the quotation mark at ``i`` ("„Ener1“")."""
    for k in range(i + 1, min(hi, i + 10)):
        if tokens[k].text in _QUOTE:
            return k + 1 if k > i + 1 and tokens[i + 1].text[:1].isupper() else None
    return None


def noun_phrase(tokens: list[Token], i: int, hi: int, appositions: bool = True,
                names: frozenset[int] = frozenset()) -> int | None:
    """End (exclusive) of the noun phrase that starts at token ``i`` and ends before ``hi``, or None.
    ``names`` are the indices of tokens inside names the name tagger found (heads whatever their tag)."""
    t = tokens[i]
    if t.tag in ("PPER", "PIS", "PDS") and t.norm in _PRONOUNS:
        if t.tag == "PPER" or i + 1 >= hi or tokens[i + 1].norm not in _GENITIVE:
            return i + 1
        j: int | None = i + 1  # "einer der beteiligten Feuerwehrmänner"
    else:
        j = _core(tokens, i, hi, names)
        if j is not None and j < hi and tokens[j - 1].tag == "NE" and tokens[j - 1].text.endswith("s") \
                and tokens[j].tag in ("ADJA", "NN"):
            j = _core(tokens, j, hi)  # "Jelpkes wissenschaftlicher Mitarbeiter Nick Brauns"
    if j is None:
        return None
    while j < hi:
        t = tokens[j]
        if (t.norm in _GENITIVE and t.tag == "ART") or (t.tag == "PPOSAT" and t.norm in _GENITIVE):
            k = _core(tokens, j, hi)
            if k is None:
                break
            j = k
        elif t.tag == "NE" and tokens[j - 1].tag == "NN":  # der Präsident Russlands
            j += 1
        elif t.norm == "von" and j + 1 < hi and tokens[j + 1].tag == "NE":
            j += 2
            while j < hi and tokens[j].tag == "NE":
                j += 1
        elif t.norm in _POSTMODIFIERS and j + 1 < hi and tokens[j - 1].tag in _HEAD:
            # "der Chef der Bundesagentur für Arbeit", "Theo Kitz vom Bankhaus", "ein Sprecher der Polizei in
            # Dortmund", "der Geschäftsführer von „Ener1“"
            k = _quoted(tokens, j + 1, hi) if tokens[j + 1].text in _QUOTE else _core(tokens, j + 1, hi)
            if k is None or (t.norm in ("aus", "in") and tokens[k - 1].tag != "NE") or (
                    t.norm == "von" and tokens[j + 1].norm not in ("der", "dem", "den", "des")
                    and tokens[j + 1].tag != "NE" and tokens[j + 1].text not in _QUOTE):
                break
            j = k
        elif t.norm in ("und", "sowie") and j + 1 < hi and tokens[j + 1].tag in ("ART", "NE", "NN", "PPOSAT"):
            k = noun_phrase(tokens, j + 1, hi, appositions=False)
            if k is None:
                break
            j = k
        elif appositions and t.text == "," and j + 1 < hi and tokens[j + 1].tag in ("ART", "NE", "NN", "PPOSAT"):
            k = noun_phrase(tokens, j + 1, hi, appositions=False)
            if k is None or (k < hi and (tokens[k].tag.startswith(_VERB) or tokens[k].tag.startswith("PREL")
                                         or tokens[k].tag in ("ART", "NN", "NE"))):
                break
            j = k
            break
        elif t.text == "(" and j + 2 < hi and tokens[j + 2].text == ")" and tokens[j + 1].tag in _HEAD:
            j += 3  # "Günther Oettinger (CDU)"
        else:
            break
    return j


def phrases(tokens: list[Token], lo: int, hi: int, names: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The noun phrases of tokens ``lo``..``hi``, left to right, not inside one another."""
    out = []
    i = lo
    while i < hi:
        end = noun_phrase(tokens, i, hi, names=names)
        if end is not None and end > i:
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


def may_be_subject(tokens: list[Token], span: tuple[int, int], lo: int) -> bool:
    """Whether a phrase can be a subject: not after a preposition, not marked for another case."""
    i = span[0]
    first = tokens[i]
    if first.norm in _NOT_NOMINATIVE:
        return False
    if i > lo and tokens[i - 1].tag in ("APPR", "APPRART", "APPO", "KOKOM"):
        return False
    if first.tag in ("NN", "NE") and i > lo and tokens[i - 1].norm in _GENITIVE:
        return False
    return not (first.norm == "es" and span[1] == i + 1)


def subject(tokens: list[Token], lo: int, hi: int, verb: int | None,
            outside: tuple[int, int] | None = None, names: frozenset[int] = frozenset(),
            animate: Callable[[tuple[int, int]], bool] | None = None) -> tuple[int, int] | None:
    """The subject phrase of a clause (tokens ``lo``..``hi``) whose finite verb is ``verb``; no
    phrase inside ``outside`` (the quotation the clause frames) is taken.

    A phrase before the verb at the start of the clause is the subject when its case allows, unless
    it names nothing that can speak (``animate``) and a phrase after the verb does; otherwise the
    first phrase after the verb that may be one ("sagte der Minister")."""
    cands = [p for p in phrases(tokens, lo, hi, names) if may_be_subject(tokens, p, lo)
             and not (outside and p[0] < outside[1] and outside[0] < p[1])]
    if not cands:
        return None
    if verb is None:
        return cands[0]
    before = [p for p in cands if p[1] <= verb]
    after = [p for p in cands if p[0] > verb]
    fronted = bool(before) and before[0][0] == _first_word(tokens, lo, hi)
    nxt = tokens[verb + 1] if verb + 1 < hi else None
    if nxt is not None and nxt.tag == "PPER" and (nxt.norm in ("er", "ich", "wir") or (
            nxt.norm == "sie" and not fronted)):
        return (verb + 1, verb + 2)  # "lobte er", "sagte sie"; not "Der Geschäftsführer nannte sie …"
    if animate is not None and before and after and not animate(before[0]):
        # "Jegliche Mitverantwortung weist Hartmann von sich": a fronted object, the speaker after the verb
        speakers = [p for p in after if animate(p)]
        if speakers:
            return speakers[0]
    if fronted:
        return before[0]
    if after:
        return after[0]
    return before[-1] if before else None


def _first_word(tokens: list[Token], lo: int, hi: int) -> int:
    i = lo
    while i < hi and (tokens[i].is_punct or tokens[i].tag in ("KON", "ADV", "KOUS", "PWAV")
                      or tokens[i].norm in ("so", "wie")):
        i += 1
    return i
