"""A cohort run: a manifest (or folder) through one analysis into one table, resumable, on any executor."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fibrokit.cohort.executors import Executor, Task, run_tasks
from fibrokit.cohort.manifest import Entry, read_manifest
from fibrokit.cohort.settings import CohortSettings, analysis_keys
from fibrokit.cohort.store import Key, ResultStore
from fibrokit.errors import InputError, ReaderError
from fibrokit.readers._source import sha256_of

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunSummary:
    """What a run did.

    Attributes
    ----------
    table : Path
        The table written.
    files : int
        Files in the manifest.
    analysed : int
        Files analysed in this run.
    skipped : int
        Files already done by an earlier run (``resume``).
    failed : int
        Files of this run whose rows carry an error.
    rows : int
        Rows in the table.
    """

    table: Path
    files: int
    analysed: int
    skipped: int
    failed: int
    rows: int


def cohort_run(
    source: str | Path,
    out: str | Path,
    *,
    analysis: str = "hrv",
    settings: CohortSettings | None = None,
    executor: Executor | None = None,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    flush_s: float = 1.0,
) -> RunSummary:
    r"""Run one analysis over every file of a cohort and write one Parquet table.

    Finished files are written to part files at least every ``flush_s`` seconds, so a killed run loses at most
    that much work; with ``resume`` a run skips every file already done with the same content (SHA-256),
    analysis and settings, and ends with the same table an uninterrupted run would have written.

    Parameters
    ----------
    source : str or Path
        A manifest CSV or a folder of recordings (see :func:`read_manifest`).
    out : str or Path
        The table to write, e.g. ``results.parquet``.
    analysis : str
        A name from :data:`ANALYSES`.
    settings : CohortSettings, optional
        Every setting of the analysis; default ``CohortSettings()``.
    executor : Executor, optional
        Where to run; default a local process pool with one worker per core.
    resume, overwrite : bool
        Continue an earlier run into the same table, or replace it; without either an existing table is an
        error, so hours of results are never replaced by accident.
    progress : callable, optional
        Called as ``progress(done, total)`` when the work is known and after each file.
    flush_s : float
        Longest time finished rows wait in memory before they are written.

    Returns
    -------
    RunSummary

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from fibrokit.cohort import Executor
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "rest.txt").write_text("\n".join(str(800 + 25 * (i % 4)) for i in range(300)))
    >>> summary = cohort_run(folder, folder / "results.parquet", executor=Executor(workers=1))
    >>> summary.files, summary.failed, summary.rows
    (1, 0, 1)
    """
    analysis_keys(analysis)
    chosen = settings or CohortSettings()
    entries = read_manifest(source)
    store = ResultStore(out)
    if store.exists() and not (resume or overwrite):
        raise InputError(
            f"{store.table.name} already exists: add --resume to continue that run, or --overwrite to start again"
        )
    if overwrite and not resume:
        store.clear()
    settings_json = chosen.as_json(analysis)
    todo = _to_do(entries, store.done_keys() if resume else set(), analysis, settings_json)
    tasks = [Task(str(e.path), analysis, e.covariates(), chosen) for e in todo]
    failed = _execute(tasks, executor or Executor(), store, progress, flush_s)
    covariates = list(dict.fromkeys(name for e in entries for name, _ in e.extra))
    table = store.finish((e.relative for e in entries), analysis, settings_json, covariates)
    return RunSummary(
        store.table, len(entries), len(tasks), len(entries) - len(tasks), failed, table.num_rows
    )


def _to_do(entries: Sequence[Entry], done: set[Key], analysis: str, settings: str) -> list[Entry]:
    """The entries not done yet; a file is hashed only when an earlier row could match it."""
    candidates = {(path, a, s) for path, _, a, s in done}
    todo = []
    for entry in entries:
        if (entry.relative, analysis, settings) in candidates:
            try:
                if (entry.relative, sha256_of(entry.path), analysis, settings) in done:
                    continue
            except ReaderError:
                pass  # unreadable now: analyse it again, and let its row say why
        todo.append(entry)
    return todo


def _execute(
    tasks: list[Task], executor: Executor, store: ResultStore, progress: Progress | None, flush_s: float
) -> int:
    if progress:
        progress(0, len(tasks))
    buffer: list[dict[str, object]] = []
    failed = done = 0
    flushed = time.monotonic()
    try:
        for _, rows in run_tasks(tasks, executor):
            buffer.extend(rows)
            done += 1
            failed += rows[0].get("status") != "ok"
            if time.monotonic() - flushed >= flush_s:
                store.write_part(buffer)
                buffer, flushed = [], time.monotonic()
            if progress:
                progress(done, len(tasks))
    finally:
        # Also when interrupted: what is finished is kept for --resume.
        store.write_part(buffer)
    return failed
