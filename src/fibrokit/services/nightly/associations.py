"""The diary against the nights of the baseline's device: how symptoms differ after nights unlike the usual.

A night becomes a diary factor of the day after it when it differs from the person's own usual, so no outside
cut-off is needed: less sleep than their median night, a resting heart rate above their median, HRV below
their median (RMSSD and SDNN each against themselves), more steps than their median day, or a night their
readiness flagged. Each factor is then compared with the day's pain and tiredness by the diary's own rules
(:func:`fibrokit.diary.diary_correlation`: enough days with and without, an effect size and a caution, never a
p-value).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from statistics import median

from fibrokit.diary import DailySummary as CoreDay
from fibrokit.diary import DiaryCorrelation, diary_correlation
from fibrokit.errors import InsufficientData
from fibrokit.services.diary import queries as diary_queries
from fibrokit.services.diary import rows as diary_rows
from fibrokit.services.nightly import queries
from fibrokit.services.nightly.queries import Session
from fibrokit.services.nightly.values import chosen_source, sources
from fibrokit.services.pacing.symptoms import OVERALL_ITEMS
from fibrokit.store.tables import DailyValueRow

FACTORS = {
    "less_sleep_than_usual": "a night with less sleep than your usual",
    "higher_resting_hr_than_usual": "a night with a resting heart rate above your usual",
    "lower_hrv_than_usual": "a night with HRV below your usual",
    "more_steps_than_usual": "a day with more steps than your usual (its next day)",
    "device_flagged_night": "a night your readiness flagged",
}
_FLAGGED = {"watch", "out of balance"}
_WINDOW = dt.timedelta(days=90)
HEADING = "Your diary after nights unlike your usual"
NOT_ENOUGH = (
    "Not enough diary days beside your nights yet: at least a few days with and a few without each kind of "
    "night are needed."
)


@dataclass(frozen=True)
class DeviceAssociation:
    """One factor from the device's nights against one symptom: the result, or why there is none yet."""

    factor: str
    outcome: str
    result: DiaryCorrelation | None
    reason: str


def device_associations(
    session: Session, user_id: int, since: dt.date, until: dt.date
) -> list[DeviceAssociation]:
    """Every device factor against pain and tiredness over the dates, for the baseline's source."""
    source = chosen_source(session, user_id)
    if not source:
        return []
    rows = queries.nights(session, user_id, since, until, source)
    days = diary_rows.core_days(diary_queries.diary_days(session, user_id, since, until))
    if not rows or not days:
        return []
    marked = _with_factors(days, night_factors(rows))
    present = [f for f in FACTORS if any(f in d.factors for d in marked)]
    pairs = [(f, o) for f in present for o in OVERALL_ITEMS]
    found = []
    for factor, outcome in pairs:
        try:
            result = diary_correlation(marked, factor, outcome, lag_days=0, comparisons=len(pairs))
            found.append(DeviceAssociation(factor, outcome, result, ""))
        except InsufficientData as error:
            found.append(DeviceAssociation(factor, outcome, None, str(error)))
    return found


def recent_associations(session: Session, user_id: int) -> list[DeviceAssociation]:
    """:func:`device_associations` over the last 90 days up to the newest imported night (the dashboard's span)."""
    newest = max((s.last for s in sources(session, user_id)), default=None)
    return device_associations(session, user_id, newest - _WINDOW, newest) if newest else []


@dataclass(frozen=True)
class Described:
    """What the app and the command line say: one sentence per association found, then the caution or why none."""

    lines: tuple[str, ...]
    note: str


def described(found: list[DeviceAssociation] | tuple[DeviceAssociation, ...]) -> Described | None:
    """The sentences for ``found`` (None when there is nothing to compare: no nights or no diary days at all)."""
    if not found:
        return None
    lines = tuple(
        f"{a.outcome.replace('_', ' ').capitalize()}: {a.result.difference:+.1f} points on days after "
        f"{FACTORS[a.factor]} ({a.result.days_with} days with, {a.result.days_without} without)."
        for a in found
        if a.result is not None
    )
    note = next((a.result.caution for a in found if a.result is not None), NOT_ENOUGH)
    return Described(lines, note)


def night_factors(rows: list[DailyValueRow]) -> dict[dt.date, set[str]]:
    """The factors each date's night (or the day before's steps) carries, against the person's own medians."""
    usual = {
        "sleep": _median([r.sleep_minutes for r in rows]),
        "hr": _median([r.resting_hr_bpm for r in rows]),
        "hrv": _median([r.hrv_ms for r in rows]),
        "steps": _median([r.steps for r in rows]),
    }
    factors: dict[dt.date, set[str]] = {}
    for row in rows:
        found = factors.setdefault(row.day, set())
        if _below(row.sleep_minutes, usual["sleep"]):
            found.add("less_sleep_than_usual")
        if _below(usual["hr"], row.resting_hr_bpm):
            found.add("higher_resting_hr_than_usual")
        if _below(row.hrv_ms, usual["hrv"]):
            found.add("lower_hrv_than_usual")
        if row.readiness in _FLAGGED:
            found.add("device_flagged_night")
        if _below(usual["steps"], row.steps):
            factors.setdefault(row.day + dt.timedelta(days=1), set()).add("more_steps_than_usual")
    return factors


def _with_factors(days: tuple[CoreDay, ...], factors: dict[dt.date, set[str]]) -> tuple[CoreDay, ...]:
    return tuple(dataclasses.replace(d, factors=d.factors | factors.get(d.day, set())) for d in days)


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return median(present) if present else None


def _below(value: float | None, than: float | None) -> bool:
    return value is not None and than is not None and value < than
