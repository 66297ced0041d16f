"""``fibrokit ppg``: a morning reading from a fingertip-camera video or a CSV of frame means."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from fibrokit.cli._app import app, console_note, out
from fibrokit.errors import CorruptFile


class PpgFormat(StrEnum):
    """How the reading is printed."""

    table = "table"
    json = "json"


@app.command("ppg")
def ppg_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="Y4M video, CSV of frame means (time_s, red, green), or MP4/MOV/WebM with the 'video' extra."
        ),
    ],
    output: Annotated[PpgFormat, typer.Option("--format", help="Output format.")] = PpgFormat.table,
) -> None:
    """Score a morning reading from a fingertip-camera FILE, or say in one sentence why it cannot be scored."""
    from fibrokit.protocols import ppg_reading
    from fibrokit.readers import read_camera_frames

    recording = read_camera_frames(file)
    red, green = recording.channels["red"], recording.channels["green"]
    if red.values.size < 3:
        raise CorruptFile(recording.source_name, "holds too few frames for a reading")
    result = ppg_reading(red.times_s, red.values, green.values, source_name=recording.source_name)
    if output is PpgFormat.json:
        out.print_json(
            json.dumps(
                {
                    "file": recording.source_name,
                    "sha256": recording.source_sha256,
                    "format": recording.source_format,
                    "fibrokit_version": result.version,
                    "protocol": result.protocol,
                    "settings": dict(result.settings),
                    "findings": {
                        f.symbol: {"name": f.name, "value": _number(f.value), "unit": f.unit}
                        for f in result.findings
                    },
                    "caveats": list(result.caveats),
                    "summary": list(result.summary),
                }
            )
        )
        return
    table = Table(title=f"{recording.source_name}: camera morning reading ({recording.source_format})")
    table.add_column("finding")
    table.add_column("value", justify="right")
    table.add_column("unit")
    for finding in result.findings:
        shown = f"{finding.value:.3g}" if math.isfinite(finding.value) else "–"
        table.add_row(finding.name, shown, finding.unit)
    out.print(table)
    for line in (*result.summary, *result.caveats):
        console_note(line)


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None
