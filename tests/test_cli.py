"""The command line, end to end: in process (click's runner) and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from chronik.cli.main import cli
from conftest import REPO, shared_file

EXAMPLES = sorted((REPO / "examples").glob("*.txt"))


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(shared_file("spec", "events.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_cli_examples_give_schema_valid_events(path: Path) -> None:
    result = CliRunner().invoke(cli, ["code", str(path), "--date", "2025-03-11", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert lines, "an example article should give events"
    v = schema_validator()
    for ev in lines:
        errors = list(v.iter_errors(ev))
        assert not errors, errors[0].message
        assert ev["doc_id"] == path.stem


def test_cli_jsonl_documents_and_json_format(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "a", "date": "2024-05-06", "text": "Die Polizei nahm in Istanbul "
                                "zwölf Demonstranten fest."}, ensure_ascii=False) + "\n{kaputt\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(docs), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data[0]["doc_id"] == "a"
    assert data[0]["sentences"] and data[0]["mentions"] and data[0]["events"]
    assert f"{docs}:2" in result.stderr  # the broken line is reported with file:line


def test_cli_stdin_and_table() -> None:
    result = CliRunner().invoke(cli, ["code", "-", "--date", "2024-05-06", "--format", "table"],
                                input="Russland griff am Montag die Ukraine an.")
    assert result.exit_code == 0, result.output
    assert "RUS" in result.stdout and "UKR" in result.stdout


def test_cli_missing_file_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["code", "does-not-exist.txt"])
    assert result.exit_code != 0
    assert "does-not-exist.txt" in result.output


def test_cli_bad_date_exit_code() -> None:
    result = CliRunner().invoke(cli, ["code", "-", "--date", "14.7.2016"], input="Text.")
    assert result.exit_code == 2
    assert "E201" in result.output and "YYYY-MM-DD" in result.output


def test_cli_real_process(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    proc = subprocess.run([sys.executable, "-m", "chronik", "code", str(EXAMPLES[0]), "--date", "2025-03-11",
                           "--format", "jsonl", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").strip()
