"""Shallow clause analysis of German sentences, from STTS tags alone (no parser to install).

A sentence is cut into clauses at commas, colons, semicolons and dashes; segments without a verb are
glued to their neighbour; coordinated main clauses ("…, wollte aber …", "… und griff …") are split.
Each clause knows its kind (main, subordinate, relative, infinitive), its finite and full verbs, the
full verb's lemma with its particle, voice, tense hints, modal verbs and negation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from chronik.model import Token
from chronik.text.grammar import GERMAN, Grammar
from chronik.text.normalize import norm

BOUNDARY = frozenset({",", ";", ":", "–", "—", "(", ")"})
FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN", "VVIMP", "VAIMP"})
NONFINITE = frozenset({"VVINF", "VVIZU", "VVPP", "VAINF", "VAPP", "VMINF", "VMPP", "VVING", "VAING"})
QUOTE_TOKENS = frozenset("«»„“”\"‚‘‹›")
_SUB_TAGS = frozenset({"KOUS", "KOUI"})
_REL_TAGS = frozenset({"PRELS", "PRELAT"})
_PAST_AUX = frozenset({"hatte", "hatten", "war", "waren", "wurde", "wurden", "hattest", "warst"})
_PERFECT_AUX = frozenset({"hat", "haben", "ist", "sind", "habe", "sei", "seien", "hätte", "hätten"})
_FUTURE_WORDS = frozenset({"kommenden", "kommende", "nächsten", "nächste", "künftig", "demnächst", "bald",
                           "morgen", "übermorgen"})


@dataclass(slots=True)
class Clause:
    sent: int
    start: int  # first token index (document)
    end: int  # one past the last
    kind: str = "main"  # main | sub | rel | inf
    conj: str = ""  # subordinator or relative pronoun (normalised)
    finite: list[int] = field(default_factory=list)
    verbs: list[int] = field(default_factory=list)
    main_verb: int | None = None
    lemma: str = ""
    aux_lemmas: list[str] = field(default_factory=list)
    passive: bool = False
    past: bool = False
    future: bool = False
    reflexive: bool = False
    parent: int | None = None  # index of the clause this one depends on (within the sentence list)
    coordinated: bool = False  # starts with a finite verb or after "und": shares the previous subject
    v1: bool = False

    def tokens(self, all_tokens: list[Token]) -> list[Token]:
        return all_tokens[self.start:self.end]

    def contains(self, tok_index: int) -> bool:
        return self.start <= tok_index < self.end


def split_clauses(tokens: list[Token], start: int, end: int, grammar: Grammar = GERMAN) -> list[tuple[int, int]]:
    """Token ranges of the clauses of one sentence."""
    segments: list[tuple[int, int]] = []
    seg_start = start
    for k in range(start, end):
        if tokens[k].text in BOUNDARY:
            if k > seg_start:
                segments.append((seg_start, k))
            seg_start = k + 1
    if seg_start < end:
        segments.append((seg_start, end))
    # coordinated main clauses: "Russland griff an und die Ukraine wehrte sich"
    split: list[tuple[int, int]] = []
    for s, e in segments:
        cut = s
        for k in range(s + 1, e - 1):
            if grammar.subject_first and (((tokens[k].tag == "KOUS" or (
                    tokens[k].norm in grammar.relative_words and tokens[k].tag in ("PWS", "PWAT")
                    and tokens[k - 1].tag in ("NN", "NE"))) and _has_finite(tokens, k + 1, e)) or (
                    tokens[k].tag == "PTKZU" and tokens[k + 1].tag in ("VVINF", "VAINF"))) \
                    and _has_verb(tokens, cut, k):
                split.append((cut, k))  # English subordinate clauses need no comma: "agreed that they …"
                cut = k
                continue
            if tokens[k].norm in grammar.coordinators and tokens[k].tag == "KON" and tokens[k - 1].tag != "TRUNC" \
                    and _has_finite(tokens, cut, k) and _has_finite(tokens, k + 1, e) \
                    and (not grammar.subject_first or (_starts_clause(tokens, k + 1, e)
                                                       and not _said_subjects(tokens, cut, k, grammar))):
                split.append((cut, k))
                cut = k
        split.append((cut, e))
    if grammar.subject_first:
        split = [part for s, e in split for part in _split_bare_complement(tokens, s, e)]
    # glue segments without a verb to the clause before (or after, at the start)
    merged: list[tuple[int, int]] = []
    for s, e in split:
        if not _has_verb(tokens, s, e) and merged:
            ps, _ = merged[-1]
            merged[-1] = (ps, e)
        else:
            merged.append((s, e))
    if len(merged) > 1 and not _has_verb(tokens, *merged[0]):
        (s0, _), (_, e1) = merged[0], merged[1]
        merged[0:2] = [(s0, e1)]
    return merged


_NP_TAGS = frozenset({"ART", "ADJA", "NN", "NE", "PPER", "PPOSAT", "CARD", "PIAT", "PIS", "POS"})


def _split_bare_complement(tokens: list[Token], s: int, e: int) -> list[tuple[int, int]]:
    """English: "officials said they would meet …": a second finite verb with its own subject starts
    a clause of its own where no "that" or comma marks it."""
    finite = [k for k in range(s, e) if tokens[k].tag in FINITE]
    for a, b in pairwise(finite):
        if all(tokens[k].tag[:1] == "V" or tokens[k].tag in ("ADV", "PTKNEG") for k in range(a + 1, b)):
            continue  # one verb chain: "has been", "did not say"
        start = b
        while start - 1 > a and (tokens[start - 1].tag in _NP_TAGS or (
                tokens[start - 1].tag == "KON" and start - 2 > a and tokens[start - 2].tag in _NP_TAGS
                and start < b)):  # coordinated subjects: "said the US and Britain must …"
            start -= 1
        if start < b and start > a:
            return [(s, start), *_split_bare_complement(tokens, start, e)]
    return [(s, e)]


def _said_subjects(tokens: list[Token], s: int, k: int, grammar: Grammar) -> bool:
    """English: "said the US and Britain must …": the "and" joins the subjects of what was said."""
    j = k - 1
    while j > s and tokens[j].tag in _NP_TAGS:
        j -= 1
    return j < k - 1 and tokens[j].tag in FINITE and norm(tokens[j].lemma) in grammar.speech_verbs


def _starts_clause(tokens: list[Token], k: int, e: int) -> bool:
    """English: after "and", a clause begins with its verb ("and exploded bombs") or with a subject
    right before its verb ("and the army withdrew"), not with a noun phrase of the same clause
    ("photographs and other intelligence to Macedonia which is preparing …")."""
    for j in range(k, min(e, k + 5)):
        t = tokens[j]
        if t.tag in FINITE or t.tag.startswith("VV"):
            return True
        if t.tag in ("PWS", "PWAT", "KOUS", "APPR", "$,"):
            return False
    return False


def _has_finite(tokens: list[Token], s: int, e: int) -> bool:
    return any(t.tag in FINITE for t in tokens[s:e])


def _has_verb(tokens: list[Token], s: int, e: int) -> bool:
    return any(t.tag in FINITE or t.tag in NONFINITE or t.tag == "PTKZU" for t in tokens[s:e])


def analyse(tokens: list[Token], sent: int, start: int, end: int, grammar: Grammar = GERMAN) -> list[Clause]:
    clauses = []
    for s, e in split_clauses(tokens, start, end, grammar):
        clauses.append(_analyse_one(tokens, sent, s, e, grammar))
    for n, c in enumerate(clauses):
        if (c.kind in ("sub", "rel", "inf") and n > 0) or (c.kind == "main" and n > 0 and (c.v1 or c.coordinated)):
            c.parent = _nearest_main(clauses, n)
    return clauses


def _nearest_main(clauses: list[Clause], n: int) -> int | None:
    for m in range(n - 1, -1, -1):
        if clauses[m].kind == "main":
            return m
    return n - 1 if n > 0 else None


def _analyse_one(tokens: list[Token], sent: int, s: int, e: int, grammar: Grammar = GERMAN) -> Clause:
    c = Clause(sent=sent, start=s, end=e)
    toks = tokens[s:e]
    lead = [t for t in toks if t.text not in QUOTE_TOKENS]
    first = lead[0] if lead else toks[0]
    if first.tag == "KON" and first.norm in grammar.coordinators:
        c.coordinated = True
        lead = lead[1:]
        first = lead[0] if lead else first
        if first.tag in FINITE:
            c.v1 = True  # "… und fordert eine Rücknahme": the subject is the first clause's
    if first.tag in _SUB_TAGS or (first.tag == "PWAV" and s > 0 and tokens[s - 1].tag == "$,") or (
            first.norm == "wie" and toks[-1].tag in FINITE | {"$."} and any(
            t.tag in FINITE for t in toks[-3:])):
        c.kind, c.conj = "sub", first.norm  # "…, wie die Polizei mitteilte" is a subordinate frame
    elif first.tag in _REL_TAGS or (first.tag in ("APPR", "APPRART") and len(lead) > 1
                                     and lead[1].tag in _REL_TAGS) or (
            first.norm in grammar.relative_words and first.tag in ("PWS", "PWAT", "KOUS") and len(lead) > 1
            and lead[1].tag in FINITE):  # English "…, who met …", "… that attacked …"
        c.kind = "rel"
        c.conj = first.norm if first.tag in _REL_TAGS else lead[1].norm
    elif (any(t.tag in ("VVIZU", "PTKZU") for t in toks) and not _has_finite(tokens, s, e)) or (
            grammar.subject_first and first.tag == "PTKZU"):  # English "to hand over … suspected by"
        c.kind = "inf"
    elif first.tag in FINITE or (grammar.subject_first and first.tag == "VVING" and s > 0
                                 and tokens[s - 1].tag == "$," and not _has_finite(tokens, s, e)):
        c.v1 = True  # "…, killing two protesters": the first clause's subject acts
    for t in toks:
        if t.tag in FINITE:
            c.finite.append(t.i)
        if t.tag in FINITE or t.tag in NONFINITE:
            c.verbs.append(t.i)
        if t.tag == "PRF":
            c.reflexive = True
    full = [i for i in c.verbs if tokens[i].tag.startswith("VV")]
    if full:
        # the full verb of the clause: a finite full verb, else the last non-finite one
        fin = [i for i in full if tokens[i].tag in ("VVFIN", "VVIMP")]
        # German puts the full verb last ("hat … angegriffen"), English first ("has attacked … fleeing")
        c.main_verb = fin[0] if fin else (full[0] if grammar.subject_first else full[-1])
        c.lemma = tokens[c.main_verb].verb_lemma or tokens[c.main_verb].lemma
    c.aux_lemmas = [tokens[i].lemma.lower() for i in c.verbs if tokens[i].tag[:2] in ("VA", "VM")]
    has_pp = any(tokens[i].tag == "VVPP" for i in c.verbs)
    werden = [tokens[i] for i in c.verbs if tokens[i].lemma.lower() in grammar.passive_aux
              and tokens[i].tag[:2] == "VA"]
    c.passive = bool(werden) and has_pp
    fin_norms = {tokens[i].norm for i in c.finite}
    if grammar.subject_first:  # English: the tagger tells the past ("attacked" VVD, "was" VBD)
        c.past = any(tokens[i].ftag.endswith("D") for i in c.finite) or (
            has_pp and any(tokens[i].lemma.lower() in grammar.perfect_aux for i in c.finite))
        c.future = any(t.norm in grammar.future_words for t in toks)
        return c
    c.past = bool(fin_norms & _PAST_AUX) or (has_pp and bool(fin_norms & _PERFECT_AUX)) or any(
        _looks_past(tokens[i]) for i in c.finite if tokens[i].tag == "VVFIN")
    c.future = (bool(werden) and any(tokens[i].tag == "VVINF" for i in c.verbs) and not c.passive) or any(
        t.norm in _FUTURE_WORDS for t in toks)
    return c


def _looks_past(tok: Token) -> bool:
    """Preterite of a full verb, guessed from form and lemma: sagte, traf, trafen (not: trifft, sagt)."""
    form, lemma = tok.norm, (tok.lemma or "").casefold()
    if not lemma or form == lemma:
        return False
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma
    if form in {stem + "e", stem + "st", stem + "t", stem + "et", stem + "est", stem + "en", stem + "n"}:
        return False
    if form.endswith(("te", "ten", "test", "tet")) and form.startswith(stem[:3]):
        return True
    return not form.endswith(("t", "st"))
