"""Running the per-recording function everywhere: a local process pool, or a Dask cluster.

Both executors submit the same :func:`~fibrokit.cohort.analyse_file` with the same arguments and yield each
file's rows as soon as they are done, in whatever order they finish (the table is sorted at the end). Only a
bounded number of files is in flight at once, so memory stays flat however long the manifest is. A failure
outside the function (a worker killed by the out-of-memory killer, a lost Dask worker) becomes a ``crashed``
row for that file, and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Literal

from fibrokit.cohort.analyse_file import analyse_file, failed_rows
from fibrokit.cohort.analyses import Row
from fibrokit.cohort.settings import CohortSettings


@dataclass(frozen=True)
class Task:
    """One file to analyse: the arguments of :func:`~fibrokit.cohort.analyse_file`."""

    path: str
    analysis: str
    covariates: Mapping[str, object]
    settings: CohortSettings


@dataclass(frozen=True)
class Executor:
    """Where the files are analysed.

    Parameters
    ----------
    kind : {"local", "dask", "dask-local"}
        A process pool on this machine; the Dask scheduler at ``address``; or a Dask cluster started here
        with ``workers`` worker processes (and stopped at the end).
    workers : int or None
        Worker processes for ``"local"`` and ``"dask-local"``; None means one per core.
    address : str
        The scheduler, e.g. ``tcp://10.0.0.5:8786``, for ``"dask"``.
    """

    kind: Literal["local", "dask", "dask-local"] = "local"
    workers: int | None = None
    address: str = ""

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"`workers` must be at least 1, not {self.workers}")
        if (self.kind == "dask") != bool(self.address):
            raise ValueError("a scheduler `address` is given exactly when `kind` is 'dask'")

    @property
    def size(self) -> int:
        """The number of worker processes asked for (one per core by default)."""
        return self.workers or os.cpu_count() or 1

    def describe(self) -> str:
        """The executor in a few words, for notes."""
        if self.kind == "dask":
            return f"the Dask scheduler at {self.address}"
        where = "a local Dask cluster" if self.kind == "dask-local" else "a local process pool"
        return f"{where} of {self.size} worker(s)"


PerFile = Callable[[str, str, Mapping[str, object], CohortSettings], list[Row]]


def run_tasks(
    tasks: Sequence[Task], executor: Executor, function: PerFile = analyse_file
) -> Iterator[tuple[int, list[Row]]]:
    """Analyse every task on ``executor``, yielding ``(task index, rows)`` as each finishes.

    ``function`` is the per-file function (:func:`~fibrokit.cohort.analyse_file`; tests pass others, which
    must be importable by the workers).
    """
    if not tasks:
        return iter(())
    if executor.kind == "local":
        return _local(tasks, executor.size, function)
    from fibrokit.cohort._dask import run_on_dask  # Dask is imported only when asked for

    return run_on_dask(tasks, executor, function)


def in_flight(workers: int) -> int:
    """How many files to keep submitted at once: enough to keep every worker busy, few enough to stay lean."""
    return 2 * workers + 2


def _local(tasks: Sequence[Task], workers: int, function: PerFile) -> Iterator[tuple[int, list[Row]]]:
    remaining, suspects = list(range(len(tasks))), list[int]()
    while remaining or suspects:
        if suspects:
            # A worker died and broke the pool; any of the files in flight could have killed it. They are run
            # again one at a time, so only the file that kills its worker again gets a crashed row.
            lost, suspects = yield from _pool_round(tasks, suspects, function, 1, 1)
            for index in lost:
                yield index, task_failed(tasks[index], _LOST)
        else:
            suspects, remaining = yield from _pool_round(
                tasks, remaining, function, workers, in_flight(workers)
            )


def _pool_round(
    tasks: Sequence[Task], order: list[int], function: PerFile, workers: int, limit: int
) -> Generator[tuple[int, list[Row]], None, tuple[list[int], list[int]]]:
    """Run tasks in one pool until done or until it breaks; then return the tasks in flight and those not begun."""
    queue = iter(order)
    pending: dict[Future[list[Row]], int] = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_watch_parent)
    try:
        for index in queue:
            pending[_submit(pool, function, tasks[index])] = index
            if len(pending) >= limit:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                error = future.exception()
                if isinstance(error, BrokenProcessPool):
                    return sorted(pending.values()), list(queue)
                index = pending.pop(future)
                yield index, future.result() if error is None else task_failed(tasks[index], repr(error))
                following = next(queue, None)
                if following is not None:
                    pending[_submit(pool, function, tasks[following])] = following
        return [], []
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


_LOST = "the worker process analysing it stopped unexpectedly (out of memory?); --resume will try it again"


def task_failed(task: Task, message: str) -> list[Row]:
    """The ``crashed`` row of a task whose analysis never came back."""
    return failed_rows(task.path, task.analysis, task.covariates, task.settings, message)


def _submit(pool: ProcessPoolExecutor, function: PerFile, task: Task) -> Future[list[Row]]:
    return pool.submit(function, task.path, task.analysis, task.covariates, task.settings)


def _context() -> multiprocessing.context.BaseContext:
    # Not "fork": the progress bar runs a thread, and forking a process with threads can deadlock. The fork
    # server is started once, imports fibrokit once, and forks each worker ready to run.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["fibrokit.cohort.analyse_file"])
        return context
    return multiprocessing.get_context("spawn")


def _watch_parent() -> None:
    """Exit this worker when the process that started it is gone (a run killed with SIGKILL, say)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="fibrokit-parent-watch").start()
