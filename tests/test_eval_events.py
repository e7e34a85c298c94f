"""`chronik eval events` scores as ../shared/tools/score_events.py does (checked against it where the
shared folder lies beside the repository), and English and mixed-language documents are coded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik import Pipeline
from chronik.cli.main import cli

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = [
    {"doc_id": "en-1", "date": "2024-03-05", "language": "en",
     "text": "Russian troops attacked the Ukrainian city of Kharkiv on Monday.",
     "events": [{"source": ["RUS"], "target": ["UKR"], "cameo_root": ["19"], "required": True}]},
    {"doc_id": "de-1", "date": "2024-03-05",
     "text": "Die Polizei nahm am Montag in Istanbul zwölf Demonstranten fest.",
     "events": [{"source": ["TUR"], "target": ["TUR"], "cameo_root": ["17"], "required": True}]},
    {"doc_id": "en-2", "date": "2024-03-05", "language": "en",
     "text": "The weather was fine in London on Tuesday.", "events": []},
]


def _write(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in GOLD), encoding="utf-8")
    return gold


def test_eval_events_scores_and_confusion(tmp_path: Path) -> None:
    gold = _write(tmp_path)
    out = tmp_path / "pred.jsonl"
    res = CliRunner().invoke(cli, ["eval", "events", str(gold), "--out", str(out)])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[-1].startswith("F1=1.000") and "required gold=2" in lines[-1]
    assert any(line.startswith("root confusion") for line in lines)
    assert out.read_text(encoding="utf-8").count("\n") >= 2


@pytest.mark.skipif(not (SHARED / "tools" / "score_events.py").exists(), reason="../shared is not beside the repo")
def test_eval_events_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    gold = SHARED / "data" / "dev" / "seed.gold.jsonl"
    out = tmp_path / "pred.jsonl"
    res = CliRunner().invoke(cli, ["eval", "events", str(gold), "--out", str(out)])
    assert res.exit_code == 0, res.output
    theirs = subprocess.run([sys.executable, str(SHARED / "tools" / "score_events.py"), str(gold), str(out)],
                            capture_output=True, text=True, check=True).stdout.strip().splitlines()
    ours = res.output.strip().splitlines()
    assert ours[-1] == theirs[-1]
    assert ours[-2] == theirs[-2]


def test_english_sentence_is_coded() -> None:
    doc = Pipeline("en")("Israeli soldiers arrested more than 100 Palestinians on Saturday.", date="2024-03-05")
    assert [(e.source.actor.code, e.cameo[:2], e.target.actor.code if e.target else None) for e in doc.events] \
        == [("ISRMIL", "17", "PSE")]
    assert doc.events[0].date is not None and doc.events[0].date.isoformat() == "2024-03-02"


def test_mixed_languages_are_coded_document_by_document(tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text("".join(json.dumps({k: v for k, v in d.items() if k not in ("events", "language")}) + "\n"
                           for d in GOLD[:2]), encoding="utf-8")
    res = CliRunner().invoke(cli, ["code", str(src), "--format", "json"])
    assert res.exit_code == 0, res.output
    docs = {d["doc_id"]: d for d in json.loads(res.output)}
    assert docs["en-1"]["language"] == "en" and docs["de-1"]["language"] == "de"
    assert [e["cameo"][:2] for e in docs["en-1"]["events"]] == ["19"]
    assert [e["cameo"][:2] for e in docs["de-1"]["events"]] == ["17"]


RECORDS = """<Validation>
<!-- records written for this test; comments may hold <Sentence> markup, as PETRARCH's files do -->
<Environment>
    <Actorfile>test.actors.txt</Actorfile>
    <Agentfile>test.agents.txt</Agentfile>
</Environment>
<Sentences>
<Sentence category="DEMO" date="19950101" id="DEMO-01" evaluate="true">
<EventCoding eventcode="190" sourcecode="ARN" targetcode="GON" />
<Text>
Arnor attacked Gondor on Monday.
</Text>
</Sentence>
<Sentence category="VERB" date="19950101" id="VERB-01" evaluate="true">
<EventCoding eventcode="040" sourcecode="ARNGOV" targetcode="GON" />
<Text>
The Arnor government met Gondor.
</Text>
</Sentence>
<Sentence category="SKIP" date="19950101" id="SKIP-01" evaluate="false">
<EventCoding eventcode="010" sourcecode="ARN" targetcode="GON" />
<Text>Arnor said nothing.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_eval_petrarch_records(tmp_path: Path) -> None:
    (tmp_path / "test.actors.txt").write_text("ARNOR [ARN]\nGONDOR [GON]\n", encoding="utf-8")
    (tmp_path / "test.agents.txt").write_text("GOVERNMENT [~GOV]\n", encoding="utf-8")
    records = tmp_path / "records.xml"
    records.write_text(RECORDS, encoding="utf-8")
    res = CliRunner().invoke(cli, ["eval", "petrarch", str(records)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("2 records coded, 2 expected events")
    assert "DEMO       agree 1" in res.output


def test_english_according_to_is_an_attribution() -> None:
    doc = Pipeline("en")("Russian troops attacked the Ukrainian city of Kharkiv on Monday, according to the "
                         "Ukrainian army.", date="2024-03-05")
    ev = next(e for e in doc.events if e.cameo.startswith("19"))
    assert (ev.source.actor.code, ev.target.actor.code if ev.target else None) == ("RUSMIL", "UKR")
    assert ev.mode == "reported_claim" and ev.attributed_to is not None
    assert ev.attributed_to.actor.code == "UKRMIL"
