"""Who is subject, object, in which prepositional phrase or genitive: argument roles of mentions.

German marks case on articles and adjective endings, and the preposition in front of a noun phrase
says what it is doing; without a parser, the role of each actor mention is read off the tokens
before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chronik.events.clauses import FINITE, Clause
from chronik.model import Mention, Token
from chronik.text.grammar import GERMAN, Grammar

_NP_INNER = frozenset({"ART", "ADJA", "ADJD", "CARD", "PIAT", "PDAT", "PPOSAT", "PIDAT", "ADV", "TRUNC"})
APPRART = {"im": "in", "ins": "in", "am": "an", "ans": "an", "zum": "zu", "zur": "zu", "beim": "bei",
            "vom": "von", "aufs": "auf", "übers": "über", "durchs": "durch", "fürs": "für", "unterm": "unter"}
_CASES = {
    "der": {"nom", "dat", "gen"}, "die": {"nom", "acc"}, "das": {"nom", "acc"}, "den": {"acc", "dat"},
    "dem": {"dat"}, "des": {"gen"}, "ein": {"nom", "acc"}, "eine": {"nom", "acc"}, "einen": {"acc"},
    "einem": {"dat"}, "eines": {"gen"}, "einer": {"nom", "dat", "gen"}, "diese": {"nom", "acc"},
    "dieser": {"nom", "dat", "gen"}, "diesen": {"acc", "dat"}, "diesem": {"dat"}, "dieses": {"nom", "acc", "gen"},
    "er": {"nom"}, "sie": {"nom", "acc"}, "ihn": {"acc"}, "ihm": {"dat"}, "ihr": {"dat"},
    "mehrere": {"nom", "acc"}, "mehreren": {"dat"}, "mehrerer": {"gen"},
    "zwei": {"nom", "acc", "dat"}, "drei": {"nom", "acc", "dat"}, "beide": {"nom", "acc"},
    "beiden": {"dat", "nom", "acc"}, "beider": {"gen"},
}
_GEN_DETS = frozenset({"des", "der", "eines", "einer", "dieses", "dieser", "beider", "mehrerer"})
_SOURCE_NOUNS = frozenset({"angaben", "informationen", "berichten", "aussagen", "darstellung", "schätzungen",
                           "erkenntnissen", "meldungen", "zählungen"})
_QUOTES = frozenset("«»„“”\"‚‘‹›")
_COORD = frozenset({"und", "sowie", "oder", "wie", "als auch"})
_PARTITIVE = frozenset({"thousands", "hundreds", "dozens", "millions", "scores", "tens", "lots", "groups", "members",
                        "supporters", "hundred", "thousand", "dozen", "million", "some", "many", "most", "all",
                        "several", "group", "band", "crowd", "crowds", "number"})


@dataclass(slots=True)
class Role:
    kind: str = "core"  # core | pp | gen | poss | attr | pred
    prep: str = ""  # the governing preposition, also through genitive chains
    noun: int = -1  # for gen/poss: the token index of the noun it belongs to
    cases: set[str] = field(default_factory=lambda: {"nom", "acc", "dat"})
    coord_with: int | None = None  # index (in the clause's mention list) of the mention it is coordinated with
    outer: str = ""  # the preposition of the phrase this one hangs on: "über eine Einigung [mit der Ukraine]"


@dataclass(slots=True)
class Arguments:
    clause: Clause
    mentions: list[Mention]
    roles: list[Role]
    subject: int | None = None  # index into mentions
    objects: list[int] = field(default_factory=list)
    antecedent: Mention | None = None  # of a relative clause
    rel_subject: bool = False  # the relative pronoun is the subject

    def with_coordinated(self, k: int) -> list[int]:
        """A mention and those coordinated with it: "die USA und Russland"."""
        group = [k]
        for j, r in enumerate(self.roles):
            if r.coord_with is not None and r.coord_with in group and j not in group:
                group.append(j)
        root: int = k
        while (up := self.roles[root].coord_with) is not None:
            root = up
            if root not in group:
                group.insert(0, root)
        for j, r in enumerate(self.roles):
            if r.coord_with is not None and r.coord_with in group and j not in group:
                group.append(j)
        return group

    def pp(self, prep: str, after: int = -1) -> list[int]:
        direct = [k for k, r in enumerate(self.roles)
                  if r.kind in ("pp", "gen") and r.prep == prep and self.mentions[k].tok_start > after]
        return direct or [k for k, r in enumerate(self.roles)
                          if r.kind == "pp" and r.outer == prep and self.mentions[k].tok_start > after]


def role_of(tokens: list[Token], m: Mention, clause: Clause, prev: list[Mention],
            attribution_preps: frozenset[str]) -> Role:
    role = Role()
    k = m.tok_start - 1
    det: Token | None = None
    while k >= clause.start and (tokens[k].tag in _NP_INNER or tokens[k].text in _QUOTES) \
            and tokens[k].norm not in attribution_preps:
        if tokens[k].tag in ("ART", "PIAT", "PDAT", "PIDAT") and det is None:
            det = tokens[k]
        k -= 1
        if k > clause.start and tokens[k].norm == "als" and tokens[k - 1].norm in ("mehr", "weniger"):
            k -= 2  # "mehr als 200 Demonstranten"
    if m.kind == "attr":  # "den russischen Vorschlag": the country the thing belongs to
        role.noun = m.head
        if k >= clause.start and tokens[k].tag in ("APPR", "APPRART"):
            role.kind, role.prep = "pp", APPRART.get(tokens[k].norm, tokens[k].norm)
        else:
            role.kind = "gen"
        return role
    if m.kind == "pronoun":
        role.cases = set(_CASES.get(tokens[m.tok_start].norm, {"nom", "acc", "dat"}))
        if tokens[m.tok_start].tag == "PPOSAT":
            role.kind = "poss"
            role.noun = _next_noun(tokens, m.tok_end, clause.end)
            return role
    elif det is not None:
        role.cases = set(_CASES.get(det.norm, {"nom", "acc", "dat"}))
    elif m.kind == "both":
        role.cases = set(_CASES.get(tokens[m.tok_start].norm, {"nom", "acc"}))
    if k < clause.start:
        return role
    t = tokens[k]
    if t.tag in ("APPR", "APPRART") or t.norm in attribution_preps:
        role.kind = "pp"
        role.prep = APPRART.get(t.norm, t.norm)
        if k > clause.start and tokens[k - 1].tag == "NN":
            role.outer = governing_prep(tokens, k - 1, clause.start)
        if role.prep == "von" and k > clause.start and tokens[k - 1].norm in _SOURCE_NOUNS:
            role.prep = "laut"  # "nach Angaben von AFP": who says it, not who did it
        elif role.prep == "von" and not clause.passive and k > clause.start and tokens[k - 1].tag == "NN" \
                and not (k > clause.start + 1 and tokens[k - 2].tag == "APPRART"):
            # "die Sparpolitik von Präsident Milei" is a genitive in all but form
            role.kind, role.noun = "gen", k - 1
            role.prep = governing_prep(tokens, k - 1, clause.start)
        return role
    if (t.tag == "KON" and t.norm in _COORD) or t.text == ",":
        for j in range(len(prev) - 1, -1, -1):
            if prev[j].tok_end == k:
                role.coord_with = j
                break
        return role
    genitive = (det is None and (m.text.endswith("s") or role.cases == {"gen"})) or (
        det is not None and det.norm in _GEN_DETS)
    if t.tag in ("NN", "NE") and genitive:
        role.kind = "gen"
        role.noun = t.i
        role.cases = {"gen"}
        role.prep = governing_prep(tokens, t.i, clause.start)
        return role
    if t.norm == "als" and not (k > clause.start and tokens[k - 1].norm in ("mehr", "weniger", "früher", "später")):
        role.kind = "pred"
    return role


def _next_noun(tokens: list[Token], start: int, end: int) -> int:
    for k in range(start, min(end, start + 4)):
        if tokens[k].tag in ("NN", "NE"):
            return k
    return -1


def governing_prep(tokens: list[Token], noun: int, start: int) -> str:
    k = noun - 1
    while k >= start and tokens[k].tag in _NP_INNER:
        k -= 1
    if k >= start and tokens[k].tag in ("APPR", "APPRART"):
        return APPRART.get(tokens[k].norm, tokens[k].norm)
    return ""


def assign(tokens: list[Token], clause: Clause, mentions: list[Mention], before: Mention | None,
           attribution_preps: frozenset[str], grammar: Grammar = GERMAN) -> Arguments:
    """Roles of the clause's mentions, its subject and objects."""
    if grammar.subject_first:
        return assign_svo(tokens, clause, mentions, before, attribution_preps, grammar)
    roles: list[Role] = []
    for n, m in enumerate(mentions):
        r = role_of(tokens, m, clause, mentions[:n], attribution_preps)
        if r.coord_with is not None:
            base = roles[r.coord_with]
            r.kind, r.prep, r.noun, r.cases = base.kind, base.prep, base.noun, set(base.cases)
        roles.append(r)
    # "zufolge" follows the noun phrase: "dem Ministerium zufolge"
    for n, m in enumerate(mentions):
        if m.tok_end < len(tokens) and tokens[m.tok_end].norm == "zufolge":
            roles[n].kind, roles[n].prep = "pp", "zufolge"
    args = Arguments(clause=clause, mentions=mentions, roles=roles)
    core = [n for n, r in enumerate(roles) if r.kind == "core" and r.coord_with is None]
    finite = clause.finite[0] if clause.finite else None
    nominative = [n for n in core if "nom" in roles[n].cases]
    if clause.kind == "rel":
        args.antecedent = before
        rel = tokens[clause.start]
        rel_cases = _CASES.get(rel.norm, {"nom", "acc"})
        if "nom" in rel_cases and (not nominative or (rel.norm in ("der",) and all(
                "nom" not in roles[n].cases or len(roles[n].cases) > 1 for n in nominative))):
            args.rel_subject = True
            args.objects = core
            return args
    if clause.kind == "main" and not clause.v1 and finite is not None:
        vorfeld = [n for n in nominative if mentions[n].tok_start < finite]
        mittelfeld = [n for n in nominative if mentions[n].tok_start > finite]
        if not vorfeld and _other_subject_first(tokens, clause, finite, mentions):
            mittelfeld = []  # "Die Überschwemmungen haben Opfer gefordert": the subject is no actor
        pick = vorfeld[:1] or mittelfeld[:1]
    elif clause.kind == "inf" and finite is None and not grammar.subject_first:
        pick = []  # "…, die Friedenstruppe abzuziehen": a zu-infinitive has no subject of its own
    else:
        pick = nominative[:1]
    if pick:
        args.subject = pick[0]
    args.objects = [n for n in core if n != args.subject]
    return args


def _other_subject_first(tokens: list[Token], clause: Clause, finite: int, mentions: list[Mention]) -> bool:
    """Whether the Vorfeld holds a nominative noun phrase that names no actor (so it is the subject)."""
    k = clause.start
    while k < finite and (tokens[k].text in ("«", "»", "„", "“", "\"", "‚", "‘") or tokens[k].tag == "KON"):
        k += 1
    if k >= finite or any(m.tok_start <= k < m.tok_end for m in mentions):
        return False
    t = tokens[k]
    if t.tag == "NE" or (t.tag == "PPER" and t.norm in ("es", "sie", "er")):
        return True
    if t.tag in ("ART", "PDAT", "PIAT", "PIDAT"):
        if "nom" not in _CASES.get(t.norm, {"nom"}):
            return False  # "Den Vorschlag lehnte Moskau ab"
        return any(u.tag == "NN" and not any(m.tok_start <= u.i < m.tok_end for m in mentions)
                   for u in tokens[k:finite][:4]) and not any(u.tag in ("APPR", "APPRART") for u in tokens[k:k + 1])
    return False


def is_finite(tok: Token) -> bool:
    return tok.tag in FINITE


def assign_svo(tokens: list[Token], clause: Clause, mentions: list[Mention], before: Mention | None,
               attribution_preps: frozenset[str], grammar: Grammar) -> Arguments:
    """Roles in a subject-verb-object language (English): a phrase after a preposition is in that
    phrase ("with Russia", "by the army"); "X's" and "of X" belong to the noun they follow or precede;
    the first other phrase before the finite verb is the subject, those after the verb the objects."""
    roles: list[Role] = []
    for n, m in enumerate(mentions):
        role = Role()
        k = m.tok_start - 1
        while k >= clause.start and (tokens[k].tag in _NP_INNER or tokens[k].text in _QUOTES or (
                tokens[k].tag == "POS" and any(o.tok_end == k for o in mentions)) or (
                tokens[k].norm in ("to", "than", "least") and k + 1 < m.tok_start and tokens[k + 1].tag == "CARD"
                and k > clause.start and tokens[k - 1].norm in ("up", "more", "less", "fewer", "at"))):
            if tokens[k].tag == "POS":  # "with leaders of Romania's new government": the owner's phrase
                k = next(o for o in mentions if o.tok_end == k).tok_start - 1
                continue
            k -= 2 if tokens[k].norm in ("to", "than", "least") and tokens[k + 1].tag == "CARD" else 1
            # "up to 16 advisers", "more than 100 Palestinians", "at least eight leaders": a number, no phrase
        nxt = tokens[m.tok_end] if m.tok_end < clause.end else None
        if nxt is not None and nxt.norm in grammar.possessive:
            role.kind, role.noun = "poss", _next_noun(tokens, m.tok_end + 1, clause.end)
        elif m.kind == "pronoun" and tokens[m.tok_start].tag == "PPOSAT":
            role.kind, role.noun = "poss", _next_noun(tokens, m.tok_end, clause.end)
        elif m.kind == "attr" and any(o is not m and o.tok_start <= m.head < o.tok_end for o in mentions):
            role.kind, role.noun = "gen", m.head  # "the Iraqi president's …": the adjective is the other's
        elif k >= clause.start and (tokens[k].tag == "APPR" or tokens[k].norm in attribution_preps):
            prep = tokens[k].norm
            if prep == "to" and k > clause.start and tokens[k - 1].norm in attribution_preps:
                prep = tokens[k - 1].norm  # "according to X": who says so
            if prep in grammar.genitive_preps and k > clause.start and tokens[k - 1].norm in _PARTITIVE:
                pass  # "thousands of Nigerians", "members of the opposition": the phrase itself acts
            elif prep in grammar.genitive_preps and k > clause.start and tokens[k - 1].tag == "NN":
                role.kind, role.noun = "gen", k - 1  # "the leader of Hamas"
                role.prep = governing_prep(tokens, k - 1, clause.start)
            else:
                role.kind, role.prep = "pp", prep
                if k > clause.start and tokens[k - 1].tag == "NN":
                    role.outer = governing_prep(tokens, k - 1, clause.start)
        elif k >= clause.start and (tokens[k].tag == "KON" or tokens[k].text == ","):
            # the serial comma: "Iran, Libya, and Cuba"
            end = k - 1 if tokens[k].tag == "KON" and k > clause.start and tokens[k - 1].text == "," else k
            for j in range(n - 1, -1, -1):
                if mentions[j].tok_end in (k, end):
                    role.coord_with = j
                    break
        if role.coord_with is not None:
            base = roles[role.coord_with]
            role.kind, role.prep, role.noun = base.kind, base.prep, base.noun
        roles.append(role)
    args = Arguments(clause=clause, mentions=mentions, roles=roles)
    core = [n for n, r in enumerate(roles) if r.kind == "core" and r.coord_with is None]
    verb = clause.finite[0] if clause.finite else clause.main_verb
    if clause.kind == "rel":
        args.antecedent = before
        rel = tokens[clause.start]
        if rel.norm in grammar.relative_words and clause.start + 1 < clause.end and \
                tokens[clause.start + 1].tag[:1] == "V":
            args.rel_subject = True  # "…, who met the president"
            args.objects = core
            return args
    if verb is not None and not clause.v1:
        pre = [n for n in core if mentions[n].tok_start < verb]
        if pre:
            args.subject = pre[-1] if len(pre) > 1 and _adjacent_subject(tokens, mentions, pre, verb) else pre[0]
    args.objects = [n for n in core if n != args.subject and (verb is None or mentions[n].tok_start > verb)]
    return args


def _adjacent_subject(tokens: list[Token], mentions: list[Mention], pre: list[int], verb: int) -> bool:
    """Of several phrases before the verb, the one right before it is the subject when the first is
    set off by a comma ("On Tuesday, Russia attacked …" has none; "In Moscow, the minister said")."""
    first = mentions[pre[0]]
    return any(t.text == "," for t in tokens[first.tok_end:mentions[pre[-1]].tok_start])
