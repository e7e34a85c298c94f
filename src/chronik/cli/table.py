"""A readable table of events (rich)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

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
