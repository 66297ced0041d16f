"""Read muscle-oxygen (NIRS) sensor exports: Moxy onboard CSV and Train.Red CSV.

* **Moxy** (Fortiori Design, "Moxy Monitor onboard data download"): a few lines of firmware information, then
  ``mm-dd,hh:mm:ss,SmO2 Live,SmO2 Averaged,THb,Lap,Session Ct``; SmO2 in %, THb in g/dL, one row every 2 s by
  default. The date column holds day and month (``06-Feb``) but no year.
* **Train.Red** (Train.Red app CSV export): a summary of the session, sensors and laps, then a header row
  ``Timestamp (seconds passed),Lap/Event,,SmO2,...`` with one block of columns per sensor separated by an
  empty column, and the sensor names on the row above it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import numpy as np
import numpy.typing as npt

from fibrokit.errors import CorruptFile, UnsupportedFormat
from fibrokit.readers._source import FileInput, Source, load
from fibrokit.records import Channel, Marker, Recording

_MOXY_HEADER = "mm-dd,hh:mm:ss,"
_TRAIN_RED_HEADER = "Timestamp (seconds passed)"
_MOXY_COLUMNS = {"SmO2 Live": ("smo2", "%"), "SmO2 Averaged": ("smo2_averaged", "%"), "THb": ("thb", "g/dL")}


def read_moxy(path: FileInput) -> Recording:
    r"""Read a Moxy onboard CSV export into ``smo2``, ``smo2_averaged`` and ``thb`` channels.

    Laps become markers. The export has no year, so ``start`` is None and ``metadata["first_sample"]`` keeps
    the day, month and time of the first row.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "moxy.csv"
    >>> _ = path.write_text(
    ...     " FW Part Number: 2000195 v1.3\n"
    ...     "mm-dd,hh:mm:ss,SmO2 Live,SmO2 Averaged,THb,Lap,Session Ct\n"
    ...     "06-Feb,13:17:13,56,56,13.01,1,1\n06-Feb,13:17:15,55,55,12.89,1,1\n06-Feb,13:17:17,53,54,12.84,1,1\n"
    ... )
    >>> smo2 = read_moxy(path).channels["smo2"]
    >>> smo2.values.tolist(), smo2.unit, smo2.fs_hz
    ([56.0, 55.0, 53.0], '%', 0.5)
    """
    source = load(path)
    lines = _text(source).splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith(_MOXY_HEADER)), None)
    if start is None:
        raise UnsupportedFormat(source.name, "is not a Moxy export (no 'mm-dd,hh:mm:ss' header)")
    header = [cell.strip() for cell in lines[start].split(",")]
    rows = [line.split(",") for line in lines[start + 1 :] if line.strip()]
    if not rows or any(len(row) != len(header) for row in rows):
        raise CorruptFile(source.name, "has no data rows, or rows with a different number of columns")
    times = _moxy_seconds([row[1].strip() for row in rows], source.name)
    columns = {
        name: _floats([row[i] for row in rows], source.name, name) for i, name in enumerate(header) if i >= 2
    }
    channels = {
        channel: _channel(channel, unit, columns[column], times)
        for column, (channel, unit) in _MOXY_COLUMNS.items()
        if column in columns
    }
    return Recording(
        channels=channels,
        markers=_lap_markers(columns.get("Lap"), times),
        device="Moxy Monitor",
        source_format="moxy",
        source_name=source.name,
        source_sha256=source.sha256,
        metadata={"first_sample": f"{rows[0][0].strip()} {rows[0][1].strip()} (no year in the export)"}
        | _moxy_firmware(lines[:start]),
    )


def read_train_red(path: FileInput) -> Recording:
    r"""Read a Train.Red CSV export: SmO2 (and THb and haemoglobin signals when exported) per sensor.

    The first sensor's channels are ``smo2``, ``thb``, ...; further sensors' carry a suffix ``_2``, ``_3``.
    ``metadata`` names each sensor and its position. Train.Red states no unit for its haemoglobin signals, so
    those channels have the unit ``"a.u."``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "train-red.csv"
    >>> _ = path.write_text(
    ...     "Train.Red Export for,Session at 2025-08-05 4:23 p.m.\n"
    ...     ",,,Train.Red FYER 0702,,\n"
    ...     "Timestamp (seconds passed),Lap/Event,,SmO2,HBDiff,THb unfiltered\n"
    ...     "0.0,0,,64.4,34.9,145.1\n0.5,0,,64.6,35.5,145.5\n"
    ... )
    >>> rec = read_train_red(path)
    >>> rec.channels["smo2"].values.tolist(), rec.channels["smo2"].unit, rec.metadata["sensor_1"]
    ([64.4, 64.6], '%', 'Train.Red FYER 0702')
    """
    source = load(path)
    rows = list(csv.reader(_text(source).splitlines()))
    start = next((i for i, row in enumerate(rows) if row and row[0].strip() == _TRAIN_RED_HEADER), None)
    if start is None or start == 0:
        raise UnsupportedFormat(
            source.name, "is not a Train.Red export (no 'Timestamp (seconds passed)' header)"
        )
    data = [row for row in rows[start + 1 :] if any(cell.strip() for cell in row)]
    if not data:
        raise CorruptFile(source.name, "has a header but no data rows")
    width = len(rows[start])
    if any(len(row) < width for row in data):
        raise CorruptFile(source.name, "has data rows shorter than its header")
    times = _floats([row[0] for row in data], source.name, _TRAIN_RED_HEADER)
    channels, metadata = _train_red_channels(rows[start - 1], rows[start], data, times, source.name)
    laps = _floats([row[1] for row in data], source.name, "Lap/Event") if width > 1 else None
    return Recording(
        start=_train_red_start(rows[:start]),
        channels=channels,
        markers=_lap_markers(laps, times),
        device="Train.Red",
        source_format="train-red",
        source_name=source.name,
        source_sha256=source.sha256,
        metadata=metadata,
    )


def _text(source: Source) -> str:
    if b"\x00" in source.data[:4096]:
        raise UnsupportedFormat(source.name, "is a binary file, not a CSV export")
    return source.data.decode("utf-8-sig", errors="replace")


def _floats(cells: list[str], name: str, column: str) -> np.ndarray:
    values = []
    for cell in cells:
        text = cell.strip()
        try:
            values.append(float(text) if text else np.nan)
        except ValueError:
            raise CorruptFile(name, f"column {column!r} holds {text!r}, which is not a number") from None
    return np.array(values, dtype=np.float64)


def _moxy_seconds(clocks: list[str], name: str) -> npt.NDArray[np.float64]:
    try:
        parts = np.array([[int(p) for p in clock.split(":")] for clock in clocks])
        seconds = parts[:, 0] * 3600 + parts[:, 1] * 60 + parts[:, 2]
    except (ValueError, IndexError):
        raise CorruptFile(name, "has a time of day that is not hh:mm:ss") from None
    # Times of day only: count a day on at each step back (a recording across midnight).
    seconds = seconds + 86_400 * np.cumsum(np.diff(seconds, prepend=seconds[:1]) < 0)
    return np.asarray(seconds - seconds[0], dtype=np.float64)


def _moxy_firmware(preamble: list[str]) -> dict[str, str]:
    found = {}
    for line in preamble:
        key, _, value = line.strip().partition(":")
        if value:
            found[re.sub(r"\W+", "_", key.strip().lower())] = value.strip()
    return found


def _channel(name: str, unit: str, values: np.ndarray, times: np.ndarray) -> Channel:
    steps = np.diff(times)
    regular = steps.size > 0 and bool(np.all(steps == steps[0])) and steps[0] > 0
    return Channel(name, unit, values, times, float(1.0 / steps[0]) if regular else None)


def _lap_markers(laps: np.ndarray | None, times: np.ndarray) -> tuple[Marker, ...]:
    if laps is None or not laps.size:
        return ()
    changes = np.flatnonzero(np.diff(laps) != 0) + 1
    starts = np.concatenate([[0], changes])
    ends = np.concatenate([changes, [laps.size]]) - 1
    return tuple(
        Marker(float(times[s]), f"lap {laps[s]:g}", "lap", float(times[e]))
        for s, e in zip(starts, ends, strict=True)
        if np.isfinite(laps[s])
    )


def _train_red_channels(
    names_row: list[str], header: list[str], data: list[list[str]], times: np.ndarray, name: str
) -> tuple[dict[str, Channel], dict[str, str]]:
    channels: dict[str, Channel] = {}
    metadata: dict[str, str] = {}
    sensor = 0
    for i in range(2, len(header)):
        label = header[i].strip()
        if not label:
            continue
        if i == 0 or not header[i - 1].strip():  # an empty column opens each sensor's block
            sensor += 1
            metadata[f"sensor_{sensor}"] = names_row[i].strip() if i < len(names_row) else ""
        base = re.sub(r"[^0-9a-z]+", "_", label.lower()).strip("_")
        channel = base + ("" if sensor == 1 else f"_{sensor}")
        unit = "%" if base.startswith("smo2") else "a.u."
        channels[channel] = _channel(channel, unit, _floats([r[i] for r in data], name, label), times)
    for key in [k for k in channels if k.startswith("thb_unfiltered")]:
        # Train.Red exports THb unfiltered only; it is the THb channel, and the metadata says so.
        plain = key.replace("thb_unfiltered", "thb")
        if plain not in channels:
            channels[plain] = Channel(plain, "a.u.", channels[key].values, times, channels[key].fs_hz)
            del channels[key]
            metadata["thb"] = "Train.Red's unfiltered THb (the export has no filtered THb)"
    if not any(c.startswith("smo2") for c in channels):
        raise CorruptFile(name, "has no SmO2 column")
    return channels, metadata


_SESSION_AT = re.compile(r"Session at (\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2}) ?([ap])\.?m\.?", re.IGNORECASE)


def _train_red_start(preamble: list[list[str]]) -> dt.datetime | None:
    """The measurement date, or the minute-resolution 'Session at' date of the title line."""
    for row in preamble:
        if len(row) > 1 and row[0].strip() == "Measurement Date":
            try:
                return dt.datetime.fromisoformat(row[1].strip())
            except ValueError:
                return None
    title = _SESSION_AT.search(",".join(preamble[0])) if preamble else None
    if title is None:
        return None
    day, hour, minute, half = title.groups()
    hour_24 = int(hour) % 12 + (12 if half.lower() == "p" else 0)
    return dt.datetime.fromisoformat(day) + dt.timedelta(hours=hour_24, minutes=int(minute))
