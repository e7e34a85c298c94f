"""Names (PER, LOC, ORG) by a linear-chain CRF (python-crfsuite) over chronik's tokens.

Features of a token: its form, lower case, prefixes and suffixes, shape and capitalisation, position
in the sentence, the STTS tag and lemma from the tagger, a distributional word cluster (computed by
``tools/train_ner.py`` from the unlabelled text of the training corpora), whether its lower-case form
is a common lower-case word there, and gazetteer features from chronik's own knowledge (the actor
dictionary: people, organisations, countries, capitals, demonyms; the place gazetteer: cities), in a
window of two tokens on each side. Word-level features are memoised per form (a bounded dict on the
extractor, no global state), which makes extraction fast.

The model (``data/ner/de.crfsuite``) and the cluster table (``data/ner/clusters.tsv``) are written by
``tools/train_ner.py``; see ``docs/ner.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from chronik.errors import DataFileError
from chronik.model import Document, Name, Sentence, Token
from chronik.resources import data_path
from chronik.text.normalize import norm

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")
MODEL_FILE = ("ner", "de.crfsuite")
CLUSTER_FILE = ("ner", "clusters.tsv")
_CACHE_LIMIT = 300_000
_MAX_GAZ = 6
_ACTOR_KINDS = {"person": "per", "org": "org", "country": "cty", "capital": "cap", "seat": "seat",
                "milseat": "seat", "demonym": "dem"}
_PLACE_KINDS = {"city": "city", "capital": "cap", "country": "cty"}


def shape(word: str) -> str:
    """Xxxx → Xx, ABC-12 → X-d: character classes with runs collapsed."""
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


class Knowledge:
    """What the features know besides the word: gazetteer keys, first names, clusters, common words."""

    def __init__(self, gaz: dict[tuple[str, ...], frozenset[str]], first_names: frozenset[str],
                 clusters: dict[str, tuple[str, str, str]]) -> None:
        self.gaz = gaz
        self.first_names = first_names
        self.clusters = clusters  # lower-case word → (coarse cluster, fine cluster, lower-case ratio bucket)
        self.max_len = min(_MAX_GAZ, max((len(k) for k in gaz), default=1))
        self.longest: dict[str, int] = {}  # first word of a gazetteer key → the length of the longest such key
        for key in gaz:
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    @classmethod
    def build(cls, actors: Any, gazetteer: Any, cluster_path: Path | None = None) -> Knowledge:
        kinds: dict[tuple[str, ...], set[str]] = {}
        first: set[str] = set()
        for key, entries in actors.names.items():
            for e in entries:
                k = _ACTOR_KINDS.get(e.kind)
                if k:
                    kinds.setdefault(key, set()).add(k)
                if e.kind == "person" and len(key) > 1 and key[0].isalpha() and len(key[0]) > 2:
                    first.add(key[0])
        for key, places in gazetteer.index.items():
            for p in places:
                k = _PLACE_KINDS.get(p.feature)
                if k:
                    kinds.setdefault(key, set()).add(k)
        gaz = {k: frozenset(v) for k, v in kinds.items()}
        path = cluster_path or data_path(*CLUSTER_FILE)
        return cls(gaz, frozenset(first), read_clusters(path) if path.exists() else {})


def read_clusters(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                raise DataFileError(str(path), n, "a cluster line needs 4 tab-separated fields: word, coarse, "
                                    "fine, lower-case bucket", hint="rebuild it with tools/train_ner.py")
            out[parts[0]] = (parts[1], parts[2], parts[3])
    return out


class FeatureExtractor:
    """Token sequences → crfsuite attribute lists (one list of strings per token)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        # memoised features are tuples of strings: the garbage collector need not scan what it keeps
        self._words: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}
        self._tags: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str]] = {}  # per tag
        self._pairs: dict[tuple[str, str, str], str] = {}  # tag bigram features

    def _word(self, w: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """Features of a form: its own, and the ones its neighbours see at offsets -2, -1, +1, +2."""
        got = self._words.get(w)
        if got is not None:
            return got
        lw = w.lower()
        sh = shape(w)
        cl = self.k.clusters.get(lw)
        own = ["b", "w=" + w, "lw=" + lw, "sh=" + sh, "p2=" + lw[:2], "p3=" + lw[:3], "p4=" + lw[:4],
               "s2=" + lw[-2:], "s3=" + lw[-3:], "s4=" + lw[-4:], "s5=" + lw[-5:]]
        ctx1 = ["lw=" + lw, "sh=" + sh, "s3=" + lw[-3:]]
        ctx2 = ["lw=" + lw, "sh=" + sh]
        if len(w) <= 2:
            own.append("short")
        if w[:1].isupper():
            own.append("cap")
            if w.isupper() and len(w) > 1:
                own.append("allcap")
        if "-" in w[1:]:
            head, _, tail = w.rpartition("-")
            own.append("hy")
            own.append("hyt=" + tail.lower())
            own.append("hyh=" + head.lower())
        if any(ch.isdigit() for ch in w):
            own.append("dig")
        if cl is not None:
            own += ["c1=" + cl[0], "c2=" + cl[1], "lr=" + cl[2]]
            ctx1 += ["c1=" + cl[0], "c2=" + cl[1], "lr=" + cl[2]]
            ctx2 += ["c1=" + cl[0]]
        else:
            own.append("oov")
        if lw in self.k.first_names:
            own.append("fn")
            ctx1.append("fn")
        ctx = (tuple("-2" + f for f in ctx2), tuple("-1" + f for f in ctx1), tuple("+1" + f for f in ctx1),
               tuple("+2" + f for f in ctx2))
        if len(self._words) >= _CACHE_LIMIT:
            self._words.clear()
        got = (tuple(own), ctx)
        self._words[w] = got
        return got

    def gazetteer(self, norms: Sequence[str], texts: Sequence[str]) -> list[list[str]]:
        """Per token: gazetteer features (B/I of the longest dictionary name starting at each token)."""
        n = len(norms)
        out: list[list[str]] = [[] for _ in range(n)]
        gaz, longest = self.k.gaz, self.k.longest
        for i in range(n):
            if not texts[i][:1].isupper():
                continue
            # no key is longer than the longest that starts with this word (none: only the genitive test)
            for length in range(min(self.k.max_len, n - i, max(longest.get(norms[i], 0), 1)), 0, -1):
                kinds = gaz.get(tuple(norms[i:i + length]))
                if kinds is None and length == 1 and norms[i].endswith("s"):
                    kinds = gaz.get((norms[i][:-1],))
                    if kinds is not None:
                        out[i].append("gen")
                if kinds is not None:
                    for kind in kinds:
                        out[i].append("gB=" + kind)
                        for j in range(i + 1, i + length):
                            out[j].append("gI=" + kind)
                    if length > 1:
                        out[i].append("gL")
                    break
        return out

    def sentence(self, texts: Sequence[str], tags: Sequence[str], lemmas: Sequence[str],
                 norms: Sequence[str] | None = None) -> list[list[str]]:
        n = len(texts)
        if norms is None:
            norms = [norm(t) for t in texts]
        words = [self._word(t) for t in texts]
        gaz = self.gazetteer(norms, texts)
        tagf = [self._tag(t) for t in tags]
        out: list[list[str]] = []
        for i in range(n):
            f = [*words[i][0], *tagf[i][0], *gaz[i], "lem=" + lemmas[i].lower()]
            if i == 0:
                f.append("BOS")
            else:
                f += words[i - 1][1][1]
                f += tagf[i - 1][1]
                if gaz[i - 1]:
                    f += ["-1" + x for x in gaz[i - 1]]
                f.append(self._pair("t-1t=", tags[i - 1], tags[i]))
                if i == 1:
                    f.append("-1BOS")
                else:
                    f += words[i - 2][1][0]
                    f.append(tagf[i - 2][3])
            if i == n - 1:
                f.append("EOS")
            else:
                f += words[i + 1][1][2]
                f += tagf[i + 1][2]
                if gaz[i + 1]:
                    f += ["+1" + x for x in gaz[i + 1]]
                f.append(self._pair("tt+1=", tags[i], tags[i + 1]))
                if i + 2 < n:
                    f += words[i + 2][1][3]
                    f.append(tagf[i + 2][4])
            out.append(f)
        return out

    def _tag(self, t: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str]:
        """The features a tag gives its token (t=, t2=), the tokens before and after it (-1…, +1…) and
        the ones two places away (+2t=, -2t=)."""
        got = self._tags.get(t)
        if got is None:
            if len(self._tags) >= _CACHE_LIMIT:
                self._tags.clear()
            got = self._tags[t] = (("t=" + t, "t2=" + t[:2]), ("-1t=" + t, "-1t2=" + t[:2]),
                                   ("+1t=" + t, "+1t2=" + t[:2]), "-2t=" + t, "+2t=" + t)
        return got

    def _pair(self, prefix: str, a: str, b: str) -> str:
        key = (prefix, a, b)
        got = self._pairs.get(key)
        if got is None:
            if len(self._pairs) >= _CACHE_LIMIT:
                self._pairs.clear()
            got = self._pairs[key] = prefix + a + "|" + b
        return got

    def tokens(self, toks: Sequence[Token]) -> list[list[str]]:
        return self.sentence([t.text for t in toks], [t.tag for t in toks], [t.lemma or t.text for t in toks],
                             [t.norm or norm(t.text) for t in toks])


def spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO labels → (start, end exclusive, class); an I- without its B- opens a span (conlleval's way)."""
    out: list[tuple[int, int, str]] = []
    start, cls = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        kind = lab[2:] if lab[:2] in ("B-", "I-") else ""
        if cls and (lab.startswith("B-") or kind != cls):
            out.append((start, i, cls))
            cls = ""
        if kind and not cls:
            start, cls = i, kind
    return out


class NameModel:
    """A trained CRF and the knowledge its features use."""

    def __init__(self, tagger: Any, features: FeatureExtractor) -> None:
        self._tagger = tagger
        self.features = features

    @classmethod
    def load(cls, actors: Any, gazetteer: Any, path: Path | None = None) -> NameModel:
        import pycrfsuite

        path = path or data_path(*MODEL_FILE)
        if not path.exists():
            raise DataFileError(str(path), None, "the name tagger's model is missing",
                                hint="train it with: python tools/train_ner.py (needs the corpora in "
                                     "/work/shared/data; see docs/ner.md)")
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise DataFileError(str(path), None, f"cannot read the name tagger's model: {exc}",
                                hint="retrain it with: python tools/train_ner.py") from exc
        return cls(tagger, FeatureExtractor(Knowledge.build(actors, gazetteer)))

    def tag(self, toks: Sequence[Token]) -> list[str]:
        if not toks:
            return []
        labels: list[str] = self._tagger.tag(self.features.tokens(toks))
        return labels


class NameTagger:
    """The pipeline component: fills ``doc.names`` with PER, LOC and ORG spans."""

    name = "names"
    requires: tuple[str, ...] = ("token.tag",)
    assigns: tuple[str, ...] = ("doc.names",)

    def __init__(self, resources: Any) -> None:
        self.resources = resources  # the model is loaded on first use, once per Resources

    def __call__(self, doc: Document) -> Document:
        model: NameModel = self.resources.ner
        doc.names = []
        for sent in doc.sentences:
            toks = doc.tokens[sent.tok_start:sent.tok_end]
            for start, end, label in spans(model.tag(toks)):
                first, last = toks[start], toks[end - 1]
                doc.names.append(Name(sent.tok_start + start, sent.tok_start + end, label,
                                      doc.text[first.start:last.end]))
        return doc


def document_from_tokens(sentences: Iterable[Sequence[str]], doc_id: str = "doc") -> Document:
    """A document whose sentences and tokens are given (no re-tokenisation): tokens joined by single
    spaces, sentences by line ends."""
    tokens: list[Token] = []
    sents: list[Sentence] = []
    lines: list[str] = []
    pos = 0
    for words in sentences:
        first, sent_start = len(tokens), pos
        for w in words:
            tokens.append(Token(i=len(tokens), text=w, start=pos, end=pos + len(w), sent=len(sents), norm=norm(w)))
            pos += len(w) + 1
        line = " ".join(words)
        lines.append(line)
        sents.append(Sentence(i=len(sents), start=sent_start, end=sent_start + len(line), tok_start=first,
                              tok_end=len(tokens), text=line))
        pos = sent_start + len(line) + 1
    return Document(text="\n".join(lines), doc_id=doc_id, tokens=tokens, sentences=sents)
