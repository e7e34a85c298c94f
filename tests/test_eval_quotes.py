"""The quotation benchmark's measure (chronik.evaluate.quotes) and the `quotes` and `eval quotes` commands,
on a small dataset written here in the converted Wikinews format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik.cli.main import cli
from chronik.evaluate.quotes import Dataset, Group, report, score, token_ids

TEXT = "„Wir bleiben hart“, sagte der Minister. Die Opposition erklärte, sie lehne das ab."


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]


def _role(text: str, toks: list[tuple[int, int]], part: str) -> dict[str, object]:
    a = text.index(part)
    b = a + len(part)
    return {"text": part, "spans": [[a, b]], "token_ids": token_ids([(a, b)], toks)}


@pytest.fixture()
def dataset(tmp_path: Path) -> Path:
    toks = _tokens(TEXT)
    quotes = [
        {"id": 0, "type": "Direct", "medium": "Speech", "is_nested": False, "has_nested": False,
         "quote": _role(TEXT, toks, "„Wir bleiben hart“"), "speaker": _role(TEXT, toks, "der Minister"),
         "cue": _role(TEXT, toks, "sagte"), "frame": _role(TEXT, toks, "sagte der Minister"), "addressee": []},
        {"id": 1, "type": "Indirect", "medium": "SW", "is_nested": False, "has_nested": False,
         "quote": _role(TEXT, toks, "sie lehne das ab"), "speaker": _role(TEXT, toks, "Die Opposition"),
         "cue": _role(TEXT, toks, "erklärte"), "frame": _role(TEXT, toks, "Die Opposition erklärte"),
         "addressee": []},
    ]
    (tmp_path / "articles.jsonl").write_text(json.dumps(
        {"doc_id": "wikinews-1", "title": "t", "date": "2024-01-01", "split": "test", "text": TEXT},
        ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "quotes.jsonl").write_text(json.dumps(
        {"doc_id": "wikinews-1", "split": "test", "quotes": quotes}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "tokens.jsonl").write_text(json.dumps(
        {"doc_id": "wikinews-1", "tokens": toks, "sentences": []}) + "\n", encoding="utf-8")
    return tmp_path


def test_eval_quotes_perfect_prediction_scores_one(dataset: Path) -> None:
    data = Dataset.load(dataset, "test")
    gold = data.gold_groups()
    result = report(gold, gold)
    assert result.overall.quote.f1 == 1.0 and result.overall.speaker.f1 == 1.0
    assert result.by_type["Direct"].quote.f1 == 1.0 and result.by_type["Reported"].n_gold == 0


def test_eval_quotes_macro_average_over_pairs() -> None:
    gold = {"d": [Group({"quote": [1, 2, 3, 4], "speaker": [7]}, "Direct"),
                  Group({"quote": [10, 11], "speaker": [12]}, "Indirect")]}
    pred = {"d": [Group({"quote": [1, 2], "speaker": [7]}, "Direct"),  # half the quote, speaker right
                  Group({"quote": [20, 21], "speaker": []}, "Direct")]}  # overlaps nothing
    s = score(gold, pred)
    # pairs: (gold 0, pred 0) P 1 R .5; (gold 1, pred 1) zero overlap P 0 R 0 → macro P .5, R .25
    assert s.quote.p == pytest.approx(0.5) and s.quote.r == pytest.approx(0.25)
    assert s.speaker.p == pytest.approx(1.0) and s.speaker.r == pytest.approx(0.5)
    direct = score(gold, pred, "Direct")
    assert direct.n_gold == 1 and direct.n_pred == 2
    assert direct.quote.p == pytest.approx(0.5) and direct.quote.r == pytest.approx(0.5)


def test_eval_quotes_token_ids_overlap() -> None:
    toks = [(0, 3), (4, 8), (9, 12)]
    assert token_ids([(5, 6)], toks) == [1]
    assert token_ids([(0, 12)], toks) == [0, 1, 2]
    assert token_ids([(3, 4)], toks) == []


def test_eval_quotes_command_runs_chronik_and_scores_predictions(dataset: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "pred.jsonl"
    res = runner.invoke(cli, ["eval", "quotes", str(dataset), "--split", "test", "--out", str(out)])
    assert res.exit_code == 0, res.output
    last = res.output.strip().splitlines()[-1]
    assert re.fullmatch(r"quote F1=\d\.\d{3} speaker F1=\d\.\d{3} direct quote F1=\d\.\d{3} "
                        r"direct speaker F1=\d\.\d{3}", last), last
    assert "direct quote F1=1.000 direct speaker F1=1.000" in last
    again = runner.invoke(cli, ["eval", "quotes", str(dataset), "--split", "test", "--pred", str(out)])
    assert again.exit_code == 0 and again.output.strip().splitlines()[-1] == last


def test_eval_quotes_missing_files_are_reported(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["eval", "quotes", str(tmp_path)])
    assert res.exit_code == 2 and "articles.jsonl" in res.output


def test_quotes_command_writes_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(cli, ["quotes", str(src), "--date", "2024-01-01", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.output.splitlines()]
    assert [r["type"] for r in recs] == ["Direct", "Indirect"]
    assert recs[0]["speaker"]["text"] == "der Minister" and recs[0]["doc_id"] == "a"
    table = CliRunner().invoke(cli, ["quotes", str(src), "--date", "2024-01-01", "--format", "table"])
    assert "Indirect" in table.output
