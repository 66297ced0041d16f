"""``fibrokit hrv``: heart-rate variability of an RR file, over the whole recording or in windows."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.table import Table

from fibrokit.choices import ArtifactMethod, HrvPreset
from fibrokit.cli._app import PartialOption, app, console_note, err, out, read_recording
from fibrokit.errors import CorruptFile, InputError, InsufficientData

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from fibrokit.hrv import HrvResult, HrvTable
    from fibrokit.hrv.hrv_window_stream import StreamedWindows
    from fibrokit.records import Recording


class OutputFormat(StrEnum):
    """How results are printed."""

    table = "table"
    csv = "csv"
    json = "json"


# The columns a windowed table shows on screen; CSV and JSON carry every metric.
_SCREEN_COLUMNS = (
    "mean_hr_bpm",
    "rmssd_ms",
    "sdnn_ms",
    "lf_welch_ms2",
    "hf_welch_ms2",
    "sampen",
    "dfa_alpha1",
)


@app.command("hrv")
def hrv_command(
    file: Annotated[
        Path, typer.Argument(help="RR file: text/CSV (ms or s; time and RR columns) or MIT annotations.")
    ],
    window: Annotated[
        float | None, typer.Option("--window", help="Window length in seconds (e.g. 300).")
    ] = None,
    step: Annotated[
        float | None, typer.Option("--step", help="Step between windows in seconds (default: window).")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.table,
    artifacts: Annotated[
        ArtifactMethod, typer.Option("--artifacts", help="Artefact detection method.")
    ] = "lipponen2019",
    preset: Annotated[
        HrvPreset, typer.Option("--preset", help="Settings preset (pcst reproduces the PhysioNet toolbox).")
    ] = "fibrokit",
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write the windows as CSV to this file as they are computed (for long recordings: a file of "
            "one RR value per line is read as a stream, never held whole; a progress bar shows on the terminal).",
        ),
    ] = None,
    partial: PartialOption = False,
) -> None:
    """Compute heart-rate variability of FILE (the whole recording, or windows with --window)."""
    from fibrokit.beats import rr_flag_artifacts
    from fibrokit.cli._memory import keep_freed_memory
    from fibrokit.hrv import HrvSettings, hrv, hrv_windows

    if out_file is not None and (window is None or output is OutputFormat.json):
        raise InputError("--out writes the windows as CSV: give --window, and leave out --format json")

    if window is not None and (out_file is not None or output is OutputFormat.csv):
        keep_freed_memory()  # chunk after chunk of windows reuses the same memory
        streamed = _streamed(file, window, step or window, preset, artifacts)
        if streamed is not None:
            console_note(streamed.unit.reason)
            _write_csv(streamed.chunks(), streamed.windows, out_file)
            return
    recording = read_recording(file, partial)
    if recording.beats is None:
        raise CorruptFile(file.name, "holds no beat-to-beat intervals")
    if "rr_unit_reason" in recording.metadata:
        console_note(recording.metadata["rr_unit_reason"])
    beats = rr_flag_artifacts(recording.beats, artifacts)
    settings = HrvSettings.preset_named(preset)
    if window is None:
        result = hrv(beats, settings=settings, artifact_method=artifacts)
        _print_result(result, recording, output)
    elif out_file is not None or output is OutputFormat.csv:
        from fibrokit.hrv.hrv_window_chunks import hrv_window_chunks, window_offsets

        total = window_offsets(beats, window, step or window, None, None).size
        chunks = hrv_window_chunks(
            beats, window_s=window, step_s=step or window, settings=settings, artifact_method=artifacts
        )
        _write_csv(chunks, total, out_file)
    else:
        table = hrv_windows(
            beats, window_s=window, step_s=step or window, settings=settings, artifact_method=artifacts
        )
        _print_table(table, recording, output)


def _streamed(
    file: Path, window: float, step: float, preset: HrvPreset, artifacts: ArtifactMethod
) -> StreamedWindows | None:
    """The windows of a plain one-column RR file read as a stream; None for anything else.

    A week of beats is then never held whole. Any file the stream cannot take (other columns, a bad value, a
    method that needs the whole series) goes the usual way, whose reader names the problem and its line.
    """
    from fibrokit.beats.rr_flag_stream import STREAM_METHODS
    from fibrokit.errors import FibrokitError
    from fibrokit.hrv import HrvSettings
    from fibrokit.hrv.hrv_window_stream import hrv_window_stream
    from fibrokit.readers.rr_column import rr_column

    if artifacts not in STREAM_METHODS:
        return None
    try:
        column = rr_column(file)
        if column is None:
            return None
        return hrv_window_stream(
            column.blocks,
            window_s=window,
            step_s=step,
            settings=HrvSettings.preset_named(preset),
            artifact_method=artifacts,
        )
    except FibrokitError:
        return None


def _write_csv(chunks: Iterable[HrvTable], total: int, out_file: Path | None) -> None:
    """Write windows as CSV chunk by chunk (to ``out_file`` or standard output), with a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("windows"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress, _csv_target(out_file) as stream:
        task = progress.add_task("windows", total=total)
        writer = csv.writer(stream, lineterminator="\n")
        for number, chunk in enumerate(chunks):
            quality = chunk.quality_columns()
            if number == 0:
                writer.writerow([*quality, *chunk.columns])
            writer.writerows(_csv_rows([*quality.values(), *chunk.columns.values()]))
            progress.advance(task, len(chunk))
    if out_file is not None:
        console_note(f"{total} windows written to {out_file}")


@contextmanager
def _csv_target(out_file: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file that appears under its name only once it is complete."""
    if out_file is None:
        yield sys.stdout
        return
    partial = out_file.with_name(f".{out_file.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        partial.replace(out_file)
    except OSError as error:
        raise InputError(f"{out_file}: cannot be written ({error.strerror or error})") from None
    finally:
        partial.unlink(missing_ok=True)


def _print_result(result: HrvResult, recording: Recording, output: OutputFormat) -> None:
    from fibrokit.hrv import METRICS

    if result.beats < 2:
        raise InsufficientData("too few beats to analyse")
    if output is OutputFormat.json:
        out.print_json(
            json.dumps(
                _provenance(recording, result.settings.as_dict(), result.artifact_method)
                | {"result": _result_dict(result)}
            )
        )
        return
    if output is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["symbol", "name", "value", "unit"])
        for symbol, value in result.values.items():
            writer.writerow([symbol, METRICS[symbol].name, _csv_number(value), METRICS[symbol].unit])
        out.print(buffer.getvalue(), end="", markup=False, soft_wrap=True)
        return
    duration = result.end_s - result.start_s
    table = Table(
        title=f"{recording.source_name}: {result.beats} beats over {duration / 60:.1f} min, "
        f"{100 * result.normal_share:.1f} % normal ({result.artifact_method})"
    )
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("unit")
    for symbol, value in result.values.items():
        if math.isfinite(value):
            table.add_row(METRICS[symbol].name, f"{value:.4g}", METRICS[symbol].unit)
    out.print(table)
    if result.insufficient:
        console_note("not computed for lack of data: " + ", ".join(result.insufficient))
    console_note(f"settings preset {result.settings.preset}; every setting is in --format json")


def _print_table(table: HrvTable, recording: Recording, output: OutputFormat) -> None:
    from fibrokit.hrv import METRICS

    quality = table.quality_columns()
    if output is OutputFormat.json:
        rows: list[dict[str, float | None]] = [
            {k: _json_number(float(column[i])) for k, column in (quality | dict(table.columns)).items()}
            for i in range(len(table))
        ]
        out.print_json(
            json.dumps(
                _provenance(recording, table.settings.as_dict(), table.artifact_method) | {"windows": rows}
            )
        )
        return
    screen = Table(title=f"{recording.source_name}: {len(table)} windows")
    for heading in ("start (min)", "beats", "normal %", *(METRICS[s].name for s in _SCREEN_COLUMNS)):
        screen.add_column(heading, justify="right")
    for i in range(len(table)):
        values = [f"{table[s][i]:.4g}" if math.isfinite(table[s][i]) else "–" for s in _SCREEN_COLUMNS]
        screen.add_row(
            f"{table.start_s[i] / 60:.1f}",
            f"{table.beats[i]:.0f}",
            f"{100 * table.normal_share[i]:.1f}",
            *values,
        )
    out.print(screen)
    console_note("every metric of every window is in --format csv or json")


def _provenance(recording: Recording, settings: dict[str, object], artifact_method: str) -> dict[str, object]:
    from fibrokit import __version__

    return {
        "file": recording.source_name,
        "sha256": recording.source_sha256,
        "format": recording.source_format,
        "fibrokit_version": __version__,
        "artifact_method": artifact_method,
        "settings": settings,
    }


def _result_dict(result: HrvResult) -> dict[str, object]:
    from fibrokit.hrv import METRICS

    return {
        "start_s": result.start_s,
        "end_s": result.end_s,
        "beats": result.beats,
        "normal_share": result.normal_share,
        "values": {k: _json_number(v) for k, v in result.values.items()},
        "units": {k: METRICS[k].unit for k in result.values},
    }


def _json_number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _csv_number(value: float) -> str:
    return repr(value) if math.isfinite(value) else ""


def _csv_rows(columns: list[npt.NDArray[np.float64]]) -> list[list[float | None]]:
    """Rows of the columns as Python floats, None (an empty CSV field) where a value is not finite.

    The csv module writes a float as its ``repr``, as :func:`_csv_number` does, so a window's row reads the
    same whichever path wrote it; converting whole columns at once keeps writing a week of windows cheap.
    """
    import numpy as np

    matrix = np.column_stack(columns).astype(np.float64)
    cells = matrix.astype(object)
    cells[~np.isfinite(matrix)] = None
    rows: list[list[float | None]] = cells.tolist()
    return rows
