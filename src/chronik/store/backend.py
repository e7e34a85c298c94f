"""Database back ends: DuckDB (embedded, the default) and PostgreSQL (for teams, through a DSN).

A back end runs SQL written once for both (``?`` parameters, the portable types of
:mod:`chronik.store.schema`), inserts rows in bulk, and scopes transactions. Nothing here knows what
the tables mean; :class:`chronik.store.store.Store` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, Protocol

from chronik.errors import StoreError
from chronik.store.schema import Table

Row = tuple[Any, ...]


class Backend(Protocol):
    kind: ClassVar[str]
    types: ClassVar[dict[str, str]]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]: ...

    def insert(self, table: Table, rows: Sequence[Row]) -> None: ...

    def transaction(self) -> Any: ...

    def close(self) -> None: ...


class DuckDBBackend:
    """An embedded DuckDB file (or ``:memory:``). One process writes; DuckDB's WAL keeps the file whole
    when that process is killed mid-transaction."""

    kind: ClassVar[str] = "duckdb"
    types: ClassVar[dict[str, str]] = {"text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "DATE",
                                       "timestamp": "TIMESTAMP", "blob": "BLOB"}

    def __init__(self, path: str, read_only: bool = False) -> None:
        import duckdb

        if path != ":memory:":
            p = Path(path)
            if read_only and not p.exists():
                raise StoreError(f"no database at {p}", hint=f"ingest documents first: chronik ingest SOURCE --db {p}")
            if p.parent and not p.parent.exists():
                raise StoreError(f"the folder {p.parent} does not exist", hint="create it or choose another --db")
        try:
            self.con = duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open the database {path}: {exc}",
                             hint="another chronik process may be writing it; wait for it or use another --db"
                             ) from None
        except duckdb.Error as exc:
            raise StoreError(f"{path} is not a DuckDB database chronik can open: {exc}",
                             hint="give a new file name or a postgresql:// DSN") from None
        self.path = path

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, list(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.con.execute(sql, list(params)).fetchall())

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return names, list(cur.fetchall())

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        """Column-wise ``unnest`` of typed lists: one statement for any number of rows (DuckDB's
        ``executemany`` goes row by row). Rows whose key exists are left as they are."""
        if not rows:
            return
        cols = table.columns
        selects = ", ".join(f"unnest(?::{self.types[kind]}[]) AS {name}" for name, kind in cols)
        names = ", ".join(table.column_names)
        values = [list(col) for col in zip(*rows, strict=True)]
        verb = "INSERT OR IGNORE" if table.key else "INSERT"
        self.con.execute(f"{verb} INTO {table.name} ({names}) SELECT {selects}", values)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def copy_to(self, sql: str, params: Sequence[Any], path: str, fmt: str) -> None:
        options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true",
                   "tsv": "FORMAT csv, HEADER true, DELIMITER '\t'"}[fmt]
        self.con.execute(f"COPY ({sql}) TO '{_quote_path(path)}' ({options})", list(params))

    def close(self) -> None:
        self.con.close()


class PostgresBackend:
    """A PostgreSQL database named by a DSN (``postgresql://user:pw@host:5432/db``)."""

    kind: ClassVar[str] = "postgresql"
    types: ClassVar[dict[str, str]] = {"text": "TEXT", "int": "BIGINT", "float": "DOUBLE PRECISION", "date": "DATE",
             "timestamp": "TIMESTAMP", "blob": "BYTEA"}

    def __init__(self, dsn: str, read_only: bool = False) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL needs the psycopg package",
                             hint='pip install "chronik[postgres]"') from None
        try:
            self.con = psycopg.connect(dsn, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {str(exc).strip()}",
                             hint="check the DSN (postgresql://user:password@host:port/database) and that the "
                                  "server runs") from None
        if read_only:
            self.con.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        self.path = _hide_password(dsn)

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(self._sql(sql), list(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.con.execute(self._sql(sql), list(params)).fetchall())

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        cur = self.con.execute(self._sql(sql), list(params))
        names = [d.name for d in cur.description or []]
        return names, list(cur.fetchall())

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        if not rows:
            return
        names = ", ".join(table.column_names)
        marks = ", ".join(["%s"] * len(table.columns))
        with self.con.cursor() as cur:
            cur.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING",
                            [list(r) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.con.transaction():
            yield

    def close(self) -> None:
        self.con.close()


def _quote_path(path: str) -> str:
    return path.replace("'", "''")


def _hide_password(dsn: str) -> str:
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", dsn)


def connect(target: str, read_only: bool = False) -> Backend:
    """``postgresql://…`` or ``postgres://…`` → PostgreSQL; anything else is a DuckDB file (or :memory:)."""
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(target, read_only=read_only)
    return DuckDBBackend(target, read_only=read_only)
