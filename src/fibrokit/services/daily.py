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
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.pacing import Mornings, pace_readiness
from fibrokit.services import pacing_diary
from fibrokit.store import queries
from fibrokit.store.tables import DailySummary, DiaryDay

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


@dataclass(frozen=True)
class Verdicts:
    """Readiness judged for the mornings from ``first`` to ``last``, and the state of the data behind it."""

    first: dt.date
    last: dt.date
    user_id: int
    rows: tuple[tuple[dt.date, str, str, int], ...]  # day, level, explanation, mornings in its baseline
    version: tuple[object, ...]


def rejudge(session: Session, user_id: int, first: dt.date, last: dt.date) -> None:
    """Judge and store the readiness of the mornings from ``first`` to ``last``, in this transaction."""
    _apply(session, judge(session, user_id, first, last))


def judge(session: Session, user_id: int, first: dt.date, last: dt.date) -> Verdicts:
    """Judge the mornings from ``first`` to ``last`` without writing (two or three queries).

    The mornings of the baseline window before ``first`` are read as their baseline; their own stored verdicts
    are left as they are. Store the result with :func:`store`, which judges again if the data changed meanwhile.
    """
    window = _window()
    version = data_version(session, user_id)
    readings = [d for d in queries.days(session, user_id, first - window, last) if d.ln_rmssd is not None]
    if not any(d.day >= first for d in readings):
        return Verdicts(first, last, user_id, (), version)
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
    mornings = [d.day for d in readings if d.day >= first]
    rows = tuple(
        (day, verdict.level, verdict.explanation, bisect_left(days, day) - bisect_left(days, day - window))
        for day, verdict in zip(mornings, judged.days, strict=True)
    )
    return Verdicts(first, last, user_id, rows, version)


def store(session: Session, user_id: int, verdicts: Verdicts) -> None:
    """Store verdicts judged earlier (outside the write turn); judged again here if the data changed since."""
    if data_version(session, user_id) != verdicts.version:
        verdicts = judge(session, user_id, verdicts.first, verdicts.last)
    _apply(session, verdicts)


def _apply(session: Session, verdicts: Verdicts) -> None:
    for day, level, explanation, baseline_days in verdicts.rows:
        # Usually already in the session (read while judging): set on the object, so whatever else this
        # transaction reads sees the new verdict, and only changed rows are written.
        summary = session.get(DailySummary, (verdicts.user_id, day))
        if summary is not None:
            summary.readiness, summary.readiness_text = level, explanation
            summary.baseline_days = baseline_days


def data_version(session: Session, user_id: int) -> tuple[object, ...]:
    """What readiness depends on, summed up cheaply: how many mornings and diary days, and their last change."""
    mornings = session.execute(
        select(func.count(), func.max(DailySummary.updated_at)).where(DailySummary.user_id == user_id)
    ).one()
    diary = session.execute(
        select(func.count(), func.max(DiaryDay.updated_at)).where(DiaryDay.user_id == user_id)
    ).one()
    return (*mornings, *diary)


def latest_morning(session: Session, user_id: int) -> DailySummary | None:
    """The most recent day with a morning reading."""
    return queries.latest_reading_day(session, user_id)


def _window() -> dt.timedelta:
    return dt.timedelta(days=int(fact("pacing.readiness.baseline_days").scalar()))
