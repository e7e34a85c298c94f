"""Malformed user dictionaries, pattern files and configurations are rejected with file:line and the
rule that was broken; YAML is loaded safely (no Python objects, no alias bombs); nothing executes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik import DataFileError, Pipeline
from chronik.cli.main import cli
from chronik.config import load_config
from chronik.errors import ConfigError

MARKER = "/tmp/chronik-robustness-hacked"

ACTOR_FILES = {
    "bad_yaml": ("people:\n  - name: X\n    roles: [\n", None, "not valid YAML"),
    "wrong_code": ("people:\n  - name: X\n    roles:\n      - {code: usagov}\n", 4, "usagov"),
    "unknown_key": ("people:\n  - name: X\n    rolez: []\n", 2, "rolez"),
    "wrong_type": ("people:\n  - name: 42\n", 2, "42"),
    "python_object": (f"people: !!python/object/apply:os.system ['touch {MARKER}']\n", 1, "python"),
    "python_name": ("people: !!python/name:os.system\n", 1, "python"),
    "alias_bomb": ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                   "people: [*h]\n", None, "aliases"),
    "not_utf8": (b"people:\n  - name: M\xfcller\n", None, "UTF-8"),
    "empty_name": ("people:\n  - name: ''\n    country: DEU\n", 2, "name"),
}


@pytest.mark.parametrize("case", sorted(ACTOR_FILES))
def test_malformed_actor_dictionary(tmp_path: Path, case: str) -> None:
    body, line, words = ACTOR_FILES[case]
    f = tmp_path / f"{case}.yaml"
    if isinstance(body, bytes):
        f.write_bytes(body)
    else:
        f.write_text(body, encoding="utf-8")
    Path(MARKER).unlink(missing_ok=True)
    with pytest.raises(DataFileError) as err:
        Pipeline("de", actor_files=[f]).resources.actors  # noqa: B018 (loading is the point)
    message = str(err.value)
    assert str(f) in message and (line is None or f"{f}:{line}" in message), message
    assert words.lower() in message.lower(), message
    assert not Path(MARKER).exists(), "nothing in a data file may run"


def test_the_cli_reports_a_bad_dictionary_with_exit_code_3(tmp_path: Path) -> None:
    f = tmp_path / "evil.yaml"
    f.write_text(ACTOR_FILES["python_object"][0], encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", "-", "--actors", str(f), "--lang", "de"],
                                input="Die Regierung trat zurück.")
    assert result.exit_code == 3 and "E101" in result.stderr and str(f) in result.stderr
    assert not Path(MARKER).exists()


PATTERN_FILES = {
    "bad_root": ("patterns:\n  - id: my.1\n    cameo: '999'\n    verbs: [verhandeln]\n", "999"),
    "no_trigger": ("patterns:\n  - id: my.2\n    cameo: '042'\n", "my.2"),
    "bad_yaml": ("patterns:\n  - id: my.3\n    cameo: '042\n", "YAML"),
}


@pytest.mark.parametrize("case", sorted(PATTERN_FILES))
def test_malformed_pattern_file(tmp_path: Path, case: str) -> None:
    body, words = PATTERN_FILES[case]
    f = tmp_path / f"{case}.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        Pipeline("de", pattern_files=[f]).resources.patterns  # noqa: B018
    assert str(f) in str(err.value) and words in str(err.value)


CONFIGS = {
    "not_toml": ("[chronik\nlang = 'de'\n", "not valid TOML"),
    "no_table": ("lang = 'de'\n", "no [chronik] table"),
    "unknown_setting": ("[chronik]\nlanguage = 'de'\n", "unknown setting"),
    "wrong_type": ("[chronik]\nactors = 'one.yaml'\n", "must be a list"),
    "bad_mode": ("[chronik]\nmodes = ['certain']\n", "certain"),
    "bad_lang": ("[chronik]\nlang = 'xx'\n", "xx"),
}


@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_malformed_config(tmp_path: Path, case: str) -> None:
    body, words = CONFIGS[case]
    f = tmp_path / "chronik.toml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(f)
    assert str(f) in str(err.value) and words in str(err.value), str(err.value)
    result = CliRunner().invoke(cli, ["--config", str(f), "code", "-"], input="Ja.")
    assert result.exit_code == 2 and "E301" in result.stderr
