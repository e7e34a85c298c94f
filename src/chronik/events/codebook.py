"""The CAMEO codebook: name, Goldstein value, QuadClass and PLOVER type of every event code."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from chronik.errors import DataFileError
from chronik.resources import data_path

_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover", "plover_mode")


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    plover_mode: str


class Codebook:
    def __init__(self, entries: dict[str, CodeInfo]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, path: Path | None = None) -> Codebook:
        path = path or data_path("events", "codebook.tsv")
        entries: dict[str, CodeInfo] = {}
        with path.open(encoding="utf-8") as f:
            lines = [(n, line) for n, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
        header = lines[0][1].rstrip("\n").split("\t")
        if tuple(header[:len(_COLUMNS)]) != _COLUMNS:
            raise DataFileError(str(path), lines[0][0], f"the header must start with {'/'.join(_COLUMNS)}",
                                hint="keep the column order of the shipped codebook")
        for n, row in lines[1:]:
            cells = next(csv.reader([row.rstrip("\n")], delimiter="\t"))
            if len(cells) < len(_COLUMNS):
                raise DataFileError(str(path), n, f"expected {len(_COLUMNS)} tab-separated columns, found {len(cells)}")
            code, name, gold, quad, plover, mode = cells[:6]
            try:
                entries[code] = CodeInfo(code, name, float(gold), int(quad), plover.strip(), mode.strip())
            except ValueError as e:
                raise DataFileError(str(path), n, f"goldstein must be a number and quad_class 1-4: {e}") from e
        return cls(entries)

    def get(self, code: str) -> CodeInfo:
        """The entry of ``code``, or of its nearest parent (0211 → 021 → 02)."""
        c = code
        while c:
            if c in self.entries:
                return self.entries[c]
            c = c[:-1]
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return code in self.entries


class CodeNames:
    """The name of a CAMEO code, the codebook read on first use (for services that may never need it)."""

    def __init__(self) -> None:
        self._book: Codebook | None = None

    def __call__(self, code: str | None) -> str | None:
        if not code:
            return None
        if self._book is None:
            self._book = Codebook.load()
        try:
            return str(self._book.get(code).name)
        except KeyError:
            return None
