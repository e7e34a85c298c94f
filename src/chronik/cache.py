"""Compiled caches of knowledge files.

Reading and validating the YAML data files takes seconds; the tables built from them are pickled
into the user's cache folder, under a key made of the bytes of every file read (data files and the
code that builds the tables) and the Python version. A changed file gives a new key, so a stale cache
is never used; a cache that cannot be read or written is ignored and the files are read as usual.

The folder is ``$CHRONIK_CACHE_DIR`` when set, else the platform's user cache folder
(``~/.cache/chronik`` on Linux). ``CHRONIK_CACHE_DIR=off`` turns caching off.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("chronik.cache")

_FORMAT = 1  # bump when the layout of cached objects changes in a way file hashes would not show


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    env = os.environ.get("CHRONIK_CACHE_DIR")
    if env:
        return None if env.lower() in {"off", "0", "no", "none"} else Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("chronik", appauthor=False))


def files_key(kind: str, files: Sequence[Path]) -> str:
    """A key that changes whenever any of ``files`` (or the code of ``kind``'s builder) changes."""
    h = hashlib.sha256(f"{kind}\0{_FORMAT}\0{sys.version_info[:2]}".encode())
    for f in files:
        h.update(b"\0" + str(f.name).encode() + b"\0")
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:32]


class CompiledCache:
    """One cached object, keyed by the files it was built from."""

    def __init__(self, kind: str, files: Sequence[Path], code_files: Sequence[Path] = ()) -> None:
        self.kind = kind
        self.folder = cache_dir()
        self.path: Path | None = None
        if self.folder is not None:
            try:
                key = files_key(kind, [*code_files, *files])
            except OSError:  # a file we cannot read: the loader will say so with its own error
                return
            self.path = self.folder / f"{kind}-{key}.pickle"

    def get(self) -> Any:
        if self.path is None or not self.path.is_file():
            return None
        # the tables are many small objects: the cyclic garbage collector, running while they are
        # created, would more than double the load time of a large (imported) dictionary
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self.path.open("rb") as fh:
                return pickle.load(fh)
        except Exception as exc:  # a truncated or foreign file: rebuild from the data files
            log.info("ignoring unreadable cache %s: %s", self.path, exc)
            return None
        finally:
            if collecting:
                gc.enable()

    def put(self, obj: Any) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.kind}-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)  # atomic: parallel workers never see half a file
            self._prune()
        except OSError as exc:
            log.info("cannot write cache %s: %s", self.path, exc)

    def _prune(self, keep: int = 8) -> None:
        """Keep the newest few caches of this kind (old data versions pile up otherwise)."""
        assert self.folder is not None
        olds = sorted(self.folder.glob(f"{self.kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in olds[keep:]:
            p.unlink(missing_ok=True)
