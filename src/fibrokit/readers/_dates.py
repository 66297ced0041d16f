"""Where a recording's date comes from: its content, else its file name, else the person.

Many apps save a morning reading as a plain list of RR intervals with no date inside; people and apps then
name the file after the day (``2025-03-19.txt``, ``morning 2025-03-19.txt``, ``20250319.txt``,
``HRV_19-03-2025.csv``). A date found in the name is used only when the content has none, and only when it is
a real calendar date in a plausible span; the recording's metadata says where its date came from
(``date_source``), so nobody mistakes a date read from a name for one a device recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from fibrokit.records import Recording

DATE_SOURCE = "date_source"
FROM_CONTENT, FROM_NAME, FROM_PERSON = "file content", "file name", "given by the person"

# Year first (ISO order, with or without separators), or day first with a four-digit year (European order).
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})([-_.]?)(\d{2})\2(\d{2})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{2})([-_.])(\d{2})\2(\d{4})(?!\d)")
_FIRST_YEAR = 1990  # before any consumer heart-rate strap stored RR intervals


def date_from_name(name: str) -> dt.date | None:
    """The calendar date a file name states, or None when it states none (or an impossible one).

    Examples
    --------
    >>> date_from_name("morning 2025-03-19.txt"), date_from_name("20250319.txt")
    (datetime.date(2025, 3, 19), datetime.date(2025, 3, 19))
    >>> date_from_name("HRV_19-03-2025.csv"), date_from_name("rest_rri.txt"), date_from_name("2025-02-30.txt")
    (datetime.date(2025, 3, 19), None, None)
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    candidates = [(int(m[1]), int(m[3]), int(m[4])) for m in _YEAR_FIRST.finditer(base)]
    candidates += [(int(m[4]), int(m[3]), int(m[1])) for m in _DAY_FIRST.finditer(base)]
    for year, month, day in candidates:
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if _FIRST_YEAR <= found.year <= dt.date.today().year + 1:
            return found
    return None


def dated(recording: Recording, name: str) -> Recording:
    """The recording with ``metadata["date_source"]`` set, and its start taken from ``name`` when it has none."""
    if DATE_SOURCE in recording.metadata:
        return recording
    if recording.start is not None:
        return dataclasses.replace(recording, metadata=dict(recording.metadata) | {DATE_SOURCE: FROM_CONTENT})
    day = date_from_name(name)
    if day is None:
        return recording
    return dataclasses.replace(
        recording,
        start=dt.datetime.combine(day, dt.time()),
        metadata=dict(recording.metadata)
        | {DATE_SOURCE: FROM_NAME, "start_time": "unknown: only the date is known, from the file name"},
    )


def with_date(recording: Recording, day: dt.date) -> Recording:
    """The recording moved to the calendar ``day`` a person gave, keeping its time of day when it has one."""
    metadata = dict(recording.metadata) | {DATE_SOURCE: FROM_PERSON}
    if recording.start is None:
        start = dt.datetime.combine(day, dt.time())
        metadata["start_time"] = "unknown: only the date is known, as the person gave it"
    else:
        start = dt.datetime.combine(day, recording.start.timetz())
    return dataclasses.replace(recording, start=start, metadata=metadata)
