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


class WebError(ChronikError):
    """The web service cannot start as configured, or refuses a request. ``status`` is the HTTP status the
    service answers with; the JSON body carries the code, the message and the hint."""

    code = "E601"
    exit_code = 6
    status = 400

    def __reduce__(self) -> tuple[type[WebError], tuple[str, str | None]]:  # whole across processes
        return (type(self), (self.message, self.hint))


class ServeConfigError(WebError):
    """``chronik serve`` was asked for something unsafe or impossible (no token on a public address)."""

    code = "E602"
    status = 500


class Unauthorized(WebError):
    """The request lacks the service's API token, or gives a wrong one."""

    code = "E603"
    status = 401


class NotFound(WebError):
    """No such document, page or endpoint."""

    code = "E604"
    status = 404


class RequestTooLarge(WebError):
    """The request body is larger than the service accepts."""

    code = "E605"
    status = 413


class InvalidRequest(WebError):
    """The request's parameters or body do not fit the API."""

    code = "E606"
    status = 422


class ServiceBusy(WebError):
    """Too many coding requests wait already."""

    code = "E607"
    status = 503


class CodingTimeout(WebError):
    """Coding a document (or a query) took longer than the service allows."""

    code = "E608"
    status = 504


class ForeignHost(WebError):
    """A request names a host other than this machine while the service serves this machine only."""

    code = "E609"
    status = 400
