"""Acceptance on the seed article: the shipped coder against its gold, scored by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from click.testing import CliRunner

from chronik.cli.main import cli
from chronik.evaluate.events import score_documents
from conftest import shared_file


def test_seed_article_scores(tmp_path: Path) -> None:
    gold = shared_file("data", "dev", "seed.gold.jsonl")
    scorer = shared_file("tools", "score_events.py")
    result = CliRunner().invoke(cli, ["code", str(gold), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    pred = tmp_path / "pred.jsonl"
    pred.write_text(result.stdout, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, check=True)
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["f1"] >= 0.85, summary
    assert summary["location_accuracy"] == 1.0, summary
    assert summary["date_accuracy"] == 1.0, summary
    # chronik's own scorer agrees with the shared one
    preds: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in result.stdout.splitlines():
        if line.strip():
            ev = json.loads(line)
            preds[ev["doc_id"]].append(ev)
    golds = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    mine = score_documents(golds, preds)
    assert round(mine.f1, 4) == summary["f1"]
    assert mine.predictions == summary["predictions"]


def test_seed_negated_denial_not_coded() -> None:
    gold = shared_file("data", "dev", "seed.gold.jsonl")
    result = CliRunner().invoke(cli, ["code", str(gold), "--format", "jsonl"])
    triggers = [json.loads(x)["trigger"]["text"] for x in result.stdout.splitlines() if x.strip()]
    assert "dementierte" not in triggers
