"""What the pacing pages (and ``fibrokit pace`` on the store) show, read from stored rows and reviews.

Today's readiness (judged when the morning was stored), the lines of today with their rules and sources, the
load used today against the budget, weeks of load, and the plan with this week's target. The science is the
pacing core's (:func:`~fibrokit.pacing.pace_budget`, :func:`~fibrokit.pacing.pace_week`,
:func:`~fibrokit.pacing.pace_plan`); this module only gathers its inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.pacing import (
    Budget,
    DayLoads,
    DaySymptoms,
    PlanWeek,
    ProgressionPlan,
    WeekLoad,
    WeekOutcome,
    pace_budget,
    pace_plan,
    pace_week,
)
from fibrokit.pacing.pace_budget import BUDGET_EVIDENCE
from fibrokit.pacing.pace_load import LOAD_EVIDENCE, load_model_sentence
from fibrokit.pacing.pace_readiness import READINESS_EVIDENCE
from fibrokit.services.home.kept import kept
from fibrokit.services.pacing import diary as pacing_diary
from fibrokit.services.pacing import lines as pacing
from fibrokit.services.pacing import reviews as pacing_reviews
from fibrokit.services.recordings import queries as recording_queries
from fibrokit.services.recordings.views import Citation, cite_keys
from fibrokit.store import pacing_queries, queries
from fibrokit.store.tables import DailySummary, PacingReview, PacingSettings, RecordingRow

WEEKS_SHOWN = 8
NOT_A_PRESCRIPTION = (
    "fibrokit informs; it does not diagnose or prescribe. Pacing is advice to go gently, not a prescription: "
    "talk over your lines, budget and plan with your clinician or physiotherapist, and stop on chest pain, "
    "faintness or unusual breathlessness."
)
# The plan weighs flagged mornings (the diary's symptoms and sleep among their factors), not diary flares.
PLAN_FLARES = "Flares in the symptom diary do not shape the plan yet: it holds after flagged mornings."


@dataclass(frozen=True)
class BudgetView:
    """The budget in force: set by hand, or learned from past days (with the learned one's explanation).

    ``diary_days`` counts the days of the history window whose diary gives an overall severity; with none the
    budget is learned as if no day was followed by a flare.
    """

    points: float | None
    by_hand: bool
    learned: Budget
    diary_days: int = 0
    diary_used: bool = False

    @property
    def explanation(self) -> str:
        """How the budget was reached, in plain words."""
        if self.by_hand:
            return f"Budget {self.points:.0f} points, set by hand. (Learned from your days: {self.learned.explanation})"
        return self.learned.explanation

    @property
    def diary_note(self) -> str:
        """Whether the learned budget used the symptom diary, and how."""
        return pacing_diary.budget_note(self.diary_days, used=self.diary_used)


@dataclass(frozen=True)
class PlanView:
    """The person's plan, where they are in it, and this week's target."""

    plan: ProgressionPlan
    start: dt.date
    week_index: int
    target: PlanWeek | None
    status: str

    @property
    def starts(self) -> list[dt.date]:
        """The Monday each week of the plan begins."""
        return [self.start + dt.timedelta(weeks=w.week - 1) for w in self.plan.weeks]


@dataclass(frozen=True)
class Today:
    """Today at a glance: the morning, the lines, load used and left."""

    day: dt.date
    lines: pacing.DayLines
    morning: DailySummary | None
    used: float
    recordings_today: int
    budget: BudgetView

    @property
    def morning_is_today(self) -> bool:
        """Whether the latest morning reading is today's."""
        return self.morning is not None and self.morning.day == self.day

    @property
    def left(self) -> float | None:
        """Points left in today's budget (negative when over)."""
        return None if self.budget.points is None else self.budget.points - self.used


@dataclass(frozen=True)
class PacingPage:
    """The pacing page: today, weeks, plan, the sources of every number, and reviews still to redo."""

    today: Today
    weeks: tuple[WeekLoad, ...]
    plan: PlanView | None
    waiting: int
    settings: PacingSettings
    citations: dict[str, list[Citation]]
    load_model: str


def day_loads(session: Session, user_id: int, since: dt.date, until: dt.date) -> DayLoads:
    """Load per day with a recorded activity, from ``since`` to ``until``."""
    rows = pacing_queries.day_loads(session, user_id, since, until)
    return DayLoads([day for day, _ in rows], [points for _, points in rows])


def _learned(loads: DayLoads, settings: PacingSettings, symptoms: DaySymptoms | None) -> BudgetView:
    rated = pacing_diary.rated_days(symptoms)
    # A diary without pain or tiredness ratings shows no flare: the budget is learned as without a diary.
    learned = pace_budget(loads, symptoms if rated else None)
    diary_used = bool(rated)
    if rated and learned.points is None:
        # A diary begun recently pairs too few active days with a rated next day; rather than lose the budget
        # until it does, learn it from the loads alone, as before the diary, and say so.
        learned, diary_used = pace_budget(loads), False
    if settings.budget_points is not None:
        return BudgetView(settings.budget_points, True, learned, rated, diary_used)
    return BudgetView(learned.points, False, learned, rated, diary_used)


def _diary(session: Session, user_id: int, today: dt.date) -> DaySymptoms | None:
    # The days after the loads (up to today) tell whether a flare followed them.
    return pacing_diary.diary_symptoms(session, user_id, _history(today), today)


def _history(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=int(fact("pacing.budget.history_days").scalar()))


def budget_view(session: Session, user_id: int, settings: PacingSettings, today: dt.date) -> BudgetView:
    """The budget of ``today``: by hand, else learned from the days before it (never today, not yet over)."""
    return _budget(
        session,
        user_id,
        settings,
        today,
        lambda: day_loads(session, user_id, _history(today), today - dt.timedelta(days=1)),
    )


def _budget(
    session: Session, user_id: int, settings: PacingSettings, today: dt.date, loads: Callable[[], DayLoads]
) -> BudgetView:
    # Learning a budget reads 90 days of loads and diary; the result is kept (per server process) until one of
    # those or the settings change, so the dashboard and pacing page do not learn it again on every visit.
    version = (
        *pacing_queries.budget_inputs_version(session, user_id),
        settings.updated_at,
        settings.budget_points,
    )
    kept = _BUDGETS.get((user_id, today))
    if kept is not None and kept[0] == version:
        return kept[1]
    view = _learned(loads(), settings, _diary(session, user_id, today))
    if len(_BUDGETS) >= _BUDGETS_KEPT:
        _BUDGETS.clear()  # a simple bound: with many people on one server each relearns theirs once
    _BUDGETS[(user_id, today)] = (version, view)
    return view


_BUDGETS: dict[tuple[int, dt.date], tuple[tuple[object, ...], BudgetView]] = {}
_BUDGETS_KEPT = 4096


def today_view(session: Session, user_id: int, today: dt.date, inputs: pacing.Inputs | None = None) -> Today:
    """Today's lines, morning reading, load and budget (one query for the days' loads, one for the diary)."""
    inputs = inputs or pacing.load_inputs(session, user_id, today)
    totals = pacing_queries.day_totals(session, user_id, _history(today), today)
    before = [(day, points) for day, points, _, other in totals if other and day < today]
    now = [(points, count) for day, points, count, _ in totals if day == today]
    return Today(
        today,
        inputs.lines_on(today),
        queries.latest_reading_day(session, user_id),
        now[0][0] if now else 0.0,
        now[0][1] if now else 0,
        _budget(
            session,
            user_id,
            inputs.settings,
            today,
            lambda: DayLoads([d for d, _ in before], [p for _, p in before]),
        ),
    )


def plan_view(session: Session, user_id: int, settings: PacingSettings, today: dt.date) -> PlanView | None:
    """The stored plan, adjusted by how its finished weeks went (flagged mornings; diary flares not yet)."""
    if not settings.plan_activity or settings.plan_start is None or settings.plan_minutes is None:
        return None
    start = settings.plan_start
    index = (today - start).days // 7
    done = max(0, min(index, (settings.plan_weeks or 0) - 1))  # finished weeks that shape the next
    flagged = pacing_queries.flagged_days(session, user_id, start, start + dt.timedelta(weeks=done, days=-1))
    history = [
        WeekOutcome(low_readiness_days=sum(1 for day in flagged if (day - start).days // 7 == w))
        for w in range(done)
    ]
    plan = pace_plan(
        settings.plan_activity,  # type: ignore[arg-type]
        settings.plan_minutes,
        sessions_per_week=settings.plan_sessions or 1,
        weeks=settings.plan_weeks or 0,
        history=history,
    )
    if index < 0:
        status, target = f"The plan starts on {start.isoformat()}.", None
    elif index >= len(plan.weeks):
        end = start + dt.timedelta(weeks=len(plan.weeks), days=-1)
        status, target = f"The plan ended on {end.isoformat()}: set a new one when you are ready.", None
    else:
        status, target = f"Week {index + 1} of {len(plan.weeks)}.", plan.weeks[index]
    return PlanView(plan, start, index, target, status)


def pacing_page_kept(session: Session, user_id: int, today: dt.date) -> PacingPage:
    """The pacing page, built once per change of the person's data and per day (see ``services.kept``)."""
    return kept(session, user_id, "pacing", today, lambda: pacing_page(session, user_id, today))


def pacing_page(session: Session, user_id: int, today: dt.date) -> PacingPage:
    """Everything the pacing page shows."""
    inputs = pacing.load_inputs(session, user_id, today)
    now = today_view(session, user_id, today, inputs)
    monday = today - dt.timedelta(days=today.weekday())
    weeks = pace_week(
        day_loads(session, user_id, monday - dt.timedelta(weeks=WEEKS_SHOWN - 1), today), now.budget.points
    )
    plan = plan_view(session, user_id, inputs.settings, today)
    citations = {
        "lines": cite_keys(now.lines.evidence),
        "load": cite_keys([*LOAD_EVIDENCE, *BUDGET_EVIDENCE, "pacing.budget.history_days"]),
        "readiness": cite_keys(list(READINESS_EVIDENCE)),
        "plan": cite_keys(list(plan.plan.evidence)) if plan is not None else [],
    }
    return PacingPage(
        now,
        weeks,
        plan,
        pacing_reviews.waiting(session, user_id),
        inputs.settings,
        citations,
        load_model_sentence(),
    )


@dataclass(frozen=True)
class ActivityPage:
    """One recording's pacing review, with the sources of its lines and load."""

    row: RecordingRow
    review: PacingReview | None
    citations: list[Citation]

    @property
    def dwell_s(self) -> float:
        """Seconds a new zone must hold before it is shown."""
        return fact("pacing.zones.dwell_s").scalar()

    @property
    def hysteresis_bpm(self) -> float:
        """How far below a line heart rate must fall to leave its zone."""
        return fact("pacing.zones.hysteresis_bpm").scalar()


def activity_page(session: Session, user_id: int, recording_id: int) -> ActivityPage | None:
    """The review of one of the person's recordings (None when it is not theirs)."""
    row = recording_queries.get_recording(session, user_id, recording_id)
    if row is None:
        return None
    review = session.scalar(select(PacingReview).where(PacingReview.recording_id == row.id))
    keys = [*pacing_reviews.review_data(review).get("evidence", []), *LOAD_EVIDENCE, "pacing.recovery_s"]
    return ActivityPage(row, review, cite_keys(keys) if review is not None else [])


def review_of(session: Session, user_id: int, recording_id: int) -> PacingReview | None:
    """The pacing review of one of the person's recordings, if it has one."""
    return session.scalar(
        select(PacingReview).where(PacingReview.recording_id == recording_id, PacingReview.user_id == user_id)
    )


@dataclass(frozen=True)
class PacingCard:
    """The dashboard's glance at pacing: today's load against the budget, and this week's plan target."""

    today: Today
    plan: PlanView | None


def pacing_card(session: Session, user_id: int, today: dt.date) -> PacingCard:
    """Today's load, budget and lines, and the plan's target this week."""
    inputs = pacing.load_inputs(session, user_id, today)
    return PacingCard(
        today_view(session, user_id, today, inputs), plan_view(session, user_id, inputs.settings, today)
    )
