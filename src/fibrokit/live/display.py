"""What the terminal shows: one status line, and one line per event."""

from __future__ import annotations

import math

from fibrokit.pacing.pace_monitor import MonitorStatus, PaceEvent


def clock(seconds: float) -> str:
    """Session time as h:mm:ss or m:ss."""
    whole = int(max(seconds, 0.0))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def status_line(status: MonitorStatus) -> str:
    """HR, zone, load and what is left of today's budget, in one line.

    Examples
    --------
    >>> from fibrokit.pacing import MonitorStatus, PaceZone
    >>> status_line(MonitorStatus(75.0, 104.0, PaceZone.ACTIVE, 12.3, 2.1, 40.0, 19.0, 0.0))
    '1:15  HR 104 bpm  activity  load 12.3 pts (+2.1/min)  budget left 40 pts ≈ 19 min'
    """
    hr = f"{status.hr_bpm:.0f}" if math.isfinite(status.hr_bpm) else "–"
    line = f"{clock(status.time_s)}  HR {hr} bpm  {status.zone.label}  load {status.points:.1f} pts"
    if status.rate_per_min > 0:
        line += f" (+{status.rate_per_min:.1f}/min)"
    if status.budget_left is not None:
        line += f"  budget left {max(status.budget_left, 0.0):.0f} pts"
        if status.minutes_left is not None:
            line += f" ≈ {status.minutes_left:.0f} min"
    if status.over_s > 0:
        line += f"  over ceiling {status.over_s:.0f} s"
    return line


def event_line(event: PaceEvent) -> str:
    """One event, stamped with session time."""
    mark = {"warn": "ceiling", "alert": "ALERT", "alert_end": "ok", "budget": "BUDGET", "zone": "zone"}[
        event.kind
    ]
    text = event.message if event.kind != "zone" else event.zone.label
    return f"{clock(event.time_s)}  {mark}: {text}"
