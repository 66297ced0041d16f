"""Read EDF and EDF+ files (European Data Format): signals as channels, EDF+ annotations as markers.

Format (Kemp et al. 1992, doi:10.1016/0013-4694(92)90009-7; EDF+ in Kemp & Olivan 2003,
doi:10.1016/S1388-2457(03)00123-8): a 256-byte ASCII header, then 256 bytes per signal (label, transducer,
physical dimension, physical and digital minimum and maximum, prefiltering, samples per data record), then
data records of little-endian 16-bit integers, each holding every signal's samples for one record duration.
Physical value = (digital - digital_min) * (physical_max - physical_min) / (digital_max - digital_min) +
physical_min. EDF+ stores annotations as "time-stamped annotation lists" (TALs) in signals labelled
``EDF Annotations``; in a discontinuous file (``EDF+D``) the first TAL of each record gives its start time.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import numpy.typing as npt

from fibrokit.errors import CorruptFile, UnsupportedFormat
from fibrokit.readers._source import FileInput, load
from fibrokit.records import Channel, Marker, Recording

_ANNOTATIONS = "EDF Annotations"
_FIELDS = ((16, "label"), (80, "transducer"), (8, "unit"), (8, "pmin"), (8, "pmax"), (8, "dmin"), (8, "dmax"))
_TAL = re.compile(rb"([+-]\d+(?:\.\d*)?)(?:\x15(\d+(?:\.\d*)?))?\x14(.*?)\x14\x00", re.DOTALL)


def edf_header_ok(head: bytes) -> bool:
    """Whether ``head`` starts like an EDF header (version ``0`` padded to 8 bytes, numeric sizes)."""
    return len(head) >= 256 and head[:8] == b"0       " and head[184:192].strip().isdigit()


def read_edf(path: FileInput) -> Recording:
    """Read an EDF or EDF+ file.

    Returns
    -------
    Recording
        One channel per ordinary signal, named after its label in snake case (an ECG label becomes
        ``"ecg"``), in its physical unit; EDF+ annotations as markers; ``start`` from the header (local
        time: EDF has no time zone).

    Examples
    --------
    A file of two one-second records of one ECG signal at 4 Hz, written field by field:

    >>> import pathlib, tempfile
    >>> import numpy as np
    >>> fields = [("0", 8), ("X X X X", 80), ("Startdate 01-FEB-2024 X X X", 80), ("01.02.24", 8)]
    >>> fields += [("07.00.00", 8), ("512", 8), ("", 44), ("2", 8), ("1", 8), ("1", 4)]  # records, s, signals
    >>> fields += [("ECG", 16), ("", 80), ("mV", 8), ("-5", 8), ("5", 8), ("-32768", 8), ("32767", 8)]
    >>> fields += [("", 80), ("4", 8), ("", 32)]  # prefiltering, samples per record, reserved
    >>> header = b"".join(text.ljust(width).encode("ascii") for text, width in fields)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ecg.edf"
    >>> _ = path.write_bytes(header + np.zeros(8, dtype="<i2").tobytes())
    >>> rec = read_edf(path)
    >>> rec.source_format, rec.channels["ecg"].fs_hz, len(rec.channels["ecg"].values), str(rec.start)
    ('edf', 4.0, 8, '2024-02-01 07:00:00')
    """
    source = load(path)
    data = source.data
    if not edf_header_ok(data):
        raise UnsupportedFormat(source.name, "is not an EDF file (no EDF header)")
    try:
        header_bytes, records, duration, count = (
            int(data[184:192]),
            int(data[236:244]),
            float(data[244:252]),
            int(data[252:256]),
        )
        signals = _signal_headers(data, count)
    except ValueError:
        raise CorruptFile(source.name, "has a header field that is not a number") from None
    spr = np.array([int(s["spr"]) for s in signals])
    record_size = int(spr.sum()) * 2
    if count < 1 or record_size <= 0 or header_bytes != 256 * (count + 1):
        raise CorruptFile(source.name, "has an inconsistent header (sizes do not add up)")
    available = (len(data) - header_bytes) // record_size
    warnings = []
    if records < 0 or available < records:
        if available < 1:
            raise CorruptFile(source.name, "holds no complete data record")
        if records >= 0:
            warnings.append(f"the file holds {available} of the {records} data records its header states")
        records = available
    block = np.frombuffer(data, dtype="<i2", count=records * record_size // 2, offset=header_bytes)
    block = block.reshape(records, -1)
    channels, markers = _decode(signals, spr, block, duration, source.name)
    return Recording(
        start=_start(data),
        channels=channels,
        markers=markers,
        device=_equipment(data[88:168].decode("latin-1").strip()),
        source_format="edf",
        source_name=source.name,
        source_sha256=source.sha256,
        warnings=tuple(warnings),
        metadata={"edf_type": data[192:236].decode("latin-1").strip() or "EDF", "records": str(records)},
    )


def _signal_headers(data: bytes, count: int) -> list[dict[str, str]]:
    if count < 1 or len(data) < 256 * (count + 1):
        raise ValueError("header too short")
    signals: list[dict[str, str]] = [{} for _ in range(count)]
    offset = 256
    for width, key in (*_FIELDS, (80, "prefilter"), (8, "spr")):
        for i in range(count):
            signals[i][key] = data[offset : offset + width].decode("latin-1").strip()
            offset += width
    for signal in signals:
        for key in ("pmin", "pmax", "dmin", "dmax", "spr"):
            float(signal[key])
    return signals


def _decode(
    signals: list[dict[str, str]], spr: npt.NDArray[np.int64], block: np.ndarray, duration: float, name: str
) -> tuple[dict[str, Channel], tuple[Marker, ...]]:
    starts = np.concatenate([[0], np.cumsum(spr)])
    record_onsets = np.arange(block.shape[0]) * duration
    markers: list[Marker] = []
    for i, signal in enumerate(signals):
        if signal["label"] == _ANNOTATIONS:
            onsets, found = _annotations(block[:, starts[i] : starts[i + 1]])
            markers += found
            if onsets is not None:
                record_onsets = onsets
    channels: dict[str, Channel] = {}
    for i, signal in enumerate(signals):
        if signal["label"] == _ANNOTATIONS or spr[i] == 0:
            continue
        digital = block[:, starts[i] : starts[i + 1]].astype(np.float64)
        dmin, dmax = float(signal["dmin"]), float(signal["dmax"])
        pmin, pmax = float(signal["pmin"]), float(signal["pmax"])
        if dmax == dmin:
            raise CorruptFile(name, f"signal {signal['label']!r} has equal digital minimum and maximum")
        values = (digital - dmin) * ((pmax - pmin) / (dmax - dmin)) + pmin
        fs = spr[i] / duration if duration > 0 else float("nan")
        times = (record_onsets[:, None] + np.arange(spr[i]) / fs).ravel()
        key = _name(signal["label"], channels)
        channels[key] = Channel(key, signal["unit"], values.ravel(), times, float(fs))
    return channels, tuple(sorted(markers, key=lambda m: m.time_s))


def _annotations(block: np.ndarray) -> tuple[np.ndarray | None, list[Marker]]:
    """Markers from the TALs; the record start times when every record opens with a time-keeping TAL."""
    onsets: list[float] = []
    markers: list[Marker] = []
    for record in block:
        raw = record.astype("<i2").tobytes()
        for n, match in enumerate(_TAL.finditer(raw)):
            onset = float(match.group(1))
            texts = [t.decode("utf-8", "replace") for t in match.group(3).split(b"\x14") if t]
            if n == 0 and not texts:
                onsets.append(onset)  # the time-keeping TAL: when this data record starts
                continue
            end = onset + float(match.group(2)) if match.group(2) else None
            markers += [Marker(onset, text, "annotation", end) for text in texts]
    return (np.array(onsets) if len(onsets) == block.shape[0] else None), markers


def _start(data: bytes) -> dt.datetime | None:
    try:
        day, month, year = (int(p) for p in data[168:176].decode("latin-1").split("."))
        hour, minute, second = (int(p) for p in data[176:184].decode("latin-1").split("."))
        # EDF: two-digit years 85-99 are 1985-1999, 00-84 are 2000-2084.
        return dt.datetime(year + (1900 if year >= 85 else 2000), month, day, hour, minute, second)
    except ValueError:
        return None


def _equipment(recording_field: str) -> str:
    """EDF+ recording field: 'Startdate dd-MMM-yyyy code technician equipment'; 'X' means unknown."""
    parts = recording_field.split()
    if parts[:1] == ["Startdate"]:
        return parts[4] if len(parts) > 4 and parts[4] != "X" else ""
    return recording_field


def _name(label: str, taken: dict[str, Channel]) -> str:
    name = re.sub(r"[^0-9a-z]+", "_", label.lower()).strip("_") or "signal"
    if "ecg" in name and "ecg" not in taken:
        name = "ecg"
    index = 2
    candidate = name
    while candidate in taken:
        candidate = f"{name}_{index}"
        index += 1
    return candidate
