"""Daily values from an Apple Health export (``export.zip`` or ``export.xml``), streamed like its recordings.

Read per local date: Apple's ``RestingHeartRate`` (one a day, computed by the watch), the night's HRV as the mean
of Apple Watch ``HeartRateVariabilitySDNN`` readings (SDNN over about a minute; never comparable with RMSSD)
taken from 18:00 the evening before to noon, sleep from ``SleepAnalysis`` records (core = light, deep, REM,
awake; older exports only "asleep"; in-bed time is not sleep), steps (``StepCount``) and exercise minutes
(``AppleExerciseTime``, or the day's ``ActivitySummary``). Every date uses the record's own offset (``+0200``), so a night in summer time and one
in winter time each fall on the morning they ended. When several sources (a watch and a phone) logged sleep for
the same night, one source is taken rather than adding them up: one that scored sleep stages (a watch) before
one that only says "asleep", and then the one with more sleep. Workout routes
(locations) are never read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from fibrokit.evidence import fact
from fibrokit.readers._source import FileInput, path_of, sha256_of
from fibrokit.readers.apple_health import _complete_chunks, _opened
from fibrokit.readers.daily_records import SDNN, DailyExport, DailyValues, merged, night_of

_RECORD = re.compile(
    rb'<Record\s+type="HK(?:Quantity|Category)TypeIdentifier'
    rb'(SleepAnalysis|RestingHeartRate|HeartRateVariabilitySDNN|StepCount|AppleExerciseTime)"([^>]*)>'
)
_WANTED = (
    b"SleepAnalysis",
    b"RestingHeartRate",
    b"HeartRateVariabilitySDNN",
    b"StepCount",
    b"AppleExerciseTime",
)
_SUMMARY = re.compile(rb"<ActivitySummary\s([^>]*)>")
_SUMMARY_ATTR = re.compile(rb'\s(dateComponents|appleExerciseTime)="([^"]*)"')
_ATTR = re.compile(rb'\s(sourceName|startDate|endDate|value)="([^"]*)"')
_NOON = 12
_STAGES = {
    "AsleepCore": "light",
    "AsleepDeep": "deep",
    "AsleepREM": "rem",
    "AsleepUnspecified": "asleep",
    "Asleep": "asleep",
    "Awake": "awake",
}


class _Days:
    """Values gathered by local date while the export streams."""

    def __init__(self) -> None:
        self.resting: dict[dt.date, list[float]] = defaultdict(list)
        self.sdnn: dict[dt.date, list[float]] = defaultdict(list)
        self.steps: dict[dt.date, float] = defaultdict(float)
        self.exercise: dict[dt.date, float] = defaultdict(float)
        # night -> source -> stage -> minutes, and the night's first start and last end
        self.sleep: dict[dt.date, dict[str, dict[str, float]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(float))
        )
        self.span: dict[tuple[dt.date, str], tuple[dt.datetime, dt.datetime]] = {}

    def add(self, kind: bytes, attributes: bytes) -> None:
        found = {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(attributes)}
        start, end = _when(found.get("startDate", "")), _when(found.get("endDate", ""))
        value = found.get("value", "")
        if start is None:
            return
        if kind == b"SleepAnalysis":
            self._sleep(found.get("sourceName", ""), start, end or start, value)
            return
        number = _float(value)
        if number is None:
            return
        if kind == b"RestingHeartRate":
            self.resting[start.date()].append(number)
        elif kind == b"HeartRateVariabilitySDNN":
            if (morning := _morning_of_reading(start)) is not None:
                self.sdnn[morning].append(number)
        elif kind == b"StepCount":
            self.steps[start.date()] += number
        else:
            self.exercise[start.date()] += number

    def summary(self, attributes: bytes) -> None:
        """An ActivitySummary's exercise minutes, when no exercise-time records gave that day's."""
        found = {
            k.decode(): v.decode("ascii", "replace") for k, v in _SUMMARY_ATTR.findall(b" " + attributes)
        }
        try:
            day = dt.date.fromisoformat(found.get("dateComponents", ""))
        except ValueError:
            return
        minutes = _float(found.get("appleExerciseTime", ""))
        if minutes is not None and day not in self.exercise:
            self.exercise[day] = minutes

    def _sleep(self, source: str, start: dt.datetime, end: dt.datetime, value: str) -> None:
        stage = _STAGES.get(value.removeprefix("HKCategoryValueSleepAnalysis"))
        if stage is None:
            return
        night = night_of(end)
        self.sleep[night][source][stage] += (end - start).total_seconds() / 60.0
        first, last = self.span.get((night, source), (start, end))
        self.span[(night, source)] = (min(first, start), max(last, end))

    def values(self) -> list[DailyValues]:
        dates = set(self.resting) | set(self.sdnn) | set(self.steps) | set(self.exercise) | set(self.sleep)
        return [self._day(day) for day in sorted(dates)]

    def _day(self, day: dt.date) -> DailyValues:
        sources = self.sleep.get(day, {})
        stages: dict[str, float] = {}
        start = end = None
        if sources:
            best = max(sources, key=lambda s: (_staged(sources[s]), _asleep(sources[s])))
            stages = dict(sources[best])
            start, end = self.span[(day, best)]
        asleep = _asleep(stages)
        resting, sdnn = self.resting.get(day), self.sdnn.get(day)
        return DailyValues(
            day=day,
            source="apple-health",
            device="Apple Watch",
            resting_hr_bpm=sum(resting) / len(resting) if resting else None,
            resting_hr_method="Apple Health: resting heart rate computed by the watch for the day",
            hrv_ms=sum(sdnn) / len(sdnn) if sdnn else None,
            hrv_metric=SDNN,
            hrv_method="Apple Watch: mean of the SDNN readings (about 1 minute each) from 18:00 to noon",
            sleep_minutes=asleep or None,
            deep_minutes=stages.get("deep"),
            light_minutes=stages.get("light"),
            rem_minutes=stages.get("rem"),
            awake_minutes=stages.get("awake"),
            sleep_start=start if asleep else None,
            sleep_end=end if asleep else None,
            steps=self.steps.get(day),
            active_minutes=self.exercise.get(day),
        )


def read_apple_health_daily(path: FileInput) -> DailyExport:
    """Read an Apple Health export's daily values: resting HR, night SDNN, sleep, steps and exercise minutes.

    Raises
    ------
    UnsupportedFormat
        When the file is not an Apple Health export.
    CorruptFile
        When the zip is damaged or unsafe.
    """
    name = path_of(path).name
    days = _Days()
    with _opened(path) as stream:
        for chunk in _complete_chunks(stream, name):
            # Apple writes records grouped by type: most chunks hold none of these, and a byte search says so.
            if any(name in chunk for name in _WANTED):
                for kind, attributes in _RECORD.findall(chunk):
                    days.add(kind, attributes)
            if b"<ActivitySummary" in chunk:
                for attributes in _SUMMARY.findall(chunk):
                    days.summary(attributes)
    return DailyExport(merged(days.values()), "apple-health-daily", name, sha256_of(path), "Apple Watch")


def _staged(stages: dict[str, float]) -> bool:
    """Whether a source scored sleep stages (a watch) rather than only "asleep" (a phone, older watches)."""
    return any(k in stages for k in ("light", "deep", "rem"))


def _asleep(stages: dict[str, float]) -> float:
    return sum(v for k, v in stages.items() if k != "awake")


def _morning_of_reading(start: dt.datetime) -> dt.date | None:
    """Readings from 18:00 on count for the next morning, those before noon for their own; daytime ones for none."""
    if _NOON <= start.hour < fact("readers.daily.night_cutoff_hour").scalar():
        return None
    return night_of(start)


def _when(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
