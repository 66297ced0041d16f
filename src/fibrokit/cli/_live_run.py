"""The work behind ``fibrokit live``: pick the source, run the session, print events and the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from fibrokit.cli._app import out

if TYPE_CHECKING:
    from fibrokit.live.samples import Sample
    from fibrokit.pacing import PaceEvent, PacingThresholds


async def run_live(
    lines: PacingThresholds,
    *,
    replay: Path | None,
    speed: float,
    dwell_s: float | None,
    hysteresis_bpm: float | None,
    budget: float | None,
    used: float,
    out_file: Path,
    device: str | None,
    bell: bool,
    desktop: bool,
    status_every_s: float,
) -> list[str]:
    """Run one session and return the summary lines."""
    from fibrokit.live.ble import ble_samples
    from fibrokit.live.display import clock, event_line, status_line
    from fibrokit.live.notify import Notifier
    from fibrokit.live.replay import replay_samples
    from fibrokit.live.run import run_session
    from fibrokit.live.session import SessionRecorder
    from fibrokit.pacing import pace_monitor
    from fibrokit.readers import read

    samples: AsyncIterator[Sample]
    if replay is not None:
        recording = read(replay)
        samples = replay_samples(recording, speed=speed)
        out.print(f"Replaying {recording.source_name} at {speed:g}× speed.", markup=False)
    else:
        samples = ble_samples(device)
        out.print("Looking for a heart-rate strap … (Ctrl-C ends the session)", markup=False)
    monitor = pace_monitor(
        lines, dwell_s=dwell_s, hysteresis_bpm=hysteresis_bpm, budget_points=budget, used_points=used
    )
    notifier = Notifier(bell=bell, desktop=desktop)

    def on_event(event: PaceEvent) -> None:
        out.print(event_line(event), markup=False, soft_wrap=True)
        if event.kind in ("alert", "budget"):
            notifier.alert(event.message)

    # A strap session is dated and timed where it happens; a replay's start is not a real one.
    recorder = SessionRecorder(
        out_file, started_at=None if replay is not None else dt.datetime.now().astimezone()
    )
    summary = await run_session(
        samples,
        monitor,
        recorder,
        on_event=on_event,
        on_status=lambda status: out.print(status_line(status), markup=False, soft_wrap=True),
        status_every_s=status_every_s,
    )
    result = [
        f"Session: {clock(summary.duration_s)}, {summary.beats} beats used"
        + (f" ({summary.beats_skipped} skipped as artefacts)" if summary.beats_skipped else "")
        + f", {summary.points:.1f} load points, {len(summary.alerts_s)} alert(s), "
        f"{summary.over_ceiling_s:.0f} s over the ceiling.",
        f"Session written to {summary.file} (read it back with fibrokit hrv or fibrokit pace review).",
    ]
    if recorder.heart_rates and not recorder.beats:
        result.append("The strap sent heart rates without RR intervals, so the file holds no beats.")
    return result
