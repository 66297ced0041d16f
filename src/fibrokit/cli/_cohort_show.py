"""What ``fibrokit cohort`` shows while it works and when it is done: a progress bar and a comparison table."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from fibrokit.cli._app import console_note, err, out


class _Rate(ProgressColumn):
    """Files per minute, from rich's running estimate of the speed."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{60 * speed:.1f} files/min" if speed else "– files/min", style="cyan")


class ProgressBar:
    """A progress bar on standard error with the rate and the time left, shown once the work is known.

    It appears at the first update, so a run refused before it starts (a bad manifest, an existing table)
    shows only its error sentence.
    """

    def __init__(self, label: str, note: str) -> None:
        self._label, self._note = label, note
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def update(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` files (the signature ``cohort_run`` calls)."""
        if self._progress is None:
            console_note(self._note)
            columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), _Rate())
            self._progress = Progress(
                *columns, TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=err
            )
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=total)
        assert self._task is not None
        self._progress.update(self._task, completed=done, total=total)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()


def print_comparison(comparison: Any) -> None:
    """The 15 metrics with the smallest adjusted p-values, on screen."""
    several = len(comparison.groups) > 2
    shown = Table(title=f"By {comparison.by}: " + ", ".join(f"{g} (n={n})" for g, n in comparison.groups))
    headings = ["metric", *(["group"] if several else []), "median", f"{comparison.reference}", "Hedges' g"]
    for heading in (*headings, "95 % CI", "size", "p adj."):
        shown.add_column(heading, no_wrap=heading != "metric")
    ranked = sorted(comparison.rows, key=lambda r: (not r["p_adjusted"] <= 1.0, r["p_adjusted"]))
    for row in ranked[:15]:
        shown.add_row(
            str(row["metric"]),
            *([str(row["group"])] if several else []),
            f"{row['median']:.3g}",
            f"{row['median_reference']:.3g}",
            f"{row['hedges_g']:.2f}",
            f"[{row['hedges_g_low']:.2f}, {row['hedges_g_high']:.2f}]",
            str(row["magnitude"]),
            f"{row['p_adjusted']:.2g}",
        )
    out.print(shown)
