"""Shared steps of the daily-summary readers: text and CSV rows, JSON documents, local times, heart-rate samples."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

import numpy as np

from fibrokit.errors import CorruptFile
from fibrokit.readers._source import Source
from fibrokit.records import Channel, Recording


def text_of(source: Source) -> str:
    """The file as text (UTF-8 with or without a byte-order mark, Latin-1 as the last resort)."""
    try:
        return source.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return source.data.decode("latin-1")


def csv_rows(source: Source) -> list[dict[str, str]]:
    """Rows of a CSV file keyed by their header (headers stripped of spaces; CRLF or LF line ends)."""
    reader = csv.reader(io.StringIO(text_of(source), newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        return [dict(zip(header, row, strict=False)) for row in reader if any(c.strip() for c in row)]
    except StopIteration:
        raise CorruptFile(source.name, "is empty") from None
    except csv.Error as error:
        raise CorruptFile(source.name, f"is not valid CSV ({error})") from None


def json_of(source: Source) -> Any:
    """The parsed JSON document."""
    try:
        return json.loads(text_of(source))
    except json.JSONDecodeError as error:
        raise CorruptFile(source.name, f"is not valid JSON (line {error.lineno}: {error.msg})") from None


def local_time(text: str) -> dt.datetime | None:
    """An ISO 8601 time as written (``2026-05-27T00:42:29.000-07:00``, ``2026-07-22 02:25:47``), or None."""
    cleaned = text.strip()
    if not cleaned or cleaned.lower() == "none":
        return None
    try:
        return dt.datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        return None


_UTC_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$")


def zone_of(text: str) -> dt.timezone | None:
    """A fixed offset from ``UTC-07:00``, ``+0200`` or ``-7``, or None."""
    match = _UTC_OFFSET.match(text.strip())
    if match is None:
        return dt.UTC if text.strip() in {"UTC", "GMT", "Z"} else None
    sign = -1 if match.group(1) == "-" else 1
    offset = dt.timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    return dt.timezone(sign * offset)


_ISO_DURATION = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def iso_seconds(text: object) -> float | None:
    """Seconds of an ISO 8601 duration such as ``PT8239.604S`` or ``PT7H22M``, or None."""
    if not isinstance(text, str):
        return None
    match = _ISO_DURATION.match(text.strip())
    if match is None or not any(match.groups()):
        return None
    days, hours, mins, secs = (float(g) if g else 0.0 for g in match.groups())
    return days * 86_400 + hours * 3600 + mins * 60 + secs


def require_columns(name: str, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    """Refuse a file whose header lacks a column the reader needs."""
    if not rows:
        raise CorruptFile(name, "holds a header but no rows")
    missing = [c for c in columns if c not in rows[0]]
    if missing:
        raise CorruptFile(name, f"lacks the column {missing[0]!r}, so it is not a complete export")


def heart_rate_recording(
    source: Source,
    samples: list[tuple[dt.datetime, float]],
    *,
    device: str,
    source_format: str,
    one_per_instant: bool = False,
    warnings: tuple[str, ...] = (),
) -> Recording:
    """A wearable's timed heart-rate samples as a recording with one ``heart_rate`` channel, in time order.

    ``samples`` must not be empty (the reader says what its file lacks before calling this). With
    ``one_per_instant`` only the first sample of each instant is kept.
    """
    ordered = sorted(samples, key=lambda s: s[0])
    start = ordered[0][0]
    times = np.array([(when - start).total_seconds() for when, _ in ordered])
    values = np.array([bpm for _, bpm in ordered])
    if one_per_instant:
        keep = np.concatenate([[True], np.diff(times) > 0])
        times, values = times[keep], values[keep]
    return Recording(
        start=start,
        channels={"heart_rate": Channel("heart_rate", "bpm", values, times)},
        device=device,
        source_format=source_format,
        source_name=source.name,
        source_sha256=source.sha256,
        warnings=warnings,
    )
