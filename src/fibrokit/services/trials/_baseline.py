"""When a trial's first dose can be: the baseline of daily ratings it leaves room for.

A first dose still to come must leave room for the rated baseline days the evaluation needs (the days already
rated in the window before it, plus the days still to come); without a day typed, the earliest such day is used.
"""

from __future__ import annotations

import datetime as dt

from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.services.diary import queries as diary_queries
from fibrokit.services.trials.forms import day_of
from fibrokit.services.trials.queries import Session


def baseline_window() -> dt.timedelta:
    """The days before the first dose that make up the baseline."""
    return dt.timedelta(days=int(fact("trial.baseline_max_days").scalar()))


def baseline_needed() -> int:
    """Rated baseline days the evaluation needs."""
    return int(fact("trial.baseline_min_days").scalar())


def rated_days(session: Session, user_id: int, since: dt.date, until: dt.date, key: str = "pain") -> int:
    """Days from ``since`` to ``until`` on which symptom ``key`` was rated."""
    return sum(1 for day in diary_queries.diary_days(session, user_id, since, until) if key in day.symptoms)


def first_dose_of(session: Session, user_id: int, typed: str, today: dt.date) -> dt.date:
    """The first dose typed (or the earliest with room for the baseline), within a year of today."""
    first = (
        earliest_first_dose(session, user_id, today)
        if not typed.strip()
        else day_of(typed, "day of the first dose")
    )
    if not today - dt.timedelta(days=366) <= first <= today + dt.timedelta(days=366):
        raise InputError("The first dose must be within a year of today.")
    if first > today:
        _check_baseline_room(session, user_id, first, today)
    return first


def earliest_first_dose(session: Session, user_id: int, today: dt.date) -> dt.date:
    """The earliest day after today whose baseline can still reach the days the evaluation needs."""
    need = baseline_needed()
    first = today + dt.timedelta(days=1)
    while _baseline_possible(session, user_id, first, today) < need:
        first += dt.timedelta(days=1)
    return first


def _baseline_possible(session: Session, user_id: int, first: dt.date, today: dt.date) -> int:
    """Baseline days the first dose leaves: days already rated in the window, plus days still to come."""
    window = baseline_window().days
    since = first - dt.timedelta(days=window)
    rated = {
        day.day
        for day in diary_queries.diary_days(session, user_id, since, first - dt.timedelta(days=1))
        if day.symptoms
    }
    days = (since + dt.timedelta(days=i) for i in range(window))
    return sum(1 for day in days if day in rated or day >= today)


def _check_baseline_room(session: Session, user_id: int, first: dt.date, today: dt.date) -> None:
    need = baseline_needed()
    possible = _baseline_possible(session, user_id, first, today)
    if possible < need:
        earliest = earliest_first_dose(session, user_id, today)
        raise InputError(
            f"A first dose on {first.isoformat()} leaves room for only {possible} of the {need} baseline days "
            f"the evaluation needs: choose {earliest.isoformat()} or later, and rate your symptoms every day "
            "until then."
        )
