"""The quotation finder: direct, indirect, continued and reported speech with speaker and cue.

Works on the tokens, tags and clauses the earlier components made; reads the actor mentions to say
who a speaker is (``er`` resolved by coreference, "ein Sprecher des Kremls" → RUSGOV).

1. Direct: every pair of quotation marks that holds a quotation rather than a title or a name. Its
   frame is the clause after it (", sagte er", ", so der Minister"), the clause before a colon
   ("Der Minister sagte: „…“") or the clause around it ("nannte den Plan „Unsinn“"); a quotation
   that stands alone continues the quotation before it.
2. Indirect: a verb of saying with a dass- or ob-clause or a clause in Konjunktiv ("Er sagte, die
   Lage sei ernst"; "Die Lage sei ernst, sagte er"), "wie X sagte", and attribution frames (laut X,
   X zufolge, nach Angaben von X, "…, so X").
3. IndirectFreeIndirect: sentences in Konjunktiv that follow a quotation and have no frame of their own.
4. Reported: a verb of saying with a plain object ("Der Minister forderte ein Ende der Gewalt").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from chronik.events.clauses import Clause, analyse
from chronik.model import Document, Mention, Name, Quote, SentenceIndex, Span, Token
from chronik.quotes.lexicon import Cue, QuoteLexicon
from chronik.quotes.marks import MarkSpan, find_marks
from chronik.quotes.phrases import noun_phrase, subject
from chronik.text.grammar import GERMAN, Grammar

_FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
_END = frozenset({".", "!", "?", "…"})
_CONTENT_CONJ = frozenset({"dass", "ob", "daß"})
_ADDRESS_AN = frozenset({"appellieren", "schreiben", "richten", "wenden", "appelliert"})
_ADDRESS_DATIVE = frozenset({"sagen", "erklären", "mitteilen", "versichern", "versprechen", "zusagen", "schreiben",
                             "berichten", "antworten", "zurufen", "vorwerfen", "raten", "empfehlen", "drohen"})
_MENTION_RANK = {"name": 0, "role": 1, "group": 2, "capital": 3, "adjective": 4, "pronoun": 5}


@dataclass(slots=True)
class Frame:
    cue: list[int]  # token indices of the cue words
    speaker: tuple[int, int] | None
    frame: tuple[int, int] | None  # token range of the frame (may include the cue and speaker)
    medium: str


class QuoteFinder:
    name = "quotes"
    requires: tuple[str, ...] = ("doc.tokens", "doc.mentions")
    assigns: tuple[str, ...] = ("doc.quotes",)

    def __init__(self, lexicon: QuoteLexicon, grammar: Grammar = GERMAN) -> None:
        self.lex = lexicon
        self.grammar = grammar

    def __call__(self, doc: Document) -> Document:
        if not doc.tokens:
            doc.quotes = []
            return doc
        run = _Run(doc, self.lex, self.grammar)
        doc.quotes = run.find()
        return doc


class _Run:
    """The state of one document's analysis."""

    def __init__(self, doc: Document, lex: QuoteLexicon, grammar: Grammar = GERMAN) -> None:
        self.doc = doc
        self.lex = lex
        self.grammar = grammar
        self.toks = doc.tokens
        self.starts = [t.start for t in doc.tokens]
        self.clauses: dict[int, list[Clause]] = {}
        self.quotes: list[Quote] = []
        self.names = frozenset(k for n in doc.names for k in range(n.tok_start, n.tok_end))
        self.refers_to: dict[int, Span] = {}  # quotation → the words its speaker ("demnach") stands for
        self.latest: dict[int, Span] = {}  # quotation → the words that last named its speaker
        self._qindex: SentenceIndex[Quote] | None = None
        self.names_by_sent: dict[int, list[Name]] = {}
        for name in doc.names:  # names lie within one sentence (the name tagger reads sentence by sentence)
            self.names_by_sent.setdefault(doc.tokens[name.tok_start].sent, []).append(name)

    def subject(self, lo: int, hi: int, verb: int | None, outside: tuple[int, int] | None = None,
                clause: Clause | None = None) -> tuple[int, int] | None:
        """The speaker of a clause: its subject, or in a passive its agent ("von Musikkennern als
        „Meilensteine“ bezeichnet")."""
        if clause is not None and clause.passive and clause.lemma != "zitieren":  # "X wird zitiert": X spoke
            for k in range(lo, hi - 1):
                if self.toks[k].norm in ("von", "vom") and not (outside and outside[0] <= k < outside[1]):
                    end = noun_phrase(self.toks, k + 1, hi, names=self.names)
                    if end is not None:
                        return (k + 1, end)
            return None
        if clause is not None and clause.kind == "rel" and self.toks[clause.start].tag == "PRELS" and \
                self.toks[clause.start].norm in ("der", "die", "welcher", "welche") and clause.start >= 2:
            return self.antecedent(clause.start)  # "vom Fahrgastverband IGEB, der dies als „…“ sieht"
        return subject(self.toks, lo, hi, verb, outside, self.names, self.animate)

    def antecedent(self, rel: int) -> tuple[int, int] | None:
        """The noun phrase a relative pronoun refers to: the one that ends before its comma."""
        end = rel - 1 if self.toks[rel - 1].text == "," else rel
        lo = self.doc.sentences[self.toks[rel].sent].tok_start
        for a in range(max(lo, end - 12), end):
            if noun_phrase(self.toks, a, end, appositions=False, names=self.names) == end:
                return (a, end)
        return None

    def animate(self, np: tuple[int, int]) -> bool:
        """Whether a phrase names someone who can speak: a person's or group's name, a role, a pronoun."""
        a, b = np
        if any(k in self.names for k in range(a, b)) or self.toks[a].tag == "PPER":
            return True
        start, end = self.toks[a].start, self.toks[b - 1].end
        return any(start <= m.start and m.end <= end and m.kind in ("name", "role", "group", "pronoun")
                   for m in self.doc.mention_index().around(start, end))

    # ---- helpers ---------------------------------------------------------------------------------
    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def sentence_clauses(self, sent: int) -> list[Clause]:
        if sent not in self.clauses:
            s = self.doc.sentences[sent]
            self.clauses[sent] = analyse(self.toks, s.i, s.tok_start, s.tok_end, self.grammar)
        return self.clauses[sent]

    def span(self, a: int, b: int) -> Span:
        """The text of tokens a..b (exclusive) as a character span."""
        start, end = self.toks[a].start, self.toks[b - 1].end
        return Span(self.doc.text[start:end], start, end)

    def cue_of(self, i: int) -> Cue | None:
        t = self.toks[i]
        if not t.tag.startswith(("VV", "VA", "VM")):
            return None
        lemma = t.verb_lemma or t.lemma
        cue = self.lex.cues.get(lemma.casefold()) or self.lex.cues.get(t.lemma.casefold())
        if cue is None:
            return None
        if cue.particle_only or cue.with_words:  # "gab bekannt"; "nahm Stellung", "übte Kritik", "machte deutlich"
            s = self.doc.sentences[t.sent]
            if not (any(lemma.casefold().startswith(p) for p in cue.particle_only)
                    or any(w.norm in cue.with_words for w in self.toks[s.tok_start:s.tok_end])):
                return None
        return cue

    def clause_cue(self, c: Clause) -> tuple[int, Cue] | None:
        """The verb of saying of a clause: its full verb or a finite verb of saying."""
        order = ([c.main_verb] if c.main_verb is not None else []) + list(c.finite) + list(c.verbs)
        for i in order:
            cue = self.cue_of(i)
            if cue is not None and not (cue.reflexive and not c.reflexive):
                return i, cue
        return None

    def cue_tokens(self, c: Clause, verb: int) -> list[int]:
        """The verb and its separated particle ("gab … bekannt", "teilte … mit")."""
        out = [verb]
        for k in range(verb + 1, c.end):
            if self.toks[k].tag == "PTKVZ":
                out.append(k)
                break
        if self.toks[verb].tag == "VVPP" or self.toks[verb].tag == "VVINF":
            out = [k for k in c.finite if k != verb][:1] + out
        return sorted(out)

    def reported_form(self, i: int) -> bool:
        t = self.toks[i]
        if t.tag not in _FINITE:
            return False
        w = t.norm
        if w in self.lex.reported_forms:
            return True
        return self.konjunktiv1(i)

    def konjunktiv1(self, i: int) -> bool:
        """Konjunktiv I proper ("sei", "habe", "könne"), which only reported speech uses; not the
        Konjunktiv II of hypotheticals ("würde", "könnte")."""
        t = self.toks[i]
        lemma = t.lemma.casefold()
        first = i > 0 and self.toks[i - 1].norm == "ich"
        return t.tag in _FINITE and (t.norm in ("sei", "seien") or (not first and (
            (lemma.endswith("en") and t.norm == lemma[:-1])
            or (lemma.endswith(("eln", "ern")) and t.norm in (lemma[:-1] + "e", lemma[:-3] + lemma[-2] + "e")))))

    def quotes_near(self, start: int, end: int | None = None) -> list[Quote]:
        """The quotations found so far that touch the sentences of start..end, in the order found."""
        if self._qindex is None or self._qindex.size > len(self.quotes):
            self._qindex = SentenceIndex(self.doc, self.quotes)
        elif self._qindex.size < len(self.quotes):  # quotations are only ever added to the list
            self._qindex.extend(self.quotes[self._qindex.size:])
        return self._qindex.around(start, (end if end is not None else start + 1))

    def in_quote(self, i: int) -> Quote | None:
        for q in self.quotes_near(self.toks[i].start):
            if q.kind == "Direct" and q.start <= self.toks[i].start < q.end:
                return q
        return None

    # ---- the document ----------------------------------------------------------------------------
    def find(self) -> list[Quote]:
        self.direct()
        self.indirect()
        self.continued()
        self.inherit_speakers()
        self.resolve_speakers()
        self.quotes.sort(key=lambda q: (q.start, -q.end))
        return self.quotes

    # ---- direct quotations -----------------------------------------------------------------------
    def direct(self) -> None:
        spans = find_marks(self.doc.text, self.lex.marks)
        top = [m for m in spans if m.depth == 0]
        previous: Quote | None = None
        for m in top:
            q = self.direct_quote(m, previous)
            if q is not None:
                self.quotes.append(q)
                previous = q

    def direct_quote(self, m: MarkSpan, previous: Quote | None) -> Quote | None:
        a = self.tok_at(m.start)
        b = self.tok_at(m.end)
        if a >= len(self.toks) or b <= a + 1:
            return None
        inner = [t for t in self.toks[a + 1:b] if not t.is_punct]
        if not inner:
            return None
        s_open, s_close = self.toks[a].sent, self.toks[b - 1].sent
        sa, sb = self.doc.sentences[s_open], self.doc.sentences[s_close]
        before = [k for k in range(sa.tok_start, a) if not self.toks[k].is_punct]
        after = [k for k in range(b, sb.tok_end) if not self.toks[k].is_punct]
        before_frame = self.frame_before(a, sa.tok_start)
        after_frame = self.frame_after(b, sb.tok_end)
        frame = before_frame if before_frame is not None and before_frame.cue else (after_frame or before_frame)
        alone = not before and not after
        words = len(inner)
        has_verb = any(t.tag in _FINITE for t in inner)
        title = self.is_title(a, b, words, has_verb)
        rule = "direct"
        if frame is None and alone:
            if words < 3 and not has_verb:
                return None
            rule = "direct-alone"
        elif frame is None:
            rule = "direct-embedded"
            if title or not ((words >= 4 and has_verb) or (words >= 5 and inner[0].text[:1].islower()) or (
                    (inner[0].text[:1].islower() or self.evaluative(a)) and self.speech_context(s_open))):
                return None
            frame = self.frame_around(a, b, sa.tok_start, sb.tok_end)
        elif title and not frame.cue:
            return None  # "unter dem Motto: „…“": a frame without a verb of saying names, it does not quote
        q = Quote(text=self.doc.text[m.start:m.end], start=m.start, end=m.end, kind="Direct",
                  spans=[Span(self.doc.text[m.start:m.end], m.start, m.end)], sent=s_open, rule=rule,
                  medium=frame.medium if frame else "Speech")
        if frame is not None:
            self.apply_frame(q, frame)
            if after_frame is not None and after_frame is not frame and after_frame.speaker is not None:
                self.latest[id(q)] = self.span(*after_frame.speaker)  # "…: „A“, sagte er. „B“" → B is er's
        elif alone:
            self.alone_speaker(q, previous, s_open, s_close)
        return q

    def alone_speaker(self, q: Quote, previous: Quote | None, s_open: int, s_close: int) -> None:
        """A quotation that is a sentence of its own: the speaker of the quotation just before (the
        words that named them last), else the one the next sentence names ("„…“ Das sagte der
        Minister am Montag."), else the quotation a few sentences back, else the subject before."""
        near = previous is not None and previous.speaker_span is not None
        if near and previous is not None and s_open - previous.sent <= 1:
            q.speaker_span = self.latest.get(id(previous), previous.speaker_span)
            q.medium = previous.medium
            return
        nxt = self.next_names(s_close + 1)
        if nxt is not None:
            q.speaker_span = self.span(*self.whole_phrase(nxt))
        elif near and previous is not None and s_open - previous.sent <= 3:
            q.speaker_span = self.latest.get(id(previous), previous.speaker_span)
            q.medium = previous.medium
        elif s_open > 0:
            spk = self.previous_subject(s_open - 1)
            if spk is not None:
                q.speaker_span = self.span(*self.whole_phrase(spk, q))

    def next_names(self, sent: int) -> tuple[int, int] | None:
        """ "Das musste Finanzminister Steinbrück einräumen", "Das ist die Kernaussage einer Studie":
        a sentence that points back at a quotation with "Das"/"Dies" names its speaker."""
        if sent >= len(self.doc.sentences):
            return None
        s = self.doc.sentences[sent]
        first = self.toks[s.tok_start]
        if first.norm not in ("das", "dies", "diese", "dieser", "diesen", "so") or \
                first.tag not in ("PDS", "PDAT", "ADV"):
            return None
        finite = [k for k in range(s.tok_start, s.tok_end) if self.toks[k].tag in _FINITE]
        if not finite:
            return None
        return subject(self.toks, finite[0] + 1, s.tok_end, None, names=self.names)

    def previous_source(self, sent: int) -> tuple[int, int]:
        """Who "demnach" refers to: the speaker of a quotation in the sentence before, else its
        subject; an empty range when there is none."""
        for q in reversed(self.quotes):
            if q.sent == sent - 1 and q.speaker_span is not None:
                return (self.tok_at(q.speaker_span.start), self.tok_at(q.speaker_span.end))
        s = self.doc.sentences[sent - 1]
        for c in self.sentence_clauses(sent - 1):
            if c.kind == "main":
                np = self.subject(c.start, c.end, c.finite[0] if c.finite else None, clause=c)
                if np is not None:
                    return np
        return (s.tok_start, s.tok_start)

    def previous_subject(self, sent: int) -> tuple[int, int] | None:
        """The subject of a sentence's first main clause, if it names an actor (a speaker
        introduced before the quotation: "Der Minister war sichtlich bewegt. „…“")."""
        for c in self.sentence_clauses(sent):
            if c.kind != "main":
                continue
            verb = c.finite[0] if c.finite else None
            spk = self.subject(c.start, c.end, verb, clause=c)
            return spk if spk is not None and self.animate(spk) and self.toks[spk[0]].tag != "PPER" else None
        return None

    def speech_context(self, sent: int) -> bool:
        """Whether a sentence reports speech: a verb of saying, a verb in Konjunktiv, an attribution
        ("laut", "zufolge", "nach Angaben")."""
        s = self.doc.sentences[sent]
        toks = self.toks
        return any(self.cue_of(k) is not None or self.reported_form(k) or toks[k].norm in self.lex.before
                   or toks[k].norm in self.lex.after
                   or (toks[k].norm == "nach" and k + 1 < s.tok_end and toks[k + 1].norm in self.lex.nach_nouns)
                   for k in range(s.tok_start, s.tok_end))

    def evaluative(self, a: int) -> bool:
        """ "bezeichnete den Plan als „Wortbruch“", "sprach von einer „Gefahr für Leib und Leben“" """
        k = a - 1
        while k >= 0 and self.toks[k].tag in ("ART", "ADJA", "PIAT", "PPOSAT", "ADV"):
            k -= 1
        if k < 0:
            return False
        w = self.toks[k]
        # "von" and "vor" after a verb ("sprach von", "warnte vor"), not after a noun ("Chef von „Ener1“");
        # right after a verb of reported speech: "die Lage sei „dramatisch“"
        v = k - 1
        while v > 0 and self.toks[v].tag in ("ADV", "PAV", "PTKNEG"):
            v -= 1  # "sprach deshalb auch von …"
        return w.norm == "als" or self.reported_form(k) or (
            w.norm in ("von", "vor") and v >= 0 and self.toks[v].tag[:2] in ("VV", "VA"))

    def is_title(self, a: int, b: int, words: int, has_verb: bool) -> bool:
        """A quoted title or name: "der Film „…“", "die Zeitung „Focus“", "(Motto: „…“)"."""
        prev = self.toks[a - 1] if a > 0 else None
        if prev is not None and prev.text == ":" and a > 1:
            prev = self.toks[a - 2]  # "Motto: „…“", "kurz: „IG Bau“"
            if prev.norm not in self.lex.title_words:
                return False
        if prev is not None and prev.norm in self.lex.title_words and words <= 12:
            return True  # "Sarrazins Buch „Deutschland schafft sich ab“"
        if words > 6 or has_verb:
            return False
        if words == 1 and any(ch.isdigit() or ch == "." for ch in self.toks[a + 1].text) and b == a + 3:
            return True  # "laut „news.bbc.co.uk“", "„Muslix64“"
        nxt = self.toks[b] if b < len(self.toks) else None
        if nxt is not None and nxt.norm in self.lex.title_words:
            return True  # "auch „Bonus View“ genannt"
        if nxt is not None and nxt.text == "," and b + 2 < len(self.toks) and self.toks[b + 1].norm == "so" \
                and self.toks[b + 2].norm in ("heißt", "hieß"):
            return True  # "„Wikiasari“, so heißt ein Projekt"
        if prev is None:
            return False
        first = self.toks[a + 1]
        if (prev.tag == "APPRART" or prev.norm in ("der", "die", "das", "des", "dem", "den")) and \
                first.text[:1].isupper() and first.tag in ("NE", "NN", "FM", "ADJA") and not self.evaluative(a):
            return True  # "die „Neue Zürcher Zeitung“", not "sprach von einer „Katastrophe“"
        # "laut „tagesschau.de“", "von „Ärzte ohne Grenzen“": a name the tagger or the dictionary knows
        named = a + 1 in self.names or any(m.tok_start == a + 1 and m.kind == "name"
                                           for m in self.doc.mention_index().sentence(self.toks[a + 1].sent))
        return named and prev.norm != "als"

    def frame_after(self, b: int, hi: int) -> Frame | None:
        """ "…“, sagte er." / "…“, so der Minister." / "…“, heißt es in der Erklärung." """
        k = b
        if k < hi and self.toks[k].text == ",":
            k += 1
        elif not (b >= 2 and self.toks[b - 2].text in _END):
            return None  # "„A Bigger Bang“ sahen …": without a comma the quotation is part of the clause
        if k >= hi:
            return None
        end = k
        while end < hi and self.toks[end].text not in (",", ":", ";", ".", "!", "?") and \
                self.toks[end].text not in self.lex.marks:
            end += 1
        t = self.toks[k]
        if t.norm == "so" and k + 1 < end:
            np = _phrase(self.toks, k + 1, end)
            if np is not None:
                return Frame([k], np, (k, max(np[1], end)), "SW")
        if t.norm == "wie" and k + 1 < end:
            return self.verb_frame(k, end, after_quote=True)
        if t.tag in _FINITE or t.tag.startswith("VV"):
            return self.verb_frame(k, end, after_quote=True)
        if t.tag in ("APPR", "APPRART", "ADV") and any(self.cue_of(j) for j in range(k, min(end, k + 6))):
            return self.verb_frame(k, end, after_quote=True)  # "…“, mit diesen Worten meldete er sich"
        return None

    def verb_frame(self, lo: int, hi: int, after_quote: bool = False) -> Frame | None:
        sent = self.toks[lo].sent
        for c in self.sentence_clauses(sent):
            if c.start <= lo < c.end or (lo <= c.start < hi):
                found = self.clause_cue(c)
                if found is None:
                    continue
                verb, cue = found
                lo2, hi2 = max(c.start, lo), min(max(c.end, hi), hi) if after_quote else c.end
                spk = self.source_in(lo2, hi2) if cue.impersonal else self.subject(lo2, hi2, verb, clause=c)
                if spk is None and not cue.impersonal:
                    spk = self.shared_subject(c)
                return Frame(self.cue_tokens(c, verb), spk, (lo2, hi2), cue.medium)
        return None

    def shared_subject(self, c: Clause) -> tuple[int, int] | None:
        """ "…, biss den Fluggast und rief: …": a coordinated clause shares the subject before it."""
        for other in reversed(self.sentence_clauses(c.sent)):
            if other.end <= c.start and other.kind == "main":
                verb = other.finite[0] if other.finite else None
                return self.subject(other.start, other.end, verb)
        return None

    def source_in(self, lo: int, hi: int) -> tuple[int, int] | None:
        """ "In der Erklärung heißt es", "heißt es in einem Bericht der Zeitung": the document speaks."""
        for k in range(lo, hi - 1):
            if self.toks[k].norm in ("in", "im", "von", "vom", "aus", "seitens", "beim", "bei") and \
                    self.toks[k].tag in ("APPR", "APPRART"):
                end = noun_phrase(self.toks, k + 1, hi)
                if end is not None:
                    return (k + 1, end)
        return None

    def frame_before(self, a: int, lo: int) -> Frame | None:
        """ "Der Minister sagte: „…“" / "Ein Sprecher: „…“" """
        k = a - 1
        if k < lo or self.toks[k].text != ":":
            return None
        start = k
        while start > lo and self.toks[start - 1].text not in (".", ";", "!", "?") and \
                self.toks[start - 1].text not in self.lex.closers:
            start -= 1
        if start >= k:
            return None
        frame = self.verb_frame(start, k)
        if frame is not None and frame.frame is not None:
            frame.frame = (frame.frame[0], k + 1)
            return frame
        finite = [j for j in range(start, k) if self.toks[j].tag in _FINITE]
        np = self.subject(start, k, finite[0] if finite else None)
        return Frame([], np, (start, k + 1), "Speech") if np else None

    def frame_around(self, a: int, b: int, lo: int, hi: int) -> Frame | None:
        """A quotation inside a sentence with a verb of saying: "nannte den Plan „Unsinn“"; the clause
        that holds the quotation first, else the nearest one before it, else after it."""
        sent = self.toks[a].sent
        found: list[tuple[int, Clause, int, Cue]] = []
        for c in self.sentence_clauses(sent):
            cue_found = self.clause_cue(c)
            if cue_found is None or a <= cue_found[0] < b or c.end <= lo or c.start >= hi:
                continue
            verb, cue = cue_found
            rank = 0 if c.start <= a < c.end and c.kind != "rel" else 1 if c.end <= a else 2 if c.kind != "rel" else 3
            found.append((rank, c, verb, cue))
        if not found:
            return None
        rank, c, verb, cue = min(found, key=lambda f: (f[0], abs(f[2] - a)))
        if cue.impersonal:
            spk = self.source_in(c.start, c.end)
        else:
            spk = self.subject(c.start, c.end, verb, outside=(a, b), clause=c) or self.shared_subject(c)
        s = self.doc.sentences[sent]
        return Frame(self.cue_tokens(c, verb), spk, (s.tok_start, s.tok_end), cue.medium)

    def apply_frame(self, q: Quote, fr: Frame) -> None:
        q.cue = [self.span(k, k + 1) for k in fr.cue]
        q.medium = fr.medium
        if fr.speaker is not None:
            q.speaker_span = self.span(*self.whole_phrase(fr.speaker, q))
        if fr.frame is not None:
            q.frame = self._outside(fr.frame, q)
            if fr.cue:
                q.addressee = self.addressee(fr.frame, fr.cue[0], fr.speaker, q)

    def addressee(self, rng: tuple[int, int], cue: int, speaker: tuple[int, int] | None, q: Quote) -> Span | None:
        """Whom the words were addressed to: "gegenüber der ARD", "appellierte an die Regierung",
        "sagte dem Sender", "versicherte seinen Anhängern"."""
        toks = self.toks
        lo, hi = rng
        for k in range(lo, hi - 1):
            if q.start <= toks[k].start < q.end or (speaker and speaker[0] <= k < speaker[1]):
                continue
            t = toks[k]
            start = None
            if t.norm == "gegenüber" or (t.norm == "an" and toks[cue].lemma.casefold() in _ADDRESS_AN):
                start = k + 1
            elif k > cue and t.norm in ("dem", "einem", "seinen", "ihren", "seinem", "ihrem") and \
                    toks[k - 1].tag not in ("APPR", "APPRART") and toks[cue].lemma.casefold() in _ADDRESS_DATIVE:
                start = k
            if start is None or start >= hi:
                continue
            end = noun_phrase(toks, start, hi, appositions=False, names=self.names)
            if end is not None and not (q.start <= toks[end - 1].start < q.end):
                return self.span(start, end)
        return None

    def whole_phrase(self, np: tuple[int, int], q: Quote | None = None) -> tuple[int, int]:
        """A speaker phrase with what the clause split cut off: an apposition after a comma
        ("Milovan Rajevac, der Trainer Ghanas"), the rest of a name the tagger found."""
        a, b = np
        s = self.doc.sentences[self.toks[a].sent]
        hi = s.tok_end
        if q is not None and q.start > self.toks[a].start:
            hi = min(hi, self.tok_at(q.start))
        end = noun_phrase(self.toks, a, hi, names=self.names)
        if end is not None and end > b:
            b = end
        for name in self.names_by_sent.get(self.toks[a].sent, ()):
            if name.tok_start < b <= name.tok_end - 1 and name.tok_end <= hi:
                b = name.tok_end
        return a, b

    def _outside(self, rng: tuple[int, int], q: Quote) -> list[Span]:
        """The frame's tokens outside the quotation, as spans, without edge punctuation."""
        keep = [k for k in range(*rng) if not (q.start <= self.toks[k].start < q.end)]
        out: list[Span] = []
        run: list[int] = []
        for k in [*keep, -1]:
            if run and (k != run[-1] + 1):
                while run and self.toks[run[-1]].is_punct and self.toks[run[-1]].text != "“":
                    run.pop()
                while run and self.toks[run[0]].is_punct:
                    run.pop(0)
                if run:
                    out.append(self.span(run[0], run[-1] + 1))
                run = []
            if k >= 0:
                run.append(k)
        return out

    # ---- indirect speech -------------------------------------------------------------------------
    def indirect(self) -> None:
        for s in self.doc.sentences:
            if any(q.kind == "Direct" and q.sent == s.i and self._covers_sentence(q, s.i)
                   for q in self.quotes_near(s.start, s.end)):
                continue
            clauses = self.sentence_clauses(s.i)
            found = self.content_clauses(s.i, clauses) or self.attribution(s.i) or self.reported(s.i, clauses)
            self.quotes.extend(found)

    def _covers_sentence(self, q: Quote, sent: int) -> bool:
        s = self.doc.sentences[sent]
        return q.start <= self.toks[s.tok_start].start + 2 and q.end >= self.toks[s.tok_end - 1].end - 2

    def _sentence_end(self, sent: int) -> int:
        s = self.doc.sentences[sent]
        end = s.tok_end
        while end > s.tok_start and (self.toks[end - 1].text in _END or (self.toks[end - 1].text in self.lex.closers
                                     and self.toks[end - 2].text in _END)):
            end -= 1
        return end

    def content_clauses(self, sent: int, clauses: list[Clause]) -> list[Quote]:
        out: list[Quote] = []
        end = self._sentence_end(sent)
        for c in clauses:
            if self.toks[c.start].norm == "wonach" and c.start + 1 < end:
                # "Medienberichte, wonach Zeugen eine Explosion gehört haben"
                a, b = self._trim(c.start + 1, end)
                if b > a:
                    q = self._make("Indirect", [(a, b)], sent, "indirect-wonach", "SW")
                    q.cue = [self.span(c.start, c.start + 1)]
                    spk = self.antecedent(c.start)
                    if spk is not None:
                        q.speaker_span = self.span(*spk)
                    return [q]
        for n, c in enumerate(clauses):
            found = self.clause_cue(c)
            if found is None or self.in_quote(found[0]) is not None:
                continue
            verb, cue = found
            spk = self.source_in(c.start, c.end) if cue.impersonal else self.subject(c.start, c.end, verb, clause=c)
            nxt = clauses[n + 1] if n + 1 < len(clauses) else None
            rng: list[tuple[int, int]] = []
            if c.kind == "sub" and c.conj == "wie":  # "wie der Sprecher sagte", before or inside
                rng = [r for r in ((clauses[0].start, c.start), (c.end, end)) if r[1] > r[0]]
            elif nxt is not None and ((nxt.kind == "sub" and nxt.conj in _CONTENT_CONJ) or (
                    nxt.kind == "main" and any(self.reported_form(k) for k in nxt.finite))
                    or (nxt.kind == "inf" and not cue.needs_content)):  # "kündigte an, … zu reformieren"
                rng = [(nxt.start, self.content_end(clauses, n + 1, end))]
            elif n > 0 and c.v1 and (spk is not None or cue.impersonal) and any(
                    self.reported_form(k) for k in clauses[n - 1].finite) and clauses[0].kind == "main":
                rng = [(clauses[0].start, c.start)]
            if not rng:
                continue
            rng = [(a, b) for a, b in (self._trim(a, b) for a, b in rng) if b > a]
            if not rng or any(self.in_quote(a) and self.in_quote(b - 1) for a, b in rng):
                continue
            frame = (min(c.start, rng[0][0]) if c.end <= rng[0][0] else c.start, c.end)
            q = self._make("Indirect", rng, sent, "indirect-" + (c.conj or "clause"), cue.medium)
            self.apply_frame(q, Frame(self.cue_tokens(c, verb), spk, frame, cue.medium))
            if c.end <= rng[0][0]:
                q.frame = self._outside((c.start, rng[0][0]), q)
            out.append(q)
            break
        return out

    def content_end(self, clauses: list[Clause], first: int, end: int) -> int:
        """Where what was said ends: at a semicolon, or where the speaker's own sentence goes on
        ("…, dass er nicht schuldig sei, legte aber keine Beweise vor")."""
        for c in clauses[first + 1:]:
            if c.start >= end:
                break
            if self.toks[c.start - 1].text == ";" or (c.kind == "main" and c.v1 and c.coordinated):
                return c.start
        return end

    def _trim(self, a: int, b: int) -> tuple[int, int]:
        while a < b and self.toks[a].is_punct:
            a += 1
        while b > a and self.toks[b - 1].is_punct and self.toks[b - 1].text not in self.lex.closers:
            b -= 1
        return a, b

    def _make(self, kind: str, rng: list[tuple[int, int]], sent: int, rule: str, medium: str) -> Quote:
        spans = [self.span(a, b) for a, b in rng]
        text = " ".join(s.text for s in spans)
        return Quote(text=text, start=spans[0].start, end=spans[-1].end, kind=kind, spans=spans, sent=sent,
                     rule=rule, medium=medium)

    def attribution(self, sent: int) -> list[Quote]:
        """ "Laut Polizei …", "Der Polizei zufolge …", "Nach Angaben der Polizei …", "…, so der Sprecher." """
        s = self.doc.sentences[sent]
        end = self._sentence_end(sent)
        toks = self.toks
        if not any(toks[k].tag in _FINITE for k in range(s.tok_start, end)):
            return []
        for k in range(s.tok_start, end):
            t = toks[k]
            np: tuple[int, int] | None = None
            frame: tuple[int, int] | None = None
            cue = [k]
            if t.norm in self.lex.before and k + 1 < end:
                np = _phrase(toks, k + 1, end)
                frame = (k, np[1]) if np else None
            elif t.norm in self.lex.after and k > s.tok_start:
                np = self._phrase_before(k, s.tok_start)
                frame = (np[0], k + 1) if np else None
            elif t.norm == "nach" and k + 2 < end and self.source_noun(k + 1, end) is not None:
                noun = self.source_noun(k + 1, end)
                assert noun is not None
                j = noun + 1
                if toks[j].norm == "von":
                    j += 1
                np = _phrase(toks, j, end) if toks[j].tag in ("ART", "NE", "NN", "PPOSAT") else None
                np = (k + 1, np[1]) if np else (k + 1, noun + 1)  # "nach Angaben der Polizei", "nach Expertenmeinung"
                frame = (k, np[1])
            elif t.norm == "nach" and k > s.tok_start and toks[k - 1].norm in self.lex.nach_nouns and \
                    toks[k - 2].tag in ("PPOSAT", "ART", "NE"):  # "seiner Meinung nach"
                np = (k - 2, k)
                frame = (k - 2, k + 1)
            elif t.norm == "so" and k > s.tok_start and toks[k - 1].text == "," and k + 1 < end:
                np = _phrase(toks, k + 1, end)  # "…, so der Sprecher." / "…, so Gall (weiter), …"
                after = np[1] if np else 0
                if np is not None and after < end and toks[after].norm in ("weiter", "abschließend"):
                    after += 1
                if np is not None and after >= end - 1:
                    frame = (k, end)
                elif np is not None and after < end and toks[after].text == ",":
                    frame = (k - 1, after + 1)
                elif np is not None and after < end and toks[after].tag in ("APPR", "APPRART") and \
                        noun_phrase(toks, after + 1, end, appositions=False) == end:
                    frame = (k, end)  # "…, so der Minister gegenüber der ARD."
                else:
                    np = None
            elif t.norm in self.lex.adverbs and k == s.tok_start and s.i > 0:
                np = (k, k + 1)  # "Demnach ist Jackson …": the adverb names the source, the one before
                frame = (k, k + 1)
            elif t.norm == "für" and k == s.tok_start and any(self.reported_form(j) for j in range(k, end)):
                np = _phrase(toks, k + 1, end)  # "Für den Theologen Hans Küng sei der Rücktritt verständlich"
                frame = (k, np[1]) if np else None
            if np is None or frame is None:
                continue
            if frame[1] == np[1] and np[1] > np[0]:  # "Nach Angaben von Peter Beck, dem Dekan, …"
                whole = self.whole_phrase(np)
                if whole[1] < end:
                    np, frame = whole, (frame[0], whole[1])
            fa, fb = frame
            rng = [r for r in (self._trim(s.tok_start, fa), self._trim(fb, end)) if r[1] > r[0]]
            if not rng or sum(b - a for a, b in rng) < 3 or all(self.in_quote(a) for a, _ in rng):
                continue  # '"Wir lassen uns nicht erpressen", so der Minister': the direct quotation's frame
            q = self._make("Indirect", rng, sent, "indirect-frame-" + t.norm, "SW")
            q.cue = [self.span(c, c + 1) for c in cue]
            q.speaker_span = self.span(*self.whole_phrase(np, q))
            if t.norm in self.lex.adverbs:
                q.cue = []
                source = self.previous_source(s.i)
                if source[1] > source[0]:
                    self.refers_to[id(q)] = self.span(*source)
            q.frame = [self.span(fa, fb)]
            return [q]
        return []

    def source_noun(self, i: int, end: int) -> int | None:
        """ "Angaben", "palästinensischen Angaben", "seiner Meinung", "Expertenmeinung" after "nach":
        the index of the noun that makes "nach" an attribution."""
        j = i
        while j < end and self.toks[j].tag in ("ADJA", "PPOSAT", "ART") and j - i < 3:
            j += 1
        if j >= end or self.toks[j].tag != "NN":
            return None
        w = self.toks[j].norm
        if w in self.lex.nach_nouns or any(len(n) >= 6 and w.endswith(n) for n in self.lex.nach_nouns):
            return j
        return None

    def _phrase_before(self, k: int, lo: int) -> tuple[int, int] | None:
        for a in range(max(lo, k - 8), k):
            end = noun_phrase(self.toks, a, k)
            if end == k:
                return (a, k)
        return None

    def reported(self, sent: int, clauses: list[Clause]) -> list[Quote]:
        """ "Der Minister forderte ein Ende der Gewalt." """
        s = self.doc.sentences[sent]
        for c in clauses:
            found = self.clause_cue(c)
            if found is None:
                continue
            verb, cue = found
            if not cue.reported or cue.impersonal or self.in_quote(verb) is not None:
                continue
            if cue.reported_prep and not any(t.norm == cue.reported_prep for t in self.toks[c.start:c.end]):
                continue
            spk = self.subject(c.start, c.end, verb)
            if spk is None or self.toks[spk[0]].norm in ("es", "man"):
                continue
            if c.kind == "main":
                rng = (s.tok_start, s.tok_end)
            else:
                rng = (c.start, c.end)
                while rng[1] > rng[0] and self.toks[rng[1] - 1].is_punct:
                    rng = (rng[0], rng[1] - 1)
            q = self._make("Reported", [rng], sent, "reported", cue.medium)
            q.speaker_span = self.span(*self.whole_phrase(spk, q))
            return [q]
        return []

    # ---- continued indirect speech ----------------------------------------------------------------
    def continued(self) -> None:
        """Sentences that report speech without a frame of their own continue the quotation before
        them (Konjunktiv: IndirectFreeIndirect; reportive "soll … haben": FreeIndirect); the speaker is
        that quotation's, or the subject of the sentence before ("Larson gab sich optimistisch. Man
        sei für die Zukunft besser aufgestellt.")."""
        by_sent: dict[int, list[Quote]] = {}
        for q in self.quotes:
            by_sent.setdefault(q.sent, []).append(q)
        last: Quote | None = None
        added: list[Quote] = []
        for s in self.doc.sentences:
            own = [q for q in by_sent.get(s.i, []) if q.kind != "Direct" or q.cue or q.rule != "direct-embedded"]
            if own:  # a partial quotation without a frame ("Jeder könne „…“") does not end the chain
                last = max(own, key=lambda q: (q.end, q.kind != "Direct"))
                continue
            if any(q.kind == "Direct" and q.start <= s.start and s.end <= q.end
                   for q in self.quotes_near(s.start, s.end)):
                continue  # a sentence inside a quotation that runs over several sentences
            main = [c for c in self.sentence_clauses(s.i) if c.kind == "main"]
            finite = [k for c in main for k in c.finite]
            if any(self.reportive(c) for c in main):
                kind = "FreeIndirect"
            elif any(self.konjunktiv1(k) for k in finite) or (
                    last is not None and last.kind in ("Indirect", "IndirectFreeIndirect")
                    and any(self.reported_form(k) for k in finite)):
                kind = "IndirectFreeIndirect"  # Konjunktiv II ("würde", "hätte") only right after indirect speech
            else:
                if last is not None and s.i - last.sent > 1:
                    last = None
                continue
            speaker = last.speaker_span if last is not None and s.i - last.sent <= 1 else None
            if speaker is None and s.i > 0:  # "Der Iran streitet dies ab. Sein Programm diene …"
                spk = self.previous_subject(s.i - 1)
                speaker = self.span(*self.whole_phrase(spk)) if spk else None
            if speaker is None and last is not None and s.i - last.sent <= 4:
                speaker = last.speaker_span
            if speaker is None and kind == "FreeIndirect":
                continue
            q = self._make(kind, [(s.tok_start, s.tok_end)], s.i, "continued",
                           last.medium if last is not None else "SW")
            q.speaker_span = speaker
            added.append(q)
            last = q
        self.quotes.extend(added)

    def reportive(self, c: Clause) -> bool:
        """ "Er soll das Geld angenommen haben": "sollen" with a perfect infinitive reports a claim."""
        if not any(self.toks[k].norm in ("soll", "sollen") for k in c.finite):
            return False
        return any(t.tag == "VAINF" and t.norm in ("haben", "sein") for t in self.toks[c.start:c.end])

    def inherit_speakers(self) -> None:
        """A quotation without a frame inside an indirect one is the same speaker's; else the
        speaker of the quotation before it, if that is near."""
        ordered = sorted(self.quotes, key=lambda q: q.start)
        for n, q in enumerate(ordered):
            if q.kind != "Direct" or (q.speaker_span is not None and q.rule != "direct-embedded"):
                continue
            outer = [o for o in ordered if o is not q and o.start <= q.start and q.end <= o.end + 1
                     and o.speaker_span is not None and o.kind != "Reported"]
            if outer:  # "sagte, Lösungen müssten „in der Region“ gefunden werden": the indirect quote's frame
                q.speaker_span = outer[0].speaker_span
                q.cue = list(outer[0].cue)
                q.nested = True
                continue
            if q.speaker_span is not None:
                continue
            prev = [o for o in ordered[:n] if o.speaker_span is not None and q.sent - o.sent <= 2]
            if prev:
                q.speaker_span = prev[-1].speaker_span

    # ---- speakers as actors ----------------------------------------------------------------------
    def resolve_speakers(self) -> None:
        """The actor each speaker is: the best coded mention inside the words naming it (a pronoun's
        mention carries what coreference resolved it to)."""
        mentions = self.doc.mention_index()
        for q in self.quotes:
            sp = self.refers_to.get(id(q), q.speaker_span)
            if sp is not None:
                q.speaker = _best_mention([m for m in mentions.around(sp.start, sp.end)
                                           if sp.start <= m.start and m.end <= sp.end])


def _phrase(tokens: list[Token], i: int, hi: int) -> tuple[int, int] | None:
    end = noun_phrase(tokens, i, hi, appositions=False)
    return (i, end) if end is not None else None


def _best_mention(ms: list[Mention]) -> Mention | None:
    """The mention that says best who speaks: a name before a role; of roles the most specific code
    ("der Sprecher des US-Aussenministeriums" → USAGOV, not the bare USA of "Sprecher")."""
    coded = [m for m in ms if m.actor.code]
    if not coded:
        return None
    return min(coded, key=lambda m: (_MENTION_RANK.get(m.kind, 9), -len(m.actor.code or ""), m.start))
