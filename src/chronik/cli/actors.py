"""``chronik actors …``: look up, list and import actor dictionaries."""

from __future__ import annotations

from typing import Any

import click


@click.group("actors")
def actors_group() -> None:
    """Inspect and extend the actor dictionary."""


@actors_group.command("lookup")
@click.argument("name", nargs=-1, required=True)
@click.option("--date", "date_", help="The day the codes are valid on (YYYY-MM-DD; default: the latest code).")
@click.option("--lang", default="de", show_default=True, help="Language pack whose dictionary is used.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor dictionary (YAML) layered over the shipped one; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def lookup_cmd(name: tuple[str, ...], date_: str | None, lang: str, actor_files: tuple[str, ...],
               as_json: bool) -> None:
    """Show what NAME (a name or a phrase: "Russlands Präsident") resolves to, and why."""
    import json

    from chronik.actors.lookup import lookup
    from chronik.cli.main import settings
    from chronik.pipeline import Pipeline, parse_date

    nlp = Pipeline(lang, actor_files=settings(actor_files).actor_files)
    result = lookup(" ".join(name), day=parse_date(date_), pipeline=nlp)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    from chronik.cli.table import print_lookup

    print_lookup(result)


@actors_group.command("unknown")
@click.argument("corpus", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--lang", default="de", show_default=True, help="Language of the documents.")
@click.option("--date", "date_", help="Article date for a .txt file or stdin (YYYY-MM-DD).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor dictionary (YAML) layered over the shipped one; repeatable.")
@click.option("--top", default=50, show_default=True, help="How many names to list (0: all).")
@click.option("--min-count", default=1, show_default=True, help="Only names seen at least this often.")
@click.option("--label", "labels", multiple=True, type=click.Choice(["PER", "ORG", "LOC"]),
              help="Only these kinds of names (default: all); repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "yaml"]), default="table", show_default=True,
              help="table, jsonl (one name a line), or yaml (a user actor file to complete and pass to --actors).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file.")
def unknown_cmd(corpus: str, lang: str, date_: str | None, actor_files: tuple[str, ...], top: int, min_count: int,
                labels: tuple[str, ...], fmt: str, output: Any) -> None:
    """List the names in CORPUS (.jsonl, .txt or -) that no dictionary knows, most frequent first."""
    import json

    from chronik.actors.unknown import UnknownNames, to_yaml
    from chronik.cli.main import settings
    from chronik.io.readers import Problem, read_documents
    from chronik.pipeline import DEFAULT_COMPONENTS, Pipeline

    nlp = Pipeline(lang, actor_files=settings(actor_files).actor_files,
                   components_=tuple(c for c in DEFAULT_COMPONENTS if c != "events"))
    problems: list[Problem] = []
    index = nlp.resources.gazetteer.index
    collector = UnknownNames(known_place=lambda key: key in index)
    for doc in nlp.pipe(read_documents(corpus, date=date_, lang=lang, problems=problems)):
        collector.add(doc)
    ranked = collector.ranked(min_count, labels or ("PER", "ORG", "LOC"))
    if top:
        ranked = ranked[:top]
    for p in problems:
        click.echo(f"warning: {p.where}: {p.message}", err=True)
    if fmt == "jsonl":
        for u in ranked:
            output.write(json.dumps(u.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "yaml":
        output.write(to_yaml(ranked))
    else:
        from chronik.cli.table import print_unknown

        print_unknown(ranked, output)


@actors_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["petrarch", "wikidata"]), required=True,
              help="petrarch: PETRARCH/TABARI .actors/.agents files; wikidata: entity JSON or JSON Lines.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="The user actor file to write (YAML; default: standard output).")
@click.option("--positions", "position_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A table of Wikidata positions (and countries) → codes layered over the shipped one; repeatable.")
@click.option("--compile", "compile_", is_flag=True,
              help="Also build the compiled cache of the shipped dictionary with the written file (-o), "
                   "so that `chronik code --actors FILE` loads it fast from the first run.")
def import_cmd(files: tuple[str, ...], fmt: str, output: Any, position_files: tuple[str, ...],
               compile_: bool) -> None:
    """Convert FILES to a chronik user actor file (use it with --actors); a summary goes to stderr."""
    from pathlib import Path

    from chronik.actors.importers import ImportResult, ImportTables, read_petrarch, read_wikidata, write_user_file

    if compile_ and output.name in ("-", "<stdout>"):
        raise click.UsageError("--compile needs -o FILE")
    tables = ImportTables.load([Path(p) for p in position_files])
    result = ImportResult()
    if fmt == "petrarch":
        for f in files:
            result.extend(read_petrarch(f, tables))
    else:
        result.extend(read_wikidata(files, tables))
    header = (f"chronik user actor file, imported with `chronik actors import --format {fmt}` from:\n"
              + "\n".join(f"  {Path(f).name}" for f in files))
    write_user_file(result, output, header=header)
    for p in result.skipped:
        click.echo(f"skipped: {p}", err=True)
    for p in result.warnings:
        click.echo(f"warning: {p}", err=True)
    click.echo(result.summary(), err=True)
    if compile_:
        import time

        from chronik.actors.dictionary import ActorDictionary

        output.close()
        start = time.perf_counter()
        ActorDictionary.load([Path(output.name)])
        click.echo(f"compiled the actor cache with {output.name} in {time.perf_counter() - start:.1f} s", err=True)
