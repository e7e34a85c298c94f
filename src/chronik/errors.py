"""One exception hierarchy for chronik.

Every error a user can meet carries a code (``E###``), a message that says what was wrong and a hint
that says what to do. The library raises; only the CLI turns an error into a message and an exit code.
"""

from __future__ import annotations


class ChronikError(Exception):
    """Base class of every error chronik raises on purpose."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class DataFileError(ChronikError):
    """A dictionary, pattern or configuration file is malformed. Points at file and line."""

    code = "E101"
    exit_code = 3

    def __init__(self, path: str, line: int | None, message: str, hint: str | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", hint)
        self.path = path
        self.line = line


class InputError(ChronikError):
    """An input document or file cannot be read as given."""

    code = "E201"
    exit_code = 2


class ConfigError(ChronikError):
    """The pipeline was asked for something it does not know (component, language, option)."""

    code = "E301"
    exit_code = 2


class StoreError(ChronikError):
    """The database cannot be opened, migrated or written as asked."""

    code = "E401"
    exit_code = 4


class EngineError(ChronikError):
    """A processing engine (worker pool, Dask cluster) cannot be started or used."""

    code = "E501"
    exit_code = 5
