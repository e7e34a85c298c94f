"""The name tagger (PER/LOC/ORG CRF), its GermEval scorer and ``chronik eval ner``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik import Pipeline
from chronik.cli.main import cli
from chronik.evaluate.ner import parse_germeval, plain_label, read_germeval, score, write_predictions
from chronik.text.ner import document_from_tokens, shape, spans
from conftest import shared_file

GOLD = """#\thttp://example.org/1\t[2024-01-01]
1\tAngela\tB-PER\tO
2\tMerkel\tI-PER\tO
3\tbesuchte\tO\tO
4\tParis\tB-LOC\tO
5\tund\tO\tO
6\tdie\tO\tO
7\tdeutsche\tB-LOCderiv\tO
8\tBotschaft\tO\tO
9\t.\tO\tO

#\thttp://example.org/2\t[2024-01-01]
1\tDie\tO\tO
2\tUNO\tB-ORG\tO
3\tund\tO\tO
4\tSiemens\tB-ORG\tO
5\ttagten\tO\tO
6\tin\tO\tO
7\tBad\tB-LOC\tB-LOC
8\tEms\tI-LOC\tO
9\t.\tO\tO
"""

# the same with three mistakes: Merkel alone (PER span wrong), Siemens missed, "Die" predicted as ORG
PRED = GOLD.replace("1\tAngela\tB-PER", "1\tAngela\tO").replace("2\tMerkel\tI-PER", "2\tMerkel\tB-PER") \
    .replace("4\tSiemens\tB-ORG", "4\tSiemens\tO").replace("1\tDie\tO", "1\tDie\tB-ORG")


def _labels(text: str) -> list[list[str]]:
    return [s.gold for s in parse_germeval(text.split("\n"))]


def _simple_f1(gold: list[list[str]], pred: list[list[str]]) -> float:
    """An independent re-implementation: spans as (sentence, start, end, class) strings."""
    def collect(seqs: list[list[str]]) -> set[str]:
        out = set()
        for n, seq in enumerate(seqs):
            k = 0
            while k < len(seq):
                if seq[k].startswith("B-"):
                    j = k + 1
                    while j < len(seq) and seq[j] == "I-" + seq[k][2:]:
                        j += 1
                    out.add(f"{n}:{k}:{j}:{seq[k][2:]}")
                    k = j
                else:
                    k += 1
        return out
    g, p = collect(gold), collect(pred)
    tp = len(g & p)
    return 2 * tp / (len(g) + len(p)) if g or p else 1.0


def test_plain_labels_only() -> None:
    assert plain_label("B-PER") == "B-PER"
    assert plain_label("B-LOCderiv") == "O"
    assert plain_label("I-ORGpart") == "O"
    assert plain_label("B-OTH") == "O"


def test_spans_and_shape() -> None:
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC"),
                                                                          (4, 5, "LOC"), (5, 6, "LOC")]
    assert spans(["B-PER", "I-LOC"]) == [(0, 1, "PER"), (1, 2, "LOC")]
    assert shape("Merkel") == "Xx" and shape("UN-Sicherheitsrat") == "X-Xx" and shape("G20") == "Xd"


def test_scorer_against_itself_and_by_hand() -> None:
    gold = _labels(GOLD)
    assert score(gold, gold).overall.f1 == 1.0
    pred = _labels(PRED)
    s = score(gold, pred)
    # gold: PER 1, LOC 2, ORG 2 (LOCderiv is not counted); predicted: PER 1 (wrong span), LOC 2, ORG 2
    assert (s.per_class["PER"].tp, s.per_class["PER"].fp, s.per_class["PER"].fn) == (0, 1, 1)
    assert (s.per_class["LOC"].tp, s.per_class["LOC"].fp, s.per_class["LOC"].fn) == (2, 0, 0)
    assert (s.per_class["ORG"].tp, s.per_class["ORG"].fp, s.per_class["ORG"].fn) == (1, 1, 1)
    assert s.overall.f1 == pytest.approx(0.6)  # 3 matches of 5 gold and 5 predicted
    assert s.overall.f1 == pytest.approx(_simple_f1(gold, pred))


def test_document_from_tokens_keeps_tokens() -> None:
    doc = document_from_tokens([["Die", "UNO", "tagt", "."], ["Ja", "!"]])
    assert [t.text for t in doc.tokens] == ["Die", "UNO", "tagt", ".", "Ja", "!"]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)
    assert [(s.tok_start, s.tok_end) for s in doc.sentences] == [(0, 4), (4, 6)]


def test_write_predictions_format() -> None:
    sents = parse_germeval(GOLD.split("\n"))
    out = io.StringIO()
    write_predictions(sents, [s.gold for s in sents], out)
    lines = out.getvalue().split("\n")
    assert lines[0] == "#\thttp://example.org/1\t[2024-01-01]"
    assert lines[1] == "1\tAngela\tB-PER\tO"
    assert lines[7] == "7\tdeutsche\tO\tO"
    assert lines[10] == "" and lines[11].startswith("#\t")
    assert lines[-2:] == ["9\t.\tO\tO", ""] or lines[-3:] == ["9\t.\tO\tO", "", ""]


@pytest.fixture(scope="module")
def tagged(nlp: Pipeline) -> dict[str, str]:
    doc = nlp("Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel Macron. "
              "Die Vereinten Nationen und die Europäische Union forderten eine Waffenruhe. "
              "Der Vorstand von Siemens tagte in München.", date="2024-05-08")
    return {n.text: n.label for n in doc.names}


def test_finds_people(tagged: dict[str, str]) -> None:
    assert tagged.get("Olaf Scholz") == "PER"
    assert tagged.get("Emmanuel Macron") == "PER"


def test_finds_places_and_organisations(tagged: dict[str, str]) -> None:
    assert tagged.get("Paris") == "LOC"
    assert tagged.get("München") == "LOC"
    assert tagged.get("Europäische Union") == "ORG"
    assert tagged.get("Siemens") == "ORG"


def test_names_component_registered(nlp: Pipeline) -> None:
    report = nlp.analyze()
    names = [name for name, _, _ in report]
    assert names.index("names") == names.index("tagger") + 1


def test_cli_eval_ner(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text(GOLD, encoding="utf-8")
    out = tmp_path / "pred.tsv"
    result = CliRunner().invoke(cli, ["eval", "ner", str(gold), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("F1=")
    assert "PER" in result.output and "LOC" in result.output and "ORG" in result.output
    pred = read_germeval(out)
    assert [s.words for s in pred] == [s.words for s in read_germeval(gold)]
    body = [ln for ln in out.read_text(encoding="utf-8").split("\n") if ln and not ln.startswith("#")]
    assert all(len(ln.split("\t")) == 4 and ln.split("\t")[3] == "O" for ln in body)


def test_dev_file_scores_itself() -> None:
    path = shared_file("data", "germeval2014", "NER-de-dev.tsv")
    sents = read_germeval(path)
    assert len(sents) == 2200
    gold = [s.gold for s in sents]
    assert score(gold, gold).overall.f1 == 1.0
    assert sum(lab.startswith("B-") for g in gold for lab in g) == 763 + 711 + 496


def test_missing_model_says_how_to_train(nlp: Pipeline, tmp_path: Path) -> None:
    from chronik.errors import DataFileError
    from chronik.text.ner import NameModel

    with pytest.raises(DataFileError, match="model is missing") as info:
        NameModel.load(nlp.resources.actors, nlp.resources.gazetteer, tmp_path / "none.crfsuite")
    assert info.value.hint and "train_ner.py" in info.value.hint
