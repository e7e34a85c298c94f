"""Part-of-speech tags (STTS) and lemmas from HanTa, the Hanover Tagger (LGPL-3.0, model on PyPI).

HanTa analyses every word morphologically before its HMM picks the tags of a sentence. The searches
run in :class:`chronik.text.hmm.FastHmm`, which gives HanTa's results from HanTa's model, faster, and
memoises the analysis of each word per tagger instance (bounded dicts, no global state): news repeats
its vocabulary. Separable verb particles are reunited with their verb afterwards (setzte … ein →
einsetzen).
"""

from __future__ import annotations

from collections.abc import Callable

from chronik.errors import ConfigError
from chronik.model import Document, Token
from chronik.text.hmm import FastHmm, supports

_TAG_FIX = {"VV(FIN)": "VVFIN", "VV(INF)": "VVINF", "VV(PP)": "VVPP", "VV(IZU)": "VVIZU", "VV(IMP)": "VVIMP",
            "VA(FIN)": "VAFIN", "VA(INF)": "VAINF", "VA(PP)": "VAPP", "VA(IMP)": "VAIMP", "VM(FIN)": "VMFIN",
            "VM(INF)": "VMINF", "VM(PP)": "VMPP", "ADJ(A)": "ADJA", "ADJ(D)": "ADJD",
            "NNA": "NN", "NNI": "NN"}  # HanTa's nominalised adjectives/infinitives are NN in STTS
_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
_CACHE_LIMIT = 200_000  # words (and word-tag pairs) memoised per cache


class Tagger:
    """Assigns ``Token.tag`` (STTS), ``Token.lemma`` and, for verbs, ``Token.verb_lemma``."""

    name = "tagger"
    requires: tuple[str, ...] = ("doc.tokens", "doc.sentences")
    assigns: tuple[str, ...] = ("token.tag", "token.lemma", "token.verb_lemma")

    def __init__(self, lang: str = "de", tag_map: dict[str, str] | None = None) -> None:
        self.tag_map = dict(tag_map or {})  # the model's tags → STTS (English: BNC C5)
        if lang not in _MODELS:
            raise ConfigError(f"no tagging model for language {lang!r}", hint=f"use one of {sorted(_MODELS)}")
        from HanTa import HanoverTagger as ht

        self.lang = lang
        self._hanta = ht.HanoverTagger(_MODELS[lang])
        self._tag_sent: Callable[[list[str]], list[tuple[str, str, str]]]
        if supports(self._hanta):
            hmm = FastHmm(self._hanta, _CACHE_LIMIT)
            hmm.install()
            self._tag_sent = hmm.tag_sent
        else:  # a model of another shape: HanTa's own (slower) searches
            self._tag_sent = lambda words: self._hanta.tag_sent(words, taglevel=1)

    def tag_words(self, words: list[str]) -> list[tuple[str, str, str]]:
        """(word, lemma, STTS tag) for each word of one sentence."""
        if not words:
            return []
        out = self._tag_sent(words)
        return [(w, lemma, _TAG_FIX.get(tag, tag)) for (w, lemma, tag) in out]

    def __call__(self, doc: Document) -> Document:
        for sent in doc.sentences:
            toks = doc.tokens[sent.tok_start:sent.tok_end]
            words = [_for_tagger(t.text) for t in toks]
            for tok, (_, lemma, tag) in zip(toks, self.tag_words(words), strict=True):
                if self.tag_map:
                    tok.ftag = tag
                    tag = self.tag_map.get(tag, tag)
                tok.tag = tag
                tok.lemma = lemma if len(tok.text) <= MAX_WORD else tok.text
            if self.lang == "de":
                fix_tags(toks)
                reunite_particles(toks)
            else:
                fix_tags_svo(toks)
        return doc


MAX_WORD = 64  # HanTa's analysis of a word grows with the cube of its length; longer "words" are not words


def _for_tagger(word: str) -> str:
    # HanTa's model knows straight quotes and German forms; guillemets are quotes too
    if word in ("«", "»", "„", "“", "”", "‚", "‘", "‹", "›"):
        return '"'
    return word[:MAX_WORD]


_PUNCT = {",": "$,", ".": "$.", "!": "$.", "?": "$.", ";": "$.", ":": "$.", "…": "$.", "...": "$."}


def fix_tags(tokens: list[Token]) -> None:
    """Repair what the statistical tagger gets wrong in news text in ways rules can see."""
    for t in tokens:
        if t.text in _PUNCT:
            t.tag = _PUNCT[t.text]
        elif not any(ch.isalnum() for ch in t.text):
            t.tag = "$("
        if t.tag in ("NN", "NE") and t.lemma and "-" in t.text:
            # HanTa lower-cases compound lemmas: US-Aussenminister → Us-aussenminister
            t.lemma = t.text
        if not t.lemma:
            t.lemma = t.text
    # a participle the tagger took for an adverb: "wurden … 21 Menschen getötet"
    aux = False
    for k, t in enumerate(tokens):
        if t.tag in ("$,", "$.", "KON", "KOUS"):
            aux = False
        elif t.tag == "VAFIN" and t.lemma.lower() in ("werden", "sein", "haben"):
            aux = True
        elif aux and t.tag == "ADJD" and t.norm.startswith("ge") and t.norm.endswith(("t", "en")) and (
                k + 1 >= len(tokens) or tokens[k + 1].tag in ("$,", "$.", "VAINF", "VAPP", "VMFIN", "VAFIN")):
            t.tag = "VVPP"
    # an infinitive after a modal or "werden" in the same clause: "wollte sich nicht äussern"
    governor = False
    for t in tokens:
        if t.tag in ("$,", "$.", "KON", "KOUS"):
            governor = False
        elif t.tag == "VMFIN" or (t.tag == "VAFIN" and t.lemma.lower() == "werden"):
            governor = True
        elif governor and t.tag == "VVFIN" and t.text.lower() == t.lemma.lower():
            t.tag = "VVINF"


def fix_tags_svo(tokens: list[Token]) -> None:
    """English: punctuation classes, lemmas for every token, and phrasal verbs ("called off",
    "set up", "carried out": the particle right after the verb joins its lemma as "call off")."""
    for t in tokens:
        if t.text in _PUNCT:
            t.tag = _PUNCT[t.text]
        elif not any(ch.isalnum() for ch in t.text):
            t.tag = "$("
        if not t.lemma:
            t.lemma = t.text
        if t.tag.startswith("V"):
            t.verb_lemma = t.lemma.lower()
        if t.norm in ("'s", "’s") and t.ftag != "VBZ":
            t.tag = "POS"
    # "police used tear gas": "used" is the modal "used to" only before "to"
    for k, t in enumerate(tokens):
        if t.norm == "used" and t.tag == "VMFIN" and not (k + 1 < len(tokens) and tokens[k + 1].norm == "to"):
            t.tag, t.ftag, t.lemma, t.verb_lemma = "VVFIN", "VVD", "use", "use"
            if k + 1 < len(tokens) and tokens[k + 1].tag == "VVINF":
                tokens[k + 1].tag, tokens[k + 1].ftag = "NN", "NN1"  # "tear gas", "force"
    # "President Mario Soares said": a capitalised word inside a name is no verb
    for k, t in enumerate(tokens):
        if k > 0 and t.tag[:2] in ("VV", "VA") and t.text[:1].isupper() and t.text[1:].islower() and (
                tokens[k - 1].tag == "NE" or (tokens[k - 1].text[:1].isupper() and k + 1 < len(tokens)
                                              and tokens[k + 1].tag == "NE")):  # "President Dos Santos"
            t.tag, t.ftag, t.lemma = "NE", "NP0", t.text
    # "officials agreed on Wednesday": a participle with no auxiliary and no finite verb in its
    # stretch of the sentence is the past tense (the tagger reads "agreed" as either)
    start = 0
    for k, t in enumerate([*tokens, Token(i=-1, text=".", start=0, end=0, tag="$.")]):
        if t.tag in ("$,", "$.", "KOUS", "KON") or k == len(tokens):
            stretch = tokens[start:k]
            if not any(u.tag in ("VVFIN", "VAFIN", "VMFIN") for u in stretch):
                # also an "-ed" word the tagger took for an adjective right after a noun phrase:
                # "police in Jericho confiscated weapons"
                parts = [u for j, u in enumerate(stretch) if u.tag == "VVPP" or (
                    u.tag == "ADJA" and u.norm.endswith("ed") and j > 0 and stretch[j - 1].tag in ("NN", "NE", "PPER"))]
                if parts and any(u.tag in ("NN", "NE", "PPER") for u in stretch if u.i < parts[0].i):
                    parts[0].tag, parts[0].ftag = "VVFIN", "VVD"
                    if not parts[0].verb_lemma:
                        parts[0].verb_lemma = parts[0].lemma = _past_lemma(parts[0])
            start = k + 1
    for k, t in enumerate(tokens):
        if not t.tag.startswith("VV"):
            continue
        for j in (k + 1, k + 2):  # "called off", "called the talks off" is rare in news
            if j < len(tokens) and tokens[j].tag == "PTKVZ":
                t.verb_lemma = f"{t.lemma.lower()} {tokens[j].norm}"
                break
            if j < len(tokens) and tokens[j].tag not in ("ADV",):
                break


def _past_lemma(t: Token) -> str:
    """The lemma of an "-ed" form the tagger read as an adjective: confiscated → confiscate."""
    w = t.norm
    if t.lemma and t.lemma.lower() != w:
        return t.lemma.lower()
    if w.endswith("ied"):
        return w[:-3] + "y"
    if len(w) > 4 and w[-3] == w[-4] and w[-3] not in "lsz":
        return w[:-3]  # "planned" → plan
    if w.endswith(_E_BASES):
        return w[:-1]  # "confiscated" → confiscate, "seized" → seize
    return w[:-2]  # "attacked" → attack


_E_BASES = ("ated", "ized", "ised", "uced", "ived", "osed", "ured", "aged", "ased", "ided", "uded", "oded", "ined",
            "aded", "ored", "iled", "oted", "uted", "ited", "yzed", "ysed", "nced", "rged", "dged")


_PARTICLE_TAGS = {"PTKVZ"}
# words that are separable particles when they close a clause after a finite verb ("sagte … zu")
_PARTICLE_WORDS = frozenset({"ab", "an", "auf", "aus", "bei", "ein", "fest", "fort", "her", "hin", "los", "mit",
                             "nach", "vor", "weg", "zu", "zurück", "zusammen", "dar", "frei", "bekannt", "fern",
                             "statt", "teil", "vorbei", "entgegen", "gegenüber", "hinzu", "heraus", "voran",
                             "nieder", "durch", "um", "über", "wieder"})
_CLAUSE_END = {"$,", "$.", "KOUS", "KON"}


def reunite_particles(tokens: list[Token]) -> None:
    """Give each finite full verb its separable particle: "setzte sich … ein" → einsetzen.

    The particle stands at the end of the verb's clause; a comma, a sentence end or a conjunction ends
    the search.
    """
    for k, t in enumerate(tokens):
        if t.tag.startswith("V"):
            t.verb_lemma = t.lemma
        if t.tag not in ("VVFIN", "VVIMP"):
            continue
        for j in range(k + 1, len(tokens)):
            u = tokens[j]
            if u.tag in _CLAUSE_END and not (u.tag == "KON" and not _finite_before_end(tokens, j)):
                break  # "lehnt die Mission und die Unabhängigkeit ab": "und" joins noun phrases
            last = j + 1 >= len(tokens) or tokens[j + 1].tag in _CLAUSE_END or tokens[j + 1].tag == "$("
            if u.tag in _PARTICLE_TAGS or (last and u.norm in _PARTICLE_WORDS and u.tag != "PTKVZ"):
                if u.tag != "PTKVZ" and u.norm not in _PARTICLE_WORDS:
                    break
                u.tag = "PTKVZ"
                t.verb_lemma = u.text.lower() + t.lemma
                break


def _finite_before_end(tokens: list[Token], j: int) -> bool:
    """Whether a finite verb follows position j before the clause ends (then "und" joins clauses)."""
    for u in tokens[j + 1:]:
        if u.tag in ("$,", "$."):
            return False
        if u.tag in ("VVFIN", "VAFIN", "VMFIN"):
            return True
    return False
