"""What both executors share: a task, where it runs, and the row of a task that never came back.

The local pool (``executors.py``) and the Dask executor (``_dask.py``) both build on this module, so neither
imports the other's types back (the cycle the executors once had).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from fibrokit.cohort.analyse_file import failed_rows
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


def in_flight(workers: int) -> int:
    """How many files to keep submitted at once: enough to keep every worker busy, few enough to stay lean."""
    return 2 * workers + 2


def task_failed(task: Task, message: str) -> list[Row]:
    """The ``crashed`` row of a task whose analysis never came back."""
    return failed_rows(task.path, task.analysis, task.covariates, task.settings, message)
