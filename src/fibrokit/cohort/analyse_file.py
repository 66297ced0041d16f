"""The per-recording function every executor runs: one file in, its rows out, never an exception."""

from __future__ import annotations

import os
import socket
import threading
import time
import warnings
from collections.abc import Mapping
from pathlib import Path

from fibrokit._version import __version__
from fibrokit.cohort.analyses import ANALYSES, Row
from fibrokit.cohort.settings import CohortSettings, analysis_keys
from fibrokit.errors import FibrokitError
from fibrokit.readers import open_file, read

# The columns that say how long a file took and where; the only ones that may differ between executors.
TIMING_COLUMNS = ("elapsed_s", "worker")

# Warnings are caught per file by swapping the process-wide warning filters, which is not thread-safe: a Dask
# worker with several threads therefore analyses one file at a time (start workers with --nthreads 1 and as many
# processes as cores; CPU-bound analyses gain nothing from threads anyway).
_ONE_AT_A_TIME = threading.Lock()


def analyse_file(
    path: str | Path, analysis: str, covariates: Mapping[str, object], settings: CohortSettings
) -> list[Row]:
    r"""Read one file, run one analysis on it and return its rows, with the failure as a row if it fails.

    The same function runs in a local process pool and on Dask workers, so it takes and returns only plain,
    picklable values and touches nothing but the file it reads.

    Parameters
    ----------
    path : str or Path
        The recording (any format :func:`fibrokit.read` recognises).
    analysis : str
        A name from :data:`fibrokit.cohort.ANALYSES`.
    covariates : mapping
        The manifest's columns for this file (participant, group, relative path, age, sex, medication and any
        others), copied into every row.
    settings : CohortSettings
        The run's settings; those the analysis depends on are written into every row as JSON text.

    Returns
    -------
    list of dict
        One row (or one per window), each with the covariates, the file name and SHA-256, the analysis, the
        fibrokit version and settings, ``status`` (``"ok"``; ``"error"`` when fibrokit refused the file, with
        the sentence in ``error``; ``"crashed"`` for an unexpected failure), the quality and metric columns,
        any warnings, and the timing columns ``elapsed_s`` and ``worker``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from fibrokit.cohort import CohortSettings, analyse_file
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rest.txt"
    >>> _ = path.write_text("\n".join(str(800 + 25 * (i % 4)) for i in range(300)))  # RR in ms, one per line
    >>> rows = analyse_file(path, "hrv", {"participant": "p1"}, CohortSettings())
    >>> row = rows[0]
    >>> row["status"], row["file"], row["beats"], round(row["rmssd_ms"], 1)
    ('ok', 'rest.txt', 300, 34.5)
    >>> analyse_file("no-such.txt", "hrv", {}, CohortSettings())[0]["error"]
    'no-such.txt: no such file'
    """
    started = time.perf_counter()
    file = Path(path)
    analysis_keys(analysis)  # an unknown analysis is the caller's mistake, raised before any file is touched
    base = _base(file, analysis, covariates, settings)
    with _ONE_AT_A_TIME, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows, problem = _attempt(file, analysis, covariates, settings, base)
    notes = " | ".join(dict.fromkeys(str(w.message) for w in caught))
    timing = {"elapsed_s": time.perf_counter() - started, "worker": f"{socket.gethostname()}:{os.getpid()}"}
    return [base | problem | row | {"warnings": notes} | timing for row in rows]


def failed_rows(
    path: str | Path, analysis: str, covariates: Mapping[str, object], settings: CohortSettings, message: str
) -> list[Row]:
    """The row of a file whose analysis never came back (its worker died): status ``crashed``, no timing."""
    problem = {"status": "crashed", "error": f"{Path(path).name}: {message}", "warnings": ""}
    return [_base(Path(path), analysis, covariates, settings) | problem | {"elapsed_s": None, "worker": ""}]


def _base(file: Path, analysis: str, covariates: Mapping[str, object], settings: CohortSettings) -> Row:
    return dict(covariates) | {
        "file": file.name,
        "sha256": "",
        "analysis": analysis,
        "fibrokit_version": __version__,
        "settings": settings.as_json(analysis),
        "format": "",
    }


def _attempt(
    file: Path, analysis: str, covariates: Mapping[str, object], settings: CohortSettings, base: Row
) -> tuple[list[Row], Row]:
    """The analysis's rows and the status columns; fills the file's hash and format into ``base``."""
    try:
        opened = open_file(file)  # read once: hashed, then recognised and read from these bytes
        base["sha256"] = opened.sha256
        recording = read(opened)
        base["format"] = recording.source_format
        rows = ANALYSES[analysis].run(recording, covariates, settings)
    except FibrokitError as error:
        return [{}], {"status": "error", "error": str(error)}
    except Exception as error:  # a bug or a broken library must cost one row, never the whole run
        return [{}], {"status": "crashed", "error": f"unexpected {type(error).__name__}: {error}"}
    if not rows:
        return [{}], {"status": "error", "error": f"{file.name}: the analysis produced no rows"}
    return rows, {"status": "ok", "error": ""}
