"""Read plain RR-interval text and CSV exports: one column of intervals, or time and interval columns.

Accepted layouts (delimiter: comma, semicolon, tab or spaces; an optional header line):

* one column of RR intervals in ms or s (Elite HRV, HRV4Training and most apps' raw exports);
* two columns, beat time then RR interval, the time either in seconds or as a date-time
  (``26/06/2018 22:41:56``, ``2018-06-26T22:41:56.250``).

A first line ``# start: 2026-03-01T07:15:00.250+01:00`` (as fibrokit's live and guided sessions write it) gives
the recording's start, with its time zone; other lines starting with ``#`` are comments.

The unit of the intervals is detected from their median and the decision is recorded, with its reason, in the
recording's metadata (``rr_unit``); a column of heart rates is refused with a sentence saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal
from warnings import catch_warnings, simplefilter

import numpy as np

from fibrokit.beats.rr_series import rr_series
from fibrokit.beats.rr_units import rr_units
from fibrokit.errors import CorruptFile, InputError, UnsupportedFormat
from fibrokit.readers._source import FileInput, Source, load
from fibrokit.records import Recording

_DELIMITERS = re.compile(r"[,;\t ]+")
START_COMMENT = "# start:"
_DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%m/%d/%Y %H:%M:%S",
)


def read_rr_text(path: FileInput, *, unit: Literal["auto", "ms", "s"] = "auto") -> Recording:
    """Read an RR text or CSV file into a :class:`Recording` whose ``beats`` hold the intervals.

    Parameters
    ----------
    path : str, Path or OpenedFile
        The file.
    unit : {"auto", "ms", "s"}
        Unit of the RR column; ``"auto"`` detects it from the median interval.

    Returns
    -------
    Recording
        With ``beats`` (flagged only for implausible values and gaps; run
        :func:`fibrokit.rr_flag_artifacts` for artefacts) and ``metadata["rr_unit"]`` explaining the unit.

    Raises
    ------
    UnsupportedFormat
        When the file is binary or holds no numeric column.
    CorruptFile
        When a value is not a number, or the values are not usable RR intervals; the message names the line.
    """
    source = load(path)
    values_only = _single_column(source)
    if values_only is not None:
        times_s, values, start = None, values_only, None
    else:
        times_s, values, start = _columns(_rows(source), source.name)
        start = _start_line(source) or start
    warnings: tuple[str, ...] = ()
    trailing = len(values) - len(np.trim_zeros(values, "b"))
    if 0 < trailing < len(values):
        # Some apps (the Polar and rhenanbartels/hrv samples) close the list with a 0 as an end marker.
        values = values[: len(values) - trailing]
        times_s = None if times_s is None else times_s[: len(values)]
        warnings = (f"{trailing} trailing zero value(s) taken as an end-of-recording marker and dropped",)
    try:
        decision = rr_units(values, unit)
        beats = rr_series(values, times_s=times_s, unit=decision.unit)
    except InputError as error:
        raise CorruptFile(source.name, str(error)) from None
    return Recording(
        start=start,
        beats=beats,
        source_format="rr-text",
        source_name=source.name,
        source_sha256=source.sha256,
        warnings=warnings,
        metadata={"rr_unit": decision.unit, "rr_unit_reason": decision.reason},
    )


_TWO_CELLS = re.compile(r"\S[ \f\v]+\S")


def _single_column(source: Source) -> np.ndarray | None:
    """The values of a plain one-number-per-line file (with or without a header), parsed in C; None otherwise.

    A long recording (a week is 600,000 lines) would otherwise become a Python list per line. Anything this
    does not recognise goes the general way, which also names the line of a bad value.
    """
    data = source.data
    if b"\x00" in data[:4096] or any(mark in data for mark in (b",", b";", b"\t", b"#")):
        return None
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None
    body = text.lstrip()
    first, _, rest = body.partition("\n")
    if not first.strip() or len(first.split()) != 1:
        return None
    if not _is_number(first.strip()):
        body = rest
    if _TWO_CELLS.search(body):
        return None  # some line holds more than one cell
    with catch_warnings():
        # NumPy stops at the first cell that is not a number and says so with a DeprecationWarning.
        simplefilter("error", DeprecationWarning)
        try:
            values = np.fromstring(body, dtype=np.float64, sep=" ")
        except (ValueError, DeprecationWarning):
            return None
    return values if values.size else None


def _rows(source: Source) -> list[tuple[int, list[str]]]:
    """Non-empty lines split into cells, without the header line if there is one."""
    if b"\x00" in source.data[:4096]:
        raise UnsupportedFormat(source.name, "is a binary file, not RR text")
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = source.data.decode("latin-1")
    rows = [
        (number, _split(line))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        raise CorruptFile(source.name, "is empty")
    header = not _is_number(rows[0][1][-1])
    return rows[1:] if header else rows


def _start_line(source: Source) -> dt.datetime | None:
    """The start a ``# start:`` first line states, or None; a line that is not a date and time is refused."""
    first = source.data[:200].decode("utf-8-sig", errors="replace").lstrip().split("\n", 1)[0].strip()
    if not first.startswith(START_COMMENT):
        return None
    text = first.removeprefix(START_COMMENT).strip()
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise CorruptFile(source.name, f"line 1: {text!r} is not a start date and time") from None


def _split(line: str) -> list[str]:
    stripped = line.strip()
    if "," in stripped or ";" in stripped or "\t" in stripped:
        return [cell.strip().strip('"') for cell in re.split(r"[,;\t]", stripped)]
    return _DELIMITERS.split(stripped)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _columns(
    rows: list[tuple[int, list[str]]], name: str
) -> tuple[np.ndarray | None, np.ndarray, dt.datetime | None]:
    if not rows:
        raise CorruptFile(name, "has a header but no values")
    width = len(rows[0][1])
    ragged = next((line for line, cells in rows if len(cells) != width), None)
    if ragged is not None:
        raise CorruptFile(name, f"line {ragged} has a different number of columns from the first data line")
    values = np.array([_number(cells[-1], line, name) for line, cells in rows])
    if width == 1:
        return None, values, None
    first = [cells[0] for _, cells in rows]
    if all(_is_number(cell) for cell in first):
        return np.array([float(cell) for cell in first]), values, None
    stamps = [_datetime(cell, line, name) for (line, _), cell in zip(rows, first, strict=True)]
    # Date-time columns in these exports carry whole seconds at best, so they date the recording but are too
    # coarse to time beats: the intervals themselves give the beat times.
    return None, values, stamps[0]


def _number(cell: str, line: int, name: str) -> float:
    try:
        return float(cell)
    except ValueError:
        raise CorruptFile(name, f"line {line}: {cell!r} is not a number") from None


def _datetime(cell: str, line: int, name: str) -> dt.datetime:
    for layout in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cell, layout)
        except ValueError:
            continue
    raise CorruptFile(name, f"line {line}: {cell!r} is neither a number nor a date and time")
