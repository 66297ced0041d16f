"""Readiness from a wearable's nights: for mornings without a reading, judged against the same device's nights.

The baseline's source is the person's choice or the most complete (:func:`fibrokit.services.nightly.values.chosen_source`).
Within it each device's nights are judged against each other only, so a new ring starts a new baseline; HRV
enters as ln RMSSD only when the device measures RMSSD (with SDNN the HRV factor is left out). A morning that
has a morning reading is judged on the reading's own scale (:mod:`fibrokit.services.home.daily`), not here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import Protocol, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.pacing import DaySymptoms, Mornings, Readiness, pace_readiness
from fibrokit.readers.daily_records import RMSSD, DailyValues
from fibrokit.services.nightly.values import SOURCE_NAMES, chosen_source, sources
from fibrokit.services.pacing import symptoms as pacing_symptoms
from fibrokit.store.tables import DailySourceChoice, DailySummary, DailyValueRow, utcnow


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


def judge_if_any(session: Session, user_id: int) -> None:
    """Judge the person's nights again after a diary change, when they have any (one cheap query when not)."""
    if session.scalar(select(DailyValueRow.id).where(DailyValueRow.user_id == user_id).limit(1)) is not None:
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
    symptoms = pacing_symptoms.diary_symptoms(
        session, user_id, rows[0].day - dt.timedelta(days=1), rows[-1].day
    )
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
