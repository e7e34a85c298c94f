"""The command line: parses arguments, calls the library, prints. No coding logic lives here."""

from chronik.cli.main import main

__all__ = ["main"]
