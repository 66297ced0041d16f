"""The Dask executor: the same per-recording function, submitted to a scheduler (Dask loaded only when asked for).

Workers must see the files at the same paths (a shared or network file system) and run the same fibrokit
version; the run checks the version on every worker first and refuses, in one sentence, when they differ.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Any

from fibrokit._version import __version__
from fibrokit.cohort._tasks import Executor, PerFile, Task, in_flight, task_failed
from fibrokit.cohort.analyse_file import analyse_file
from fibrokit.cohort.analyses import Row
from fibrokit.errors import InputError


def _dask() -> Any:
    """The ``distributed`` module, loaded when a Dask run starts (it is an optional extra, and slow to import).

    distributed has no type annotations; it is used through this one untyped handle.
    """
    return importlib.import_module("distributed")


# How long to wait for a scheduler to answer before saying it cannot be reached.
_CONNECT_TIMEOUT_S = 20


def run_on_dask(
    tasks: Sequence[Task], executor: Executor, function: PerFile = analyse_file
) -> Iterator[tuple[int, list[Row]]]:
    """Analyse the tasks on a Dask cluster, yielding ``(task index, rows)`` as each finishes."""
    with ExitStack() as stack:
        client = stack.enter_context(_client(executor, stack))
        _check_versions(client)
        workers = max(1, sum(client.nthreads().values()))
        queue = iter(enumerate(tasks))
        index_of: dict[str, int] = {}
        finished = _dask().as_completed()
        for index, task in queue:
            finished.add(_submit(client, function, task, index, index_of))
            if len(index_of) >= in_flight(workers):
                break
        for future in finished:
            index = index_of.pop(future.key)
            yield index, _rows(future, tasks[index])
            following = next(queue, None)
            if following is not None:
                finished.add(_submit(client, function, following[1], following[0], index_of))


def _client(executor: Executor, stack: ExitStack) -> Any:
    if executor.kind == "dask-local":
        # One thread per worker process: the analyses are CPU-bound Python, and the dashboard is not needed.
        cluster = _dask().LocalCluster(
            n_workers=executor.size,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        stack.enter_context(cluster)
        return _dask().Client(cluster)
    try:
        return _dask().Client(executor.address, timeout=_CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {executor.address} ({error})") from None


def _worker_version() -> str:
    from fibrokit._version import __version__ as version

    return version


def _check_versions(client: Any) -> None:
    versions: dict[str, str] = client.run(_worker_version)
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise InputError(
            f"the Dask workers run fibrokit {', '.join(other)} but this machine runs {__version__}; "
            "install the same version everywhere so every row is computed by the same code"
        )
    if not versions:
        raise InputError("the Dask scheduler has no workers; start some with `dask worker ADDRESS`")


def _submit(client: Any, function: PerFile, task: Task, index: int, index_of: dict[str, int]) -> Any:
    future = client.submit(
        function, task.path, task.analysis, dict(task.covariates), task.settings, pure=False
    )
    index_of[future.key] = index
    return future


def _rows(future: Any, task: Task) -> list[Row]:
    try:
        rows: list[Row] = future.result()
    except (
        Exception
    ) as error:  # a lost worker (KilledWorker) or a cancelled task: one crashed row, not the run
        return task_failed(task, f"the Dask task failed ({type(error).__name__}: {error})")
    finally:
        future.release()
    return rows
