"""Read Whoop's ``physiological_cycles.csv`` (the account data export).

A Whoop "cycle" runs from one sleep onset to the next, so it is labelled here by the night that starts it: the
local date of its wake onset. Times are local wall-clock times with the zone in a separate ``Cycle timezone``
column (``UTC-07:00``); rows come newest first; the current cycle has no end; unscored cycles leave the sleep
and recovery columns blank and are skipped. "Heart rate variability (ms)" is RMSSD measured during sleep;
"Resting heart rate (bpm)" is Whoop's resting heart rate, measured during sleep as well.
"""

from __future__ import annotations

import datetime as dt

from fibrokit.readers._daily_text import csv_rows, local_time, require_columns, zone_of
from fibrokit.readers._source import FileInput, load
from fibrokit.readers.daily_records import RMSSD, DailyExport, DailyValues, merged, night_of, number, positive

_DEVICE = "WHOOP"


def read_whoop_cycles(path: FileInput) -> DailyExport:
    """Read Whoop physiological cycles: resting HR, HRV (RMSSD) and sleep stages per night.

    Raises
    ------
    CorruptFile
        When a column the reader needs is missing.
    """
    source = load(path)
    rows = csv_rows(source)
    require_columns(
        source.name, rows, ("Cycle start time", "Resting heart rate (bpm)", "Heart rate variability (ms)")
    )
    days = [d for d in (_night(row) for row in rows) if d is not None]
    return DailyExport(merged(days), "whoop-cycles", source.name, source.sha256, _DEVICE)


def _night(row: dict[str, str]) -> DailyValues | None:
    zone = zone_of(row.get("Cycle timezone", ""))
    onset, wake = _at(row.get("Sleep onset", ""), zone), _at(row.get("Wake onset", ""), zone)
    if wake is None:
        return None
    stages = {k: number(row.get(c)) for k, c in _STAGES.items()}
    return DailyValues(
        day=night_of(wake),
        source="whoop",
        device=_DEVICE,
        resting_hr_bpm=positive(row.get("Resting heart rate (bpm)")),
        resting_hr_method="Whoop: resting heart rate measured during sleep",
        hrv_ms=positive(row.get("Heart rate variability (ms)")),
        hrv_metric=RMSSD,
        hrv_method="Whoop: RMSSD during sleep",
        sleep_minutes=positive(row.get("Asleep duration (min)")),
        deep_minutes=stages["deep"],
        light_minutes=stages["light"],
        rem_minutes=stages["rem"],
        awake_minutes=stages["awake"],
        sleep_start=onset,
        sleep_end=wake,
    )


_STAGES = {
    "deep": "Deep (SWS) duration (min)",
    "light": "Light sleep duration (min)",
    "rem": "REM duration (min)",
    "awake": "Awake duration (min)",
}


def _at(text: str, zone: dt.tzinfo | None) -> dt.datetime | None:
    when = local_time(text)
    if when is not None and when.tzinfo is None and zone is not None:
        when = when.replace(tzinfo=zone)
    return when
