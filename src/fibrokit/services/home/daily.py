"""Each morning's readiness, judged on the daily summaries: when a recording of that day is stored, and after.

Readiness comes from the pacing core (:func:`~fibrokit.pacing.pace_readiness`): each morning against the
person's own earlier mornings within the baseline window, with yesterday's symptoms and last night's sleep from
the diary when it has them (:mod:`fibrokit.services.pacing.symptoms`). A reading stored for a past day changes the
baseline of the days after it, so those are judged again too; so does a diary day saved or removed later
(:func:`fibrokit.services.home.actions.diary_changed`). The dashboard then only reads the stored verdict.

This module judges and reads; storing the verdicts is :mod:`fibrokit.services.home.actions`.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from dataclasses import dataclass

from fibrokit.evidence import fact
from fibrokit.pacing import Mornings, pace_readiness
from fibrokit.services.home import queries
from fibrokit.services.home.queries import Session
from fibrokit.services.pacing.symptoms import diary_symptoms
from fibrokit.store.tables import DailySummary

_DAY = dt.timedelta(days=1)


def diary_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """The mornings a diary day bears on: from ``day`` to a baseline window after the next one.

    The day's sleep rating is the night before that morning, its symptoms are "yesterday's" for the next
    morning, and both then sit in the baselines of the mornings within the window after that one.
    """
    return day, day + window() + _DAY


Verdict = tuple[dt.date, str, str, int]  # a morning, its level, the explanation, mornings in its baseline


def judge(session: Session, user_id: int, first: dt.date, last: dt.date) -> tuple[Verdict, ...]:
    """The readiness of the mornings from ``first`` to ``last``, each against the mornings of its baseline window."""
    span = window()
    readings = [d for d in queries.days(session, user_id, first - span, last) if d.ln_rmssd is not None]
    if not any(d.day >= first for d in readings):
        return ()
    # A morning's diary factors are the day before it (symptoms) and its own day (sleep).
    symptoms = diary_symptoms(session, user_id, readings[0].day - _DAY, last)
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
        (day, verdict.level, verdict.explanation, bisect_left(days, day) - bisect_left(days, day - span))
        for day, verdict in zip(mornings, judged.days, strict=True)
    )


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
    judged once, after it. Store the verdicts with :func:`fibrokit.services.home.actions.settle`, in a write
    turn of its own: the judging, the slow part, holds no lock.
    """
    rows = queries.queued(session, user_id, limit, quiet_since)
    return tuple(Judged(uid, at, judge(session, uid, first, last)) for uid, first, last, at in rows)


def latest_morning(session: Session, user_id: int) -> DailySummary | None:
    """The most recent day with a morning reading."""
    return queries.latest_reading_day(session, user_id)


def window() -> dt.timedelta:
    """The readiness baseline window: how many earlier days a morning is judged against."""
    return dt.timedelta(days=int(fact("pacing.readiness.baseline_days").scalar()))
