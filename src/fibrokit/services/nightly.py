"""Nightly and daily values from wearables: stored per source, the baseline's source, and readiness from nights.

Every source keeps its own rows (:class:`~fibrokit.store.tables.DailyValueRow`), so when a ring and a band cover
the same night both are kept. The person's baseline uses one source: the one they chose, or else the most
complete (the most nights with HRV and resting heart rate). Within that source a change of device (a new ring)
starts a new baseline, and RMSSD and SDNN are never put on one scale: with an SDNN source (Apple Watch) the
HRV factor is left out and resting heart rate and the diary are judged alone.

Readiness from nights is judged for mornings **without** a morning reading, by the same core as the readings
(:func:`~fibrokit.pacing.pace_readiness`), against earlier nights of the same source and device only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Protocol, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.pacing import DaySymptoms, Mornings, Readiness, pace_readiness
from fibrokit.readers.daily_records import RMSSD, DailyExport, DailyValues
from fibrokit.services import pacing_diary
from fibrokit.store.tables import DailySourceChoice, DailySummary, DailyValueRow, utcnow

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


def choose_source(session: Session, user_id: int, source: str) -> None:
    """Make ``source`` the baseline's source ('' for the most complete) and judge every night again."""
    choice = session.get(DailySourceChoice, user_id)
    if not source:
        if choice is not None:
            session.delete(choice)
    elif source not in {s.source for s in sources(session, user_id)}:
        raise ValueError(f"`source` must be one of the person's sources, not {source!r}")
    elif choice is None:
        session.add(DailySourceChoice(user_id=user_id, source=source))
    else:
        choice.source, choice.updated_at = source, utcnow()
    session.flush()
    judge(session, user_id)


def judge(session: Session, user_id: int) -> int:
    """Judge the readiness of every night of the baseline's source on a morning without a reading.

    Returns how many mornings were judged. Verdicts on other sources' rows are cleared.
    """
    session.execute(
        update(DailyValueRow)
        .where(DailyValueRow.user_id == user_id)
        .values(readiness="", readiness_text="", baseline_days=0)
    )
    source = chosen_source(session, user_id)
    if not source:
        return 0
    rows = list(
        session.scalars(
            select(DailyValueRow)
            .where(
                DailyValueRow.user_id == user_id,
                DailyValueRow.source == source,
                (DailyValueRow.resting_hr_bpm.is_not(None)) | (DailyValueRow.hrv_ms.is_not(None)),
            )
            .order_by(DailyValueRow.day)
        )
    )
    if not rows:
        return 0
    readings = set(
        session.scalars(
            select(DailySummary.day).where(
                DailySummary.user_id == user_id, DailySummary.ln_rmssd.is_not(None)
            )
        )
    )
    symptoms = pacing_diary.diary_symptoms(session, user_id, rows[0].day - dt.timedelta(days=1), rows[-1].day)
    judged = 0
    for segment, verdicts, baselines in judge_nights(rows, symptoms):
        for row, verdict, baseline in zip(segment, verdicts.days, baselines, strict=True):
            if row.day in readings:
                continue  # a morning reading of that day is judged on its own scale
            row.readiness, row.baseline_days = verdict.level, baseline
            row.readiness_text = f"{label(row)}: {verdict.explanation}"
            judged += 1
    return judged


class Night(Protocol):
    """What judging needs of a night: a stored row or a reader's :class:`DailyValues`."""

    @property
    def day(self) -> dt.date:
        """The local date of the morning."""
        ...

    @property
    def device(self) -> str:
        """The device that measured it."""
        ...

    @property
    def hrv_ms(self) -> float | None:
        """Night HRV in ms."""
        ...

    @property
    def hrv_metric(self) -> str:
        """RMSSD or SDNN."""
        ...

    @property
    def resting_hr_bpm(self) -> float | None:
        """Resting heart rate."""
        ...


N = TypeVar("N", bound=Night)


def judge_nights(
    nights: Sequence[N], symptoms: DaySymptoms | None
) -> Iterator[tuple[list[N], Readiness, list[int]]]:
    """One source's nights (oldest first) judged per device: each device's nights against each other only.

    Yields each device's nights, their readiness and how many earlier nights each baseline holds. HRV enters
    as ln RMSSD only when the source measures RMSSD; with SDNN the HRV factor is left out.
    """
    window_days = int(fact("pacing.readiness.baseline_days").scalar())
    for _, group in groupby(nights, key=lambda n: (n.device, n.hrv_metric)):
        segment = list(group)
        mornings = Mornings(
            [n.day for n in segment],
            [math.log(n.hrv_ms) if n.hrv_ms and n.hrv_metric == RMSSD else math.nan for n in segment],
            [n.resting_hr_bpm if n.resting_hr_bpm is not None else math.nan for n in segment],
        )
        baselines = [
            sum(1 for earlier in segment[:i] if 0 < (night.day - earlier.day).days <= window_days)
            for i, night in enumerate(segment)
        ]
        yield segment, pace_readiness(mornings, symptoms), baselines


def most_complete(nights: Iterable[DailyValues]) -> str:
    """The source with the most HRV and resting-heart-rate values among these nights ('' when none has any)."""
    counts: dict[str, int] = {}
    for n in nights:
        counts[n.source] = counts.get(n.source, 0) + (n.hrv_ms is not None) + (n.resting_hr_bpm is not None)
    best = max(counts.items(), key=lambda item: (item[1], item[0]), default=("", 0))
    return best[0] if best[1] else ""


def label(row: DailyValueRow | DailyValues) -> str:
    """'From Oura Ring's night (RMSSD)': the source a nightly value comes from, in words."""
    device = row.device or SOURCE_NAMES.get(row.source, row.source)
    metric = f" ({row.hrv_metric.upper()})" if row.hrv_metric else ""
    return f"From {device}'s night{metric}"


def latest_judged(session: Session, user_id: int) -> DailyValueRow | None:
    """The most recent night with a readiness verdict."""
    return session.scalar(
        select(DailyValueRow)
        .where(DailyValueRow.user_id == user_id, DailyValueRow.readiness != "")
        .order_by(DailyValueRow.day.desc())
        .limit(1)
    )


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
