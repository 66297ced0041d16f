"""``fibrokit inspect``: what each file holds (device, start, duration, channels, beats, warnings).

Files of daily or nightly summaries from consumer wearables get a table of their own: how many nights carry a
resting heart rate, an HRV value (with its metric) and sleep, and how many days steps.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from fibrokit.cli._app import (
    PartialOption,
    _console,
    app,
    console_error,
    console_note,
    print_table,
    read_recording,
)
from fibrokit.errors import FibrokitError, ReaderError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from fibrokit.readers.daily_records import DailyExport
    from fibrokit.records import Recording

# Files from this size on get a progress display while they are read.
_LARGE_BYTES = 20_000_000


@app.command("inspect")
def inspect_command(
    files: Annotated[list[Path], typer.Argument(help="Files to inspect (any format fibrokit reads).")],
    partial: PartialOption = False,
) -> None:
    """Show what each FILE holds: format, device, start, duration, channels, beats and warnings.

    Daily and nightly summaries (Oura, Whoop, Withings, Polar, Fitbit, Google Fit, Garmin, Apple Health) are
    listed with the nights they cover. At a terminal the table is drawn; sent to a file or another program it is
    plain text: a "#" title line, then one tab-separated line per file under a line of headings.
    """
    recordings: list[Recording] = []
    exports: list[DailyExport] = []
    failed = 0
    large = any(_size(f) >= _LARGE_BYTES for f in files) or len(files) > 5
    with _progress(large) as progress:
        task = progress.add_task("reading", total=len(files))
        for file in files:
            progress.update(task, description=f"reading {file.name} ({_size(file) / 1e6:.0f} MB)")
            try:
                failed += _read_into(file, recordings, exports, alone=len(files) == 1, partial=partial)
            except ReaderError as error:
                if len(files) == 1:
                    raise
                console_error(str(error))
                failed += 1
            progress.advance(task)
    if recordings:
        print_table("What the files hold", _HEADINGS, [_row(r) for r in recordings])
        for recording in recordings:
            for warning in recording.warnings:
                console_note(f"{recording.source_name}: {warning}")
    if exports:
        print_table("Daily and nightly values", _DAILY_HEADINGS, [_daily_row(e) for e in exports])
        for export in exports:
            for warning in export.warnings:
                console_note(f"{export.source_name}: {warning}")
    if failed:
        total = max(len(files), failed + len(recordings))
        raise FibrokitError(f"{failed} of {total} files could not be read")


def _read_into(
    file: Path, recordings: list[Recording], exports: list[DailyExport], *, alone: bool, partial: bool
) -> int:
    """Read a file as daily summaries, recordings, or both (an Apple Health export is both); count failures."""
    from fibrokit.readers.daily_registry import daily_reader_for, read_daily

    daily = daily_reader_for(file)
    if daily is None:
        if partial:  # a damaged FIT file: what was read before the damage
            recordings.append(read_recording(file, partial))
            return 0
        return _read_recordings(file, recordings, alone=alone)
    exports.append(read_daily(file))
    if daily.name == "apple-health-daily":
        with contextlib.suppress(ReaderError):  # daily values without heart-rate samples are still read
            recordings.append(read_recording(file))
    return 0


def _read_recordings(file: Path, recordings: list[Recording], *, alone: bool) -> int:
    """Read the recording a file holds, or each of an archive's; report the members that fail."""
    from fibrokit.readers import iter_read
    from fibrokit.records import Recording

    found = list(iter_read([file]))
    failed = 0
    for item in found:
        if isinstance(item, Recording):
            recordings.append(item)
            continue
        if alone and len(found) == 1:
            raise item
        console_error(str(item))
        failed += 1
    return failed


_DAILY_HEADINGS = ("file", "format", "device", "days", "resting HR", "HRV", "sleep", "steps", "warnings")


def _daily_row(export: DailyExport) -> list[str]:
    days = export.days
    span = f"{len(days)}: {export.first_day} to {export.last_day}" if days else "0"
    metrics = sorted({d.hrv_metric.upper() for d in days if d.hrv_metric})
    return [
        export.source_name,
        export.source_format,
        export.device or "–",
        span,
        _count(sum(d.resting_hr_bpm is not None for d in days), "nights"),
        _count(
            sum(d.hrv_ms is not None for d in days),
            f"nights ({', '.join(metrics)})" if metrics else "nights",
        ),
        _count(sum(d.sleep_minutes is not None for d in days), "nights"),
        _count(sum(d.steps is not None for d in days), "days"),
        str(len(export.warnings)) if export.warnings else "–",
    ]


class _NoProgress(contextlib.nullcontext["_NoProgress"]):
    """What :func:`_progress` gives for small files: nothing shown, Rich not loaded."""

    def __init__(self) -> None:
        super().__init__(self)

    def add_task(self, description: str, total: int) -> TaskID:
        return cast("TaskID", 0)

    def update(self, task: TaskID, description: str) -> None:
        pass

    def advance(self, task: TaskID) -> None:
        pass


def _progress(shown: bool) -> Progress | _NoProgress:
    """A progress display on standard error while large files are read (Rich's progress loaded only then)."""
    if not shown:
        return _NoProgress()
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    return Progress(*columns, console=_console("err"), transient=True, disable=not shown)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n else "–"


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0


_HEADINGS = ("file", "format", "device", "start", "duration", "channels", "beats", "valid beats", "warnings")


def _row(rec: Recording) -> list[str]:
    beats = len(rec.beats) if rec.beats is not None else 0
    valid = f"{100 * rec.beats.normal_share:.1f} %" if rec.beats is not None and beats else "–"
    return [
        rec.source_name,
        rec.source_format + (" (partial)" if rec.metadata.get("partial") == "true" else ""),
        rec.device or "–",
        _start(rec),
        _duration(rec.duration_s),
        ", ".join(f"{c.name} ({c.unit})" if c.unit else c.name for c in rec.channels.values()) or "–",
        str(beats) if beats else "–",
        valid,
        str(len(rec.warnings)) if rec.warnings else "–",
    ]


def _start(recording: Recording) -> str:
    if recording.start is None:
        return "unknown"
    if recording.metadata.get("date_source") == "file name":
        return f"{recording.start.date().isoformat()} (date from the file name)"
    return recording.start.isoformat(sep=" ")


def _duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
