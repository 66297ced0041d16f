"""``fibrokit live``: heart rate, zone, load and budget from a chest strap (or a replayed file), with alerts."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Annotated

import typer

from fibrokit.cli._app import app, console_note, out
from fibrokit.cli._pacing import DEFAULT_LINES, LineOptions, line_options, lines_from_options, print_lines


@app.command("live")
@line_options
def live_command(
    replay: Annotated[
        Path | None, typer.Option("--replay", help="Feed a recording through the monitor instead of a strap.")
    ] = None,
    speed: Annotated[
        float, typer.Option("--speed", help="Replay speed: 1 real time, 20 twenty times faster.")
    ] = 1.0,
    dwell: Annotated[
        float | None,
        typer.Option("--dwell", help="Seconds a zone must hold, and above the ceiling before an alert."),
    ] = None,
    hysteresis: Annotated[
        float | None, typer.Option("--hysteresis", help="Bpm below a line before its zone is left.")
    ] = None,
    budget: Annotated[float | None, typer.Option("--budget", help="Today's exertion budget, points.")] = None,
    used: Annotated[float, typer.Option("--used", help="Points already used today.")] = 0.0,
    out_file: Annotated[Path | None, typer.Option("--out", help="Session file (RR CSV).")] = None,
    device: Annotated[str | None, typer.Option("--device", help="Bluetooth address of the strap.")] = None,
    bell: Annotated[bool, typer.Option("--bell/--no-bell", help="Ring the terminal bell on alerts.")] = True,
    desktop: Annotated[
        bool, typer.Option("--desktop/--no-desktop", help="Desktop notification on alerts, where available.")
    ] = True,
    status_every: Annotated[
        float, typer.Option("--status-every", help="Seconds between status lines.")
    ] = 30.0,
    lines: LineOptions = DEFAULT_LINES,
) -> None:
    """Show HR, zone, load and budget live from a Bluetooth strap or --replay FILE, with alerts.

    Alerts fire after the dwell time above the ceiling; the session is saved to an RR file fibrokit reads.
    """
    import asyncio

    from fibrokit.cli._live_run import run_live

    thresholds = lines_from_options(lines)
    if not (speed > 0 and (math.isfinite(speed) or replay is not None)):
        raise typer.BadParameter("--speed must be a positive number", param_hint="--speed")
    print_lines(thresholds)
    target = out_file or Path(f"fibrokit-session-{dt.datetime.now():%Y%m%d-%H%M%S}.csv")
    summary = asyncio.run(
        run_live(
            thresholds,
            replay=replay,
            speed=speed,
            dwell_s=dwell,
            hysteresis_bpm=hysteresis,
            budget=budget,
            used=used,
            out_file=target,
            device=device,
            bell=bell,
            desktop=desktop,
            status_every_s=status_every,
        )
    )
    for line in summary:
        out.print(line, markup=False, soft_wrap=True)
    console_note(
        "fibrokit informs; it does not prescribe exercise. Talk over your lines with your clinician."
    )
