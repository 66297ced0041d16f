"""Read a Polar AccessLink (API v3) exercise with its samples (JSON) into a recording.

The exercise document names the device, the local ``start_time`` with ``start_time_utc_offset`` in minutes, the
``duration`` (``PT8239.604S``) and ``samples``: one stream per ``sample_type`` (0 heart rate, 1 speed, 2 cadence,
3 altitude, 4 power, 9 temperature, 10 distance, 11 RR intervals in ms) at ``recording_rate`` seconds, each as
a comma-joined string. Heart rate 0 is no reading. A route, when the exercise has one, is not read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from fibrokit.beats.rr_series import rr_series
from fibrokit.errors import CorruptFile, InputError
from fibrokit.readers._daily_text import iso_seconds, json_of, local_time
from fibrokit.readers._source import FileInput, load
from fibrokit.records import BeatSeries, Channel, Recording

_STREAMS = {
    0: ("heart_rate", "bpm"),
    1: ("speed", "km/h"),
    2: ("cadence", "rpm"),
    3: ("altitude", "m"),
    4: ("power", "W"),
    9: ("temperature", "°C"),
    10: ("distance", "m"),
}
_RR = 11


def read_polar_exercise(path: FileInput) -> Recording:
    """Read a Polar AccessLink exercise: its 1-s streams as channels and its RR intervals as beats.

    Raises
    ------
    CorruptFile
        When the exercise has no start time or no sample stream fibrokit reads.
    """
    source = load(path)
    doc = json_of(source)
    if isinstance(doc, list) and doc and isinstance(doc[0], dict):
        doc = doc[0]
    if not isinstance(doc, dict):
        raise CorruptFile(source.name, "is not a Polar exercise document")
    start = _start(doc)
    if start is None:
        raise CorruptFile(source.name, "is a Polar exercise without a readable start time")
    channels: dict[str, Channel] = {}
    beats: BeatSeries | None = None
    for stream in doc.get("samples") or []:
        if not isinstance(stream, dict):
            continue
        kind, values = stream.get("sample_type"), _values(stream.get("data"))
        if kind == _RR and values.size >= 2:
            beats = _beats(values)
        elif kind in _STREAMS and values.size:
            rate = float(stream.get("recording_rate") or 1)
            name, unit = _STREAMS[kind]
            if kind == 0:
                values[values <= 0] = np.nan
            channels[name] = Channel(
                name, unit, values, np.arange(values.size, dtype=np.float64) * rate, 1.0 / rate
            )
    if not channels and beats is None:
        raise CorruptFile(source.name, "is a Polar exercise without heart-rate, RR or other sample streams")
    duration = iso_seconds(doc.get("duration"))
    return Recording(
        start=start,
        channels=channels,
        beats=beats,
        device=str(doc.get("device") or "Polar"),
        source_format="polar-exercise",
        source_name=source.name,
        source_sha256=source.sha256,
        metadata={
            "sport": str(doc.get("detailed_sport_info") or doc.get("sport") or ""),
            **({"duration_s": f"{duration:.3f}"} if duration is not None else {}),
        },
    )


def _start(doc: dict[str, Any]) -> dt.datetime | None:
    start = local_time(str(doc.get("start_time") or ""))
    if start is None:
        return None
    if start.tzinfo is None:
        offset = doc.get("start_time_utc_offset")
        minutes = int(offset) if isinstance(offset, int | float) else 0
        start = start.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    return start


def _values(data: Any) -> np.ndarray[Any, np.dtype[np.float64]]:
    if isinstance(data, list):
        items = [str(x) for x in data]
    elif isinstance(data, str):
        items = data.split(",")
    else:
        return np.zeros(0)
    out = np.full(len(items), np.nan)
    for i, item in enumerate(items):
        try:
            out[i] = float(item)
        except ValueError:
            continue
    return out


def _beats(rr_ms: np.ndarray[Any, np.dtype[np.float64]]) -> BeatSeries | None:
    rr = rr_ms[np.isfinite(rr_ms) & (rr_ms > 0)]
    try:
        return rr_series(rr, unit="ms") if rr.size >= 2 else None
    except InputError:
        return None
