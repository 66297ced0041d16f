"""Reports over a chosen period and chosen areas, from what a person stored.

This module gathers stored data into a :class:`fibrokit.report.Period` and lets the report package lay it out;
the tests are scored again from their stored recordings, so the report shows the same figures and norms as a
report made from the files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np

from fibrokit.errors import FibrokitError
from fibrokit.evidence.cite import numbers
from fibrokit.pacing import Mornings, WeekLoad, pace_readiness, pace_week
from fibrokit.protocols import ProtocolResult, ewing
from fibrokit.report import REPORT_AREAS, Item, Period, Person, ReportContent, period_content
from fibrokit.services.accounts.people import age_for
from fibrokit.services.diary import queries as diary_queries
from fibrokit.services.diary import rows as diary_rows
from fibrokit.services.home import queries
from fibrokit.services.home.queries import Session
from fibrokit.services.home.views import TEST_KINDS
from fibrokit.services.nightly import views as nightly_report
from fibrokit.services.pacing import views as pacing_views
from fibrokit.services.pacing.lines import settings_of
from fibrokit.services.pacing.symptoms import diary_symptoms
from fibrokit.services.recordings.analysis import score_protocol
from fibrokit.services.recordings.stored import given_phases, load_recording
from fibrokit.services.recordings.title import recording_title
from fibrokit.services.trials import queries as trial_queries
from fibrokit.services.trials import views as trial_views
from fibrokit.treatments import TrialEvaluation, Verdict

# Morning readings are summarised as trends, not one section each.
REPORT_TEST_KINDS = tuple(kind for kind in TEST_KINDS if kind != "morning-reading")
_EWING_PARTS = ("deep-breathing", "valsalva", "active-stand")
DEFAULT_SPAN = dt.timedelta(days=90)


@dataclass(frozen=True)
class ReportRequest:
    """What a person asked for: the dates (inclusive) and the areas."""

    start: dt.date
    end: dt.date
    areas: frozenset[str]

    @classmethod
    def parse(
        cls,
        start: str = "",
        end: str = "",
        areas: list[str] | tuple[str, ...] = (),
        *,
        today: dt.date | None = None,
    ) -> ReportRequest:
        """From form or command-line text; a bad date or area is one plain sentence.

        Left empty, ``end`` is today, ``start`` is :data:`DEFAULT_SPAN` before ``end`` and ``areas`` are all areas.
        """
        try:
            last = dt.date.fromisoformat(end.strip()) if end.strip() else (today or dt.date.today())
            first = dt.date.fromisoformat(start.strip()) if start.strip() else last - DEFAULT_SPAN
        except ValueError:
            raise FibrokitError("dates must be written as YYYY-MM-DD, e.g. 2026-01-31") from None
        chosen = frozenset(area.strip() for area in areas if area.strip()) or frozenset(REPORT_AREAS)
        unknown = sorted(chosen - set(REPORT_AREAS))
        if unknown:
            raise FibrokitError(f"unknown report area {unknown[0]!r}; choose from {', '.join(REPORT_AREAS)}")
        if last < first:
            raise FibrokitError("the report must end on or after the day it starts")
        return cls(first, last, chosen)


def period_report(
    session: Session, user_id: int, request: ReportRequest, *, created: dt.date | None = None
) -> ReportContent:
    """The report's content for one person over the requested dates and areas."""
    user = queries.person(session, user_id)
    if user is None:
        raise FibrokitError("there is no such account")
    person = Person(name=user.name, age=age_for(session, user_id, None, {}), sex=user.sex)
    # Readings before the period build the readiness baseline of its first mornings.
    lead = dt.timedelta(days=int(numbers("pacing.readiness.baseline_days")[0]))
    lead_start = request.start - lead
    mornings = _mornings(session, user_id, lead_start, request.end)
    areas = request.areas
    trial, verdict = _trial(session, user_id, request, created) if "treatments" in areas else (None, None)
    period = Period(
        request.start,
        request.end,
        areas,
        tests=_tests(session, user_id, request) if "tests" in areas else (),
        mornings=mornings,
        diary=diary_rows.core_days(diary_queries.diary_days(session, user_id, request.start, request.end))
        if "diary" in areas
        else (),
        trial=trial,
        verdict=verdict,
        weeks=_weeks(session, user_id, request) if "pacing" in areas else (),
        readiness=pace_readiness(mornings, diary_symptoms(session, user_id, lead_start, request.end))
        if len(mornings.dates)
        else None,
    )
    content = period_content(period, person, created=created)
    if "tests" not in areas:
        return content
    devices = nightly_report.device_sections(session, user_id, request.start, request.end)
    return dataclasses.replace(content, sections=content.sections + devices)


def _trial(
    session: Session, user_id: int, request: ReportRequest, created: dt.date | None
) -> tuple[TrialEvaluation | None, Verdict | None]:
    """The evaluation of the latest trial begun by the period's end, as it stood at that end (or today)."""
    row = trial_queries.latest_begun(session, user_id, request.end)
    if row is None:
        return None, None
    as_of = min(request.end, created or dt.date.today())
    try:
        _, judged, verdict = trial_views.evaluation(session, user_id, row.id, as_of)
    except FibrokitError:
        return None, None  # stopped for opioid use, or not enough diary days to judge: nothing to report
    return judged, verdict


def _weeks(session: Session, user_id: int, request: ReportRequest) -> tuple[WeekLoad, ...]:
    """Load week by week over the period, against the budget in force at its end."""
    monday = request.start - dt.timedelta(days=request.start.weekday())
    budget = pacing_views.budget_view(session, user_id, settings_of(session, user_id), request.end)
    return pace_week(pacing_views.day_loads(session, user_id, monday, request.end), budget.points)


def _tests(session: Session, user_id: int, request: ReportRequest) -> tuple[Item, ...]:
    rows = queries.tests_between(session, user_id, REPORT_TEST_KINDS, request.start, request.end)
    items: list[Item] = []
    latest: dict[str, ProtocolResult] = {}
    for row in rows:
        recording = load_recording(session, row)
        age = age_for(session, user_id, row.start_utc, recording.metadata)
        try:
            result = score_protocol(recording, row.kind, age, given_phases(row))
        except (FibrokitError, ValueError):
            continue  # stored as a test but not scorable today (e.g. the year of birth was removed)
        items.append(Item(recording, result, recording_title(row)))
        latest[row.kind] = result
    if all(kind in latest for kind in _EWING_PARTS):
        items.append(Item(None, ewing(*(latest[kind] for kind in _EWING_PARTS))))
    return tuple(items)


def _mornings(session: Session, user_id: int, start: dt.date, end: dt.date) -> Mornings:
    rows = queries.readings_between(session, user_id, start, end)
    ln_rmssd = np.array([np.nan if r.ln_rmssd is None else r.ln_rmssd for r in rows], dtype=float)
    hr = np.array([np.nan if r.resting_hr_bpm is None else r.resting_hr_bpm for r in rows], dtype=float)
    return Mornings([r.day for r in rows], ln_rmssd, hr, ok=np.isfinite(ln_rmssd) & np.isfinite(hr))
