"""The shared Typer application and console helpers of the command line."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fibrokit._version import __version__
from fibrokit.cli._coercion import LeanGroup

if TYPE_CHECKING:
    from rich.console import Console

    from fibrokit.records import Recording

    # Standard output and standard error as Rich consoles, made on first use (module ``__getattr__``), so a
    # command that prints no Rich output does not load Rich.
    out: Console
    err: Console

from fibrokit.errors import FibrokitError

app = typer.Typer(
    name="fibrokit",
    cls=LeanGroup,
    help="Heart-rate variability, autonomic tests, pacing, diary and treatment trials for fibromyalgia. "
    "fibrokit informs; it does not diagnose or prescribe.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def __getattr__(name: str) -> Console:
    if name in {"out", "err"}:
        return _console(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _console(name: str) -> Console:
    """The console ``out`` or ``err``, made the first time it is needed."""
    found: Console | None = globals().get(name)
    if found is None:
        from rich.console import Console

        found = globals()[name] = Console(stderr=name == "err", highlight=False)
    return found


def print_table(title: str, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print a table on standard output: drawn by Rich at a terminal, else as plain text.

    Plain text (when the output goes to a file or another program) is the title as a ``#`` line, then the
    headings and one line per row, the columns separated by tabs, so ``cut`` or a spreadsheet can read it.
    """
    if not sys.stdout.isatty():
        lines = [f"# {title}", "\t".join(headings), *("\t".join(row) for row in rows)]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.table import Table

    table = Table(title=title)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*row)
    _console("out").print(table)


def _print_version(value: bool) -> None:
    if value:
        print(f"fibrokit {__version__}")
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
    _console("err").print(f"[bold red]error:[/] {message}", soft_wrap=True)


def console_warning(message: str) -> None:
    """Print a warning ("computed, but doubtful") as one plain line on standard error."""
    _console("err").print(f"[yellow]warning:[/] {message}", soft_wrap=True, markup=True, highlight=False)


def show_warning_plainly(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    """Stand-in for :func:`warnings.showwarning`: the message alone, without the file path and source line."""
    from rich.markup import escape

    console_warning(escape(" ".join(str(message).split())))


def console_note(message: str) -> None:
    """Print a note (what was decided and why) to standard error, keeping standard output for data."""
    _console("err").print(f"[dim]note:[/] {message}", soft_wrap=True)


def parse_day(text: str) -> dt.date:
    """A calendar day given as YYYY-MM-DD, or a one-sentence error saying how to write it."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FibrokitError(
            f"--date {text!r} is not a day: write it as YYYY-MM-DD, e.g. 2025-03-19"
        ) from None
