"""Daily and nightly summaries from consumer wearables: the typed records their readers return.

A ring, band, watch or sleep mat summarises each night (resting heart rate, night-time HRV, sleep) and each day
(steps, active minutes). A :class:`DailyValues` holds one such night-and-day for one source; a
:class:`DailyExport` holds all of them from one file. Readers only copy what the vendor computed: they never
average beats or judge anything.

Dates are the person's **local** calendar dates. A night belongs to the morning it ends on (the date of waking
up, in the time zone the device recorded), so a night from 23:30 on the 1st to 07:00 on the 2nd is the 2nd's,
and a night that starts after midnight is the same morning's. HRV carries its **metric** (``"rmssd"`` or
``"sdnn"``), never mixed: Apple Watch measures SDNN over about a minute, the others RMSSD over the night.
Location fields some exports hold (bounding boxes, routes) are never read.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, fields
from typing import TypedDict

from fibrokit.evidence import fact
from fibrokit.records import Recording

RMSSD, SDNN = "rmssd", "sdnn"
HRV_METRICS = (RMSSD, SDNN)


@dataclass(frozen=True)
class DailyValues:
    """One source's values for one local date (the night ending that morning, and that day's activity).

    Attributes
    ----------
    day : date
        The local date: the morning the night ended on, and the day the steps were counted on.
    source : str
        The vendor export it came from (``"oura"``, ``"whoop"``, ``"withings"``, ``"polar"``, ``"apple-health"``,
        ``"fitbit"``, ``"google-fit"``, ``"garmin"``).
    device : str
        The device when the export names it, else the vendor's product.
    resting_hr_bpm : float or None
        The vendor's resting heart rate of the night (its method in ``resting_hr_method``).
    hrv_ms, hrv_metric, hrv_method : float or None, str, str
        Night-time HRV in ms, ``"rmssd"`` or ``"sdnn"``, and how the vendor measured it.
    sleep_minutes : float or None
        Time asleep (light + deep + REM), not time in bed.
    deep_minutes, light_minutes, rem_minutes, awake_minutes : float or None
        Sleep stages as the vendor scored them.
    sleep_start, sleep_end : datetime or None
        The sleep period, time-zone aware.
    night_hr_avg_bpm, night_hr_min_bpm : float or None
        Average and lowest heart rate during sleep, when the export gives them.
    steps : float or None
    active_minutes : float or None
        Minutes of activity as the vendor counts them (move minutes, exercise minutes, ...).
    """

    day: dt.date
    source: str
    device: str = ""
    resting_hr_bpm: float | None = None
    resting_hr_method: str = ""
    hrv_ms: float | None = None
    hrv_metric: str = ""
    hrv_method: str = ""
    sleep_minutes: float | None = None
    deep_minutes: float | None = None
    light_minutes: float | None = None
    rem_minutes: float | None = None
    awake_minutes: float | None = None
    sleep_start: dt.datetime | None = None
    sleep_end: dt.datetime | None = None
    night_hr_avg_bpm: float | None = None
    night_hr_min_bpm: float | None = None
    steps: float | None = None
    active_minutes: float | None = None

    def __post_init__(self) -> None:
        if self.hrv_ms is not None and self.hrv_metric not in HRV_METRICS:
            raise ValueError(f"`hrv_metric` must be one of {HRV_METRICS} when there is an HRV value")
        if self.hrv_ms is None and self.hrv_metric:
            object.__setattr__(self, "hrv_metric", "")
            object.__setattr__(self, "hrv_method", "")

    @property
    def completeness(self) -> int:
        """How many of the main values (resting HR, HRV, sleep, steps) are present."""
        return sum(v is not None for v in (self.resting_hr_bpm, self.hrv_ms, self.sleep_minutes, self.steps))

    def has_values(self) -> bool:
        """True when any value beyond the date and source is present."""
        return any(getattr(self, f.name) is not None for f in fields(self) if f.name not in _KEYS)


_KEYS = {"day", "source", "device", "resting_hr_method", "hrv_metric", "hrv_method"}


@dataclass(frozen=True)
class DailyExport:
    """Every day one file holds, oldest first, with what the reader noticed.

    ``samples`` holds the night's and day's sample series when the export carries them (Polar's 5-minute HRV
    and heart rate, its continuous heart rate), as a :class:`~fibrokit.records.Recording` with real times.
    """

    days: tuple[DailyValues, ...]
    source_format: str
    source_name: str
    source_sha256: str
    device: str = ""
    warnings: tuple[str, ...] = field(default=())
    samples: Recording | None = None

    @property
    def first_day(self) -> dt.date | None:
        """The earliest date, if any."""
        return self.days[0].day if self.days else None

    @property
    def last_day(self) -> dt.date | None:
        """The latest date, if any."""
        return self.days[-1].day if self.days else None


def night_of(end: dt.datetime) -> dt.date:
    """The morning a sleep period ending at ``end`` (local, aware or naive) belongs to.

    A period ending from ``readers.daily.night_cutoff_hour`` on counts for the next morning.
    """
    if end.hour >= fact("readers.daily.night_cutoff_hour").scalar():
        return end.date() + dt.timedelta(days=1)
    return end.date()


def number(text: object) -> float | None:
    """A float from a cell: None for blanks, ``None``/``null``/``NaN`` words and non-numbers."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        value = float(text)
    else:
        cleaned = str(text).strip()
        if not cleaned or cleaned.lower() in {"none", "null", "nan", "n/a", "-", "--"}:
            return None
        try:
            value = float(cleaned.replace(",", "."))
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def positive(text: object) -> float | None:
    """Like :func:`number`, with 0 and negatives read as missing (vendors write 0 for "no reading")."""
    value = number(text)
    return value if value is not None and value > 0 else None


def minutes(seconds: float | None) -> float | None:
    """Seconds as minutes (None stays None)."""
    return None if seconds is None else seconds / 60.0


class SleepMinutes(TypedDict):
    """The sleep fields of :class:`DailyValues`, in minutes."""

    sleep_minutes: float | None
    light_minutes: float | None
    deep_minutes: float | None
    rem_minutes: float | None
    awake_minutes: float | None


def sleep_from_seconds(light: object, deep: object, rem: object, awake: object) -> SleepMinutes:
    """A night's sleep from the vendor's stage durations in seconds (cells or JSON values, read by :func:`number`).

    Time asleep is the sum of the light, deep and REM stages (the vendors that give seconds give no total of
    their own); awake time is not part of it.

    Examples
    --------
    >>> sleep_from_seconds("1800", 3600, None, "")["sleep_minutes"], sleep_from_seconds(0, 0, 0, 60)
    (90.0, {'sleep_minutes': None, 'light_minutes': 0.0, 'deep_minutes': 0.0, 'rem_minutes': 0.0, 'awake_minutes': 1.0})
    """
    stages = [number(light), number(deep), number(rem)]
    asleep = sum(s for s in stages if s is not None)
    return SleepMinutes(
        sleep_minutes=minutes(asleep) if asleep > 0 else None,
        light_minutes=minutes(stages[0]),
        deep_minutes=minutes(stages[1]),
        rem_minutes=minutes(stages[2]),
        awake_minutes=minutes(number(awake)),
    )


def merged(days: list[DailyValues]) -> tuple[DailyValues, ...]:
    """One record per date, oldest first: of two for the same date the more complete one is kept.

    Between two equally complete records, the one with more sleep wins (the main sleep over a nap or a
    session cut short); the first one read when that ties too.
    """
    best: dict[dt.date, DailyValues] = {}
    for values in days:
        if not values.has_values():
            continue
        kept = best.get(values.day)
        if kept is None or _rank(values) > _rank(kept):
            best[values.day] = values
    return tuple(best[d] for d in sorted(best))


def _rank(values: DailyValues) -> tuple[int, float]:
    return values.completeness, values.sleep_minutes or 0.0
