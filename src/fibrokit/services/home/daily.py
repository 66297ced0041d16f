"""Daily summaries: rebuilt when a recording of that day is stored, with the morning's readiness judged then.

Readiness comes from the pacing core (:func:`~fibrokit.pacing.pace_readiness`): each morning against the
person's own earlier mornings within the baseline window, with yesterday's symptoms and last night's sleep from
the diary when it has them (:mod:`fibrokit.services.pacing.diary`). A reading stored for a past day changes the
baseline of the days after it, so those are judged again too; so does a diary day saved or removed later
(:func:`diary_changed`). The dashboard then only reads the stored verdict.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.pacing import Mornings, pace_readiness
from fibrokit.services.nightly import actions as nightly_actions
from fibrokit.services.pacing import diary as pacing_diary
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
    nightly_actions.judge_if_any(session, user_id)


def diary_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """The mornings a diary day bears on: from ``day`` to a baseline window after the next one.

    The day's sleep rating is the night before that morning, its symptoms are "yesterday's" for the next
    morning, and both then sit in the baselines of the mornings within the window after that one.
    """
    return day, day + _window() + _DAY


Verdict = tuple[dt.date, str, str, int]  # a morning, its level, the explanation, mornings in its baseline


def rejudge(session: Session, user_id: int, first: dt.date, last: dt.date) -> None:
    """Judge and store the readiness of the mornings from ``first`` to ``last`` (two queries; one when none is stored).

    The mornings of the baseline window before ``first`` are read as their baseline; their own stored verdicts
    are left as they are.
    """
    _store(session, user_id, _judge(session, user_id, first, last))


def _judge(session: Session, user_id: int, first: dt.date, last: dt.date) -> tuple[Verdict, ...]:
    window = _window()
    readings = [d for d in queries.days(session, user_id, first - window, last) if d.ln_rmssd is not None]
    if not any(d.day >= first for d in readings):
        return ()
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
    return tuple(
        (day, verdict.level, verdict.explanation, bisect_left(days, day) - bisect_left(days, day - window))
        for day, verdict in zip(mornings, judged.days, strict=True)
    )


def _store(session: Session, user_id: int, verdicts: tuple[Verdict, ...]) -> None:
    for day, level, explanation, baseline_days in verdicts:
        # Already in the session when judged in it: set on the object, so only changed rows are written.
        summary = session.get(DailySummary, (user_id, day))
        if summary is not None:
            summary.readiness, summary.readiness_text = level, explanation
            summary.baseline_days = baseline_days


def queue_diary_change(session: Session, user_id: int, day: dt.date) -> None:
    """Leave the mornings a diary day bears on to be judged soon (:func:`judge_queue`), not in this request.

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


@dataclass(frozen=True)
class Judged:
    """Verdicts for one person's queued mornings, and the queue row (by its time) they work off."""

    user_id: int
    queued_at: dt.datetime
    verdicts: tuple[Verdict, ...]


def judge_queue(
    session: Session,
    user_id: int | None = None,
    *,
    limit: int = 20,
    quiet_since: dt.datetime | None = None,
) -> tuple[Judged, ...]:
    """Judge the queued mornings of up to ``limit`` people (or of ``user_id``), reading only.

    ``quiet_since`` takes only people whose last change is older than that, so a burst of check-ins is
    judged once, after it. Store the verdicts with :func:`settle`, in a write turn of its own: the judging,
    the slow part, holds no lock.
    """
    query = select(ReadinessQueue).order_by(ReadinessQueue.queued_at).limit(limit)
    if user_id is not None:
        query = query.where(ReadinessQueue.user_id == user_id)
    if quiet_since is not None:
        query = query.where(ReadinessQueue.queued_at <= quiet_since)
    rows = [(row.user_id, row.first_day, row.last_day, row.queued_at) for row in session.scalars(query)]
    return tuple(Judged(uid, at, _judge(session, uid, first, last)) for uid, first, last, at in rows)


def settle(session: Session, judged: tuple[Judged, ...]) -> int:
    """Store judged verdicts and take their rows off the queue; how many rows were taken off.

    A row widened by a change after it was judged stays queued (its time moved), so that change is judged
    in the next round; the verdicts stored meanwhile are the best known and are soon replaced.
    """
    done = 0
    for item in judged:
        _store(session, item.user_id, item.verdicts)
        nightly_actions.judge_if_any(session, item.user_id)  # the diary is a factor of nights' verdicts too
        gone = session.execute(
            delete(ReadinessQueue).where(
                ReadinessQueue.user_id == item.user_id, ReadinessQueue.queued_at == item.queued_at
            )
        )
        done += int(gone.rowcount or 0)  # type: ignore[attr-defined]
    return done


def latest_morning(session: Session, user_id: int) -> DailySummary | None:
    """The most recent day with a morning reading."""
    return queries.latest_reading_day(session, user_id)


def _window() -> dt.timedelta:
    return dt.timedelta(days=int(fact("pacing.readiness.baseline_days").scalar()))
