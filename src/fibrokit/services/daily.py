"""Daily summaries: rebuilt when a recording of that day is stored, with the morning's readiness judged then.

Readiness comes from the pacing core (:func:`~fibrokit.pacing.pace_readiness`): each morning against the
person's own earlier mornings within the baseline window, with yesterday's symptoms and last night's sleep from
the diary when it has them (:mod:`fibrokit.services.pacing_diary`). A reading stored for a past day changes the
baseline of the days after it, so those are judged again too; so does a diary day saved or removed later
(:func:`diary_changed`). The dashboard then only reads the stored verdict.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.pacing import Mornings, pace_readiness
from fibrokit.services import pacing_diary
from fibrokit.store import queries
from fibrokit.store.tables import DailySummary, ReadinessQueue, utcnow

_DAY = dt.timedelta(days=1)


def refresh(session: Session, user_id: int, day: dt.date) -> None:
    """Rebuild the summary of ``day`` and judge the readiness of every morning whose baseline it is part of."""
    queries.refresh_day(session, user_id, day)
    session.flush()
    rejudge(session, user_id, day, day + _window())


def diary_changed(session: Session, user_id: int, day: dt.date) -> None:
    """Judge again the mornings a changed diary day bears on (:func:`diary_span`), in this transaction."""
    session.flush()
    rejudge(session, user_id, *diary_span(day))


def diary_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """The mornings a diary day bears on: from ``day`` to a baseline window after the next one.

    The day's sleep rating is the night before that morning, its symptoms are "yesterday's" for the next
    morning, and both then sit in the baselines of the mornings within the window after that one.
    """
    return day, day + _window() + _DAY


def rejudge(session: Session, user_id: int, first: dt.date, last: dt.date) -> None:
    """Judge and store the readiness of the mornings from ``first`` to ``last`` (two queries; one when none is stored).

    The mornings of the baseline window before ``first`` are read as their baseline; their own stored verdicts
    are left as they are.
    """
    window = _window()
    readings = [d for d in queries.days(session, user_id, first - window, last) if d.ln_rmssd is not None]
    if not any(d.day >= first for d in readings):
        return
    # A morning's diary factors are the day before it (symptoms) and its own day (sleep).
    symptoms = pacing_diary.diary_symptoms(session, user_id, readings[0].day - _DAY, last)
    judged = pace_readiness(
        Mornings(
            [d.day for d in readings],
            [d.ln_rmssd if d.ln_rmssd is not None else math.nan for d in readings],
            [d.resting_hr_bpm if d.resting_hr_bpm is not None else math.nan for d in readings],
        ),
        symptoms,
        since=first,
    )
    days = [d.day for d in readings]  # oldest first: the baseline of each is a slice found by bisection
    for summary, verdict in zip([d for d in readings if d.day >= first], judged.days, strict=True):
        summary.readiness, summary.readiness_text = verdict.level, verdict.explanation
        summary.baseline_days = bisect_left(days, summary.day) - bisect_left(days, summary.day - window)


def queue_diary_change(session: Session, user_id: int, day: dt.date) -> None:
    """Leave the mornings a diary day bears on to be judged soon (:func:`judge_queued`), not in this request.

    One row per person, widened to cover every change since it was last worked off. The caller holds the
    person's lock (the diary's), so two check-ins never both add the row.
    """
    first, last = diary_span(day)
    row = session.get(ReadinessQueue, user_id)
    if row is None:
        session.add(ReadinessQueue(user_id=user_id, first_day=first, last_day=last))
        return
    row.first_day, row.last_day = min(row.first_day, first), max(row.last_day, last)
    row.queued_at = utcnow()


def judge_queued(session: Session, user_id: int | None = None, *, limit: int = 20) -> int:
    """Judge the queued mornings of up to ``limit`` people (or of ``user_id`` only); how many were done.

    The queue rows are locked while they are worked off (PostgreSQL; SQLite has one writer), so a change
    queued meanwhile waits and is not lost with the row.
    """
    query = select(ReadinessQueue).order_by(ReadinessQueue.queued_at).limit(limit)
    if user_id is not None:
        query = query.where(ReadinessQueue.user_id == user_id)
    rows = session.scalars(query.with_for_update(skip_locked=True)).all()
    for row in rows:
        rejudge(session, row.user_id, row.first_day, row.last_day)
        session.delete(row)
    return len(rows)


def latest_morning(session: Session, user_id: int) -> DailySummary | None:
    """The most recent day with a morning reading."""
    return queries.latest_reading_day(session, user_id)


def _window() -> dt.timedelta:
    return dt.timedelta(days=int(fact("pacing.readiness.baseline_days").scalar()))
