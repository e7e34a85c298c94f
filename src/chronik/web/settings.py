"""How the web service runs: the store, the address it binds, the API token, the limits.

Defaults live here and only here; ``chronik serve`` passes what the user gave and leaves the rest.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from chronik.errors import ServeConfigError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BYTES = 1_000_000  # request bodies: about 1 MB of text, a long article is 20 kB
DEFAULT_TIMEOUT = 20.0  # seconds for coding one document or answering one query
DEFAULT_MAX_PENDING = 32  # coding requests waiting or running per process before 503
TOKEN_ENV = "CHRONIK_TOKEN"


@dataclass(frozen=True, slots=True)
class WebSettings:
    """``db``: a DuckDB file or postgresql:// DSN opened read-only, or None for an empty in-memory store.
    ``host`` is only used to decide whether a token is required (see :func:`check_bind`)."""

    db: str | None = None
    host: str = DEFAULT_HOST
    token: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    max_pending: int = DEFAULT_MAX_PENDING
    preload: bool = True  # build and warm the German and English pipelines when the app starts
    workers: int = 1  # 1: code in a thread of the server process; N: in N coding processes
    langs: tuple[str, ...] = field(default=("de", "en"))


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost are this machine only; anything else (0.0.0.0, a LAN address, a
    name) can be reached from elsewhere."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(settings: WebSettings) -> None:
    """Refuse to serve on an address others can reach without an API token, and refuse nonsense limits."""
    if not is_loopback(settings.host) and not settings.token:
        raise ServeConfigError(f"{settings.host} can be reached from other machines, and no API token is set",
                               hint=f"give --token TOKEN (or set ${TOKEN_ENV}), or bind 127.0.0.1")
    if settings.token is not None and len(settings.token) < 8:
        raise ServeConfigError("the API token is shorter than 8 characters", hint="use a long random token, e.g. "
                               "python -c 'import secrets; print(secrets.token_urlsafe(24))'")
    if settings.max_bytes < 1024:
        raise ServeConfigError(f"--max-bytes {settings.max_bytes} is too small", hint="allow at least 1024 bytes")
    if settings.workers < 1:
        raise ServeConfigError(f"--workers {settings.workers} must be at least 1", hint="give 1 or more")
    if not settings.timeout > 0:
        raise ServeConfigError(f"--timeout {settings.timeout} must be positive", hint="give seconds, e.g. 20")
