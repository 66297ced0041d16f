"""Read Fitbit's Google Takeout ("Global Export Data") daily files.

``resting_heart_rate-YYYY-MM-DD.json`` holds ``{"dateTime": "MM/DD/YY 00:00:00", "value": {"date", "value",
"error"}}`` per day, in local time without a zone (the file name's date need not match what it holds). Fitbit
writes 0 for a day without a resting heart rate; that day is skipped.
``heart_rate-YYYY-MM-DD.json`` holds heart-rate samples (``value.bpm`` with a ``confidence``): a recording.
``sleep-YYYY-MM-DD.json`` holds sleep logs (``dateOfSleep``, ``minutesAsleep``, ``levels.summary`` with
``deep``/``light``/``rem``/``wake`` minutes, ``isMainSleep``); only the main sleep counts for a night.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fibrokit.errors import CorruptFile
from fibrokit.readers._daily_text import csv_rows, heart_rate_recording, json_of, local_time, require_columns
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.daily_records import RMSSD, DailyExport, DailyValues, merged, number, positive
from fibrokit.records import Recording

_DEVICE = "Fitbit"


def read_fitbit_daily(path: FileInput) -> DailyExport:
    """Read a Fitbit Takeout resting-heart-rate or sleep JSON file.

    Raises
    ------
    CorruptFile
        When the file is not a list of Fitbit day entries or a date cannot be read.
    """
    source = load(path)
    doc = json_of(source)
    if not isinstance(doc, list) or not all(isinstance(e, dict) for e in doc):
        raise CorruptFile(source.name, "is not a list of Fitbit day entries")
    try:
        days = [d for d in (_entry(e) for e in doc) if d is not None]
    except ValueError as error:
        raise CorruptFile(source.name, f"has an entry whose date cannot be read ({error})") from None
    kind = "fitbit-sleep" if any("dateOfSleep" in e for e in doc) else "fitbit-resting-hr"
    return DailyExport(merged(days), kind, source.name, source.sha256, _DEVICE)


def _entry(entry: dict[str, Any]) -> DailyValues | None:
    if "dateOfSleep" in entry:
        return _sleep(entry)
    value = entry.get("value")
    if not isinstance(value, dict):
        return None
    text = str(value.get("date") or entry.get("dateTime") or "").split(" ")[0]
    return DailyValues(
        day=dt.datetime.strptime(text, "%m/%d/%y").date(),
        source="fitbit",
        device=_DEVICE,
        resting_hr_bpm=positive(value.get("value")),
        resting_hr_method="Fitbit: daily resting heart rate estimated by Fitbit",
    )


def _sleep(entry: dict[str, Any]) -> DailyValues | None:
    if entry.get("isMainSleep") is False:
        return None
    levels = entry.get("levels")
    summary = levels.get("summary", {}) if isinstance(levels, dict) else {}

    def stage(name: str) -> float | None:
        part = summary.get(name)
        return number(part.get("minutes")) if isinstance(part, dict) else None

    return DailyValues(
        day=dt.date.fromisoformat(str(entry["dateOfSleep"])),
        source="fitbit",
        device=_DEVICE,
        sleep_minutes=positive(entry.get("minutesAsleep")),
        deep_minutes=stage("deep"),
        light_minutes=stage("light"),
        rem_minutes=stage("rem"),
        awake_minutes=stage("wake"),
        sleep_start=local_time(str(entry.get("startTime") or "")),
        sleep_end=local_time(str(entry.get("endTime") or "")),
    )


def read_fitbit_hrv(path: FileInput) -> DailyExport:
    """Read a Fitbit Takeout "Heart Rate Variability Summary" CSV (``timestamp,rmssd,nremhr,entropy``).

    Fitbit measures RMSSD during the main sleep and dates it with the morning it ended.

    Raises
    ------
    CorruptFile
        When a column is missing or a timestamp cannot be read.
    """
    source = load(path)
    rows = csv_rows(source)
    require_columns(source.name, rows, ("timestamp", "rmssd"))
    days = []
    for row in rows:
        when = local_time(row["timestamp"])
        if when is None:
            raise CorruptFile(source.name, f"has a row whose timestamp {row['timestamp']!r} is not a time")
        days.append(
            DailyValues(
                day=when.date(),
                source="fitbit",
                device=_DEVICE,
                hrv_ms=positive(row.get("rmssd")),
                hrv_metric=RMSSD,
                hrv_method="Fitbit: RMSSD over the main sleep",
            )
        )
    return DailyExport(merged(days), "fitbit-hrv", source.name, source.sha256, _DEVICE)


def read_fitbit_heart_rate(path: FileInput) -> Recording:
    """Read a Fitbit Takeout ``heart_rate-YYYY-MM-DD.json`` (``dateTime``, ``value.bpm``) as a heart-rate channel.

    Fitbit writes these times without a zone; the recording's start has none either, and a warning says so.

    Raises
    ------
    CorruptFile
        When no entry has a readable time and a heart rate above zero.
    """
    source = load(path)
    doc = json_of(source)
    samples = []
    for entry in doc if isinstance(doc, list) else []:
        value = entry.get("value") if isinstance(entry, dict) else None
        bpm = positive(value.get("bpm")) if isinstance(value, dict) else None
        try:
            when = dt.datetime.strptime(str(entry.get("dateTime")), "%m/%d/%y %H:%M:%S")
        except (ValueError, AttributeError):
            continue
        if bpm is not None:
            samples.append((when, bpm))
    if not samples:
        raise CorruptFile(source.name, "holds no Fitbit heart-rate sample with a time and a rate")
    return heart_rate_recording(
        source,
        samples,
        device=_DEVICE,
        source_format="fitbit-heart-rate",
        one_per_instant=True,
        warnings=("Fitbit writes these times without a time zone; they are shown as written",),
    )
