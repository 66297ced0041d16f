"""Nightly and daily values from wearables: stored per source, the baseline's source, and readiness from nights.

Every source keeps its own rows (:class:`~fibrokit.store.tables.DailyValueRow`), so when a ring and a band cover
the same night both are kept. The person's baseline uses one source: the one they chose, or else the most
complete (the most nights with HRV and resting heart rate). Within that source a change of device (a new ring)
starts a new baseline, and RMSSD and SDNN are never put on one scale: with an SDNN source (Apple Watch) the
HRV factor is left out and resting heart rate and the diary are judged alone.

Readiness from nights (:mod:`fibrokit.services.nightly.readiness`) is judged for mornings **without** a morning
reading, by the same core as the readings, against earlier nights of the same source and device only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fibrokit.readers.daily_records import DailyExport, DailyValues
from fibrokit.store.tables import DailySourceChoice, DailyValueRow

SOURCE_NAMES = {
    "oura": "Oura",
    "whoop": "Whoop",
    "withings": "Withings",
    "polar": "Polar",
    "apple-health": "Apple Health",
    "fitbit": "Fitbit",
    "google-fit": "Google Fit",
    "garmin": "Garmin",
}
_COPIED = (
    "device",
    "resting_hr_bpm",
    "resting_hr_method",
    "hrv_ms",
    "hrv_metric",
    "hrv_method",
    "sleep_minutes",
    "deep_minutes",
    "light_minutes",
    "rem_minutes",
    "awake_minutes",
    "night_hr_avg_bpm",
    "night_hr_min_bpm",
    "steps",
    "active_minutes",
)


@dataclass(frozen=True)
class Stored:
    """What storing an export's days did: days added, days completed with values they lacked, days unchanged."""

    added: int
    filled: int
    already: int
    first: dt.date | None
    last: dt.date | None


def store_export(session: Session, user_id: int, export: DailyExport) -> Stored:
    """Add the export's days the person does not have yet (per source and date); never double or overwrite one.

    A date a source already has only gains the values it lacked (a vendor that writes resting heart rate and
    sleep in separate files fills one date from both); a value already stored is never replaced.
    """
    if not export.days:
        return Stored(0, 0, 0, None, None)
    sources = {d.source for d in export.days}
    have = {
        (row.day, row.source): row
        for row in session.scalars(
            select(DailyValueRow).where(
                DailyValueRow.user_id == user_id,
                DailyValueRow.source.in_(sources),
                DailyValueRow.day.between(export.days[0].day, export.days[-1].day),
            )
        )
    }
    added: list[DailyValues] = []
    filled = 0
    for values in export.days:
        row = have.get((values.day, values.source))
        if row is None:
            session.add(_row(user_id, export, values))
            added.append(values)
        elif _fill(row, values):
            filled += 1
    session.flush()
    first, last = (added[0].day, added[-1].day) if added else (None, None)
    return Stored(len(added), filled, len(export.days) - len(added) - filled, first, last)


def _fill(row: DailyValueRow, values: DailyValues) -> bool:
    """Set the row's empty values from ``values``; True when any was set."""
    changed = False
    incoming = {name: getattr(values, name) for name in _COPIED}
    incoming |= {"sleep_start_utc": _utc(values.sleep_start), "sleep_end_utc": _utc(values.sleep_end)}
    for name, value in incoming.items():
        if value not in (None, "") and getattr(row, name) in (None, ""):
            setattr(row, name, value[:200] if isinstance(value, str) else value)
            changed = True
    return changed


def _row(user_id: int, export: DailyExport, values: DailyValues) -> DailyValueRow:
    row = DailyValueRow(
        user_id=user_id,
        day=values.day,
        source=values.source,
        source_format=export.source_format[:40],
        source_name=export.source_name[:255],
        source_sha256=export.source_sha256,
        sleep_start_utc=_utc(values.sleep_start),
        sleep_end_utc=_utc(values.sleep_end),
    )
    for name in _COPIED:
        value = getattr(values, name)
        setattr(row, name, value[:200] if isinstance(value, str) else value)
    return row


def _utc(when: dt.datetime | None) -> dt.datetime | None:
    if when is None or when.tzinfo is None:
        return None
    return when.astimezone(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SourceSummary:
    """One source a person has nights from."""

    source: str
    name: str
    devices: tuple[str, ...]
    days: int
    complete: int  # nights with both HRV and resting heart rate
    hrv_metric: str
    first: dt.date
    last: dt.date


def sources(session: Session, user_id: int) -> list[SourceSummary]:
    """The person's sources, most complete first."""
    rows = session.execute(
        select(
            DailyValueRow.source,
            func.count(),
            func.count(DailyValueRow.hrv_ms) + func.count(DailyValueRow.resting_hr_bpm),
            func.min(DailyValueRow.day),
            func.max(DailyValueRow.day),
            func.max(DailyValueRow.hrv_metric),
        )
        .where(DailyValueRow.user_id == user_id)
        .group_by(DailyValueRow.source)
    ).all()
    devices: dict[str, list[str]] = {}
    for source, device in session.execute(
        select(DailyValueRow.source, DailyValueRow.device)
        .where(DailyValueRow.user_id == user_id)
        .distinct()
        .order_by(DailyValueRow.source, DailyValueRow.device)
    ):
        devices.setdefault(source, []).append(device)
    found = [
        SourceSummary(s, SOURCE_NAMES.get(s, s), tuple(devices.get(s, ())), n, int(c), m or "", a, b)
        for s, n, c, a, b, m in rows
    ]
    return sorted(found, key=lambda s: (-s.complete, -s.days, s.source))


def chosen_source(session: Session, user_id: int) -> str:
    """The source the baseline uses: the person's choice, else the most complete; '' without any night."""
    choice = session.get(DailySourceChoice, user_id)
    found = sources(session, user_id)
    if choice is not None and any(s.source == choice.source for s in found):
        return choice.source
    return found[0].source if found and found[0].complete else ""


def nights(
    session: Session, user_id: int, since: dt.date, until: dt.date, source: str | None = None
) -> list[DailyValueRow]:
    """The person's daily values from ``since`` to ``until`` (all sources, or one), oldest first."""
    where = [DailyValueRow.user_id == user_id, DailyValueRow.day.between(since, until)]
    if source is not None:
        where.append(DailyValueRow.source == source)
    return list(
        session.scalars(select(DailyValueRow).where(*where).order_by(DailyValueRow.day, DailyValueRow.source))
    )


def by_day(rows: Iterable[DailyValueRow], source: str) -> dict[dt.date, DailyValueRow]:
    """One source's rows by date."""
    return {r.day: r for r in rows if r.source == source}
