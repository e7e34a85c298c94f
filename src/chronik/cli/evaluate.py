"""``chronik eval …``: run chronik over gold data and print its figures."""

from __future__ import annotations

import click


@click.group("eval")
def eval_group() -> None:
    """Measure chronik against annotated data."""
