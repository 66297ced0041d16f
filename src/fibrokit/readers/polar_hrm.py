"""Read Polar HRM files (Polar ProTrainer / Polar Precision Performance exports), in R-R and in sample mode.

Format (Polar Electro, "Polar HRM file format", versions 1.05-1.07): an INI-like text of ``[Section]`` blocks.
``[Params]`` holds ``Version``, ``Monitor``, ``SMode`` (flags: a speed, b cadence, c altitude, d power,
e power balance, f pedalling index, g HR/CC data, h US units, i air pressure), ``Date`` (yyyymmdd),
``StartTime``, ``Length`` and ``Interval``: the sampling interval in seconds, or 238 for beat-to-beat R-R
data. ``[HRData]`` holds one row per sample: in R-R mode the interval in ms first; otherwise heart rate, then
one column per SMode flag a-e that is set, in that order.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from fibrokit.beats.rr_series import rr_series
from fibrokit.errors import CorruptFile, InputError, UnsupportedFormat
from fibrokit.readers._source import FileInput, load
from fibrokit.records import Channel, Marker, Recording

_RR_INTERVAL = 238
_SECTION = re.compile(r"^\[([^\]]+)\]\s*$")
# SMode flags a-e in column order after heart rate: (channel, metric unit, US unit, metric factor, US factor).
# Speed is stored in 0.1 km/h (0.1 mph in US units); altitude in m (ft).
_SAMPLE_COLUMNS = (
    ("speed", "m/s", "m/s", 0.1 / 3.6, 0.1 * 0.44704),
    ("cadence", "rpm", "rpm", 1.0, 1.0),
    ("altitude", "m", "m", 1.0, 0.3048),
    ("power", "W", "W", 1.0, 1.0),
    ("power_balance", "", "", 1.0, 1.0),
)


def read_polar_hrm(path: FileInput) -> Recording:
    r"""Read a Polar ``.hrm`` file.

    Parameters
    ----------
    path : str, Path or OpenedFile
        The file.

    Returns
    -------
    Recording
        In R-R mode (``Interval=238``), ``beats`` with the intervals; in sample mode, a ``heart_rate`` channel
        (and speed, cadence, altitude, power when ``SMode`` says they are recorded) at ``1 / Interval`` Hz.
        ``start`` is the local date and time from ``[Params]`` (the format has no time zone).

    Raises
    ------
    UnsupportedFormat
        When the file has no ``[Params]`` section.
    CorruptFile
        When ``[HRData]`` is missing, empty or holds something other than numbers.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "morning.hrm"
    >>> _ = path.write_text(
    ...     "[Params]\nVersion=106\nMonitor=13\nDate=20080208\nStartTime=08:50:31.0\nInterval=238\n\n"
    ...     "[HRData]\n812\n798\n825\n"
    ... )
    >>> rec = read_polar_hrm(path)
    >>> rec.beats.rr_ms.tolist(), rec.metadata["mode"], str(rec.start)
    ([812.0, 798.0, 825.0], 'R-R', '2008-02-08 08:50:31')
    """
    source = load(path)
    sections = _sections(source.data.decode("latin-1"))
    if "Params" not in sections:
        raise UnsupportedFormat(source.name, "is not a Polar HRM file (no [Params] section)")
    params = dict(line.split("=", 1) for line in sections["Params"] if "=" in line)
    rows = _rows(sections.get("HRData", []), source.name)
    interval = _number(params.get("Interval", ""), source.name, "Interval")
    metadata = {
        k.lower(): v.strip() for k, v in params.items() if k in ("Version", "Monitor", "SMode", "Length")
    }
    start = _start(params)
    device = f"Polar (monitor code {params.get('Monitor', '?').strip()})"
    if int(interval) == _RR_INTERVAL:
        try:
            beats = rr_series(rows[:, 0], unit="ms")
        except InputError as error:
            raise CorruptFile(source.name, f"its R-R data are not usable: {error}") from None
        channels: dict[str, Channel] = {}
        metadata |= {"mode": "R-R", "rr_unit": "ms"}
    else:
        if interval <= 0:
            raise CorruptFile(source.name, f"states a sampling interval of {interval:g} s")
        beats = None
        channels = _sample_channels(rows, params.get("SMode", "").strip(), 1.0 / interval)
        metadata |= {"mode": "samples"}
    return Recording(
        start=start,
        channels=channels,
        beats=beats,
        markers=_laps(sections.get("IntTimes", []), sections.get("IntNotes", [])),
        device=device,
        source_format="polar-hrm",
        source_name=source.name,
        source_sha256=source.sha256,
        metadata=metadata,
    )


_LAP_END = re.compile(r"^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)(\s|$)")


def _laps(times: list[str], notes: list[str]) -> tuple[Marker, ...]:
    """Laps from [IntTimes] (each lap's first row starts with its end time) named by [IntNotes] when noted."""
    ends = []
    for line in times:
        found = _LAP_END.match(line)
        if found:
            hours, minutes, seconds = found.groups()[:3]
            ends.append(int(hours) * 3600 + int(minutes) * 60 + float(seconds))
    named: dict[int, str] = {}
    for line in notes:
        lap, _, note = line.partition("\t") if "\t" in line else line.partition(" ")
        if lap.strip().isdigit() and note.strip():
            named[int(lap)] = note.strip()
    markers, begin = [], 0.0
    for index, end in enumerate(ends, start=1):
        if end > begin:
            markers.append(Marker(begin, named.get(index, f"lap {index}"), "lap", end))
            begin = end
    return tuple(markers)


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        header = _SECTION.match(line.strip())
        if header:
            # A file may repeat a section name; the first one is the exercise itself.
            current = sections.setdefault(header.group(1), []) if header.group(1) not in sections else []
        elif current is not None and line.strip():
            current.append(line.strip())
    return sections


def _rows(lines: list[str], name: str) -> np.ndarray:
    if not lines:
        raise CorruptFile(name, "has no heart-rate data (its [HRData] section is missing or empty)")
    try:
        table = [[float(cell) for cell in line.split()] for line in lines]
    except ValueError:
        raise CorruptFile(name, "has text that is not a number in its [HRData] section") from None
    width = min(len(row) for row in table)
    if width == 0:
        raise CorruptFile(name, "has empty rows in its [HRData] section")
    return np.array([row[:width] for row in table])


def _number(text: str, name: str, key: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise CorruptFile(name, f"has no usable {key} value in its [Params] section") from None


def _start(params: dict[str, str]) -> dt.datetime | None:
    try:
        day = dt.datetime.strptime(params.get("Date", "").strip(), "%Y%m%d")
        hours, minutes, seconds = params.get("StartTime", "").strip().split(":")
        return day + dt.timedelta(hours=int(hours), minutes=int(minutes), seconds=float(seconds))
    except (ValueError, OverflowError):
        return None


def _sample_channels(rows: np.ndarray, smode: str, fs_hz: float) -> dict[str, Channel]:
    channels = {"heart_rate": Channel.regular("heart_rate", "bpm", rows[:, 0], fs_hz)}
    us_units = len(smode) > 7 and smode[7] == "1"
    column = 1
    for flag, (name, unit, us_unit, factor, us_factor) in zip(smode[:5], _SAMPLE_COLUMNS, strict=False):
        if flag != "1":
            continue
        if column >= rows.shape[1]:
            break
        scale = us_factor if us_units else factor
        channels[name] = Channel.regular(name, us_unit if us_units else unit, rows[:, column] * scale, fs_hz)
        column += 1
    return channels
