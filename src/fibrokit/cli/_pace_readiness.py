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
    from fibrokit.readers.daily_records import DailyValues

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
    """Table rows (date, ln RMSSD, HR, level, why) for the mornings, and the caution to print.

    Files of a wearable's nights (an Oura, Whoop, Polar ... export) are judged night by night instead, against
    earlier nights of the same device; they cannot be mixed with morning readings, whose scale differs.
    """
    from fibrokit.pacing import Mornings, pace_morning, pace_readiness
    from fibrokit.readers import read
    from fibrokit.readers.daily_registry import daily_reader_for

    exports = [f for f in files if daily_reader_for(f) is not None]
    if exports and len(exports) < len(files):
        raise InputError(
            "give either morning readings or a wearable's export, not both: a night's HRV and a morning "
            "reading's are on different scales"
        )
    if exports:
        return _night_rows(exports, diary)
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


def _night_rows(files: list[Path], diary: Path | None) -> tuple[list[tuple[str, ...]], str]:
    """Rows for the nights of the most complete source among the exports (one source: scales differ)."""
    from fibrokit.readers.daily_records import RMSSD
    from fibrokit.readers.daily_registry import read_daily
    from fibrokit.services.nightly.readiness import judge_nights, label, most_complete

    nights = [d for f in files for d in read_daily(f).days]
    source = most_complete(nights)
    if not source:
        raise InputError(
            f"{files[0].name}: holds no resting heart rate or HRV per night, so there is nothing to judge"
        )
    chosen: dict[dt.date, DailyValues] = {}
    for night in nights:
        if night.source == source and (night.hrv_ms is not None or night.resting_hr_bpm is not None):
            chosen.setdefault(night.day, night)
    ordered = [chosen[d] for d in sorted(chosen)]
    rows: list[tuple[str, ...]] = []
    symptoms = _diary(diary) if diary is not None else None
    caution = ""
    for segment, result, _ in judge_nights(ordered, symptoms):
        caution = result.caution
        for night, judged in zip(segment, result.days, strict=True):
            ln = f"{math.log(night.hrv_ms):.2f}" if night.hrv_ms and night.hrv_metric == RMSSD else "–"
            hr = f"{night.resting_hr_bpm:.0f}" if night.resting_hr_bpm is not None else "–"
            rows.append(
                (judged.date.isoformat(), ln, hr, judged.level, f"{label(night)}: {judged.explanation}")
            )
    others = sorted({n.source for n in nights} - {source})
    if others:
        caution += f" Nights from {', '.join(others)} were left out: the baseline uses one source ({source})."
    return rows, caution
