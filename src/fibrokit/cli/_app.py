"""The shared Typer application and console helpers of the command line."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from fibrokit._version import __version__

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


def _print_version(value: bool) -> None:
    if value:
        out.print(f"fibrokit {__version__}")
        raise typer.Exit


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Heart-rate variability, autonomic tests, pacing, diary and treatment trials for fibromyalgia.

    fibrokit informs; it does not diagnose or prescribe.
    """


def console_error(message: str) -> None:
    """Print one error sentence to standard error."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)


def console_warning(message: str) -> None:
    """Print a warning ("computed, but doubtful") as one plain line on standard error."""
    err.print(f"[yellow]warning:[/] {message}", soft_wrap=True, markup=True, highlight=False)


def show_warning_plainly(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    """Stand-in for :func:`warnings.showwarning`: the message alone, without the file path and source line."""
    console_warning(escape(" ".join(str(message).split())))


def console_note(message: str) -> None:
    """Print a note (what was decided and why) to standard error, keeping standard output for data."""
    err.print(f"[dim]note:[/] {message}", soft_wrap=True)
