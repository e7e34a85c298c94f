"""Corpus commands: ingest into a store, query events and dyads, export, plot, deduplicate."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import click

DB_HELP = "The store: a DuckDB file (default events.duckdb) or a postgresql:// DSN."


def db_option(f: Any) -> Any:
    return click.option("--db", default=None, envvar="CHRONIK_DB", show_envvar=True, help=DB_HELP)(f)


def _db(value: str | None) -> str:
    from chronik.store import DEFAULT_DB

    return value or DEFAULT_DB


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A progress bar on stderr (documents/s, events, ETA), or nothing when stderr is not a terminal."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s · {task.fields[events]} events"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("coding", total=None, rate=0.0, events=0)
        import time

        t0 = time.perf_counter()

        def update(done: int, total: int, events: int) -> None:
            elapsed = time.perf_counter() - t0
            bar.update(task, completed=done, total=total, events=events, rate=done / elapsed if elapsed else 0.0)

        yield update


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes on this machine; dask: Dask distributed.")
@click.option("--workers", type=int, default=0, help="Worker processes (default: one per core).")
@click.option("--scheduler", help="Address of a Dask scheduler (tcp://host:8786); default: a LocalCluster.")
@click.option("--parquet-dir", type=click.Path(file_okay=False),
              help="Dask: the folder (shared by client and workers) for the per-partition Parquet files; kept.")
@click.option("--date", "date_", help="Date for documents that bring none (YYYY-MM-DD).")
@click.option("--lang", help="Language of the documents (default: each document's own, else detected).")
@click.option("--outlet", help="Outlet for documents that name none.")
@click.option("--text-column", help="CSV: the column with the article text (default: text, content, body …).")
@click.option("--fetch", is_flag=True, help="Feeds: fetch and extract the article page behind each entry.")
@click.option("--no-code", is_flag=True, help="Only store the documents; code them later with chronik code-db.")
@click.option("--retry-failed", is_flag=True, help="Code again the documents that failed in earlier runs.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor dictionary (YAML) layered over the shipped one; repeatable.")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user pattern file (YAML) added to the shipped patterns; repeatable.")
@click.option("--modes", help="Event modes to store, comma-separated (default: the config's, else the coder's).")
@click.option("--commit-every", type=float, default=2.0, show_default=True,
              help="Local engine: seconds between commits (what a kill can lose at most).")
def ingest_cmd(sources: tuple[str, ...], db: str | None, engine: str, workers: int, scheduler: str | None,
               parquet_dir: str | None, date_: str | None, lang: str | None, outlet: str | None,
               text_column: str | None, fetch: bool, no_code: bool, retry_failed: bool,
               actor_files: tuple[str, ...], pattern_files: tuple[str, ...], modes: str | None,
               commit_every: float) -> None:
    """Read SOURCES (files, folders, JSON Lines, CSV, HTML, RSS/Atom feeds, http(s) URLs) into the store,
    code what is new, and group near-duplicates. Interrupted runs continue where they stopped."""
    from chronik.cli.main import settings, warn
    from chronik.io.readers import Problem
    from chronik.io.sources import SourceOptions, read_sources
    from chronik.store import Store

    problems: list[Problem] = []
    options = SourceOptions(date=date_, lang=lang, outlet=outlet, text_column=text_column, fetch=fetch)
    with Store.open(_db(db)) as store:
        counts = store.add_documents(read_sources(sources, options, problems))
        warn(problems)
        click.echo(f"read {counts.read} documents: {counts.added} new, {counts.already} stored before", err=True)
        if no_code:
            return
        _code_pending(store, settings(actor_files, pattern_files), lang, modes, engine, workers, scheduler,
                      parquet_dir, retry_failed, commit_every)


@click.command("code-db")
@db_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes on this machine; dask: Dask distributed.")
@click.option("--workers", type=int, default=0, help="Worker processes (default: one per core).")
@click.option("--scheduler", help="Address of a Dask scheduler (tcp://host:8786); default: a LocalCluster.")
@click.option("--parquet-dir", type=click.Path(file_okay=False), help="Dask: folder for the Parquet files; kept.")
@click.option("--lang", help="Language of the documents (default: each document's own, else detected).")
@click.option("--retry-failed", is_flag=True, help="Code again the documents that failed in earlier runs.")
@click.option("--modes", help="Event modes to store, comma-separated.")
@click.option("--commit-every", type=float, default=2.0, show_default=True,
              help="Local engine: seconds between commits (what a kill can lose at most).")
def code_db_cmd(db: str | None, engine: str, workers: int, scheduler: str | None, parquet_dir: str | None,
                lang: str | None, retry_failed: bool, modes: str | None, commit_every: float) -> None:
    """Code the documents of the store that are not coded yet (after ingest --no-code or an interruption)."""
    from chronik.cli.main import settings
    from chronik.store import Store

    with Store.open(_db(db)) as store:
        _code_pending(store, settings(), lang, modes, engine, workers, scheduler, parquet_dir, retry_failed,
                      commit_every)


def _code_pending(store: Any, config: Any, lang: str | None, modes: str | None, engine: str, workers: int,
                  scheduler: str | None, parquet_dir: str | None, retry_failed: bool,
                  commit_every: float = 2.0) -> None:
    from chronik.engine import PipelineOptions, run_local

    keep = tuple(m.strip() for m in modes.split(",") if m.strip()) if modes else tuple(config.modes or ())
    options = PipelineOptions(lang=lang or config.lang, actor_files=tuple(str(p) for p in config.actor_files),
                              pattern_files=tuple(str(p) for p in config.pattern_files), keep_modes=keep)
    with _progress(sys.stderr.isatty()) as progress:
        if engine == "dask":
            from chronik.engine.dask import run_dask

            report = run_dask(store, options, workers or 2, scheduler=scheduler, parquet_dir=parquet_dir,
                              progress=progress, retry_failed=retry_failed)
        else:
            report = run_local(store, options, workers, progress=progress, retry_failed=retry_failed,
                               commit_every=commit_every)
    if report.run_id is None:
        click.echo("nothing to code: every document is coded", err=True)
        return
    click.echo(f"run {report.run_id} ({report.engine}, {report.workers} workers): {report.documents} documents, "
               f"{report.events} events, {report.failures} failed, {report.docs_per_second:.1f} documents/s",
               err=True)
    if report.workers_lost:
        click.echo(f"warning: {len(report.workers_lost)} Dask worker(s) died during the run; their partitions were "
                   "run again", err=True)
    if report.lost:
        click.echo(f"warning: {len(report.lost)} documents could not be coded and stay pending; run again",
                   err=True)
    grouped, merged = store.deduplicate()
    click.echo(f"{grouped} documents in groups of near-duplicates; {merged} merged events", err=True)


def _query(actor: str | None, source: str | None, target: str | None, root: tuple[str, ...], cameo: str | None,
           mode: tuple[str, ...], since: str | None, until: str | None, outlet: str | None, limit: int | None) -> Any:
    from chronik.pipeline import parse_date
    from chronik.store.queries import EventQuery

    return EventQuery(actor=actor, source=source, target=target, roots=root, cameo=cameo, modes=mode,
                      since=parse_date(since), until=parse_date(until), outlet=outlet, limit=limit)


def filter_options(f: Any) -> Any:
    for opt in reversed((
        click.option("--actor", help="Source or target code, as a prefix (RUS matches RUSGOV)."),
        click.option("--source", help="Source code prefix."),
        click.option("--target", help="Target code prefix."),
        click.option("--root", multiple=True, help="CAMEO root (01–20); repeatable."),
        click.option("--cameo", help="CAMEO code prefix (042)."),
        click.option("--mode", multiple=True, help="Event mode (asserted, planned …); repeatable."),
        click.option("--since", help="First date (YYYY-MM-DD)."),
        click.option("--until", help="Last date (YYYY-MM-DD)."),
        click.option("--outlet", help="Only articles of this outlet."),
        click.option("--limit", type=int, help="At most this many rows."),
    )):
        f = opt(f)
    return f


def _emit(store: Any, sql: str, params: list[Any], fmt: str, output: str) -> None:
    from chronik.errors import InputError
    from chronik.store.queries import write_file, write_rows

    if fmt == "parquet" or (output != "-" and fmt in ("csv", "tsv") and not output.endswith(".gz")):
        if output == "-":
            raise InputError("Parquet cannot go to the terminal", hint="give --output FILE.parquet")
        n = write_file(store, sql, params, output, fmt)
        click.echo(f"{n} rows written to {output}", err=True)
        return
    names, rows = store.db.columns(sql, params)
    if fmt == "table":
        from chronik.cli.table import print_rows

        print_rows(names, rows, sys.stdout)
        return
    with click.open_file(output, "w", encoding="utf-8") as out:
        write_rows(names, rows, out, fmt)  # type: ignore[arg-type]


@click.command("events")
@db_option
@filter_options
@click.option("--merged", is_flag=True, help="One row per distinct event over all articles, with counts of "
              "mentions, articles and sources.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "tsv", "parquet"]), default=None,
              help="table (default on a terminal), jsonl, csv, tsv or parquet.")
@click.option("-o", "--output", default="-", help="Output file (needed for parquet).")
def events_cmd(db: str | None, actor: str | None, source: str | None, target: str | None, root: tuple[str, ...],
               cameo: str | None, mode: tuple[str, ...], since: str | None, until: str | None, outlet: str | None,
               limit: int | None, merged: bool, fmt: str | None, output: str) -> None:
    """Events from the store, filtered."""
    from chronik.store import Store
    from chronik.store.queries import events_sql, merged_sql, records

    q = _query(actor, source, target, root, cameo, mode, since, until, outlet, limit)
    fmt = fmt or ("table" if output == "-" and sys.stdout.isatty() else "jsonl")
    with Store.open(_db(db), read_only=True) as store:
        if fmt == "jsonl" and not merged:  # the full records of events.schema.json
            import json

            with click.open_file(output, "w", encoding="utf-8") as out:
                for rec in records(store, q):
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            return
        sql, params = merged_sql(q) if merged else events_sql(q)
        _emit(store, sql, params, fmt, output)


@click.command("dyads")
@db_option
@filter_options
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True,
              help="Period.")
@click.option("--level", type=click.Choice(["country", "code"]), default="country", show_default=True,
              help="Dyads of countries (RUS) or of full actor codes (RUSGOV).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "tsv", "parquet"]), default=None,
              help="table (default on a terminal), jsonl, csv, tsv or parquet.")
@click.option("-o", "--output", default="-", help="Output file (needed for parquet).")
def dyads_cmd(db: str | None, actor: str | None, source: str | None, target: str | None, root: tuple[str, ...],
              cameo: str | None, mode: tuple[str, ...], since: str | None, until: str | None, outlet: str | None,
              limit: int | None, by: str, level: str, fmt: str | None, output: str) -> None:
    """Per dyad and period: events, Goldstein sum and mean, events per QuadClass, articles."""
    from chronik.store import Store
    from chronik.store.queries import dyads_sql

    q = _query(actor, source, target, root, cameo, mode, since, until, outlet, limit)
    fmt = fmt or ("table" if output == "-" and sys.stdout.isatty() else "csv")
    with Store.open(_db(db), read_only=True) as store:
        sql, params = dyads_sql(q, by=by, level=level)
        _emit(store, sql, params, fmt, output)


@click.command("export")
@db_option
@filter_options
@click.option("--schema", "schema_", type=click.Choice(["gdelt", "chronik"]), default="gdelt", show_default=True,
              help="gdelt: merged events under GDELT 2.0 Events column names; chronik: every event as stored.")
@click.option("--format", "fmt", type=click.Choice(["tsv", "csv", "parquet", "jsonl"]), default="tsv",
              show_default=True, help="File format.")
@click.option("-o", "--output", required=True, help="Output file.")
def export_cmd(db: str | None, actor: str | None, source: str | None, target: str | None, root: tuple[str, ...],
               cameo: str | None, mode: tuple[str, ...], since: str | None, until: str | None, outlet: str | None,
               limit: int | None, schema_: str, fmt: str, output: str) -> None:
    """Write the store's events to a file, by default as GDELT 2.0 Events (NumMentions, NumArticles …)."""
    from chronik.store import Store
    from chronik.store.queries import events_sql, gdelt_sql

    q = _query(actor, source, target, root, cameo, mode, since, until, outlet, limit)
    with Store.open(_db(db), read_only=True) as store:
        sql, params = gdelt_sql(q) if schema_ == "gdelt" else events_sql(q)
        _emit(store, sql, params, fmt, output)


@click.group("plot")
def plot_group() -> None:
    """Figures from the store."""


@plot_group.command("dyad")
@click.argument("actor_a")
@click.argument("actor_b")
@db_option
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Figure file: .png, .svg or .pdf.")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="week", show_default=True,
              help="Period.")
@click.option("--directed", is_flag=True, help="Only ACTOR_A → ACTOR_B (default: both directions).")
@click.option("--since", help="First date (YYYY-MM-DD).")
@click.option("--until", help="Last date (YYYY-MM-DD).")
@click.option("--data", "data", type=click.Path(dir_okay=False),
              help="Also write the points (with the number of source articles) as CSV here.")
def plot_dyad_cmd(actor_a: str, actor_b: str, db: str | None, out: str, by: str, directed: bool,
                  since: str | None, until: str | None, data: str | None) -> None:
    """The Goldstein sum and events by QuadClass per period between ACTOR_A and ACTOR_B (codes or prefixes)."""
    from chronik.plots import dyad_series, plot_dyad, series_rows
    from chronik.store import Store
    from chronik.store.queries import write_rows

    q = _query(None, None, None, (), None, (), since, until, None, None)
    with Store.open(_db(db), read_only=True) as store:
        points = dyad_series(store, actor_a, actor_b, by=by, directed=directed, query=q)
    path = plot_dyad(points, actor_a.upper(), actor_b.upper(), out, by=by)
    click.echo(f"{len(points)} {by}s drawn to {path}", err=True)
    if data:
        names, rows = series_rows(points)
        with open(data, "w", encoding="utf-8", newline="") as f:
            write_rows(names, rows, f, "csv")


@click.command("dedup")
@db_option
@click.option("--threshold", type=float, default=None, help="MinHash similarity above which articles are one "
              "report (default 0.8).")
def dedup_cmd(db: str | None, threshold: float | None) -> None:
    """Group near-duplicate articles again and rebuild the merged events."""
    from chronik.store import Store

    with Store.open(_db(db)) as store:
        grouped, merged = store.deduplicate(threshold)
    click.echo(f"{grouped} documents in groups of near-duplicates; {merged} merged events")


@click.command("status")
@db_option
def status_cmd(db: str | None) -> None:
    """What the store holds: documents by status, events, quotes, runs, schema version."""
    from chronik.store import Store

    with Store.open(_db(db), read_only=True) as store:
        for key, value in store.counts().items():
            click.echo(f"{key}\t{value}")
        _, rows = store.db.columns("SELECT id, started_at, finished_at, engine, workers, documents, events, "
                                       "failures, status FROM runs ORDER BY id DESC LIMIT 5")
    for row in rows:
        click.echo("run\t" + "\t".join("" if v is None else str(v) for v in row))


COMMANDS = (ingest_cmd, code_db_cmd, events_cmd, dyads_cmd, export_cmd, plot_group, dedup_cmd, status_cmd)
