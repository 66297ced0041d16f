"""The ``fibrokit`` command: one Typer app, one module per area, errors shown as one plain sentence.

Each area module defines its commands on the shared :data:`app` (or a sub-app it adds to it); this module
imports them so they register, and :func:`main` runs the app so that a :class:`~fibrokit.errors.FibrokitError`
becomes a one-line message and exit status 1, never a traceback.
"""

from __future__ import annotations

import os
import sys
import warnings

# Importing the area modules registers their commands on the app.
from fibrokit.cli import analyze as _analyze  # noqa: F401
from fibrokit.cli import backup as _backup  # noqa: F401
from fibrokit.cli import cohort as _cohort  # noqa: F401
from fibrokit.cli import db as _db  # noqa: F401
from fibrokit.cli import demo as _demo  # noqa: F401
from fibrokit.cli import diary as _diary  # noqa: F401
from fibrokit.cli import export as _export  # noqa: F401
from fibrokit.cli import hrv as _hrv  # noqa: F401
from fibrokit.cli import import_ as _import  # noqa: F401
from fibrokit.cli import inspect as _inspect  # noqa: F401
from fibrokit.cli import live as _live  # noqa: F401
from fibrokit.cli import pace as _pace  # noqa: F401
from fibrokit.cli import ppg as _ppg  # noqa: F401
from fibrokit.cli import questionnaires as _questionnaires  # noqa: F401
from fibrokit.cli import report as _report  # noqa: F401
from fibrokit.cli import serve as _serve  # noqa: F401
from fibrokit.cli import trial as _trial  # noqa: F401
from fibrokit.cli import trial_other as _trial_other  # noqa: F401
from fibrokit.cli import trial_results as _trial_results  # noqa: F401
from fibrokit.cli import user as _user  # noqa: F401
from fibrokit.cli._app import app, console_error, show_warning_plainly
from fibrokit.errors import FibrokitError

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line; turn fibrokit's errors into a sentence and exit status 1.

    Usage mistakes (an unknown option, a missing argument) are reported by the command-line library itself,
    with the usage line, and exit status 2.
    """
    # A warning is one plain line ("warning: ..."), never a library's file path and source line.
    warnings.showwarning = show_warning_plainly
    try:
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
