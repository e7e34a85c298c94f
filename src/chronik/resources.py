"""Loading knowledge files: YAML (safe loader, line numbers kept) validated by JSON Schema.

Every problem is reported as ``file:line: what is wrong`` with the rule that was broken, and all
problems of a file are listed at once, not only the first.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from chronik.errors import DataFileError


class LineDict(dict[str, Any]):
    """A mapping that remembers the line it starts on in its file."""

    line: int = 0


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it


class _LineLoader(_SafeBase):  # type: ignore[misc]
    """The safe loader (no Python objects from data files), recording the line of each mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise DataFileError(str(loader.name), key_node.start_mark.line + 1, "a key must be a plain value")
        mapping[str(key)] = loader.construct_object(value_node, deep=True)
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# dates stay strings ("2013-02-01"), checked by the schemas' patterns: one type for every date
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def data_path(*parts: str) -> Path:
    """Path of a file shipped inside the package's data folder."""
    return Path(str(importlib_resources.files("chronik"))).joinpath("data", *parts)


@cache
def _schema(name: str) -> dict[str, Any]:
    with data_path("schemas", f"{name}.schema.json").open(encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


def load_yaml(path: str | Path, schema: str | None = None) -> Any:
    """Load a YAML file safely; validate it against ``data/schemas/<schema>.schema.json``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(str(path), None, f"cannot read the file: {e.strerror}",
                            hint="check the path and its permissions") from e
    except UnicodeDecodeError as e:
        raise DataFileError(str(path), None, "the file is not UTF-8", hint="save it as UTF-8") from e
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        raise DataFileError(str(path), line, f"not valid YAML: {e.problem}",
                            hint="check indentation, colons and quotes on that line") from e
    finally:
        loader.dispose()
    _refuse_shared_nodes(data, str(path))
    if schema is not None:
        validate(data, schema, str(path))
    return data


def _refuse_shared_nodes(data: Any, path: str) -> None:
    """Anchors and aliases (&a … *a) are refused: knowledge files do not need them, and nested aliases
    ("billion laughs") would make a small file expand into an enormous one when it is read."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        if id(node) in seen:
            raise DataFileError(path, getattr(node, "line", None) or None, "YAML anchors and aliases (&name, *name) "
                                "are not allowed", hint="write the repeated part out where it is needed")
        seen.add(id(node))
        stack.extend(node.values() if isinstance(node, dict) else node)


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(name))


def validate(data: Any, schema: str, path: str) -> None:
    """Validate loaded data; raise one DataFileError that lists every problem with its line."""
    validator = _validator(schema)
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        line = _line_of(data, list(err.absolute_path))
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        problems.append((line, f"{where}: {err.message}"))
    if problems:
        problems.sort(key=lambda p: p[0] or 0)
        first_line = problems[0][0]
        detail = "\n".join(f"{path}:{line}: {msg}" for line, msg in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise DataFileError(path, first_line, f"{len(problems)} problem(s) against the {schema} schema:\n"
                            f"{detail}{more}", hint=f"see docs/data-formats.md, section '{schema}'")


def _line_of(data: Any, path: list[Any]) -> int | None:
    line = getattr(data, "line", None)
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line
