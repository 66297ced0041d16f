"""The shared Typer application and console helpers of the command line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from fibrokit._version import __version__

if TYPE_CHECKING:
    from fibrokit.records import Recording

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


def with_option_names(error: Exception, options: Mapping[str, str]) -> str:
    """The error's sentence with the library's parameter names (`start_minutes`) given as this command's options.

    A name without an option left in the sentence is written as plain words, never as a Python name.
    """
    text = str(error)
    for name, option in options.items():
        text = text.replace(f"`{name}`", option)
    return re.sub(r"`(\w+)`", lambda found: found.group(1).replace("_", " "), text)


PartialOption = Annotated[
    bool,
    typer.Option("--partial", help="Keep what a damaged (truncated) FIT file holds before the damage."),
]


def read_recording(file: Path, partial: bool = False) -> Recording:
    """Read any supported file; with ``partial``, a damaged FIT file gives what was read before the damage."""
    from fibrokit.errors import CorruptFile
    from fibrokit.readers import read, read_fit

    try:
        return read(file)
    except CorruptFile:
        if not partial or not _is_fit(file):
            raise
        return read_fit(file, partial=True)


def _is_fit(file: Path) -> bool:
    with file.open("rb") as handle:
        return handle.read(12)[8:12] == b".FIT"


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


def parse_day(text: str) -> dt.date:
    """A calendar day given as YYYY-MM-DD, or a one-sentence error saying how to write it."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FibrokitError(
            f"--date {text!r} is not a day: write it as YYYY-MM-DD, e.g. 2025-03-19"
        ) from None
