"""``fibrokit inspect``: what each file holds (device, start, duration, channels, beats, warnings)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from fibrokit.cli._app import PartialOption, app, console_error, console_note, err, out, read_recording
from fibrokit.errors import FibrokitError, ReaderError

if TYPE_CHECKING:
    from fibrokit.records import Recording

# Files from this size on get a progress display while they are read.
_LARGE_BYTES = 20_000_000


@app.command("inspect")
def inspect_command(
    files: Annotated[list[Path], typer.Argument(help="Files to inspect (any format fibrokit reads).")],
    partial: PartialOption = False,
) -> None:
    """Show what each FILE holds: format, device, start, duration, channels, beats and warnings."""
    recordings: list[Recording] = []
    failed = 0
    large = any(_size(f) >= _LARGE_BYTES for f in files) or len(files) > 5
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not large,
    ) as progress:
        task = progress.add_task("reading", total=len(files))
        for file in files:
            progress.update(task, description=f"reading {file.name} ({_size(file) / 1e6:.0f} MB)")
            try:
                recordings.append(read_recording(file, partial))
            except ReaderError as error:
                if len(files) == 1:
                    raise
                console_error(str(error))
                failed += 1
            progress.advance(task)
    if recordings:
        out.print(_table(recordings))
        for recording in recordings:
            for warning in recording.warnings:
                console_note(f"{recording.source_name}: {warning}")
    if failed:
        raise FibrokitError(f"{failed} of {len(files)} files could not be read")


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0


def _table(recordings: list[Recording]) -> Table:
    table = Table(title="What the files hold")
    for heading in (
        "file",
        "format",
        "device",
        "start",
        "duration",
        "channels",
        "beats",
        "valid beats",
        "warnings",
    ):
        table.add_column(heading, overflow="fold")
    for rec in recordings:
        beats = len(rec.beats) if rec.beats is not None else 0
        valid = f"{100 * rec.beats.normal_share:.1f} %" if rec.beats is not None and beats else "–"
        table.add_row(
            rec.source_name,
            rec.source_format + (" (partial)" if rec.metadata.get("partial") == "true" else ""),
            rec.device or "–",
            rec.start.isoformat(sep=" ") if rec.start else "unknown",
            _duration(rec.duration_s),
            ", ".join(f"{c.name} ({c.unit})" if c.unit else c.name for c in rec.channels.values()) or "–",
            str(beats) if beats else "–",
            valid,
            str(len(rec.warnings)) if rec.warnings else "–",
        )
    return table


def _duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
