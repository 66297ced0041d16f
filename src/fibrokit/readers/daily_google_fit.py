"""Read Google Fit's ``Daily activity metrics.csv`` (Google Takeout, "Fit").

One row per date (no time, no zone: the phone's local day). Durations are milliseconds; most columns are blank
on most days. Steps and move minutes are read; Google Fit has no resting heart rate or HRV of its own, so its
daily average, lowest and highest heart rate are not taken for them. The latitude and longitude bounding box
some days carry is location and is never read.
"""

from __future__ import annotations

import datetime as dt

from fibrokit.errors import CorruptFile
from fibrokit.readers._daily_text import csv_rows, require_columns
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.daily_records import DailyExport, DailyValues, merged, number


def read_google_fit_daily(path: FileInput) -> DailyExport:
    """Read Google Fit daily metrics: steps and move minutes per day.

    Raises
    ------
    CorruptFile
        When the date column is missing or a date cannot be read.
    """
    source = load(path)
    rows = csv_rows(source)
    require_columns(source.name, rows, ("Date", "Step count", "Move Minutes count"))
    days = []
    for row in rows:
        try:
            day = dt.date.fromisoformat(row["Date"].strip())
        except ValueError:
            raise CorruptFile(source.name, f"has a row whose date {row['Date']!r} is not a date") from None
        days.append(
            DailyValues(
                day=day,
                source="google-fit",
                device="Google Fit",
                steps=number(row.get("Step count")),
                active_minutes=number(row.get("Move Minutes count")),
            )
        )
    return DailyExport(merged(days), "google-fit-daily", source.name, source.sha256, "Google Fit")
