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
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from fibrokit.cohort._dask import run_on_dask
from fibrokit.cohort._tasks import Executor, PerFile, Task, in_flight, task_failed
from fibrokit.cohort.analyse_file import analyse_file
from fibrokit.cohort.analyses import Row

# Task and Executor are defined with the Dask executor's shared pieces (_tasks.py) and offered here.
__all__ = ["Executor", "PerFile", "Task", "run_tasks"]


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
    return run_on_dask(tasks, executor, function)


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
