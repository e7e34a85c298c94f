"""chronik.toml: user dictionaries and patterns named once for a project."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik.cli.main import cli
from chronik.config import find_config, load_config
from chronik.errors import ConfigError

ACTORS = "people:\n  - name: Erika Musterfrau\n    aliases: [Musterfrau]\n    roles: [{code: DEUOPP}]\n"


def test_config_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "dicts").mkdir()
    (tmp_path / "dicts" / "mine.yaml").write_text(ACTORS, encoding="utf-8")
    cfg = tmp_path / "chronik.toml"
    cfg.write_text('[chronik]\nactors = ["dicts/mine.yaml"]\nmodes = ["asserted"]\n', encoding="utf-8")
    config = find_config(cwd=tmp_path)
    assert config.actor_files == [tmp_path / "dicts" / "mine.yaml"] and config.modes == ["asserted"]


@pytest.mark.parametrize(("text", "message"), [
    ("[chronik]\nactors = 'x.yaml'\n", "must be a list"),
    ("[chronik]\nactors = ['missing.yaml']\n", "no file"),
    ("[chronik]\ncolour = 'red'\n", "unknown setting"),
    ("[chronik]\nmodes = ['maybe']\n", "modes must be"),
    ("[chronik\n", "not valid TOML"),
    ("lang = 'de'\n", "no [chronik] table"),
])
def test_config_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "chronik.toml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert message in str(err.value) and str(cfg) in str(err.value)


def test_cli_uses_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(ACTORS, encoding="utf-8")
    cfg = tmp_path / "project.toml"
    cfg.write_text('[chronik]\nactors = ["mine.yaml"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(cfg), "actors", "lookup", "Musterfrau", "--json"])
    assert result.exit_code == 0, result.output
    assert '"DEUOPP"' in result.stdout
    bad = CliRunner().invoke(cli, ["--config", str(tmp_path / "nope.toml"), "actors", "lookup", "X"])
    assert bad.exit_code != 0 and "cannot read the config file" in bad.output
