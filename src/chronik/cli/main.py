"""``chronik`` commands. Library errors become messages and exit codes here, and only here."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from chronik.config import Config
from chronik.errors import ChronikError
from chronik.model import Document


class ChronikGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ChronikError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted: what was committed is kept; run the command again to continue", err=True)
            sys.exit(130)


@click.group(cls=ChronikGroup)
@click.version_option(package_name="chronik")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="A chronik.toml with the user dictionaries and patterns to use (default: ./chronik.toml, "
                   "or $CHRONIK_CONFIG).")
@click.pass_context
def cli(ctx: click.Context, verbose: int, config_path: str | None) -> None:
    """Code news reports into political event data: who did what to whom, where and when."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)  # a service manager's stop is a Ctrl-C: commit, then end
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("distributed", "dask"):  # Dask logs its cluster's life at INFO
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    ctx.obj = config_path


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def settings(actor_files: tuple[str, ...] = (), pattern_files: tuple[str, ...] = ()) -> Config:
    """The config file's settings with the command line's files layered over them."""
    from chronik.config import find_config

    root = click.get_current_context().find_root()
    config = find_config(root.obj)
    config.actor_files += [Path(p) for p in actor_files]
    config.pattern_files += [Path(p) for p in pattern_files]
    return config


@cli.command("code")
@click.argument("source", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--date", "date_",
              help="Article date (YYYY-MM-DD) for a .txt file or stdin; the default for JSONL lines without one.")
@click.option("--lang", help="Language of the documents (default: the config's, else each document's own: the "
              "JSONL 'language' field, or detected).")
@click.option("--doc-id", help="Document id for a .txt file (default: the file name).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]),
              help="table (default on a terminal), jsonl (one event a line) or json (documents with everything).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor dictionary (YAML) layered over the shipped one; repeatable.")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user pattern file (YAML) added to the shipped patterns; repeatable.")
@click.option("--modes", help="Which event modes to output, comma-separated (default: the config's, else "
              "asserted,intended,planned,reported_claim; add negated,hypothetical to see everything).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file.")
def code_cmd(source: str, date_: str | None, lang: str | None, doc_id: str | None, fmt: str | None,
             actor_files: tuple[str, ...], pattern_files: tuple[str, ...], modes: str | None, output: Any) -> None:
    """Code SOURCE (.txt, .jsonl, or - for stdin) into events."""
    from chronik.events.coder import DEFAULT_MODES
    from chronik.io.readers import Problem
    from chronik.io.writers import write_events_jsonl, write_json

    config = settings(actor_files, pattern_files)
    lang = lang or config.lang  # none given: each document's own, else detected
    keep = [m.strip() for m in modes.split(",") if m.strip()] if modes else list(config.modes or DEFAULT_MODES)
    failures: list[str] = []

    def on_error(doc: Document, exc: Exception) -> None:
        if isinstance(exc, ChronikError):
            click.echo(f"warning: {exc}", err=True)
        else:
            logging.getLogger("chronik").exception("document %s failed", doc.doc_id)
        failures.append(doc.doc_id)

    options: dict[str, Any] = {"actor_files": config.actor_files, "pattern_files": config.pattern_files,
                               "config": {"events": {"keep_modes": keep}}, "on_error": on_error}
    problems: list[Problem] = []
    docs = coded_documents(source, date_, lang, doc_id, options, problems)
    fmt = fmt or ("table" if output.isatty() else "jsonl")
    if fmt == "jsonl":
        write_events_jsonl(docs, output)
    elif fmt == "json":
        write_json(docs, output)
    else:
        from chronik.cli.table import print_table

        print_table(docs, output)
    warn(problems)
    if failures:
        click.echo(f"warning: {len(failures)} document(s) could not be coded: {', '.join(failures[:10])}", err=True)


@cli.command("quotes")
@click.argument("source", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--date", "date_", help="Article date (YYYY-MM-DD) for a .txt file or stdin.")
@click.option("--lang", help="Language of the documents (default: the config's, else de).")
@click.option("--doc-id", help="Document id for a .txt file (default: the file name).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]),
              help="table (default on a terminal) or jsonl (one quotation a line, with character spans).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor dictionary (YAML) layered over the shipped one; repeatable.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file.")
def quotes_cmd(source: str, date_: str | None, lang: str | None, doc_id: str | None, fmt: str | None,
               actor_files: tuple[str, ...], output: Any) -> None:
    """Find the quotations in SOURCE (.txt, .jsonl, or - for stdin): quote, speaker, cue, type."""
    from chronik.io.readers import Problem
    from chronik.io.writers import write_quotes_jsonl
    from chronik.pipeline import quote_components

    config = settings(actor_files)
    lang = lang or config.lang
    options: dict[str, Any] = {"actor_files": config.actor_files, "components_": quote_components()}
    problems: list[Problem] = []
    docs = coded_documents(source, date_, lang, doc_id, options, problems)
    fmt = fmt or ("table" if output.isatty() else "jsonl")
    if fmt == "jsonl":
        write_quotes_jsonl(docs, output)
    else:
        from chronik.cli.table import print_quotes

        print_quotes(docs, output)
    warn(problems)


def coded_documents(source: str, date_: str | None, lang: str | None, doc_id: str | None,
                    options: dict[str, Any], problems: list[Any]) -> Iterator[Document]:
    """The documents of SOURCE coded in the given language, else each in its own (detected)."""
    from chronik.io.readers import read_documents
    from chronik.pipeline import MultiPipeline, Pipeline

    nlp = Pipeline(lang, **options) if lang else MultiPipeline(**options)
    return nlp.pipe(read_documents(source, date=date_, lang=lang, doc_id=doc_id, problems=problems))


def warn(problems: list[Any]) -> None:
    for p in problems:
        click.echo(f"warning: {p.where}: {p.message}", err=True)


def _add_groups() -> None:
    from chronik.cli.actors import actors_group
    from chronik.cli.corpus import COMMANDS
    from chronik.cli.evaluate import eval_group
    from chronik.cli.web import COMMANDS as WEB_COMMANDS

    cli.add_command(actors_group)
    cli.add_command(eval_group)
    for command in (*COMMANDS, *WEB_COMMANDS):
        cli.add_command(command)


_add_groups()


def main() -> None:
    cli(prog_name="chronik")
