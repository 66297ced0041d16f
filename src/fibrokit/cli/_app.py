"""The shared Typer application and console helpers of the command line."""

from __future__ import annotations

import datetime as dt

import typer
from rich.console import Console

from fibrokit.errors import FibrokitError

app = typer.Typer(
    name="fibrokit",
    help="Heart-rate variability, autonomic tests, pacing, diary and treatment trials for fibromyalgia. "
    "fibrokit informs; it does not diagnose or prescribe.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def console_error(message: str) -> None:
    """Print one error sentence to standard error."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)


def console_note(message: str) -> None:
    """Print a note (what was decided and why) to standard error, keeping standard output for data."""
    err.print(f"[dim]note:[/] {message}", soft_wrap=True)


def parse_day(text: str) -> dt.date:
    """A calendar day given as YYYY-MM-DD, or a one-sentence error saying how to write it."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FibrokitError(
            f"--date {text!r} is not a day: write it as YYYY-MM-DD, e.g. 2025-03-19"
        ) from None
