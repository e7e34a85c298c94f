"""The README stays honest: its commands exist, every option of `chronik code` is documented."""

from __future__ import annotations

import re

from chronik.cli.main import cli
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_docs_every_code_option_in_readme() -> None:
    command = cli.commands["code"]
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--help",):
                assert opt in README, f"{opt} is not documented in README.md"


def test_docs_quickstart_files_exist() -> None:
    for path in re.findall(r"chronik code (examples/\S+)", README):
        assert (REPO / path).exists(), path


def test_docs_data_files_named_in_readme_exist() -> None:
    for path in re.findall(r"`(data/[\w/.*-]+)`", README):
        if "*" in path or "NN_" in path:
            continue
        assert (REPO / "src" / "chronik" / path).exists(), path


def test_docs_every_subcommand_and_option_in_readme() -> None:
    import click

    for name, group in cli.commands.items():
        if not isinstance(group, click.Group):
            continue
        for sub, command in group.commands.items():
            assert f"chronik {name} {sub}" in README, f"chronik {name} {sub} is not documented in README.md"
            for param in command.params:
                for opt in getattr(param, "opts", []):
                    if opt.startswith("--") and opt != "--help":
                        assert opt in README, f"{opt} of chronik {name} {sub} is not documented in README.md"


def test_docs_every_command_and_option_in_readme() -> None:
    import click

    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            continue
        assert f"chronik {name}" in README, f"chronik {name} is not documented in README.md"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"{opt} of chronik {name} is not documented in README.md"


def test_docs_web_endpoints_documented() -> None:
    from chronik.web.app import create_app

    web = (REPO / "docs" / "web.md").read_text(encoding="utf-8")
    paths = create_app(None, preload=False).openapi()["paths"]
    for path in paths:
        assert path in web, f"{path} is not documented in docs/web.md"
