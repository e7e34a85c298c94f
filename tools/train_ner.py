"""Train chronik's name tagger (PER/LOC/ORG CRF) from GermEval 2014 dev and the corpora in ner_extra.

    python tools/train_ner.py                      # train, write src/chronik/data/ner/{de.crfsuite,clusters.tsv}
    python tools/train_ner.py --cv 5               # cross-validate on GermEval dev (extras + 4/5 dev → 1/5)

Data (see src/chronik/data/ner/README.md for licences): GermEval 2014 NER dev (outer level; only PER,
LOC, ORG, the deriv/part variants and OTH are O; counted three times), MobIE and Europeana newspapers,
with their classes mapped to PER/LOC/ORG. LER (court decisions) and HIPE-2022 (newseye, sonar) can be
added (``--skip ""``) but lowered the cross-validated F1; their text still feeds the word clusters.
The GermEval test file is never read here.

Tagging the corpora with HanTa is the slow step; its result is cached (``--cache``). Everything else is
deterministic (fixed seeds).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import pickle
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from chronik.evaluate.ner import plain_label, read_germeval, score  # noqa: E402
from chronik.text.ner import CLUSTER_FILE, MODEL_FILE  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
GERMEVAL_DEV = SHARED / "germeval2014" / "NER-de-dev.tsv"
EXTRA = SHARED / "ner_extra"
OUT_DIR = ROOT / "src" / "chronik" / "data" / "ner"

Sent = tuple[list[str], list[str]]  # words, BIO labels
Tagged = tuple[list[str], list[str], list[str], list[str]]  # words, labels, STTS tags, lemmas

LER_MAP = {"PER": "PER", "RR": "PER", "AN": "PER", "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
           "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG"}
MOBIE_MAP = {"person": "PER", "location": "LOC", "location-city": "LOC", "location-street": "LOC",
             "location-stop": "LOC", "organization": "ORG", "organization-company": "ORG"}
HIPE_MAP = {"pers": "PER", "loc": "LOC", "org": "ORG", "PER": "PER", "LOC": "LOC", "ORG": "ORG"}
EURO_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


def _map(tag: str, mapping: dict[str, str]) -> str:
    if tag[:2] not in ("B-", "I-"):
        return "O"
    cls = mapping.get(tag[2:])
    return tag[:2] + cls if cls else "O"


def _repair(labels: list[str]) -> list[str]:
    """I-X after O or another class becomes B-X (mapping can cut spans)."""
    out = []
    prev = "O"
    for lab in labels:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        out.append(lab)
        prev = lab
    return out


def read_columns(path: Path, mapping: dict[str, str], tag_col: int = -1, sep: str | None = None) -> list[Sent]:
    out: list[Sent] = []
    words: list[str] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        cols = line.split(sep) if line.strip() else []
        if not cols or cols[0] == "-DOCSTART-":
            if words:
                out.append((words, _repair(labels)))
            words, labels = [], []
            continue
        if len(cols) < 2:
            continue
        words.append(cols[0])
        labels.append(_map(cols[tag_col], mapping))
    if words:
        out.append((words, _repair(labels)))
    return out


def read_hipe(path: Path) -> list[Sent]:
    out: list[Sent] = []
    words: list[str] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        cols = line.split("\t")
        if len(cols) != 10 or cols[0] == "TOKEN":
            if line.startswith("# hipe2022:document_id") and words:
                out.append((words, _repair(labels)))
                words, labels = [], []
            continue
        words.append(cols[0])
        labels.append(_map(cols[1], HIPE_MAP))
        if "EndOfSentence" in cols[9] or len(words) >= 80:
            out.append((words, _repair(labels)))
            words, labels = [], []
    if words:
        out.append((words, _repair(labels)))
    return out


def read_europeana(path: Path) -> list[Sent]:
    out: list[Sent] = []
    words: list[str] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        cols = line.split()
        if len(cols) != 2 or line.startswith("# "):
            continue
        tag = cols[1] if cols[1] in ("O",) or cols[1][:2] in ("B-", "I-") else "O"
        words.append(cols[0])
        labels.append(_map(tag, EURO_MAP))
        if (cols[0] in (".", "!", "?") and len(words) >= 5) or len(words) >= 60:
            out.append((words, _repair(labels)))
            words, labels = [], []
    if words:
        out.append((words, _repair(labels)))
    return out


def read_dev() -> list[Sent]:
    return [(s.words, [plain_label(x) for x in s.gold]) for s in read_germeval(GERMEVAL_DEV)]


def read_ler(limit: int, seed: int = 7) -> list[Sent]:
    """Court sentences that name a person, place or organisation other than a court (GRT dominates)."""
    sents = read_columns(EXTRA / "ler" / "ler_train_strict.conll", LER_MAP, sep=" ")
    keep = [s for s in sents if any(lab != "O" for lab in s[1]) and len(s[0]) <= 80]
    rng = random.Random(seed)
    rng.shuffle(keep)
    return keep[:limit]


def read_extras(ler_limit: int) -> dict[str, list[Sent]]:
    hipe = EXTRA / "hipe2022"
    euro = EXTRA / "europeana"
    mobie = EXTRA / "mobie"
    return {
        "mobie": [s for f in ("train", "dev", "test") for s in
                  read_columns(mobie / f"{f}.conll2003", MOBIE_MAP, tag_col=3, sep="\t")],
        "hipe": [s for f in sorted(hipe.glob("*.tsv")) if "-ajmc-" not in f.name for s in read_hipe(f)],
        "europeana": [s for f in sorted(euro.glob("*.bio")) for s in read_europeana(f)],
        "ler": read_ler(ler_limit),
    }


# --- tagging (HanTa through chronik's tagger), parallel and cached ---

def _tag_chunk(chunk: list[Sent]) -> list[Tagged]:
    from chronik.text.ner import document_from_tokens
    from chronik.text.tagger import Tagger

    tagger = _worker_tagger.get("t")
    if tagger is None:
        tagger = _worker_tagger["t"] = Tagger("de")
    doc = tagger(document_from_tokens([w for w, _ in chunk]))
    out: list[Tagged] = []
    for (words, labels), sent in zip(chunk, doc.sentences, strict=True):
        toks = doc.tokens[sent.tok_start:sent.tok_end]
        out.append((words, labels, [t.tag for t in toks], [t.lemma for t in toks]))
    return out


_worker_tagger: dict[str, object] = {}  # one tagger per worker process (tool script, not library code)


def tag_all(sents: list[Sent], cache: Path | None, jobs: int) -> list[Tagged]:
    key = hashlib.sha1(pickle.dumps(sents)).hexdigest()[:16]
    path = cache / f"tagged-{key}.pkl" if cache else None
    if path and path.exists():
        with path.open("rb") as f:
            data: list[Tagged] = pickle.load(f)
            return data
    chunks = [sents[i:i + 200] for i in range(0, len(sents), 200)]
    with Pool(jobs) as pool:
        parts = pool.map(_tag_chunk, chunks)
    out = [t for p in parts for t in p]
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            pickle.dump(out, f)
    return out


# --- distributional clusters from the unlabelled text of the training corpora ---

def build_clusters(texts: list[list[str]], path: Path, vocab_size: int = 30000, contexts: int = 1500,
                   dims: int = 80, k_coarse: int = 64, k_fine: int = 512, seed: int = 1) -> None:
    """Words → two k-means clusters of their SVD-reduced left/right neighbour profiles, plus how often
    the word is written in lower case (not counting sentence starts)."""
    lower = Counter(w.lower() for s in texts for w in s)
    lc = Counter(w for s in texts for w in s[1:] if w[:1].islower())
    vocab = [w for w, n in lower.most_common(vocab_size) if n >= 3]
    ctx = [w for w, _ in lower.most_common(contexts)]
    vi = {w: i for i, w in enumerate(vocab)}
    ci = {w: i for i, w in enumerate(ctx)}
    m = np.zeros((len(vocab), 2 * len(ctx)), dtype=np.float32)
    for s in texts:
        ls = [w.lower() for w in s]
        for j, w in enumerate(ls):
            r = vi.get(w)
            if r is None:
                continue
            if j > 0 and (c := ci.get(ls[j - 1])) is not None:
                m[r, c] += 1
            if j + 1 < len(ls) and (c := ci.get(ls[j + 1])) is not None:
                m[r, len(ctx) + c] += 1
    m = np.log1p(m)
    m /= np.linalg.norm(m, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(m @ rng.standard_normal((m.shape[1], dims + 20)).astype(np.float32))
    _, _, vt = np.linalg.svd(q.T @ m, full_matrices=False)
    x = m @ vt[:dims].T
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    coarse = _kmeans(x, k_coarse, rng)
    fine = _kmeans(x, k_fine, rng)
    with path.open("w", encoding="utf-8") as f:
        f.write("# word\tcoarse cluster\tfine cluster\tlower-case share (L ≥ 0.9, M, U ≤ 0.1, ? rare); "
                "built by tools/train_ner.py from the training corpora\n")
        for w in vocab:
            n = lower[w]
            share = lc[w] / n
            bucket = "?" if n < 5 else "L" if share >= 0.9 else "U" if share <= 0.1 else "M"
            f.write(f"{w}\t{coarse[vi[w]]}\t{fine[vi[w]]}\t{bucket}\n")


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 15) -> np.ndarray:
    cent = x[rng.choice(len(x), k, replace=False)]
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        assign = np.argmax(x @ cent.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.mean(axis=0)
                cent[c] = v / (np.linalg.norm(v) + 1e-9)
    return assign


# --- features, training, cross-validation ---

def knowledge() -> object:
    from chronik.pipeline import Resources
    from chronik.text.ner import Knowledge

    res = Resources("de")
    return Knowledge.build(res.actors, res.gazetteer, OUT_DIR / CLUSTER_FILE[1])


def featurise(data: list[Tagged], know: object) -> Iterator[tuple[list[list[str]], list[str]]]:
    from chronik.text.ner import FeatureExtractor

    fx = FeatureExtractor(know)  # type: ignore[arg-type]
    for words, labels, tags, lemmas in data:
        yield fx.sentence(words, tags, lemmas), labels


def train(data: list[Tagged], know: object, model: Path, args: argparse.Namespace) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in featurise(data, know):
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True, "feature.minfreq": args.minfreq})
    trainer.train(str(model))


def tag_with(model: Path, data: list[Tagged], know: object) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [tagger.tag(x) for x, _ in featurise(data, know)]


def _fold(job: tuple[int, list[Tagged], list[Tagged], argparse.Namespace]) -> tuple[int, list[str]]:
    fold, train_data, test_data, args = job
    know = knowledge()
    model = Path(args.cache or "/tmp") / f"cv-{fold}.crfsuite"
    train(train_data, know, model, args)
    pred = tag_with(model, test_data, know)
    s = score([lab for _, lab, _, _ in test_data], pred)
    rows = [f"fold {fold}: " + " ".join(f"{n} P={p:.3f} R={r:.3f} F1={f:.3f}" for n, _, _, _, p, r, f in s.rows())]
    return fold, [*rows, f"counts {fold} " + " ".join(f"{n}:{g}/{pr}/{tp}" for n, g, pr, tp, *_ in s.rows())]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", type=int, default=0, help="cross-validate on GermEval dev with this many folds")
    ap.add_argument("--folds", type=str, default="", help="only these folds (comma-separated)")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "chronik-ner")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--ler", type=int, default=12000, help="LER sentences to sample")
    ap.add_argument("--dev-weight", type=int, default=3, help="repeat GermEval dev sentences this often")
    ap.add_argument("--skip", type=str, default="ler,hipe",
                    help="corpora to leave out (comma-separated; LER and HIPE lowered the cross-validated F1)")
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--no-clusters", action="store_true", help="keep the existing cluster table")
    args = ap.parse_args()

    t0 = time.time()
    dev = read_dev()
    extras = read_extras(args.ler)
    skip = set(filter(None, args.skip.split(",")))
    extra = [s for name, sents in extras.items() if name not in skip for s in sents]
    print(f"read: dev {len(dev)} sentences; " + ", ".join(f"{k} {len(v)}" for k, v in extras.items())
          + f" ({time.time() - t0:.0f} s)", flush=True)
    tdev = tag_all(dev, args.cache, args.jobs)
    textra = tag_all(extra, args.cache, args.jobs)
    print(f"tagged {sum(len(s[0]) for s in tdev) + sum(len(s[0]) for s in textra)} tokens "
          f"({time.time() - t0:.0f} s)", flush=True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    if not args.no_clusters:
        all_ler = read_columns(EXTRA / "ler" / "ler_train_strict.conll", LER_MAP, sep=" ")
        texts = [w for w, _ in dev] + [w for v in extras.values() for w, _ in v] + [w for w, _ in all_ler]
        build_clusters(texts, OUT_DIR / CLUSTER_FILE[1])
        print(f"clusters built ({time.time() - t0:.0f} s)", flush=True)

    if args.cv:
        idx = list(range(len(tdev)))
        random.Random(13).shuffle(idx)
        folds = [sorted(idx[f::args.cv]) for f in range(args.cv)]
        wanted = [int(x) for x in args.folds.split(",")] if args.folds else list(range(args.cv))
        jobs = []
        for f in wanted:
            test_ids = set(folds[f])
            train_dev = [s for i, s in enumerate(tdev) if i not in test_ids]
            jobs.append((f, textra + train_dev * args.dev_weight, [tdev[i] for i in folds[f]], args))
        with Pool(min(args.jobs, len(jobs))) as pool:
            results = pool.map(_fold, jobs)
        tp = Counter[str]()
        for _, rows in sorted(results):
            for r in rows:
                print(r)
                if r.startswith("counts"):
                    for part in r.split()[2:]:
                        name, nums = part.split(":")
                        g, p, t = (int(x) for x in nums.split("/"))
                        tp[name + "g"] += g
                        tp[name + "p"] += p
                        tp[name + "t"] += t
        for name in ("PER", "LOC", "ORG", "all"):
            p = tp[name + "t"] / max(tp[name + "p"], 1)
            r = tp[name + "t"] / max(tp[name + "g"], 1)
            f1 = 2 * p * r / (p + r) if p + r else math.nan
            print(f"cv {name}: P={p:.3f} R={r:.3f} F1={f1:.3f}")
        print(f"done ({time.time() - t0:.0f} s)")
        return

    model = OUT_DIR / MODEL_FILE[1]
    train(textra + tdev * args.dev_weight, knowledge(), model, args)
    print(f"model written: {model} ({model.stat().st_size / 1e6:.1f} MB, {time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
