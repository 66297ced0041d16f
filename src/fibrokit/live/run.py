"""Run a live session: samples from a source through the pacing pipeline, to the screen, the alerts and a file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from fibrokit.live.samples import Sample
from fibrokit.live.session import SessionRecorder
from fibrokit.pacing._state import PaceZone
from fibrokit.pacing.pace_monitor import MonitorStatus, PaceEvent, PaceMonitor


@dataclass
class SessionSummary:
    """What happened in a session, in session time (seconds from its start)."""

    duration_s: float = 0.0
    beats: int = 0
    beats_skipped: int = 0
    points: float = 0.0
    alerts_s: list[float] = field(default_factory=list)
    events: list[PaceEvent] = field(default_factory=list)
    over_ceiling_s: float = 0.0
    file: str = ""


async def run_session(
    samples: AsyncIterator[Sample],
    monitor: PaceMonitor,
    recorder: SessionRecorder | None = None,
    *,
    on_event: Callable[[PaceEvent], None] | None = None,
    on_status: Callable[[MonitorStatus], None] | None = None,
    status_every_s: float = 30.0,
) -> SessionSummary:
    """Feed every sample to the monitor, record beats, report events and (every ``status_every_s``) the status.

    Returns when the source ends (end of a replay, strap disconnected); the recorder is written at the end
    even when the session is interrupted.
    """
    summary = SessionSummary()
    next_status = 0.0
    start_points = monitor.load.points
    last_time: float | None = None
    try:
        async for sample in samples:
            events = _feed(monitor, recorder, sample)
            if last_time is not None and monitor.status.zone is PaceZone.OVER:
                summary.over_ceiling_s += max(0.0, sample.time_s - last_time)
            last_time = sample.time_s
            for event in events:
                summary.events.append(event)
                if event.kind == "alert":
                    summary.alerts_s.append(event.time_s)
                if on_event is not None:
                    on_event(event)
            if on_status is not None and sample.time_s >= next_status:
                on_status(monitor.status)
                next_status = sample.time_s + status_every_s
    finally:
        if recorder is not None:
            summary.file = str(recorder.write())
    summary.duration_s = last_time or 0.0
    summary.beats = monitor.beats_used
    summary.beats_skipped = monitor.beats_rejected
    summary.points = monitor.load.points - start_points
    return summary


def _feed(monitor: PaceMonitor, recorder: SessionRecorder | None, sample: Sample) -> list[PaceEvent]:
    if sample.rr_ms is not None:
        if recorder is not None:
            recorder.add_beat(sample.time_s, sample.rr_ms)
        return monitor.add_beat(sample.time_s, sample.rr_ms)
    if sample.hr_bpm is not None:
        if recorder is not None:
            recorder.add_hr()
        return monitor.add_hr(sample.time_s, sample.hr_bpm)
    return []
