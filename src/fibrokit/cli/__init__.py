"""The ``fibrokit`` command: one Typer app, one module per area, errors shown as one plain sentence.

Each area module defines its commands on the shared :data:`app` (or a sub-app it adds to it); importing it
registers them. :func:`main` imports only the area of the command it was given (:data:`AREAS`), every area for
``--help``; ``fibrokit.cli.app`` is the app with every command. :func:`main` runs the app so that a :class:`~fibrokit.errors.FibrokitError`
becomes a one-line message and exit status 1, never a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from typing import TYPE_CHECKING, Any

from fibrokit.cli._app import console_error, show_warning_plainly
from fibrokit.errors import FibrokitError

if TYPE_CHECKING:
    from fibrokit.cli._app import app

# Each top-level command (or group of commands) and the area modules that define it. Importing an area module
# registers its commands on the app. ``fibrokit inspect`` imports only ``inspect``, so a command does not wait
# for the libraries of the others; ``fibrokit --help`` (or an unknown name) imports every area to list them all.
# A test checks this table against the commands the modules register.
AREAS: dict[str, tuple[str, ...]] = {
    "analyze": ("analyze",),
    "backup": ("backup",),
    "cohort": ("cohort",),
    "db": ("db",),
    "demo": ("demo",),
    "diary": ("diary", "questionnaires"),
    "export": ("export",),
    "hrv": ("hrv",),
    "import": ("import_",),
    "inspect": ("inspect",),
    "live": ("live",),
    "pace": ("pace",),
    "ppg": ("ppg",),
    "report": ("report",),
    "restore": ("backup",),
    "restore-account": ("export",),
    "serve": ("serve",),
    "trial": ("trial", "trial_other", "trial_results"),
    "user": ("user",),
}


def register(names: tuple[str, ...] | None = None) -> None:
    """Import the area modules of the commands ``names`` (every area when None), so they are on the app."""
    modules = sorted({m for ms in AREAS.values() for m in ms}) if names is None else names
    for module in modules:
        importlib.import_module(f"fibrokit.cli.{module}")


# Commands that only read files and print. Nothing of theirs needs Python's orderly shutdown (no database, no
# worker processes; temporary folders are removed when their ``with`` block ends), so once their output is
# flushed the process ends at once, sparing the 20-30 ms the interpreter takes to tear NumPy and the other
# modules down: a tenth of ``fibrokit inspect`` on a 1 MB FIT file.
READ_ONLY = frozenset({"inspect"})


def _areas_for(args: list[str]) -> tuple[str, ...] | None:
    """The area modules a command line needs: its command's, none for ``--version`` alone, else all."""
    command = next((a for a in args if not a.startswith("-")), None)
    if command is None:
        return () if "--version" in args and "--help" not in args else None
    return AREAS.get(command)


def __getattr__(name: str) -> Any:
    """``fibrokit.cli.app``: the application with every command registered (for tests and the docs)."""
    if name == "app":
        from fibrokit.cli._app import app

        register()
        return app
    raise AttributeError(f"module 'fibrokit.cli' has no attribute {name!r}")


__all__ = ["AREAS", "READ_ONLY", "app", "main", "register"]


def main() -> None:
    """Run the command line; turn fibrokit's errors into a sentence and exit status 1.

    Usage mistakes (an unknown option, a missing argument) are reported by the command-line library itself,
    with the usage line, and exit status 2.
    """
    # A warning is one plain line ("warning: ..."), never a library's file path and source line.
    warnings.showwarning = show_warning_plainly
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    try:
        _run()
    except SystemExit as done:
        if command in READ_ONLY:
            _end_now(done.code)
        raise


def _end_now(code: object) -> None:
    """End the process with ``code`` (as ``sys.exit`` takes it) once standard output and error are flushed."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def _run() -> None:
    from fibrokit.cli._app import app

    try:
        register(_areas_for(sys.argv[1:]))
        app()
    except FibrokitError as error:
        console_error(str(error))
        sys.exit(1)
    except KeyboardInterrupt:
        console_error("interrupted")
        sys.exit(130)
    except Exception as error:  # the last line of defence for a person at a terminal
        if os.environ.get("FIBROKIT_DEBUG"):
            raise
        console_error(
            f"unexpected {type(error).__name__}: {error} (this is a bug in fibrokit; set FIBROKIT_DEBUG=1 to see "
            "where, and please report it)"
        )
        sys.exit(2)
