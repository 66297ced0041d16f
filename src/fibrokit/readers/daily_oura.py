"""Read Oura exports: the web dashboard's "trends" CSV and the API v2 ``sleep`` documents (JSON).

The trends CSV has one row per day, labelled with the date the night ended. Durations are seconds, missing
values the word ``None`` or an empty cell; some headers carry the vendor's typos and a trailing space (kept as
they are, matched after stripping). "Average HRV" is RMSSD over the night; "Average Resting Heart Rate" (the average
heart rate while asleep) is taken as the night's resting heart rate, the figure that lines up with Whoop's and
Withings' nights; "Lowest Resting Heart Rate" (what the Oura app headlines) is kept beside it.

The API v2 ``usercollection/sleep`` documents (one per sleep period, alone, in a list or wrapped in
``{"data": [...]}``) hold the same figures per period: ``average_hrv``, ``average_heart_rate``, ``lowest_heart_rate``, durations in
seconds and the ``day`` Oura assigns the period to. Only ``long_sleep`` periods (the main sleep) count
when a day has one; naps never replace the night.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from fibrokit.errors import CorruptFile
from fibrokit.readers._daily_text import csv_rows, heart_rate_recording, json_of, local_time, require_columns
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.daily_records import RMSSD, DailyExport, DailyValues, merged, minutes, number, positive
from fibrokit.records import Recording

_DEVICE = "Oura Ring"
_HRV_METHOD = "Oura: average RMSSD over the night's sleep"
_RHR_METHOD = "Oura: average heart rate while asleep (its lowest is kept beside it)"


def read_oura_trends(path: FileInput) -> DailyExport:
    """Read the Oura "trends" CSV (one row per day).

    Returns
    -------
    DailyExport
        Resting HR (lowest), HRV (RMSSD), sleep and stages, steps and activity minutes per day.

    Raises
    ------
    CorruptFile
        When the date or HRV column is missing or a date cannot be read.
    """
    source = load(path)
    rows = csv_rows(source)
    require_columns(source.name, rows, ("date", "Average HRV", "Total Sleep Duration"))
    days = [_trend_day(source.name, row) for row in rows]
    return DailyExport(merged(days), "oura-trends", source.name, source.sha256, _DEVICE)


def _trend_day(name: str, row: dict[str, str]) -> DailyValues:
    try:
        day = dt.date.fromisoformat(row["date"].strip())
    except ValueError:
        raise CorruptFile(name, f"has a row whose date {row['date']!r} is not a date") from None
    activity = [
        number(row.get(k)) for k in ("Low Activity Time", "Medium Activity Time", "High Activity Time")
    ]
    active = (
        minutes(sum(a for a in activity if a is not None)) if any(a is not None for a in activity) else None
    )
    return _night(day, row, _TREND_KEYS, steps=number(row.get("Steps")), active_minutes=active)


def read_oura_sleep_json(path: FileInput) -> DailyExport:
    """Read Oura API v2 ``sleep`` documents.

    Raises
    ------
    CorruptFile
        When no document holds a ``day``.
    """
    source = load(path)
    documents = _documents(json_of(source))
    days: list[DailyValues] = []
    main = {d.get("day") for d in documents if d.get("type") == "long_sleep"}
    for doc in documents:
        day = doc.get("day")
        if not isinstance(day, str) or (day in main and doc.get("type") != "long_sleep"):
            continue
        try:
            days.append(_sleep_day(dt.date.fromisoformat(day), doc))
        except ValueError:
            raise CorruptFile(source.name, f"has a sleep period whose day {day!r} is not a date") from None
    if not days:
        raise CorruptFile(source.name, "holds no Oura sleep period with a day")
    return DailyExport(merged(days), "oura-api", source.name, source.sha256, _DEVICE)


def read_oura_heartrate(path: FileInput) -> Recording:
    """Read Oura API v2 ``heartrate`` samples (``bpm``, ``source``, ``timestamp``) as a heart-rate channel.

    Raises
    ------
    CorruptFile
        When no sample has a readable time and a heart rate above zero.
    """
    source = load(path)
    samples = []
    for doc in _documents(json_of(source)):
        when, bpm = local_time(str(doc.get("timestamp") or "")), positive(doc.get("bpm"))
        if when is not None and bpm is not None and when.tzinfo is not None:
            samples.append((when, bpm))
    if not samples:
        raise CorruptFile(source.name, "holds no Oura heart-rate sample with a time and a rate")
    return heart_rate_recording(source, samples, device=_DEVICE, source_format="oura-heartrate")


def _documents(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        doc = doc["data"]
    if isinstance(doc, dict):
        doc = [doc]
    return [d for d in doc if isinstance(d, dict)] if isinstance(doc, list) else []


def _sleep_day(day: dt.date, doc: dict[str, Any]) -> DailyValues:
    return _night(day, doc, _API_KEYS)


class _NightKeys(NamedTuple):
    """Where each of a night's figures stands in one of Oura's formats (durations in seconds)."""

    average_hr: str
    lowest_hr: str
    hrv: str
    total: str
    deep: str
    light: str
    rem: str
    awake: str
    start: str
    end: str


_TREND_KEYS = _NightKeys(
    "Average Resting Heart Rate",
    "Lowest Resting Heart Rate",
    "Average HRV",
    "Total Sleep Duration",
    "Deep Sleep Duration",
    "Light Sleep Duration",
    "REM Sleep Duration",
    "Awake Time",
    "Bedtime Start",
    "Bedtime End",
)
_API_KEYS = _NightKeys(
    "average_heart_rate",
    "lowest_heart_rate",
    "average_hrv",
    "total_sleep_duration",
    "deep_sleep_duration",
    "light_sleep_duration",
    "rem_sleep_duration",
    "awake_time",
    "bedtime_start",
    "bedtime_end",
)


def _night(day: dt.date, found: Mapping[str, Any], keys: _NightKeys, **extra: float | None) -> DailyValues:
    # The average heart rate while asleep is both the night's resting rate and its average (see the module note).
    return DailyValues(
        day=day,
        source="oura",
        device=_DEVICE,
        resting_hr_bpm=positive(found.get(keys.average_hr)),
        resting_hr_method=_RHR_METHOD,
        hrv_ms=positive(found.get(keys.hrv)),
        hrv_metric=RMSSD,
        hrv_method=_HRV_METHOD,
        sleep_minutes=minutes(positive(found.get(keys.total))),
        deep_minutes=minutes(number(found.get(keys.deep))),
        light_minutes=minutes(number(found.get(keys.light))),
        rem_minutes=minutes(number(found.get(keys.rem))),
        awake_minutes=minutes(number(found.get(keys.awake))),
        sleep_start=local_time(str(found.get(keys.start) or "")),
        sleep_end=local_time(str(found.get(keys.end) or "")),
        night_hr_avg_bpm=positive(found.get(keys.average_hr)),
        night_hr_min_bpm=positive(found.get(keys.lowest_hr)),
        **extra,
    )
