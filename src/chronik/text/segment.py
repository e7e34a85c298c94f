"""Sentence and token segmentation with character offsets, for German and English news.

Handles abbreviations (Dr., u.a., z.B.), ordinals (14. Juli), hyphenated compounds
(US-Aussenminister), numbers with Swiss apostrophes (50'000), every quote mark (« » „ “ " ‚ ‘) and
line breaks (headlines and paragraphs end a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chronik.model import Document, Sentence, Token
from chronik.text.normalize import norm

# A token is a URL, a truncated word ("Fraktions- und Parteichefs"), a word (letters/digits joined by
# hyphens, apostrophes, dots or ampersands inside the word; with its hyphen when it is truncated), an
# ellipsis, or any single other character. Every alternative consumes at least one character and none
# nests a quantifier inside a quantifier, so matching is linear in the text; a word is read once (the
# truncation hyphen is an optional tail, not an alternative that reads the word again).
_TOKEN_RE = re.compile(
    r"""https?://[^\s«»„“”"<>]+
      | \d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w) | \d+,\d+(?!\w)
      | \w+(?:[-‐'’.&]\w+)*(?:[-‐](?=,?\s+(?:und|oder|bis|sowie|wie|bzw\.?)\s))?
      | \.\.\.|…
      | \S""",
    re.VERBOSE,
)

# "Struck.Gleichzeitig": a sentence end with the space after it lost (web texts); not a domain or "z.B."
_GLUED_END = re.compile(r"^(\w*[a-zäöüß]{2})\.([A-ZÄÖÜ][a-zäöüß]{2,}\w*)$")

_MEMO_LIMIT = 200_000
_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")

QUOTE_CHARS = frozenset("«»„“”\"‚‘‹›'")
OPENING_QUOTES = frozenset("«„“‚‹\"")
_SENT_END = frozenset({".", "!", "?", "…", "..."})
_CLOSERS = frozenset({")", "]", "»", "“", "”", "\"", "’", "‘", "›", "'"})

# Words after an ordinal number: "am 14. Juli", "im 19. Jahrhundert", "zum 3. Mal".
_MONTHS = {
    "januar", "jänner", "februar", "feber", "märz", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "dezember", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept",
    "okt", "nov", "dez",
}
_AFTER_ORDINAL = _MONTHS | {
    "jahrhundert", "jahrhunderts", "jahrestag", "mal", "platz", "runde", "stock", "etage", "klasse",
    "lebensjahr", "geburtstag", "spieltag", "wahlgang", "bundestag", "legislaturperiode", "amendment",
    "armee", "division", "brigade", "kompanie", "parteitag", "tag", "woche", "sitzung", "kongress",
}


MAX_SENTENCE = 200
HARD_MAX_SENTENCE = 250

class Segmenter:
    """Splits a document into sentences and tokens. Stateless apart from its abbreviation list."""

    name = "segmenter"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("doc.tokens", "doc.sentences")

    def __init__(self, abbreviations: Iterable[str], clitics: Iterable[str] = ()) -> None:
        # sentences are cut after MAX_SENTENCE tokens at a comma or dash, after HARD_MAX_SENTENCE anywhere:
        # the longest of 12,900 Wikinews sentences has 128 tokens, and every later stage reads sentence by
        # sentence, so the cost of a document stays linear in its length
        self.abbreviations = frozenset(norm(a.rstrip(".")) for a in abbreviations)
        # longest first: "n't" before "t"; matched case-insensitively at the end of a word
        self.clitics = tuple(sorted({c.lower() for c in clitics}, key=len, reverse=True))
        self._norms: dict[str, str] = {}  # token → norm (memo, bounded)

    def __call__(self, doc: Document) -> Document:
        doc.tokens = self.tokenize(doc.text)
        doc.sentences = self.split(doc.text, doc.tokens)
        return doc

    def tokenize(self, text: str) -> list[Token]:
        raw: list[tuple[str, int, int]] = []
        for m in _TOKEN_RE.finditer(text):
            glued = _GLUED_END.match(m.group())
            clitic = self._clitic(m.group())
            if clitic:  # "Russia's" → Russia + 's, "didn't" → did + n't
                cut = m.end() - len(clitic)
                raw += [(text[m.start():cut], m.start(), cut), (text[cut:m.end()], cut, m.end())]
            elif glued:
                a, b = m.start(), m.start() + len(glued.group(1))
                raw += [(glued.group(1), a, b), (".", b, b + 1), (glued.group(2), b + 1, m.end())]
            else:
                raw.append((m.group(), m.start(), m.end()))
        out: list[tuple[str, int, int]] = []
        i = 0
        while i < len(raw):
            tok, start, end = raw[i]
            nxt = raw[i + 1] if i + 1 < len(raw) else None
            # attach a dot that belongs to the word: abbreviation, initial, ordinal
            if nxt is not None and nxt[0] == "." and nxt[1] == end and self._keeps_dot(tok, raw, i):
                tok, end = tok + ".", nxt[2]
                i += 1
            out.append((tok, start, end))
            i += 1
        tokens = []
        for n, (tok, start, end) in enumerate(out):
            space_after = end < len(text) and text[end].isspace()
            tokens.append(Token(i=n, text=tok, start=start, end=end, norm=self._norm(tok), space_after=space_after))
        return tokens

    def _norm(self, tok: str) -> str:
        try:
            return self._norms[tok]
        except KeyError:
            if len(self._norms) >= _MEMO_LIMIT:
                self._norms.clear()
            key = self._norms[tok] = norm(tok)
            return key

    def _clitic(self, word: str) -> str:
        low = word.lower()
        for c in self.clitics:
            if low.endswith(c) and len(low) > len(c) + 1:
                return c
        return ""

    def _keeps_dot(self, word: str, raw: list[tuple[str, int, int]], i: int) -> bool:
        key = norm(word)
        if key in self.abbreviations:
            return True
        if len(word) == 1 and word.isalpha() and word.isupper():
            return True  # an initial: John F. Kennedy
        if _ROMAN.match(word) and i > 0 and raw[i - 1][0][:1].isupper() and i + 2 < len(raw) \
                and not raw[i + 2][0][:1].isupper():
            return True  # Benedikt XVI. „ist und bleibt …“, Ludwig XIV. hatte
        if "." in word and word.replace(".", "").isalpha():
            return True  # u.a., z.B., U.S.
        if word.isdigit() and len(word) <= 2:
            after = raw[i + 2][0] if i + 2 < len(raw) else ""
            if norm(after).rstrip(".") in _AFTER_ORDINAL or after[:1].islower() or after.isdigit():
                return True  # am 14. Juli, am 3. dieses Monats, 14. 7. 2016
        return False

    def split(self, text: str, tokens: list[Token]) -> list[Sentence]:
        sentences: list[Sentence] = []
        begin = 0
        n = len(tokens)
        for k, tok in enumerate(tokens):
            end_here = False
            if k + 1 == n:
                end_here = True
            else:
                nxt = tokens[k + 1]
                gap = text[tok.end:nxt.start]
                if "\n" in gap:
                    end_here = True
                elif tok.text in _SENT_END or (
                        tok.text in _CLOSERS and k > 0 and tokens[k - 1].text in _SENT_END):
                    if nxt.text in _CLOSERS and not gap:
                        end_here = False  # the closing quote still belongs to this sentence
                    elif (gap or (tok.text == "." and _GLUED_END.match(tokens[k - 1].text + "." + nxt.text))) and (
                            nxt.text[:1].isupper() or nxt.text[:1].isdigit()
                                  or nxt.text in OPENING_QUOTES or nxt.text == "("):
                        end_here = True
            if not end_here and _ends_dateline(tokens, begin, k):
                end_here = True  # "Genf (sda) Die Aussenminister …": the dateline is no part of the sentence
            if not end_here and k + 1 - begin >= MAX_SENTENCE and (
                    tok.text in (",", ";", ":", "–", "-") or k + 1 - begin >= HARD_MAX_SENTENCE):
                end_here = True  # a run-on "sentence" (a list, a table, text without punctuation)
            if end_here:
                first, last = tokens[begin], tok
                idx = len(sentences)
                for t in tokens[begin:k + 1]:
                    t.sent = idx
                sentences.append(Sentence(i=idx, start=first.start, end=last.end, tok_start=begin,
                                          tok_end=k + 1, text=text[first.start:last.end]))
                begin = k + 1
        return sentences


def _ends_dateline(tokens: list[Token], begin: int, k: int) -> bool:
    """Whether token k closes an agency dateline at the start of a sentence: "Genf (sda)",
    "Berlin (dpa) –", "Moskau, 14. Juli (Reuters) -"."""
    tok = tokens[k]
    if k - begin > 8 or k + 1 >= len(tokens):
        return False
    if tok.text != ")" or k - begin < 2 or tokens[k - 2].text != "(":
        return False
    agency = tokens[k - 1].text
    nxt = tokens[k + 1]
    return (len(agency) <= 12 and "/" not in agency[:1] and tokens[begin].text[:1].isupper()
            and (nxt.text[:1].isupper() or nxt.text in ("-", "–", "—")))
