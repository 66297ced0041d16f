"""Collect the records of an Apple Health export while it streams, and build the recording from them."""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections import Counter
from html import unescape

import numpy as np
import numpy.typing as npt

from fibrokit.beats.rr_series import rr_series
from fibrokit.errors import CorruptFile, InputError
from fibrokit.records import BeatSeries, Channel, Marker, Recording

_KINDS = {
    b"HKQuantityTypeIdentifierHeartRateVariabilitySDNN": "hrv_sdnn",
    b"HKDataTypeIdentifierHeartbeatSeries": "heartbeat_series",
}
_UNITS = {"heart_rate": "bpm", "resting_heart_rate": "bpm", "hrv_sdnn": "ms"}
# Apple writes ``type`` as the first attribute of every Record (the order of the DTD's ATTLIST), so each wanted
# type is one literal prefix that the regular-expression engine finds at the speed of a byte search.
_SAMPLE_TAGS = {
    "heart_rate": (
        b'HeartRate"',
        re.compile(rb'<Record type="HKQuantityTypeIdentifierHeartRate"([^>]*)>'),
    ),
    "resting_heart_rate": (
        b"RestingHeartRate",
        re.compile(rb'<Record type="HKQuantityTypeIdentifierRestingHeartRate"([^>]*)>'),
    ),
}
_HRV_TAG = re.compile(
    rb'<Record (type="(?:HKQuantityTypeIdentifierHeartRateVariabilitySDNN|HKDataTypeIdentifierHeartbeatSeries)"'
    rb"[^>]*)>"
)
_WORKOUT_TAG = re.compile(rb"<Workout\s([^>]*)>")
_START_DATE = re.compile(rb' startDate="([^"]*)"')
_VALUE = re.compile(rb' value="([^"]*)"')
_DEVICE = re.compile(rb' device="([^"]*)"')
_SOURCE = re.compile(rb' sourceName="([^"]*)"')
_BEAT = re.compile(
    rb'<InstantaneousBeatsPerMinute\s+bpm="(\d+(?:\.\d*)?)"\s+time="\s*(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)\s*([AaPp]?)'
)
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2}):(\d{2}(?:[.,]\d+)?)\s*([AaPp])?")


class AppleData:
    """Samples gathered chunk by chunk: times are seconds since the Unix epoch."""

    def __init__(self) -> None:
        self.times: dict[str, array[float]] = {k: array("d") for k in _UNITS}
        self.values: dict[str, array[float]] = {k: array("d") for k in _UNITS}
        self.beat_times: array[float] = array("d")
        self.beat_bpm: array[float] = array("d")
        self.workouts: list[tuple[float, float, str]] = []
        self.devices: Counter[bytes] = Counter()
        self.sources: Counter[bytes] = Counter()
        self.first_offset: dt.timedelta | None = None
        self._days: dict[bytes, float] = {}
        self._device_names: dict[bytes, str] = {}

    def scan(self, chunk: bytes) -> None:
        """Take every wanted record of a chunk that ends after a complete element."""
        # Apple writes records grouped by type, so most chunks hold one or two types: a byte search (several
        # GB/s) tells which patterns are worth running at all.
        for kind, (marker, pattern) in _SAMPLE_TAGS.items():
            if marker in chunk and (blobs := pattern.findall(chunk)):
                self._samples(kind, blobs)
        if b"HeartRateVariabilitySDNN" in chunk or b"HeartbeatSeries" in chunk:
            for match in _HRV_TAG.finditer(chunk):
                self._beat_reading(chunk, match)
        if b"<Workout" in chunk:
            for blob in _WORKOUT_TAG.findall(chunk):
                self._workout(blob)

    def _samples(self, kind: str, blobs: list[bytes]) -> None:
        """Times and values of many records at once; attributes are picked out by C-level searches."""
        joined = b"\n".join(blobs)
        stamps = _START_DATE.findall(joined)
        values = _VALUE.findall(joined)
        if len(stamps) != len(blobs) or len(values) != len(blobs):  # an attribute missing somewhere
            stamps = [_attr(b, b"startDate") for b in blobs]
            values = [_attr(b, b"value") or b"nan" for b in blobs]
        self.times[kind].frombytes(np.asarray(self._epochs(stamps), dtype=np.float64).tobytes())
        try:
            numbers = np.array(values, dtype="S40").astype(np.float64)
        except ValueError:
            numbers = np.array([_number(v) for v in values])
        self.values[kind].frombytes(numbers.astype(np.float64).tobytes())
        if kind == "heart_rate":
            self.devices.update(_DEVICE.findall(joined))
            self.sources.update(_SOURCE.findall(joined))

    def _epochs(self, stamps: list[bytes]) -> npt.NDArray[np.float64]:
        """Epoch seconds of many 'YYYY-MM-DD hh:mm:ss +hhmm' stamps at once (25 characters each)."""
        joined = b"".join(stamps)
        if self.first_offset is None and stamps:
            self._epoch(stamps[0])
        if len(joined) != 25 * len(stamps) or self.first_offset is None:
            return np.array([self._epoch(stamp) for stamp in stamps])
        d = np.frombuffer(joined, dtype=np.uint8).reshape(-1, 25).astype(np.int64) - 48

        def number(first: int, stop: int) -> npt.NDArray[np.int64]:
            digits = d[:, first:stop] * 10 ** np.arange(stop - first - 1, -1, -1)
            return np.asarray(digits.sum(axis=1), dtype=np.int64)

        if not ((d[:, [4, 7]] == ord("-") - 48).all() and (d[:, [13, 16]] == ord(":") - 48).all()):
            return np.array([self._epoch(stamp) for stamp in stamps])
        days = _days_from_civil(number(0, 4), number(5, 7), number(8, 10))
        sign = np.where(d[:, 20] == ord("-") - 48, -1, 1)
        offset = sign * (number(21, 23) * 3600 + number(23, 25) * 60)
        clock = number(11, 13) * 3600 + number(14, 16) * 60 + number(17, 19)
        return np.asarray(days * 86_400 + clock - offset, dtype=np.float64)

    def _beat_reading(self, chunk: bytes, match: re.Match[bytes]) -> None:
        blob = match.group(1)
        kind = _KINDS[blob.split(b'"', 2)[1]]
        stamp = _attr(b" " + blob, b"startDate")
        when = self._epoch(stamp)
        if kind in self.times:
            self.times[kind].append(when)
            self.values[kind].append(_number(_attr(blob, b"value")))
        if blob.endswith(b"/"):
            return
        close = chunk.find(b"</Record>", match.end())
        self._beats(chunk[match.end() : close] if close > 0 else b"", when, stamp)

    def _epoch(self, stamp: bytes) -> float:
        """Seconds since the epoch of 'YYYY-MM-DD hh:mm:ss +hhmm', with one datetime call per day."""
        day = stamp[:10] + stamp[19:]
        base = self._days.get(day)
        if base is None:
            try:
                moment = dt.datetime.strptime(stamp.decode("ascii"), "%Y-%m-%d %H:%M:%S %z")
            except (ValueError, UnicodeDecodeError):
                return float("nan")
            if self.first_offset is None:
                self.first_offset = moment.utcoffset()
            base = moment.timestamp() - (moment.hour * 3600 + moment.minute * 60 + moment.second)
            self._days[day] = base
        try:
            return base + int(stamp[11:13]) * 3600 + int(stamp[14:16]) * 60 + int(stamp[17:19])
        except ValueError:
            return float("nan")

    def device_name(self, raw: bytes) -> str:
        """'Apple Watch (Watch6,1)' from the escaped HKDevice description."""
        name = self._device_names.get(raw)
        if name is None:
            parts = dict(
                p.split(":", 1) for p in unescape(raw.decode("utf-8", "replace")).split(", ") if ":" in p
            )
            label, hardware = parts.get("name", "").strip("<> "), parts.get("hardware", "").strip("<> ")
            name = f"{label} ({hardware})" if label and hardware else label or "unknown device"
            self._device_names[raw] = name
        return name

    def _beats(self, body: bytes, record_start: float, stamp: bytes) -> None:
        """Beats of an InstantaneousBeatsPerMinute list; their times of day are dated by the record start."""
        since_midnight = _time_of_day(stamp[11:19].decode("ascii", "replace"))
        found = _BEAT.findall(body.replace(b",", b"."))
        if not np.isfinite(record_start) or since_midnight is None or not found:
            return
        table = np.array(found, dtype="S24")
        try:
            bpm = table[:, 0].astype(np.float64)
            hour, minute = table[:, 1].astype(np.int64), table[:, 2].astype(np.int64)
            second = table[:, 3].astype(np.float64)
        except ValueError:
            return
        half = np.char.upper(table[:, 4])
        hour = np.where(half == b"", hour, hour % 12 + 12 * (half == b"P"))
        when = record_start - since_midnight + hour * 3600 + minute * 60 + second
        # A reading that crosses midnight: times of day more than 12 h before or after the start are next or
        # previous day's.
        when += 86_400 * ((when < record_start - 43_200).astype(int) - (when > record_start + 43_200))
        self.beat_times.frombytes(when.astype(np.float64).tobytes())
        self.beat_bpm.frombytes(bpm.tobytes())

    def _workout(self, blob: bytes) -> None:
        tag = b" " + blob
        begin, end = self._epoch(_attr(tag, b"startDate")), self._epoch(_attr(tag, b"endDate"))
        kind = (
            _attr(tag, b"workoutActivityType")
            .decode("utf-8", "replace")
            .removeprefix("HKWorkoutActivityType")
        )
        self.workouts.append((begin, end, kind or "workout"))


def _days_from_civil(
    year: npt.NDArray[np.int64], month: npt.NDArray[np.int64], day: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Days since 1970-01-01 of proleptic Gregorian dates, vectorised.

    The algorithm is H. Hinnant's days_from_civil ("chrono-compatible low-level date algorithms").
    """
    year = year - (month <= 2)
    era = np.floor_divide(year, 400)
    year_of_era = year - era * 400
    day_of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return np.asarray(era * 146_097 + day_of_era - 719_468, dtype=np.int64)


def _attr(tag: bytes, name: bytes) -> bytes:
    key = b" " + name + b'="'
    start = tag.find(key)
    if start < 0:
        return b""
    start += len(key)
    return tag[start : tag.find(b'"', start)]


def _number(text: bytes) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _time_of_day(text: str) -> float | None:
    match = _CLOCK.match(text)
    if match is None:
        return None
    hours, minutes, seconds, half = match.groups()
    hour = int(hours) % 12 + (12 if half and half in "Pp" else 0) if half else int(hours)
    return hour * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))


def apple_recording(data: AppleData, name: str, sha256: str) -> Recording:
    """The recording of everything gathered, times from the earliest sample.

    Arrays are taken over one at a time and the gathered lists emptied as they go, so that a multi-gigabyte
    export never holds more than one extra copy of its largest series.
    """
    firsts = [min(data.times[k], default=np.inf) for k in _UNITS]
    firsts += [min(data.beat_times, default=np.inf), min((w[0] for w in data.workouts), default=np.inf)]
    origin = float(np.nanmin(firsts)) if firsts else np.inf
    if not np.isfinite(origin):
        raise CorruptFile(name, "holds no heart-rate, HRV or workout record that fibrokit reads")
    channels = {}
    for kind, unit in _UNITS.items():
        times, values = _taken(data.times, kind), _taken(data.values, kind)
        if times.size:
            order = np.argsort(times, kind="stable")
            times, values = times[order], values[order]
            del order
            times -= origin
            channels[kind] = Channel(kind, unit, values, times)
    markers = tuple(
        Marker(begin - origin, f"workout: {kind}", "workout", end - origin if np.isfinite(end) else None)
        for begin, end, kind in sorted(data.workouts)
        if np.isfinite(begin)
    )
    offset = data.first_offset or dt.timedelta(0)
    return Recording(
        start=dt.datetime.fromtimestamp(origin, tz=dt.timezone(offset)),
        channels=channels,
        beats=_beat_series(data, origin),
        markers=markers,
        device=data.device_name(data.devices.most_common(1)[0][0]) if data.devices else "",
        source_format="apple-health",
        source_name=name,
        source_sha256=sha256,
        metadata={
            "sources": ", ".join(
                unescape(s.decode("utf-8", "replace")) for s, _ in data.sources.most_common()
            )
        },
    )


def _taken(store: dict[str, array[float]], kind: str) -> npt.NDArray[np.float64]:
    """The gathered series as an array, emptying the list it was gathered in."""
    values = np.array(store[kind], dtype=np.float64)
    store[kind] = array("d")
    return values


def _beat_series(data: AppleData, origin: float) -> BeatSeries | None:
    store = {"times": data.beat_times, "bpm": data.beat_bpm}
    data.beat_times, data.beat_bpm = array("d"), array("d")
    times, bpm = _taken(store, "times"), _taken(store, "bpm")
    order = np.argsort(times, kind="stable")
    times, bpm = times[order], bpm[order]
    del order
    keep = np.isfinite(times) & np.isfinite(bpm) & (bpm > 0)
    keep[1:] &= np.diff(times) > 0  # one beat per instant when two sources recorded the same reading
    if not keep.all():
        times, bpm = times[keep], bpm[keep]
    del keep
    if times.size < 2:
        return None
    times -= origin
    # Within a reading the interval is the time from the previous beat (10 ms resolution); the first beat of
    # a reading has only its instantaneous rate, 60000 / bpm. rr_series flags that beat GAP (time jump).
    np.divide(60_000.0, bpm, out=bpm)
    rr_ms = np.empty_like(times)
    rr_ms[0] = bpm[0]
    np.subtract(times[1:], times[:-1], out=rr_ms[1:])
    rr_ms[1:] *= 1000.0
    new_reading = np.concatenate([[True], rr_ms[1:] > 2 * bpm[1:]])
    rr_ms[new_reading] = bpm[new_reading]
    del bpm, new_reading
    np.round(rr_ms, 3, out=rr_ms)  # times carry 10 ms steps; drop the epoch arithmetic's last bits
    try:
        return rr_series(rr_ms, times_s=times, unit="ms")
    except InputError:
        return None
