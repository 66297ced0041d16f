"""Read FIT files (Garmin, Wahoo, Coros, Stryd, Strava, ...) into a :class:`~fibrokit.records.Recording`."""

from __future__ import annotations

import datetime as dt

import numpy as np

from fibrokit.errors import CorruptFile
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.fit._channels import monitoring_channels, nirs_sources, record_channels
from fibrokit.readers.fit._decode import fit_decode
from fibrokit.readers.fit._hrv import fit_beats
from fibrokit.readers.fit._profile import EVENT, EVENT_TYPE, FILE, MANUFACTURER, SPORT
from fibrokit.readers.fit._tables import FIT_EPOCH_UNIX_S, FitData, MessageTable
from fibrokit.records import Channel, Marker, Recording

_FILE_ID, _SPORT, _SESSION, _LAP, _RECORD, _EVENT, _DEVICE_INFO, _MONITORING = 0, 12, 18, 19, 20, 21, 23, 55
# FIT "date_time": values below 0x10000000 count seconds from the device's power-up, not from the FIT epoch.
_RELATIVE_TIME_LIMIT = 0x10000000


def read_fit(path: FileInput, *, partial: bool = False) -> Recording:
    """Read a FIT activity or monitoring file.

    Parameters
    ----------
    path : str, Path or OpenedFile
        The ``.fit`` file (a chain of FIT files in one file is read whole).
    partial : bool
        When the file is damaged (truncated, a checksum mismatch, a bad chained header), return what was read
        before the damage, with ``metadata["partial"] == "true"`` and a warning naming the damage, instead of
        raising :class:`~fibrokit.errors.CorruptFile`.

    Returns
    -------
    Recording
        Channels from ``record`` messages (heart rate, speed, power, cadence, altitude, position, temperature,
        muscle oxygen ...) or from all-day ``monitoring`` messages; ``beats`` from ``hrv`` messages,
        re-aligned against the record times (see ``fibrokit.readers.fit._hrv``); laps, sessions and timer
        events as markers; developer fields as channels named after their description.

    Raises
    ------
    UnsupportedFormat
        When the file is not a FIT file.
    CorruptFile
        When it is damaged and ``partial`` is False.

    Notes
    -----
    Decoding follows the FIT protocol (Garmin FIT SDK documentation, "FIT Protocol" and Profile.xlsx); the
    test suite compares decoded values with garmin-fit-sdk and with golden CSV exports.

    Examples
    --------
    A FIT file of five ``record`` messages (timestamp and heart rate), written byte by byte: a 12-byte
    header, one definition message, the data messages, and the file's CRC.

    >>> import pathlib, struct, tempfile
    >>> def fit_crc(data):  # CRC-16 with the reflected polynomial 0xA001, as the FIT protocol specifies
    ...     crc = 0
    ...     for byte in data:
    ...         crc ^= byte
    ...         for _ in range(8):
    ...             crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    ...     return crc
    >>> body = struct.pack("<BBBHB3B3B", 0x40, 0, 0, 20, 2, 253, 4, 0x86, 3, 1, 0x02)  # record: uint32, uint8
    >>> body += b"".join(struct.pack("<BIB", 0, 1_075_000_000 + s, 70 + s) for s in range(5))
    >>> data = struct.pack("<BBHI4s", 12, 0x20, 2132, len(body), b".FIT") + body
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "walk.fit"
    >>> _ = path.write_bytes(data + struct.pack("<H", fit_crc(data)))
    >>> rec = read_fit(path)
    >>> rec.channels["heart_rate"].values.tolist(), rec.channels["heart_rate"].unit, str(rec.start)
    ([70.0, 71.0, 72.0, 73.0, 74.0], 'bpm', '2024-01-24 03:06:40+00:00')
    """
    source = load(path)
    fit = fit_decode(source.data, source.name)
    if fit.damage and not partial:
        raise CorruptFile(
            source.name,
            f"{fit.damage} ({fit.messages} messages could be read before it; to keep them, read the file as "
            "partial: --partial on the command line, partial=True in Python)",
        )
    start = _start_time(fit)
    channels, warnings = _channels(fit, start)
    beats, beat_warnings = fit_beats(fit, start)
    metadata = _metadata(fit)
    warnings = list(fit.warnings) + warnings + beat_warnings
    if fit.damage:
        metadata["partial"] = "true"
        warnings.insert(0, f"partial recording: {fit.damage}")
    if start < _RELATIVE_TIME_LIMIT:
        metadata["clock"] = "relative: the device had no real time, so the start date is unknown"
    return Recording(
        start=_datetime(start) if start >= _RELATIVE_TIME_LIMIT else None,
        channels=channels,
        beats=beats,
        markers=_markers(fit, start),
        device=_device(fit),
        source_format="fit",
        source_name=source.name,
        source_sha256=source.sha256,
        warnings=tuple(warnings),
        metadata=metadata,
    )


def _start_time(fit: FitData) -> float:
    """The timer start (first ``timer start`` event), else the first record or any first timestamp."""
    candidates = []
    events = fit.table(_EVENT)
    starts = events.timestamp[(events.values("event") == 0) & (events.values("event_type") == 0)]
    candidates += starts[np.isfinite(starts)][:1].tolist()
    stamps = fit.table(_RECORD).timestamp
    candidates += stamps[np.isfinite(stamps)][:1].tolist()
    if not candidates:
        finite = [t.timestamp[np.isfinite(t.timestamp)] for t in fit.tables.values()]
        candidates = [float(s.min()) for s in finite if s.size]
    return float(min(candidates)) if candidates else 0.0


def _datetime(fit_seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(fit_seconds + FIT_EPOCH_UNIX_S, tz=dt.UTC)


def _channels(fit: FitData, start: float) -> tuple[dict[str, Channel], list[str]]:
    channels, warnings = record_channels(fit.table(_RECORD), start) if _RECORD in fit.tables else ({}, [])
    if _MONITORING in fit.tables:
        for name, channel in monitoring_channels(fit.table(_MONITORING), start).items():
            channels.setdefault(name, channel)
    return channels, warnings


def _markers(fit: FitData, start: float) -> tuple[Marker, ...]:
    markers: list[Marker] = []
    for kind, number in (("session", _SESSION), ("lap", _LAP)):
        table = fit.table(number)
        begins, ends = table.values("start_time"), table.timestamp
        sports = table.values("sport") if number == _SESSION else np.full(len(table), np.nan)
        for i in range(len(table)):
            if not np.isfinite(begins[i]):
                continue
            label = f"{kind} {i + 1}" + (f": {_name(SPORT, sports[i])}" if np.isfinite(sports[i]) else "")
            end = float(ends[i] - start) if np.isfinite(ends[i]) else None
            markers.append(Marker(float(begins[i] - start), label, kind, end))
    events = fit.table(_EVENT)
    kinds, types = events.values("event"), events.values("event_type")
    for i in range(len(events)):
        if np.isfinite(events.timestamp[i]) and np.isfinite(kinds[i]):
            label = f"{_name(EVENT, kinds[i])} {_name(EVENT_TYPE, types[i])}".strip()
            markers.append(Marker(float(events.timestamp[i] - start), label, "event"))
    return tuple(sorted(markers, key=lambda m: m.time_s))


def _device(fit: FitData) -> str:
    file_id = fit.table(_FILE_ID)
    if not len(file_id):
        return ""
    maker = file_id.values("manufacturer")[0]
    product = file_id.values("product")[0]
    name = file_id.strings("product_name")[0] or _creator_name(fit.table(_DEVICE_INFO))
    parts = [_name(MANUFACTURER, maker) if np.isfinite(maker) else ""]
    parts.append(name or (f"product {int(product)}" if np.isfinite(product) else ""))
    return " ".join(p for p in parts if p)


def _creator_name(table: MessageTable) -> str:
    if not len(table):
        return ""
    index = table.values("device_index")
    names = table.strings("product_name")
    for i in range(len(table)):
        if index[i] == 0 and names[i]:
            return names[i]
    return ""


def _metadata(fit: FitData) -> dict[str, str]:
    metadata: dict[str, str] = {}
    file_type = fit.table(_FILE_ID).values("type")
    if file_type.size and np.isfinite(file_type[0]):
        metadata["file_type"] = _name(FILE, file_type[0])
    for number in (_SESSION, _SPORT):
        sports = fit.table(number).values("sport")
        if sports.size and np.isfinite(sports[0]):
            metadata["sport"] = ", ".join(dict.fromkeys(_name(SPORT, s) for s in sports if np.isfinite(s)))
            break
    if _RECORD in fit.tables:
        metadata |= nirs_sources(fit.table(_RECORD))
    if fit.files > 1:
        metadata["fit_files"] = str(fit.files)
    metadata["fit_messages"] = str(fit.messages)
    return metadata


def _name(table: dict[int, str], value: float) -> str:
    if not np.isfinite(value):
        return ""
    return table.get(int(value), str(int(value)))
