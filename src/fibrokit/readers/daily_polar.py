"""Read Polar AccessLink (API v3) JSON: nightly recharge, sleep, continuous heart rate and daily activity.

A file may hold one of these documents, a list of them, the API's ``{"nights": [...]}`` / ``{"recharges":
[...]}`` wrappers, or a bundle keyed ``sleep``, ``recharge``, ``heart_rate`` and ``daily_activity``. Sample
times are ``"HH:MM"`` (``"HH:MM:SS"`` for continuous heart rate) without a date and cross midnight: they are
dated from the sleep start and move to the next day whenever the clock goes back. Heart rate 0 means no
reading. Durations are ISO 8601 (``PT7H22M``). ``physical_info`` (weight, height) is not read.

Nightly Recharge's ``heart_rate_variability_avg`` is RMSSD (ms) over about the first four hours of sleep, and its
``heart_rate_avg`` the average heart rate over the same time; Polar reports no resting heart rate of its own,
so that average stands in for it, labelled so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import numpy as np

from fibrokit.errors import CorruptFile
from fibrokit.readers._daily_text import iso_seconds, json_of, local_time
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.daily_records import (
    RMSSD,
    DailyExport,
    DailyValues,
    merged,
    minutes,
    night_of,
    number,
    positive,
    sleep_from_seconds,
)
from fibrokit.records import Channel, Recording

_DEVICE = "Polar"


def read_polar_daily(path: FileInput) -> DailyExport:
    """Read Polar nightly recharge, sleep and daily activity, with their sample series.

    Raises
    ------
    CorruptFile
        When the file holds no Polar sleep, recharge or daily-activity document with a date.
    """
    source = load(path)
    parts = _parts(json_of(source))
    nights = {_day_of(s): s for s in parts["sleep"] if _day_of(s)}
    recharges = {str(r.get("date")): r for r in parts["recharge"] if r.get("date")}
    activity = {str(a.get("start_time", ""))[:10]: a for a in parts["daily_activity"] if a.get("start_time")}
    try:
        days = [
            _values(dt.date.fromisoformat(day), nights.get(day), recharges.get(day), activity.get(day))
            for day in sorted(set(nights) | set(recharges) | set(activity))
        ]
    except ValueError:
        raise CorruptFile(source.name, "has a Polar document whose date cannot be read") from None
    if not days:
        raise CorruptFile(source.name, "holds no Polar sleep, nightly recharge or daily activity with a date")
    device = next((str(s["device_id"]) for s in parts["sleep"] if s.get("device_id")), "")
    samples = _samples(parts, source.name, source.sha256)
    return DailyExport(
        merged(days), "polar-daily", source.name, source.sha256, f"Polar {device}".strip(), (), samples
    )


def _parts(doc: Any) -> dict[str, list[dict[str, Any]]]:
    parts: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("sleep", "recharge", "heart_rate", "daily_activity")
    }
    for item in _flat(doc):
        if "hypnogram" in item or "sleep_start_time" in item:
            parts["sleep"].append(item)
        elif "hrv_samples" in item or "nightly_recharge_status" in item:
            parts["recharge"].append(item)
        elif "heart_rate_samples" in item and "date" in item:
            parts["heart_rate"].append(item)
        elif "active_duration" in item or ("steps" in item and "start_time" in item):
            parts["daily_activity"].append(item)
    return parts


def _flat(doc: Any) -> Iterator[dict[str, Any]]:
    if isinstance(doc, list):
        for item in doc:
            yield from _flat(item)
    elif isinstance(doc, dict):
        if any(k in doc for k in ("hypnogram", "hrv_samples", "active_duration", "sleep_start_time")) or (
            "heart_rate_samples" in doc and "date" in doc
        ):
            yield doc
            return
        for key, value in doc.items():
            if key != "physical_info" and isinstance(value, dict | list):
                yield from _flat(value)


def _day_of(sleep: dict[str, Any]) -> str:
    end = local_time(str(sleep.get("sleep_end_time") or ""))
    return night_of(end).isoformat() if end is not None else str(sleep.get("date") or "")


def _values(
    day: dt.date,
    sleep: dict[str, Any] | None,
    recharge: dict[str, Any] | None,
    activity: dict[str, Any] | None,
) -> DailyValues:
    sleep, recharge, activity = sleep or {}, recharge or {}, activity or {}
    stages = (sleep.get(k) for k in ("light_sleep", "deep_sleep", "rem_sleep", "total_interruption_duration"))
    active = iso_seconds(activity.get("active_duration"))
    return DailyValues(
        **sleep_from_seconds(*stages),
        day=day,
        source="polar",
        device=f"Polar {sleep.get('device_id', '')}".strip(),
        resting_hr_bpm=positive(recharge.get("heart_rate_avg")),
        resting_hr_method="Polar Nightly Recharge: average heart rate over the first hours of sleep",
        hrv_ms=positive(recharge.get("heart_rate_variability_avg")),
        hrv_metric=RMSSD,
        hrv_method="Polar Nightly Recharge: RMSSD over the first hours of sleep",
        sleep_start=local_time(str(sleep.get("sleep_start_time") or "")),
        sleep_end=local_time(str(sleep.get("sleep_end_time") or "")),
        steps=number(activity.get("steps")),
        active_minutes=minutes(active),
    )


def _samples(parts: dict[str, list[dict[str, Any]]], name: str, sha256: str) -> Recording | None:
    """The nights' 5-minute HRV and heart rate and the days' continuous heart rate, dated."""
    series: dict[str, list[tuple[dt.datetime, float]]] = {
        "nightly_hrv": [],
        "sleep_heart_rate": [],
        "heart_rate": [],
    }
    starts = {str(s.get("date")): local_time(str(s.get("sleep_start_time") or "")) for s in parts["sleep"]}
    zone = next((s.tzinfo for s in starts.values() if s is not None), None)
    for sleep in parts["sleep"]:
        start = local_time(str(sleep.get("sleep_start_time") or ""))
        if start is not None:
            series["sleep_heart_rate"] += _dated(sleep.get("heart_rate_samples"), start)
    for recharge in parts["recharge"]:
        anchor = starts.get(str(recharge.get("date"))) or _evening_before(recharge.get("date"), zone)
        if anchor is not None:
            series["nightly_hrv"] += _dated(recharge.get("hrv_samples"), anchor)
    for day in parts["heart_rate"]:
        midnight = _midnight(day.get("date"), zone)
        samples = {
            str(s.get("sample_time")): s.get("heart_rate")
            for s in day.get("heart_rate_samples", [])
            if isinstance(s, dict)
        }
        if midnight is not None:
            series["heart_rate"] += _dated(samples, midnight)
    found = {k: sorted(v) for k, v in series.items() if v}
    if not found:
        return None
    origin = min(v[0][0] for v in found.values())
    units = {"nightly_hrv": "ms", "sleep_heart_rate": "bpm", "heart_rate": "bpm"}
    channels = {
        k: Channel(
            k, units[k], np.array([x for _, x in v]), np.array([(t - origin).total_seconds() for t, _ in v])
        )
        for k, v in found.items()
    }
    return Recording(
        start=origin,
        channels=channels,
        device=_DEVICE,
        source_format="polar-daily",
        source_name=name,
        source_sha256=sha256,
    )


def _dated(samples: Any, anchor: dt.datetime) -> list[tuple[dt.datetime, float]]:
    """``{"HH:MM[:SS]": value}`` as (time, value), dated from ``anchor`` and moved a day on when the clock goes back."""
    if not isinstance(samples, dict):
        return []
    out: list[tuple[dt.datetime, float]] = []
    day, previous = anchor.date(), anchor.time().replace(second=0, microsecond=0, tzinfo=None)
    for clock, raw in samples.items():
        value = positive(raw)
        try:
            time = dt.time.fromisoformat(clock.strip())
        except ValueError:
            continue
        if previous is not None and time < previous:
            day += dt.timedelta(days=1)
        previous = time
        if value is not None:
            out.append((dt.datetime.combine(day, time, tzinfo=anchor.tzinfo), value))
    return out


def _evening_before(date: Any, zone: dt.tzinfo | None) -> dt.datetime | None:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(str(date)) - dt.timedelta(days=1), dt.time(12), zone)
    except ValueError:
        return None


def _midnight(date: Any, zone: dt.tzinfo | None) -> dt.datetime | None:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(str(date)), dt.time(0), zone)
    except ValueError:
        return None
