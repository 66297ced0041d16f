"""The live pacing pipeline: beats or heart rates in, zone, load, budget and alerts out, one sample at a time.

The same object serves a chest strap and a replayed file, and all its timing is in the samples' own time (seconds
from the start of the session), never the wall clock: a replay at any speed gives the same zones and alerts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fibrokit.evidence import fact
from fibrokit.pacing._state import MAX_STEP_S, LoadMeter, PaceZone, ZoneTracker
from fibrokit.pacing.pace_thresholds import PacingThresholds

EventKind = Literal["zone", "warn", "alert", "alert_end", "budget"]

# Consecutive beats rejected by the change check before the cleaner trusts the new level (a real jump in rate).
_RESYNC_BEATS = 3


@dataclass(frozen=True)
class PaceEvent:
    """Something the person should see: a zone change, the ceiling reached, an alert, the budget used up.

    ``warn`` comes when heart rate first reaches the ceiling, before the ``alert`` that follows once it has held
    there for the dwell time; ``alert_end`` when the zone falls back below the ceiling.
    """

    time_s: float
    kind: EventKind
    zone: PaceZone
    message: str


@dataclass(frozen=True)
class MonitorStatus:
    """The monitor's state after the latest sample.

    ``budget_left`` and ``minutes_left`` are None without a budget; ``minutes_left`` is also None while no load
    accrues (it is the time the rest of the budget lasts at the current rate).
    """

    time_s: float
    hr_bpm: float
    zone: PaceZone
    points: float
    rate_per_min: float
    budget_left: float | None
    minutes_left: float | None
    over_s: float


class PaceMonitor:
    """Stateful pacing pipeline; build it with :func:`pace_monitor`."""

    def __init__(
        self,
        thresholds: PacingThresholds,
        dwell_s: float,
        hysteresis_bpm: float,
        budget_points: float | None,
        used_points: float,
    ) -> None:
        self.thresholds = thresholds
        self.dwell_s = dwell_s
        self.zones = ZoneTracker(thresholds, dwell_s, hysteresis_bpm)
        self.load = LoadMeter(thresholds)
        self.load.points = used_points
        self.budget = budget_points
        self._last_time: float | None = None
        self._last_rr: float | None = None
        self._rejected = 0
        self._over_since: float | None = None
        self._warned = False
        self._budget_told = budget_points is not None and used_points >= budget_points
        self.status = MonitorStatus(0.0, float("nan"), PaceZone.REST, used_points, 0.0, None, None, 0.0)
        self.beats_used = 0
        self.beats_rejected = 0

    def add_beat(self, time_s: float, rr_ms: float) -> list[PaceEvent]:
        """Feed one RR interval ending at ``time_s``; implausible or jumping intervals are skipped."""
        low, high = fact("pacing.hr.plausible_bpm").pair()
        hr = 60000.0 / rr_ms if rr_ms > 0 else 0.0
        change = fact("beats.malik.change_ratio").scalar()
        jump = self._last_rr is not None and abs(rr_ms - self._last_rr) > change * self._last_rr
        if not low <= hr <= high or (jump and self._rejected < _RESYNC_BEATS):
            self._rejected += 1
            self.beats_rejected += 1
            return []
        self._last_rr = rr_ms
        self._rejected = 0
        self.beats_used += 1
        return self.add_hr(time_s, hr)

    def add_hr(self, time_s: float, hr_bpm: float) -> list[PaceEvent]:
        """Feed one heart-rate sample (a beat's rate, or a strap's reported rate when it sends no RR)."""
        step = 0.0 if self._last_time is None else time_s - self._last_time
        if step < 0:
            raise ValueError(f"samples must come in time order ({time_s} s after {self._last_time} s)")
        self._last_time = time_s
        self.load.update(step, hr_bpm)
        events: list[PaceEvent] = []
        changed = self.zones.update(time_s, hr_bpm)
        zone = self.zones.zone or PaceZone.REST
        if changed is not None:
            events.extend(self._zone_events(time_s, changed))
        events.extend(self._warn_event(time_s, zone))
        events.extend(self._budget_event(time_s, zone))
        over_s = 0.0 if self._over_since is None else time_s - self._over_since
        left = None if self.budget is None else self.budget - self.load.points
        rate = self.load.rate_per_min
        minutes = None if left is None or rate <= 0 else max(left, 0.0) / rate
        self.status = MonitorStatus(time_s, hr_bpm, zone, self.load.points, rate, left, minutes, over_s)
        return events

    def _zone_events(self, time_s: float, zone: PaceZone) -> list[PaceEvent]:
        events = [PaceEvent(time_s, "zone", zone, f"zone: {zone.label}")]
        ceiling = self.thresholds.ceiling.bpm
        if zone is PaceZone.OVER:
            # The zone becomes OVER only after heart rate held above the ceiling for the dwell time.
            self._over_since = time_s - self.dwell_s
            events.append(
                PaceEvent(
                    time_s,
                    "alert",
                    zone,
                    f"above your ceiling of {ceiling:.0f} bpm for {self.dwell_s:.0f} s: slow down or rest",
                )
            )
        elif self._over_since is not None:
            events.append(
                PaceEvent(
                    time_s,
                    "alert_end",
                    zone,
                    f"back below the ceiling after {time_s - self._over_since:.0f} s",
                )
            )
            self._over_since = None
        return events

    def _warn_event(self, time_s: float, zone: PaceZone) -> list[PaceEvent]:
        # Heart rate has reached the ceiling but not yet held there for the dwell time: a first, gentle word,
        # once per approach (heart rate must fall back out of the over-ceiling candidate to be warned again).
        reached = self.zones.candidate is PaceZone.OVER
        if not reached or zone is PaceZone.OVER:
            self._warned = self._warned and reached
            return []
        if self._warned:
            return []
        self._warned = True
        ceiling = self.thresholds.ceiling.bpm
        return [
            PaceEvent(
                time_s,
                "warn",
                zone,
                f"at your ceiling of {ceiling:.0f} bpm: ease off now (an alert follows after {self.dwell_s:.0f} s)",
            )
        ]

    def spec(self) -> dict[str, object]:
        """Every parameter of this monitor as plain data (JSON-ready), for an implementation elsewhere.

        The web app's live pacing runs the same pipeline in the browser from exactly these numbers, and a
        test feeds both the same beats and compares their events.
        """
        low, high = fact("pacing.hr.plausible_bpm").pair()
        return {
            "threshold_bpm": self.thresholds.threshold.bpm,
            "ceiling_bpm": self.thresholds.ceiling.bpm,
            "dwell_s": self.dwell_s,
            "hysteresis_bpm": self.zones.hysteresis,
            "plausible_bpm": [low, high],
            "change_ratio": fact("beats.malik.change_ratio").scalar(),
            "resync_beats": _RESYNC_BEATS,
            "max_step_s": MAX_STEP_S,
            "load": {
                "points_per_min": fact("pacing.load.points_per_min").scalar(),
                "ceiling_ratio": fact("pacing.load.ceiling_ratio").scalar(),
                "doubling_s": fact("pacing.load.doubling_s").scalar(),
                "duration_cap": fact("pacing.load.duration_cap").scalar(),
            },
            "budget_points": self.budget,
            "used_points": self.load.points,
            "zone_labels": [zone.label for zone in PaceZone],
        }

    def _budget_event(self, time_s: float, zone: PaceZone) -> list[PaceEvent]:
        if self.budget is None or self._budget_told or self.load.points < self.budget:
            return []
        self._budget_told = True
        return [
            PaceEvent(
                time_s, "budget", zone, f"today's budget of {self.budget:.0f} points is used up: time to rest"
            )
        ]


def pace_monitor(
    thresholds: PacingThresholds,
    *,
    dwell_s: float | None = None,
    hysteresis_bpm: float | None = None,
    budget_points: float | None = None,
    used_points: float = 0.0,
) -> PaceMonitor:
    """Build a live pacing pipeline.

    Parameters
    ----------
    thresholds : PacingThresholds
        The lines in force (:func:`pace_thresholds`).
    dwell_s : float, optional
        How long a new zone must hold before it is shown, and how long above the ceiling before the alert;
        default ``pacing.zones.dwell_s`` (20 s).
    hysteresis_bpm : float, optional
        How far below a line heart rate must fall to leave the zone above it; default 3 bpm.
    budget_points : float, optional
        Today's exertion budget (:func:`pace_budget`).
    used_points : float
        Points already used today before this session.

    Returns
    -------
    PaceMonitor
        Feed it with ``add_beat(time_s, rr_ms)`` or ``add_hr(time_s, hr_bpm)``; each returns the events to
        show, and ``status`` holds the latest state.

    Examples
    --------
    >>> from fibrokit.pacing import pace_monitor, pace_thresholds
    >>> monitor = pace_monitor(pace_thresholds(70, 50, ceiling_bpm=100), dwell_s=5)
    >>> events = [e for t in range(20) for e in monitor.add_hr(float(t), 110.0 if t >= 3 else 70.0)]
    >>> [(e.time_s, e.kind) for e in events]
    [(0.0, 'zone'), (3.0, 'warn'), (8.0, 'zone'), (8.0, 'alert')]
    """
    return PaceMonitor(
        thresholds,
        fact("pacing.zones.dwell_s").scalar() if dwell_s is None else dwell_s,
        fact("pacing.zones.hysteresis_bpm").scalar() if hysteresis_bpm is None else hysteresis_bpm,
        budget_points,
        used_points,
    )
