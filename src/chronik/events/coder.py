"""The event coder: patterns matched in clauses, arguments picked by role, mode, place and date.

For every clause of a sentence the coder tries the verb patterns of its full verb and the noun
patterns of its nouns. A pattern says where its source and target come from (subject, object, a
preposition, a genitive, a possessive, the place, the previous sentence); the clause says how the
event is presented (asserted, negated, intended, planned, hypothetical, reported).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import cast

from chronik.events.arguments import APPRART, Arguments, Role, assign, governing_prep
from chronik.events.clauses import Clause, analyse
from chronik.events.codebook import Codebook
from chronik.events.patterns import Modality, Pattern, PatternSet
from chronik.model import MODES, Actor, Document, Event, Mention, Mode, Place, Span, TimeExpr, Token
from chronik.text.grammar import GERMAN, Grammar
from chronik.text.normalize import norm

_MODE_RANK = {"negated": 5, "hypothetical": 4, "intended": 3, "planned": 3, "reported_claim": 1, "asserted": 0}
# verbs of saying, appealing, intending, demanding, criticising, rejecting, threatening: a noun event
# in their object or their prepositional phrase is what they are about, not a separate event
# where an act happens says whom it is against or for: aid, withdrawal, investigation, force, violence
PLACE_TARGET_ROOTS = frozenset({"07", "08", "09", "15", "17", "18", "19", "20"})
# phrases that set the scene of the clause's own act: "bei Protesten", "nach Angriffen"
CIRCUMSTANCE_PREPS = frozenset({"bei", "während", "nach", "vor", "seit", "wegen", "trotz", "infolge",
                                "during", "after", "before", "since", "despite", "amid", "following"})
CONDITION_CONJ = frozenset({"unless", "if", "falls", "wenn", "sofern", "solange"})
NON_STATE = frozenset({"REB", "INS", "UAF", "OPP", "CRM", "RAD", "SEP", "CVL"})
FIRST_PERSON = frozenset({"ich", "wir", "mir", "mich", "uns", "unser", "unsere", "unseren", "unserem", "unserer",
                          "unseres", "mein", "meine", "meinen", "meinem", "meiner", "meines",
                          "i", "me", "my", "we", "us", "our"})
# third-person pronouns of reported speech that, unresolved, stand for the speaker ("sie hätten …",
# "Hungary said it will support …")
SPEAKER_PRONOUNS = frozenset({"sie", "it", "its", "they", "their", "them"})
CONTENT_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
DEMAND_CODE = "100"
DEFAULT_MODES: frozenset[str] = frozenset({"asserted", "intended", "planned", "reported_claim"})


@dataclass(slots=True)
class ClauseInfo:
    clause: Clause
    args: Arguments
    mode: str = "asserted"
    negated: bool = False
    attributed_to: Mention | None = None
    speech_of: int | None = None  # index of the speech clause whose content this clause is
    inherited_subject: bool = False  # "…, wollte aber …": the subject is the previous clause's
    events_from_verb: bool = False

    def speaker(self) -> Mention | None:
        return self.args.mentions[self.args.subject] if self.args.subject is not None else None

    def future_first_person(self) -> bool:
        """ "Wir werden … unterstützen" in a quote: the speaker's intention."""
        if not self.clause.future or self.args.subject is None:
            return False
        subj = self.args.mentions[self.args.subject]
        return subj.kind == "pronoun" and subj.text.casefold() in FIRST_PERSON
    events: list[Event] = field(default_factory=list)


class EventCoder:
    """Fills ``doc.events``. Events in modes outside ``keep_modes`` are dropped (negated and
    hypothetical ones by default: the guideline does not code them)."""

    name = "events"
    requires: tuple[str, ...] = ("doc.mentions", "doc.places", "doc.times")
    assigns: tuple[str, ...] = ("doc.events",)

    def __init__(self, patterns: PatternSet, modality: Modality, codebook: Codebook,
                 keep_modes: frozenset[str] = DEFAULT_MODES, non_political: frozenset[str] = frozenset(),
                 grammar: Grammar = GERMAN) -> None:
        self.grammar = grammar
        self.patterns = patterns
        self.modality = modality
        self.codebook = codebook
        unknown = set(keep_modes) - set(MODES)
        if unknown:
            from chronik.errors import ConfigError

            raise ConfigError(f"unknown event modes {sorted(unknown)}", hint=f"choose from {', '.join(MODES)}")
        self.keep_modes = keep_modes
        self.non_political = non_political

    # ------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        events: list[Event] = []
        last_subject: Mention | None = None
        for sent in doc.sentences:
            clauses = analyse(doc.tokens, sent.i, sent.tok_start, sent.tok_end, self.grammar)
            infos = self._infos(doc, clauses)
            self._modes(doc, infos)
            self._link_speech(doc, infos)
            for n, info in enumerate(infos):
                info.events = self._clause_events(doc, infos, n, last_subject)
            self._speech_events(doc, infos)
            _drop_empty_frames(infos, self.keep_modes)
            _drop_protest_aims(infos)
            for info in infos:
                for ev in info.events:
                    if ev.mode in self.keep_modes and _coded(ev) and not _same_side(ev) and self._political(ev):
                        events.append(ev)
            for info in infos:
                if info.clause.kind == "main" and info.args.subject is not None:
                    subj = info.args.mentions[info.args.subject]
                    if subj.actor.code:
                        last_subject = subj
                        break
        doc.events = _dedupe(events)
        _link_quotes(doc)
        return doc

    def _political(self, ev: Event) -> bool:
        """Sport, business, crime between private parties: no event unless a political actor acts."""
        if ev.cameo[:2] in ("14", "18", "19", "20"):
            return True  # protest and violence are political acts whoever commits them
        sides = [ev.source] + ([ev.target] if ev.target is not None else [])
        return any(not (set(m.actor.sectors) and set(m.actor.sectors) <= self.non_political)
                   and not (m.actor.code or "").startswith("MNC") for m in sides)

    # ---- clause level -------------------------------------------------------------------------
    def _infos(self, doc: Document, clauses: list[Clause]) -> list[ClauseInfo]:
        infos: list[ClauseInfo] = []
        for c in clauses:
            here = doc.mention_index().sentence(c.sent)
            ms = [m for m in here if c.start <= m.tok_start < c.end]
            before = None
            if c.kind == "rel":
                prev = [m for m in here if m.sent == c.sent and m.tok_end <= c.start]
                if prev and c.start - prev[-1].tok_end <= 2:
                    before = prev[-1]
            args = assign(doc.tokens, c, ms, before, self.modality.attribution_prepositions, self.grammar)
            infos.append(ClauseInfo(clause=c, args=args))
        # subjects shared by coordinated or verb-first clauses: "…, wollte sich aber nicht äussern"
        for k, info in enumerate(infos):
            c = info.clause
            if info.args.subject is None and c.parent is not None and (c.kind in ("main", "inf")):
                parent = infos[c.parent].args
                shared = infos[k - 1]
                if c.kind == "inf" and k - 1 > c.parent and shared.clause.kind == "sub" \
                        and shared.args.subject is not None:
                    parent = shared.args  # "said that the US must be ready to mediate": the US mediates
                subject = parent.subject
                if c.v1 and infos[c.parent].clause.passive and doc.tokens[c.start].tag == "VVING":
                    # "was attacked by militiamen, killing 156 people": the agent kills
                    subject = next((f[0] for f in (parent.pp(p) for p in self.grammar.agent_preps) if f), None)
                if subject is not None:
                    first = len(info.args.mentions)
                    for j in parent.with_coordinated(subject):
                        info.args.mentions.append(parent.mentions[j])
                        coord = None if len(info.args.mentions) - 1 == first else first
                        info.args.roles.append(Role(kind="core", cases={"nom"}, coord_with=coord))
                    info.args.subject = first
                    info.inherited_subject = True
        return infos

    def _modes(self, doc: Document, infos: list[ClauseInfo]) -> None:
        tokens = doc.tokens
        attribution = self._sentence_attribution(infos)
        for k, info in enumerate(infos):
            c = info.clause
            toks = c.tokens(tokens)
            mode = "asserted"
            info.negated = _negated(toks, self.modality)
            forms = {t.norm for t in toks if t.tag[:1] == "V"}
            lemmas = [t.lemma.lower() for t in toks if t.tag in ("VMFIN", "VMINF", "VVFIN", "VAFIN")]
            if forms & self.modality.hypothetical_forms:
                mode = "hypothetical"
            for lem in lemmas:
                m = self.modality.modal_verbs.get(norm(lem))
                if m and _MODE_RANK[m] > _MODE_RANK[mode]:
                    if norm(lem) == "werden" and not c.future:
                        continue
                    if m == "negated" and norm(lem) == norm(c.lemma):
                        continue  # "cancelled restrictions": the verb's own act, not a cancelled one
                    mode = m
            if c.kind == "inf" and c.parent is not None:
                parent = infos[c.parent]
                pm = self.modality.modal_verbs.get(norm(parent.clause.lemma))
                # "announced that it is prepared to impose …": the readiness is in the clause just before
                governors = [parent] + ([infos[k - 1]] if k - 1 > c.parent and infos[k - 1].clause.kind == "sub"
                                        else [])
                words = {t.norm for g in governors for t in g.clause.tokens(tokens)}
                if pm is None and words & self.modality.obligation_verbs:
                    pm = "hypothetical"  # "said the US must be ready to mediate": demanded, not intended
                if pm is None and words & self.modality.readiness_words:
                    pm = "intended"  # "erklärte sich bereit, … zu …", "is willing to withdraw …"
                if pm is None and self._frames_content(parent.clause):
                    pm = "hypothetical"  # "forderte Moskau auf, die Truppen abzuziehen": asked for, not done
                if pm and _MODE_RANK[pm] > _MODE_RANK[mode]:
                    mode = pm
            if mode == "planned" and "sollen" in lemmas and any(
                    t.tag == "VAINF" and t.lemma.lower() in ("haben", "sein") for t in toks):
                mode = "reported_claim"  # "soll … getötet haben": allegedly
            if c.kind == "sub" and c.conj in ("falls", "wenn", "sofern", "ob", "if", "unless", "whether"):
                mode = "hypothetical"
            if mode == "asserted" and forms & self.modality.konjunktiv1_forms:
                mode = "reported_claim"
            if mode == "asserted" and any(t.norm == "eigenen" and k + 1 < len(toks) and toks[k + 1].norm in
                                          self.modality.attribution_nouns for k, t in enumerate(toks)):
                mode = "reported_claim"  # "nach eigenen Angaben": the actor's own claim
                info.attributed_to = info.speaker()
            if attribution is not None:
                info.attributed_to = attribution
                if mode == "asserted":
                    mode = "reported_claim"
            info.mode = mode

    def _sentence_attribution(self, infos: list[ClauseInfo]) -> Mention | None:
        for info in infos:
            for m, r in zip(info.args.mentions, info.args.roles, strict=True):
                if r.prep in self.modality.attribution_prepositions and r.kind == "pp":
                    return m
                if r.kind == "gen" and r.noun >= 0 and r.prep == "nach":
                    return m
        return None

    # ---- events of one clause -------------------------------------------------------------------
    def _clause_events(self, doc: Document, infos: list[ClauseInfo], n: int,
                       last_subject: Mention | None) -> list[Event]:
        info = infos[n]
        c = info.clause
        tokens = doc.tokens
        out: list[Event] = []
        nouns_in_clause = {t.norm for t in c.tokens(tokens)} | {norm(t.lemma) for t in c.tokens(tokens)}
        preps = _preps(tokens, c)
        content_of: Pattern | None = None
        verb_objects: frozenset[str] = frozenset()
        if c.lemma and c.main_verb is not None:
            all_pats = self._verb_patterns(c)
            pat = self._best([p for p in all_pats if not p.speech], c, preps, nouns_in_clause)
            if pat is not None:
                trig = tokens[c.main_verb]
                out += self._make(doc, infos, n, pat, trig, None, last_subject)
                info.events_from_verb = True
                verb_objects = pat.objects
            else:
                pat = self._best([p for p in all_pats if p.speech], c, preps, nouns_in_clause)
            if pat is not None and pat.cameo[:2] in CONTENT_ROOTS and not pat.speech:
                content_of = pat  # what is demanded is no event; what is announced may be one
        finite = c.finite[0] if c.finite else c.start
        for t in c.tokens(tokens):
            if t.tag != "NN" or t.i == c.main_verb:
                continue
            if t.norm in verb_objects or norm(t.lemma) in verb_objects:
                continue  # "called off their strike", "lifted the sanctions": what the verb acts on
            prep = governing_prep(tokens, t.i, c.start)
            if content_of is not None and ((content_of.prep and prep == content_of.prep)
                                           or (not content_of.prep and not prep and t.i > finite)):
                continue  # "forderte einen Waffenstillstand": the noun is what is demanded, not an event
            pats = [p for p in self._noun_patterns(tokens, c, t) if p.noun and prep not in p.unless_prep]
            pat = self._best(pats, c, preps, nouns_in_clause)
            if pat is not None:
                out += self._make(doc, infos, n, pat, t, t.i, last_subject)
        return out

    def _noun_patterns(self, tokens: list[Token], c: Clause, t: Token) -> list[Pattern]:
        """A noun's patterns; an English two-word noun ("hunger strike", "suicide bombing") is written
        as two words, and its pattern wins over the one of its head ("strike")."""
        # English: the word as written first ("talks", "sanctions" are patterns of their own), then
        # its lemma; German: the lemma (case endings)
        forms = [t.lemma or t.text]
        if not self.grammar.capitalised_nouns and t.lemma and norm(t.lemma) != t.norm:
            forms.insert(0, t.text)
        if t.i > c.start and tokens[t.i - 1].tag == "NN":
            prev = tokens[t.i - 1]
            for form in forms:
                pats = self.patterns.nouns.get(norm(f"{prev.lemma or prev.text} {form}"))
                if pats:
                    return pats
        for form in forms:
            pats = self.patterns.for_noun(form)
            if pats:
                return pats
        return []

    def _best(self, pats: list[Pattern], c: Clause, preps: set[str], nouns: set[str]) -> Pattern | None:
        ok = []
        for p in pats:
            if p.reflexive is not None and p.verb and p.reflexive != c.reflexive:
                continue
            if p.prep and p.prep not in preps:
                continue
            if p.objects and not (p.objects & nouns or any(
                    w.endswith(o) for o in p.objects if len(o) >= 5 for w in nouns)):
                continue  # compounds count: "Kampfpanzer" is "Panzer"
            if p.unless and p.unless & nouns:
                continue
            ok.append(p)
        if not ok:
            return None
        return max(ok, key=lambda p: p.specificity)

    def _make(self, doc: Document, infos: list[ClauseInfo], n: int, pat: Pattern, trig: Token,
              noun: int | None, last_subject: Mention | None) -> list[Event]:
        info = infos[n]
        mode = info.mode
        cameo = pat.cameo
        negated = info.negated if noun is None else _noun_negated(doc.tokens, info, noun, self.modality)
        if negated:
            if pat.negated_cameo:
                cameo, mode = pat.negated_cameo, "asserted"
            else:
                mode = "negated"
        elif mode == "negated" and pat.negated_cameo:
            cameo, mode = pat.negated_cameo, "asserted"  # "failed to reach agreement": a refusal
        elif noun is not None and info.clause.lemma and mode in ("asserted", "reported_claim"):
            m = self.modality.modal_verbs.get(norm(info.clause.lemma))
            if m:
                mode = m  # "Gespräche sind vorgesehen", "der Angriff blieb aus"
        sources = self._slot_actors(doc, infos, n, pat.source, noun, last_subject, "source", pat)
        if not sources:
            return []
        if pat.military_cameo and any("MIL" in s.actor.sectors for s in sources):
            cameo = pat.military_cameo
        targets = self._slot_actors(doc, infos, n, pat.target, noun, last_subject, "target", pat)
        if not targets and pat.symmetric and len(sources) == 1:
            # "the foreign ministers of Armenia and Azerbaijan met": each country's ministers with the other's
            args, subj = info.args, sources[0]
            of = [m for k, m in enumerate(args.mentions) if args.roles[k].kind == "gen"
                  and args.roles[k].noun == subj.head and m.actor.country]
            if len({m.actor.country for m in of}) >= 2:
                sources = [Mention(m.start, m.end, m.text, m.tok_start, m.tok_end, m.sent,
                                   subj.actor.with_country(m.actor.country or ""), head=m.head, kind=m.kind)
                           for m in of]
        if not targets and pat.symmetric and len(sources) >= 2:
            targets = sources  # "Indien und China verhandeln": each with the other
        if not targets and "place" not in pat.target and cameo[:2] in PLACE_TARGET_ROOTS:
            # the country where it happens, when it is not the source's own: "ermittelt in Venezuela"
            own = {s.actor.country for s in sources if not set(s.actor.sectors) & NON_STATE}
            targets = [m for m in self._slot_actors(doc, infos, n, ("place",), noun, None, "target", pat)
                       if m.actor.country not in own]
        if not targets and pat.implicit_target:
            implicit = self._implicit_agent(doc, info, pat.implicit_target)
            targets = [implicit] if implicit else []
        if not targets and pat.require_target:
            return []
        if mode == "intended":
            cameo = self.modality.intent_codes.get(cameo[:2], cameo)
        speaker = infos[info.speech_of].speaker() if info.speech_of is not None else None
        if speaker is not None and mode == "asserted" and not any(
                m.actor.code == speaker.actor.code for m in sources):
            mode = "reported_claim"  # what the speaker says others did; what the speaker does is asserted
        place = self._place(doc, info)
        day = self._date(doc, infos, info, mode)
        if mode == "asserted" and day is not None and doc.date is not None and day > doc.date \
                and not info.clause.past:
            mode = "planned"  # "reist am Samstag nach Indien" in a Thursday article
        events = []
        target_options: list[Mention | None] = list(targets) if targets else [None]
        for si, s in enumerate(sources):
            for t in target_options:
                if pat.symmetric and t is not None and t in sources and sources.index(t) <= si:
                    continue  # "zwischen A und B": one event A–B, not also B–A and A–A
                s2, t2 = _split_group(s, t)
                if s2 is None:
                    continue
                if s2.kind == "implicit" and not s2.actor.sectors and t2 is not None and info.clause.kind != "main" \
                        and t2.actor.country == s2.actor.country and "GOV" not in t2.actor.sectors:
                    continue  # "…, where 24 people were killed": background, no agent, not Serbia against its people
                info_code = self.codebook.get(cameo)
                events.append(Event(
                    doc_id=doc.doc_id, sentence=info.clause.sent, source=s2, target=t2, cameo=cameo,
                    trigger=Span(trig.text, trig.start, trig.end), rule=f"{pat.id} ({pat.origin.rsplit('/', 1)[-1]})",
                    mode=cast(Mode, mode),
                    plover=info_code.plover, goldstein=info_code.goldstein,
                    quad_class=info_code.quad_class, location=place, date=day,
                    attributed_to=info.attributed_to, symmetric=pat.symmetric))
        return events

    # ---- arguments -------------------------------------------------------------------------------
    def _slot_actors(self, doc: Document, infos: list[ClauseInfo], n: int, slots: tuple[str, ...],
                     noun: int | None, last_subject: Mention | None, side: str, pat: Pattern) -> list[Mention]:
        info = infos[n]
        args = info.args
        passive = info.clause.passive and noun is None and not pat.passive_subject
        for slot in slots:
            found: list[int] = []
            extra: list[Mention] = []
            if slot == "subj":
                if passive:
                    found = next((f for f in (args.pp(p) for p in self.grammar.agent_preps) if f), [])
                    if not found and pat.passive_source and not _background(info.clause):
                        implicit = self._implicit_agent(doc, info, pat.passive_source)
                        extra = [implicit] if implicit else []
                elif args.rel_subject and args.antecedent is not None:
                    extra = [args.antecedent]
                elif args.subject is None and pat.passive_source and not passive:
                    implicit = self._implicit_agent(doc, info, pat.passive_source)
                    extra = [implicit] if implicit else []
                elif args.subject is not None and (noun is None or (
                        not _nested(doc.tokens, noun, info.clause, doc.mention_index().sentence(info.clause.sent))
                        and self._subject_acts(doc.tokens, info.clause, noun, info.events_from_verb,
                                               pat.cameo[:2]))):
                    found = [args.subject]
            elif slot in ("obj", "dat"):
                if passive:
                    if args.rel_subject and args.antecedent is not None:
                        extra = [args.antecedent]
                    elif args.subject is not None:
                        found = [args.subject]
                elif not args.rel_subject and args.antecedent is not None and info.clause.kind == "rel" \
                        and args.subject is not None:
                    extra = [args.antecedent]
                else:
                    objs = [k for k in args.objects if slot == "obj" or "dat" in args.roles[k].cases]
                    if noun is not None:
                        objs = [k for k in objs if args.mentions[k].tok_start > noun]
                    found = objs[:1]
            elif slot == "gen" and noun is not None:
                found = [k for k, r in enumerate(args.roles) if r.kind == "gen" and r.noun == noun][:1]
            elif slot == "gen":  # a verb's object with an actor attached: "lehnte die Forderung Kiews ab"
                found = [k for k, r in enumerate(args.roles) if r.kind == "gen" and not r.prep][:1]
            elif slot == "poss" and noun is not None:
                found = [k for k, r in enumerate(args.roles) if r.kind == "poss" and r.noun == noun][:1]
            elif slot == "poss":  # a verb's object that is someone's: "praised Haiti's efforts"
                verb = info.clause.main_verb if info.clause.main_verb is not None else -1
                found = [k for k, r in enumerate(args.roles) if r.kind == "poss" and r.noun > verb
                         and args.mentions[k].kind != "pronoun"][:1]
            elif slot == "context":
                if last_subject is not None:
                    extra = [last_subject]
            elif slot == "place":
                place = self._place(doc, info)
                if place is not None and place.country:
                    extra = [Mention(place.start, place.end, place.text, place.tok_start, place.tok_start + 1,
                                     place.sent, Actor(code=place.country, country=place.country,
                                                       kind="state", source="place"), kind="capital")]
            elif slot == "prefix" and noun is not None:
                extra = [m for m in doc.mention_index().sentence(info.clause.sent)
                         if m.tok_start == noun and m.kind != "pronoun"][:1]
            elif slot == "content":
                extra = self._content_actor(infos, n)
            elif slot == "condition":  # "threatened a strike unless Israel …": whoever is to meet the condition
                conds = [i for i in infos if i.clause.kind == "sub" and i.clause.conj in CONDITION_CONJ
                         and i.clause.parent in (n, info.clause.parent if info.clause.kind == "inf" else n)
                         and i.args.subject is not None]
                subj = conds[0].args.subject if conds else None
                extra = [conds[0].args.mentions[subj]] if subj is not None else []
            else:  # a preposition
                after = noun if noun is not None else -1
                found = args.pp(slot, after)
                if not found and noun is not None and slot in self.grammar.genitive_preps:
                    # "the invasion of Kuwait": the of-phrase read as the noun's genitive
                    found = [k for k, r in enumerate(args.roles) if r.kind == "gen" and r.noun == noun]
                if noun is not None:
                    found = [k for k in found if args.mentions[k].tok_start - noun <= 12]
                found = found[:1]
            if found:
                group: list[Mention] = []
                for k in found:
                    group += [args.mentions[j] for j in args.with_coordinated(k)]
                usable = [m for m in group if _code(m)]
                if usable:
                    return usable
            if extra:
                usable = [m for m in extra if _code(m)]
                if usable:
                    return usable
        return []

    def _subject_acts(self, tokens: list[Token], c: Clause, noun: int, info_has_verb_event: bool,
                      root: str) -> bool:
        """Whether the clause's subject does what the noun names. A noun in a phrase ("bei einem
        Treffen", "auf den Kampf") or the object of a support verb ("führte Gespräche", "verhängte
        Sanktionen") is the subject's act; the object of another verb is not ("schlug die Proteste
        nieder": the army did not protest)."""
        prep = governing_prep(tokens, noun, c.start)
        if (prep in CIRCUMSTANCE_PREPS or (c.passive and prep in ("in", "im"))) and info_has_verb_event \
                and root != "04":
            return False  # "nahm bei Protesten Menschen fest", "were killed in riots": no protest of theirs
        if prep in ("under", "unter"):
            return False  # "was put under investigation", "kam unter Beschuss": the subject undergoes it
        if prep:
            return True
        if not c.lemma:
            return True
        return norm(c.lemma) in self.modality.support_verbs or norm(c.lemma) in self.modality.modal_verbs

    def _content_actor(self, infos: list[ClauseInfo], n: int) -> list[Mention]:
        speaker_country = None
        subj = infos[n].args.subject
        if subj is not None:
            speaker_country = infos[n].args.mentions[subj].actor.country
        for info in infos:
            if info.speech_of == n or (info.clause.parent == n and info is not infos[n]):
                for k, m in enumerate(info.args.mentions):
                    if _code(m) and m.actor.country != speaker_country:
                        # with those coordinated with it: "to Iran, Libya, North Korea and Cuba"
                        # "the Sudanese government and the rebels must …": role phrases too
                        group = [info.args.mentions[j] for j in info.args.with_coordinated(k)]
                        return [g for g in group if _code(g) and g.kind != "pronoun"
                                and g.actor.country != speaker_country] or [m]
        return []

    def _implicit_agent(self, doc: Document, info: ClauseInfo, sector: str) -> Mention | None:
        place = self._place(doc, info) or next((p for p in reversed(doc.places) if p.country
                                                 and 0 <= info.clause.sent - p.sent <= 2), None)
        if place is None or not place.country:
            return self._implicit_from_document(doc, info, sector)
        sectors = [] if sector == "-" else [sector]
        return Mention(place.start, place.end, place.text, place.tok_start, place.tok_start + 1, place.sent,
                       Actor(code=place.country + "".join(sectors), country=place.country, sectors=sectors,
                             kind="state", source="implicit agent (the place's country)"), kind="implicit")

    def _implicit_from_document(self, doc: Document, info: ClauseInfo, sector: str) -> Mention | None:
        """No place near: the country of the clause's own actors (the police arrest their own citizens)."""
        countries = [m.actor.country for m in info.args.mentions if m.actor.country]
        if not countries:
            return None
        c = info.clause
        tok = doc.tokens[c.main_verb if c.main_verb is not None else c.start]
        sectors = [] if sector == "-" else [sector]
        return Mention(tok.start, tok.end, tok.text, tok.i, tok.i + 1, c.sent,
                       Actor(code=countries[0] + "".join(sectors), country=countries[0], sectors=sectors,
                             kind="state", source="implicit (the country of the clause's actors)"),
                       kind="implicit")

    def _place(self, doc: Document, info: ClauseInfo) -> Place | None:
        c = info.clause
        sentence = [p for p in doc.place_index().sentence(c.sent) if p.sent == c.sent]
        here = [p for p in sentence if c.start <= p.tok_start < c.end]
        if not here:
            # "…, sagte der Präsident in Mogadischu": the only place of the sentence
            here = sentence
            if len(here) != 1:
                return None
        # the most precise: "im Sudan … um die Hauptstadt Khartum" happened in Khartum
        return min(here, key=lambda p: (p.lat is None, p.tok_start))

    def _date(self, doc: Document, infos: list[ClauseInfo], info: ClauseInfo, mode: str) -> Date | None:
        c = info.clause
        sentence = [t for t in doc.time_index().sentence(c.sent) if t.sent == c.sent]
        times = [t for t in sentence if c.start <= t.tok_start < c.end]
        if times:
            return _resolve(times[0], c, mode)
        times = sentence
        if len(times) == 1:  # the sentence's only date, read with the tense of its own clause
            home = next((i.clause for i in infos if i.clause.contains(times[0].tok_start)), c)
            return _resolve(times[0], home, mode if home is c else "asserted")
        if mode in ("asserted", "reported_claim") and doc.date is not None:
            return doc.date
        return None

    # ---- speech ---------------------------------------------------------------------------------
    def _frames_content(self, c: Clause) -> bool:
        """Whether the clause's verb demands, appeals, threatens, accuses, rejects (what follows in a
        zu-infinitive is its content, not an act that happened)."""
        if not c.lemma:
            return False
        return any(p.cameo[:2] in CONTENT_ROOTS for p in self._verb_patterns(c))

    def _verb_patterns(self, c: Clause) -> list[Pattern]:
        """The patterns of a clause's verb; a phrasal verb no pattern knows falls back to its verb
        ("kidnapped up to 16 advisers": "up" belongs to the number, not the verb)."""
        pats = self.patterns.verbs.get(norm(c.lemma), [])
        if not pats and " " in c.lemma:
            pats = self.patterns.verbs.get(norm(c.lemma.split(" ", 1)[0]), [])
        return pats

    def _speech_pattern(self, c: Clause) -> Pattern | None:
        if not c.lemma:
            return None
        pats = [p for p in self._verb_patterns(c) if p.speech]
        return max(pats, key=lambda p: p.specificity) if pats else None

    def _link_speech(self, doc: Document, infos: list[ClauseInfo]) -> None:
        """Verbs of saying: the clauses they report are the speaker's claims, and "ich", "wir" in
        them are the speaker ("«Wir bitten um Hilfe», sagte der Präsident")."""
        for n, info in enumerate(infos):
            c = info.clause
            if self._speech_pattern(c) is None or info.args.subject is None:
                continue
            speaker = info.args.mentions[info.args.subject]
            if not speaker.actor.code:
                continue
            if c.kind == "sub" and c.conj == "wie":
                content = [k for k in range(len(infos)) if k != n]  # "…, wie die Polizei mitteilte"
            else:
                content = [k for k in range(len(infos)) if k != n and (
                    (k > n and (k == n + 1 or infos[k].clause.parent == n or infos[k].speech_of == n))
                    or (k < n and c.v1 and not info.inherited_subject))]
            for k in content:
                infos[k].speech_of = n
                infos[k].attributed_to = infos[k].attributed_to or speaker
                for m in infos[k].args.mentions:
                    word = doc.tokens[m.tok_start].norm
                    if m.kind == "pronoun" and (word in FIRST_PERSON or (
                            word in SPEAKER_PRONOUNS and m.actor.code is None and k > n)):
                        m.actor = speaker.actor  # "sie hätten Goma eingenommen", "wir bitten …"
                if infos[k].future_first_person():
                    infos[k].mode = "intended"

    def _speech_events(self, doc: Document, infos: list[ClauseInfo]) -> None:
        """A statement event for a verb of saying only when what was said holds no event of its own."""
        for n, info in enumerate(infos):
            c = info.clause
            pat = self._speech_pattern(c)
            if pat is None or info.args.subject is None or c.main_verb is None:
                continue
            content = [k for k, other in enumerate(infos) if other.speech_of == n]
            if info.events or any(e.mode in self.keep_modes for k in content for e in infos[k].events):
                continue
            if any(doc.tokens[v].lemma.casefold() in self.modality.obligation_verbs
                   or doc.tokens[v].norm in self.modality.obligation_verbs
                   for k in content for v in infos[k].clause.verbs):
                # "Russia said Sudan must return the helicopter": a demand on whom the content names
                pat = replace(pat, id=pat.id + "+obligation", cameo=DEMAND_CODE)
            info.events += self._make(doc, infos, n, pat, doc.tokens[c.main_verb], None, None)


# ---- helpers ------------------------------------------------------------------------------------
SPEECH_KINDS = frozenset({"Direct", "Indirect", "IndirectFreeIndirect", "FreeIndirect"})


def _link_quotes(doc: Document) -> None:
    """Events and the quotations they come from: a speech act carries the quotation it introduces;
    an event told inside a quotation or reported speech is the speaker's claim."""
    by_cue: dict[int, list[int]] = {}
    for k, q in enumerate(doc.quotes):
        for c in q.cue:
            by_cue.setdefault(c.start, []).append(k)
    position = {id(q): k for k, q in enumerate(doc.quotes)}
    index = doc.quote_index()
    for ev in doc.events:
        t = ev.trigger
        near = {position[id(q)] for q in index.around(t.start, t.start + 1)} | set(by_cue.get(t.start, ()))
        for q in (doc.quotes[k] for k in sorted(near)):
            if any(c.start == t.start for c in q.cue) or (q.kind == "Reported" and q.start <= t.start < q.end
                                                          and ev.source is q.speaker):
                ev.quote = Span(q.text, q.start, q.end)
                break
            if q.kind in SPEECH_KINDS and any(s.start <= t.start < s.end for s in q.spans):
                ev.quote = Span(q.text, q.start, q.end)
                if q.speaker is not None and ev.attributed_to is None:
                    ev.attributed_to = q.speaker
                own = q.speaker is not None and ev.source.actor.code == q.speaker.actor.code
                if ev.mode == "asserted" and q.speaker_span is not None and not own:
                    ev.mode = "reported_claim"  # what the speaker says others did; their own acts stay
                break


def _preps(tokens: list[Token], c: Clause) -> set[str]:
    return {APPRART.get(t.norm, t.norm) for t in c.tokens(tokens) if t.tag in ("APPR", "APPRART", "APZR")}


def _negated(toks: list[Token], mod: Modality) -> bool:
    for k, t in enumerate(toks):
        if t.norm in mod.negations:
            nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
            if nxt in mod.negation_exceptions:
                continue
            det = t.norm.startswith("kein") or t.norm == "no"
            if det and k > 0 and toks[k - 1].tag in ("APPR", "APPRART"):
                continue  # "ohne/mit keinen …", "with no end in sight" negates the phrase only
            if det and _is_noun_event_det(toks, k):
                continue  # "kein Treffen": handled per noun
            return True
    return False


def _is_noun_event_det(toks: list[Token], k: int) -> bool:
    for t in toks[k + 1:k + 4]:
        if t.tag in ("NN", "NE"):
            return t.tag == "NN" and k > 0 and toks[k - 1].tag not in ("VVFIN", "VAFIN", "VMFIN")
    return False


def _noun_negated(tokens: list[Token], info: ClauseInfo, noun: int, mod: Modality) -> bool:
    c = info.clause
    for k in range(max(c.start, noun - 3), noun):
        if tokens[k].norm.startswith("kein") or tokens[k].norm in ("ohne", "no", "without"):
            return True
    if not info.negated:
        return False
    if c.main_verb is None or not info.events_from_verb:
        return True  # no event of the verb itself: the negation is about the noun's event
    # clause negation reaches a noun event that is the subject or object, not one inside a PP
    k = noun - 1
    while k >= c.start and tokens[k].tag in ("ART", "ADJA", "PIAT", "PPOSAT", "CARD", "ADV"):
        k -= 1
    return not (k >= c.start and tokens[k].tag in ("APPR", "APPRART"))


def _drop_empty_frames(infos: list[ClauseInfo], keep: frozenset[str]) -> None:
    """ "Indien und China erklärten sich bereit, ihre Gespräche fortzusetzen": when the dependent clause
    has an event, an appeal, intention or statement without a target adds nothing to it."""
    for n, info in enumerate(infos):
        if not any(i.clause.parent == n and any(e.mode in keep for e in i.events) for i in infos if i is not info):
            continue
        info.events = [e for e in info.events if not (e.target is None and e.cameo[:2] in CONTENT_ROOTS)]


PROTEST_AIM_ROOTS = frozenset({"02", "10", "14"})
VIOLENCE_ROOTS = frozenset({"18", "19", "20"})


def _drop_protest_aims(infos: list[ClauseInfo]) -> None:
    """ "began a hunger strike to demand …", "blocked roads to protest against …": the infinitive says
    what the protest is for; it is the protest's topic, not a demand or a protest of its own."""
    for n, info in enumerate(infos):
        protesters = {e.source.actor.code for e in info.events if e.cameo[:2] == "14"}
        if not protesters:
            continue
        for other in infos[n + 1:]:
            if other.clause.parent == n and other.clause.kind == "inf":
                other.events = [e for e in other.events if not (
                    e.cameo[:2] in PROTEST_AIM_ROOTS and e.source.actor.code in protesters)]


def _nested(tokens: list[Token], noun: int, c: Clause, mentions: list[Mention]) -> bool:
    """Whether a noun stands in a phrase that belongs to another noun ("seine Vermittlung bei der
    Freilassung"): then the clause's subject is not the agent of the noun's event."""
    k = noun - 1
    while k >= c.start and tokens[k].tag in ("ART", "ADJA", "PIAT", "PPOSAT", "CARD", "ADV", "PDAT"):
        k -= 1
    if k < c.start:
        return False
    if tokens[k].tag in ("APPR", "APPRART"):
        k -= 1
        return k >= c.start and tokens[k].tag == "NN" and not any(
            m.tok_start <= k < m.tok_end for m in mentions)
    # genitive: "die Freilassung der Geiseln"
    return tokens[k].tag in ("NN", "NE") and tokens[noun - 1].norm in ("des", "der")


def _code(m: Mention) -> str | None:
    if m.kind == "both":
        return "both" if m.members else None
    return m.actor.code if m.actor else None


def _split_group(s: Mention, t: Mention | None) -> tuple[Mention | None, Mention | None]:
    """'beide Seiten' stands for two actors: as a target, the one that is not the source."""
    if s.kind == "both" and s.members:
        return None, None
    if t is not None and t.kind == "both" and t.members:
        others = [a for a in t.members if a.country != s.actor.country]
        if not others:
            return None, None
        return s, Mention(t.start, t.end, t.text, t.tok_start, t.tok_end, t.sent, others[0], t.head, "both")
    return s, t


def _coded(ev: Event) -> bool:
    """Both sides resolved to a code: an event of an unknown actor is no datum (the names are listed
    by ``chronik actors unknown`` for the dictionary instead)."""
    return bool(ev.source.actor.code) and (ev.target is None or bool(ev.target.actor.code))


def _same_side(ev: Event) -> bool:
    if ev.target is None:
        return False
    if ev.source is ev.target or (ev.source.start == ev.target.start and ev.source.end == ev.target.end):
        return True
    if ev.source.actor.code != ev.target.actor.code:
        return False
    # the same code on both sides is one actor, unless two different people are named (Kiir vs Machar)
    a, b = ev.source.actor, ev.target.actor
    return not (a.kind == b.kind == "person" and a.name and b.name and a.name != b.name)


def _resolve(t: TimeExpr, c: Clause, mode: str) -> Date | None:
    if t.alt_past is None and t.alt_future is None:
        return t.date
    if (c.future or mode in ("planned", "intended")) and t.alt_future is not None:
        return t.alt_future
    if c.past and t.alt_past is not None:
        return t.alt_past
    return t.date


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in events:
        key = (e.sentence, e.source.actor.code, e.target.actor.code if e.target else None, e.cameo[:2],
               e.source.start)
        if e.cameo[:2] in VIOLENCE_ROOTS and e.target is not None:
            # "killed 46 civilians in an attack on a village": one act of violence, told twice
            key = (e.sentence, e.source.actor.code, e.target.actor.country, "violence", e.source.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def _background(c: Clause) -> bool:
    """A relative or where-clause ("…, where 28 people were killed"): a fact about a place or thing,
    whose unnamed agent is not to be guessed from the place."""
    return c.kind == "rel" or (c.kind == "sub" and c.conj in ("where", "wo"))
