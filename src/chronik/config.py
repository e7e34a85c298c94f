"""A project's settings in one file: which user dictionaries and patterns to layer over the shipped ones.

``chronik.toml`` (found in the working folder, or named by ``--config`` or ``$CHRONIK_CONFIG``)::

    [chronik]
    lang = "de"
    actors = ["dictionaries/my-actors.yaml", "dictionaries/phoenix.yaml"]
    patterns = ["dictionaries/my-patterns.yaml"]
    modes = ["asserted", "planned", "reported_claim"]

Relative paths are read from the folder the config file is in. Files given on the command line come
after (and so over) the config file's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomllib

from chronik.errors import ConfigError
from chronik.model import MODES
from chronik.pipeline import LANGUAGES

CONFIG_NAME = "chronik.toml"
_KEYS = {"lang", "actors", "patterns", "modes"}


@dataclass(slots=True)
class Config:
    path: Path | None = None
    lang: str | None = None
    actor_files: list[Path] = field(default_factory=list)
    pattern_files: list[Path] = field(default_factory=list)
    modes: list[str] | None = None


def load_config(path: Path) -> Config:
    """Read and check one config file; every problem is a ConfigError naming the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the config file {path}: {exc.strerror}", hint="check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}", hint="see the example in docs/data-formats.md") from None
    section: Any = raw.get("chronik")
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: no [chronik] table", hint="settings go under a [chronik] heading")
    unknown = set(section) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}",
                          hint=f"known settings: {', '.join(sorted(_KEYS))}")
    base = path.parent

    def files(key: str) -> list[Path]:
        value = section.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key} must be a list of file names", hint=f'{key} = ["my-{key}.yaml"]')
        out = [(base / v) if not Path(v).is_absolute() else Path(v) for v in value]
        for p in out:
            if not p.is_file():
                raise ConfigError(f"{path}: {key}: no file {p}", hint="paths are relative to the config file")
        return out

    modes = section.get("modes")
    if modes is not None and (not isinstance(modes, list) or not set(map(str, modes)) <= set(MODES)):
        wrong = [str(m) for m in modes if m not in MODES] if isinstance(modes, list) else [str(modes)]
        raise ConfigError(f"{path}: modes must be a list of {', '.join(MODES)}, not {', '.join(wrong)}",
                          hint='modes = ["asserted"]')
    lang = section.get("lang")
    if lang is not None and (not isinstance(lang, str) or lang not in LANGUAGES):
        raise ConfigError(f"{path}: lang must be the code of a language chronik has a pack for, not {lang!r}",
                          hint=f"lang = one of {', '.join(LANGUAGES)}")
    return Config(path=path, lang=lang, actor_files=files("actors"), pattern_files=files("patterns"),
                  modes=list(modes) if modes is not None else None)


def find_config(explicit: str | Path | None = None, cwd: Path | None = None) -> Config:
    """The config named on the command line, else ``$CHRONIK_CONFIG``, else ``chronik.toml`` in the
    working folder, else none (an empty Config)."""
    if explicit:
        return load_config(Path(explicit))
    env = os.environ.get("CHRONIK_CONFIG")
    if env:
        return load_config(Path(env))
    local = (cwd or Path.cwd()) / CONFIG_NAME
    return load_config(local) if local.is_file() else Config()
