"""A readable table of events (rich)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from chronik.model import Document, Mention


def _actor(m: Mention | None) -> str:
    if m is None:
        return "—"
    return f"[bold]{m.actor.code or '?'}[/bold] {m.text}"


def print_table(docs: Iterable[Document], out: TextIO) -> None:
    console = Console(file=out, soft_wrap=False, width=None if out.isatty() else 160)
    for doc in docs:
        table = Table(title=f"{doc.doc_id} ({doc.date.isoformat() if doc.date else 'no date'})",
                      show_lines=False, expand=False)
        for col in ("sent", "source", "event", "target", "mode", "date", "place", "trigger"):
            table.add_column(col, overflow="fold")
        for e in doc.events:
            table.add_row(str(e.sentence), _actor(e.source), f"{e.cameo} {e.plover}".strip(), _actor(e.target),
                          e.mode, e.date.isoformat() if e.date else "", e.location.name if e.location else "",
                          e.trigger.text)
        if not doc.events:
            table.add_row("", "no events found", "", "", "", "", "", "")
        console.print(table)


def print_lookup(result: Any, output: Any = None) -> None:
    """The dictionary entries and the matcher's mentions of an ``actors lookup``."""
    console = Console(file=output, width=140) if output is not None else Console()
    day = result.day.isoformat() if result.day else "latest"
    if result.entries:
        table = Table(title=f"dictionary entries for {result.query!r} on {day}")
        for col in ("form", "how", "kind", "name", "code", "periods", "from"):
            table.add_column(col, overflow="fold")
        for e in result.entries:
            periods = "\n".join(f"{c} {f or '…'}–{u or '…'}" for c, f, u in e.periods)
            table.add_row(e.form, e.how, e.kind, e.name, e.code or "(none then)", periods, e.origin)
        console.print(table)
    else:
        console.print(f"no dictionary entry for {result.query!r}")
    if result.mentions:
        table = Table(title="as a phrase, the matcher reads")
        for col in ("mention", "code", "kind", "because"):
            table.add_column(col, overflow="fold")
        for m in result.mentions:
            table.add_row(m.text, m.code or "(no code)", m.kind, m.source)
        console.print(table)
    else:
        console.print("the matcher finds no actor in it")


def print_unknown(names: Iterable[Any], out: TextIO) -> None:
    """Unknown names, most frequent first, with what the text said of them and an example."""
    console = Console(file=out, soft_wrap=False, width=None if out.isatty() else 160)
    table = Table(title="names no dictionary knows")
    for col in ("name", "kind", "count", "docs", "text says", "example"):
        table.add_column(col, overflow="fold")
    for u in names:
        said = ", ".join(f"{c} ({n})" for c, n in u.codes.most_common(2))
        table.add_row(u.text, u.label, str(u.count), str(len(u.docs)), said, u.examples[0][:120] if u.examples else "")
    console.print(table)


def print_quotes(docs: Iterable[Document], out: TextIO) -> None:
    """A readable table of quotations: type, speaker with code, cue, addressee, quote."""
    console = Console(file=out, soft_wrap=False, width=None if out.isatty() else 160)
    for doc in docs:
        table = Table(title=f"{doc.doc_id} ({doc.date.isoformat() if doc.date else 'no date'})", expand=False)
        for col in ("sent", "type", "speaker", "cue", "addressee", "quote"):
            table.add_column(col, overflow="fold")
        for q in doc.quotes:
            speaker = q.speaker_span.text if q.speaker_span else "—"
            if q.speaker is not None:
                speaker = f"[bold]{q.speaker.actor.code or '?'}[/bold] {speaker}"
            table.add_row(str(q.sent), q.kind, speaker, " ".join(c.text for c in q.cue),
                          q.addressee.text if q.addressee else "", q.text)
        if not doc.quotes:
            table.add_row("", "no quotations found", "", "", "", "")
        console.print(table)


def print_rows(names: list[str], rows: list[tuple[Any, ...]], out: TextIO) -> None:
    """Query rows as a table."""
    console = Console(file=out, soft_wrap=False, width=None if out.isatty() else 200)
    table = Table(show_lines=False)
    for n in names:
        table.add_column(n, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v) for v in row))
    console.print(table)
    console.print(f"{len(rows)} rows")
