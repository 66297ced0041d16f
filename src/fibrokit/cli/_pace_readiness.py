"""The work behind ``fibrokit pace readiness``: date the files, read the diary CSV, judge the mornings."""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from fibrokit.errors import CorruptFile, InputError

if TYPE_CHECKING:
    from fibrokit.pacing import DaySymptoms

_DATE_IN_NAME = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def _date_of(path: Path, start: dt.datetime | None) -> dt.date:
    if start is not None:
        return start.date()
    match = _DATE_IN_NAME.search(path.name)
    if match is None:
        raise InputError(
            f"{path.name}: no date in the file or its name (name it e.g. morning-2025-03-01.txt)"
        )
    return dt.date(*(int(g) for g in match.groups()))


def _diary(path: Path) -> DaySymptoms:
    from fibrokit.pacing import DaySymptoms

    with path.open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r.get("date", ""))
    try:
        dates = [dt.date.fromisoformat(r["date"]) for r in rows]
        symptoms = [float(r.get("symptoms") or "nan") for r in rows]
        sleep = [float(r.get("sleep") or "nan") for r in rows]
    except (KeyError, ValueError) as error:
        raise CorruptFile(
            path.name, f"needs columns date,symptoms,sleep with ISO dates and numbers ({error})"
        ) from None
    return DaySymptoms(dates, symptoms, sleep)


def readiness_rows(files: list[Path], diary: Path | None) -> tuple[list[tuple[str, ...]], str]:
    """Table rows (date, ln RMSSD, HR, level, why) for the mornings, and the caution to print."""
    from fibrokit.pacing import Mornings, pace_morning, pace_readiness
    from fibrokit.readers import read

    readings = {}
    for path in files:
        recording = read(path)
        if recording.beats is None:
            raise CorruptFile(path.name, "holds no beat-to-beat intervals")
        day = _date_of(path, recording.start)
        if day in readings:
            raise InputError(f"two morning readings for {day.isoformat()} ({path.name}); give one a day")
        readings[day] = pace_morning(recording.beats)
    days = sorted(readings)
    mornings = Mornings(
        days,
        [readings[d].ln_rmssd for d in days],
        [readings[d].resting_hr_bpm for d in days],
        [readings[d].ok for d in days],
    )
    result = pace_readiness(mornings, _diary(diary) if diary is not None else None)
    rows: list[tuple[str, ...]] = []
    for judged in result.days:
        reading = readings[judged.date]
        why = judged.explanation
        if reading.problems:
            why = "; ".join(reading.problems) + ". " + why
        ln = f"{reading.ln_rmssd:.2f}" if math.isfinite(reading.ln_rmssd) else "–"
        rows.append((judged.date.isoformat(), ln, f"{reading.resting_hr_bpm:.0f}", judged.level, why))
    return rows, result.caution
