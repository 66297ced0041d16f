"""Read the Withings Health Mate ``sleep.csv`` export (sleep mats and watches).

One row per sleep session: ``from`` and ``to`` as ISO times whose offset follows daylight saving, stage
durations in seconds, and the average, lowest and highest heart rate of the session, where 0 means no reading.
A night is the morning its session ended on; when two sessions end on the same morning (the mat and a watch
overlapping), the one with more sleep is kept and the file's warnings say so.

Withings gives no resting heart rate of its own: the night's **average** heart rate while in bed stands in for
it (labelled so), and the lowest is kept beside it. There is no HRV in this file.
"""

from __future__ import annotations

from fibrokit.errors import CorruptFile
from fibrokit.readers._daily_text import csv_rows, local_time, require_columns
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.daily_records import (
    DailyExport,
    DailyValues,
    merged,
    night_of,
    positive,
    sleep_from_seconds,
)

_DEVICE = "Withings"


def read_withings_sleep(path: FileInput) -> DailyExport:
    """Read Withings sleep sessions: sleep stages and the night's heart rate per morning.

    Raises
    ------
    CorruptFile
        When a column is missing or a session's end time cannot be read.
    """
    source = load(path)
    rows = csv_rows(source)
    require_columns(source.name, rows, ("from", "to", "light (s)", "deep (s)", "Average heart rate"))
    nights = [_night(source.name, row) for row in rows]
    days = merged(nights)
    warnings: tuple[str, ...] = ()
    if len(days) < len(nights):
        doubled = len(nights) - len(days)
        warnings = (f"{doubled} night(s) had two sessions; the one with more sleep was kept",)
    return DailyExport(days, "withings-sleep", source.name, source.sha256, _DEVICE, warnings)


def _night(name: str, row: dict[str, str]) -> DailyValues:
    start, end = local_time(row["from"]), local_time(row["to"])
    if end is None:
        raise CorruptFile(name, f"has a session whose end {row['to']!r} is not a time")
    sleep = sleep_from_seconds(
        row.get("light (s)"), row.get("deep (s)"), row.get("rem (s)"), row.get("awake (s)")
    )
    return DailyValues(
        **sleep,
        day=night_of(end),
        source="withings",
        device=_DEVICE,
        resting_hr_bpm=positive(row.get("Average heart rate")),
        resting_hr_method="Withings: average heart rate of the night (no resting heart rate in the export)",
        sleep_start=start,
        sleep_end=end,
        night_hr_avg_bpm=positive(row.get("Average heart rate")),
        night_hr_min_bpm=positive(row.get("Heart rate (min)")),
    )
