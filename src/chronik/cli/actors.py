"""``chronik actors …``: look up, list and import actor dictionaries."""

from __future__ import annotations

import click


@click.group("actors")
def actors_group() -> None:
    """Inspect and extend the actor dictionary."""
