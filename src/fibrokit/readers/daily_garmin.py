"""Read the daily summaries of a Garmin Connect account export ("Export Your Data", a zip).

The export's ``DI_CONNECT/DI-Connect-Aggregator/UDSFile_<from>_<to>.json`` holds one user daily summary per
``calendarDate`` (``restingHeartRate``, ``minHeartRate``, ``totalSteps``, ``moderateIntensityMinutes``,
``vigorousIntensityMinutes`` ...); ``DI_CONNECT/DI-Connect-Wellness/<from>_<to>_<id>_sleepData.json`` one sleep
per ``calendarDate`` (the morning it ended) with ``deepSleepSeconds``, ``lightSleepSeconds``,
``remSleepSeconds``, ``awakeSleepSeconds`` and GMT start and end times. The activities inside the export are FIT
files, read by the FIT reader. Garmin's overnight HRV is not in these two files and is not read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fibrokit.errors import CorruptFile
from fibrokit.readers._daily_text import json_of, local_time
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.daily_records import (
    DailyExport,
    DailyValues,
    merged,
    number,
    positive,
    sleep_from_seconds,
)

_DEVICE = "Garmin"


def read_garmin_daily(path: FileInput) -> DailyExport:
    """Read a Garmin Connect export's daily summaries (UDS) or sleep data (JSON).

    Raises
    ------
    CorruptFile
        When no entry has a readable ``calendarDate``.
    """
    source = load(path)
    doc = json_of(source)
    entries = [e for e in (doc if isinstance(doc, list) else [doc]) if isinstance(e, dict)]
    days = [d for d in (_entry(e) for e in entries) if d is not None]
    if not days:
        raise CorruptFile(source.name, "holds no Garmin daily summary or sleep with a readable calendarDate")
    kind = "garmin-sleep" if any("deepSleepSeconds" in e for e in entries) else "garmin-daily"
    return DailyExport(merged(days), kind, source.name, source.sha256, _DEVICE)


def _day(value: Any) -> dt.date | None:
    text = value.get("date") if isinstance(value, dict) else value
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _entry(entry: dict[str, Any]) -> DailyValues | None:
    day = _day(entry.get("calendarDate"))
    if day is None:
        return None
    if "deepSleepSeconds" in entry or "sleepStartTimestampGMT" in entry:
        stages = ("lightSleepSeconds", "deepSleepSeconds", "remSleepSeconds", "awakeSleepSeconds")
        return DailyValues(
            **sleep_from_seconds(*(entry.get(k) for k in stages)),
            day=day,
            source="garmin",
            device=_DEVICE,
            sleep_start=_gmt(entry.get("sleepStartTimestampGMT")),
            sleep_end=_gmt(entry.get("sleepEndTimestampGMT")),
        )
    intensity = [number(entry.get(k)) for k in ("moderateIntensityMinutes", "vigorousIntensityMinutes")]
    return DailyValues(
        day=day,
        source="garmin",
        device=_DEVICE,
        resting_hr_bpm=positive(entry.get("restingHeartRate")),
        resting_hr_method="Garmin: resting heart rate of the day (lowest 30-minute average)",
        night_hr_min_bpm=positive(entry.get("minHeartRate")),
        steps=number(entry.get("totalSteps")),
        active_minutes=sum(i for i in intensity if i is not None)
        if any(i is not None for i in intensity)
        else None,
    )


def _gmt(value: Any) -> dt.datetime | None:
    when = local_time(str(value or ""))
    return when.replace(tzinfo=dt.UTC) if when is not None and when.tzinfo is None else when
