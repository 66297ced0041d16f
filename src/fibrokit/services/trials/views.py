"""What the trial pages show: plan form, trial page, calendar, logs, questions, request, costs, evaluation.

Typed, frozen page models; every number comes from the core (which applies the opioid guard) or from the
evidence registry. The rows a page lists are the stored rows, read through ``queries.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fibrokit.diary import pgic_score
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers
from fibrokit.services.diary import checkins as diary
from fibrokit.services.diary import queries as diary_queries
from fibrokit.services.diary import rows as diary_rows
from fibrokit.services.recordings.views import Citation, cite_keys
from fibrokit.services.trials import _plan, queries
from fibrokit.services.trials._baseline import (
    baseline_needed,
    baseline_window,
    earliest_first_dose,
    rated_days,
)
from fibrokit.services.trials.queries import Session
from fibrokit.store.tables import (
    ClinicianConfirmationRow,
    InstrumentRow,
    OpioidRecordRow,
    SideEffectRow,
    TrialRow,
)
from fibrokit.treatments import (
    LDN_SCHEDULES,
    ClinicianQuestion,
    CostComparison,
    DoseSchedule,
    DoseTaken,
    Expectation,
    PrescriptionRequest,
    SideEffectReport,
    TrialEvaluation,
    TrialPlan,
    Verdict,
    dose_calendar,
    ldn_price_table,
    prescription_request,
    side_effect_questions,
    trial_cost,
    trial_evaluation,
    trial_expectations,
    trial_guard,
    trial_verdict,
)
from fibrokit.treatments.own_schedule import OWN_UNITS
from fibrokit.treatments.plan import SIDE_EFFECTS

__all__ = [
    "CONTEXT_KEYS",
    "OWN_UNITS",
    "SIDE_EFFECTS",
    "DayRow",
    "EvaluationTerms",
    "TrialPage",
    "WeekRow",
    "baseline_needed",
    "baseline_window",
    "costs",
    "earliest_first_dose",
    "evaluation",
    "evaluation_terms",
    "expectations",
    "opioid_free_weeks",
    "own_expectations",
    "prescription",
    "price_keys",
    "rated_days",
    "schedule_citations",
    "schedules",
    "trial_page",
    "trial_weeks",
    "units_text",
    "very_low_starts",
]

# Facts that put a trial in context, shown beside the plan and the evaluation.
CONTEXT_KEYS = (
    "trial.duration_weeks",
    "trial.baseline_min_days",
    "immpact.pain_reduction_pct",
    "ldn.younger_2013.pain_change_pct",
    "ldn.final.pain_change_points",
    "ldn.article.improved_in_10",
    "ldn.onset_weeks",
    "ldn.late_responders_pct",
    "trial.opioid_free_weeks_final",
)


@dataclass(frozen=True)
class DayRow:
    """One day of the calendar: the scheduled dose, the units of the product, and the dose logged."""

    day: dt.date
    week: int
    mg: float
    units: float | None
    taken_mg: float | None


@dataclass(frozen=True)
class WeekRow:
    """One week of the calendar: its days, its doses and units in words, doses logged of those due so far."""

    week: int
    start: dt.date
    end: dt.date
    mg: str
    units: str
    logged: int
    due: int


@dataclass(frozen=True)
class TrialPage:
    """A trial's page."""

    row: TrialRow
    plan: TrialPlan
    stopped: str | None
    week_now: int
    days: tuple[DayRow, ...]
    weeks: tuple[WeekRow, ...]
    doses_logged: int
    baseline_days: int
    baseline_needed: int
    side_effects: tuple[SideEffectRow, ...]
    questions: tuple[ClinicianQuestion, ...]
    opioids: tuple[OpioidRecordRow, ...]
    confirmations: tuple[ClinicianConfirmationRow, ...]
    pgic: InstrumentRow | None
    labels: dict[str, str]
    citations: tuple[Citation, ...]
    units_text: str
    expectations: tuple[Expectation, ...]


@dataclass(frozen=True)
class EvaluationTerms:
    """The numbers the evaluation page names: window length, interval level, IMMPACT's moderate reduction."""

    window_days: int
    level_pct: int
    moderate_pct: int


def schedule_citations(schedule: DoseSchedule) -> list[Citation]:
    """Where every dose and duration of a schedule comes from."""
    return cite_keys(list(schedule.evidence))


def schedules() -> list[tuple[DoseSchedule, list[str]]]:
    """Every standard LDN schedule with the works its doses and durations come from, for the plan form.

    The very-low-dose starts are left out: only a clinician chooses them, when confirming a trial with
    around-the-clock opioid use.
    """
    return [
        (s, list(dict.fromkeys(c.citation for c in schedule_citations(s))))
        for s in LDN_SCHEDULES.values()
        if not s.opioid_start
    ]


def units_text(row: TrialRow) -> str:
    """What the calendar's units are, e.g. "1.5 mg capsules, then 4.5 mg capsules" (one product when one)."""
    schedule = _plan.schedule_of(row)
    if not _plan.is_ldn(row):
        return schedule.unit
    titration, maintenance = _plan.products(row)
    if not schedule.titration or titration == maintenance:
        return maintenance.describe()
    return f"{titration.describe()}, then {maintenance.describe()}"


def very_low_starts() -> list[tuple[str, str]]:
    """The very-low-dose starts a clinician can choose with around-the-clock opioid use: (key, name)."""
    return [(s.key, s.name) for s in LDN_SCHEDULES.values() if s.opioid_start]


def expectations(key: str) -> tuple[Expectation, ...]:
    """What to expect from a trial on LDN schedule ``key``."""
    return trial_expectations(LDN_SCHEDULES[key])


def own_expectations(row: TrialRow) -> tuple[Expectation, ...]:
    """What to expect from a stored trial."""
    return trial_expectations(_plan.schedule_of(row))


def trial_page(session: Session, user_id: int, trial_id: int, today: dt.date) -> TrialPage | None:
    """The page of one of the person's trials (None when there is no such trial)."""
    row = queries.get_trial(session, user_id, trial_id)
    if row is None:
        return None
    plan = _plan.core_plan(session, row)
    stopped = _plan.stop_reason(plan)
    taken = {d.taken_on: d.mg for d in queries.doses(session, row.id)}
    days = _calendar(row, plan, taken) if stopped is None else ()
    effects = tuple(queries.side_effects(session, user_id, row.id))
    before = row.first_dose - dt.timedelta(days=1)
    baseline = rated_days(session, user_id, row.first_dose - baseline_window(), before, row.primary_outcome)
    reports = tuple(SideEffectReport(e.reported_on, e.effect, e.severity, e.note) for e in effects)  # type: ignore[arg-type]
    return TrialPage(
        row,
        plan,
        stopped,
        max(0, (today - row.first_dose).days // 7 + 1) if today >= row.first_dose else 0,
        days,
        _weeks(days, today, plan.schedule.unit),
        len(taken),
        baseline,
        baseline_needed(),
        effects,
        side_effect_questions(plan, reports),
        tuple(queries.opioid_records(session, user_id)),
        tuple(queries.confirmations(session, row.id)),
        diary_queries.latest_pgic(session, user_id, row.id),
        diary.labels(session, user_id),
        tuple(schedule_citations(plan.schedule) + cite_keys(list(CONTEXT_KEYS))),
        units_text(row),
        trial_expectations(plan.schedule),
    )


def _calendar(row: TrialRow, plan: TrialPlan, taken: dict[dt.date, float]) -> tuple[DayRow, ...]:
    made = _plan.products(row) if _plan.is_ldn(row) else None
    days = []
    for d in dose_calendar(plan):
        units = None
        if made is not None:
            units = (made[0] if d.mg != plan.schedule.target_mg else made[1]).units_for(d.mg)
        days.append(DayRow(d.day, d.week, d.mg, units, taken.get(d.day)))
    return tuple(days)


def _weeks(days: tuple[DayRow, ...], today: dt.date, unit: str = "mg") -> tuple[WeekRow, ...]:
    out = []
    for week in sorted({d.week for d in days}):
        members = [d for d in days if d.week == week]
        doses = dict(sorted({(d.mg, d.units) for d in members}, key=lambda pair: pair[0]))
        out.append(
            WeekRow(
                week=week,
                start=members[0].day,
                end=members[-1].day,
                mg=" then ".join(f"{mg:g} {unit}" for mg in doses),
                units=" then ".join(f"{u:g}" for u in doses.values() if u is not None),
                logged=sum(1 for d in members if d.taken_mg is not None),
                due=sum(1 for d in members if d.day <= today),
            )
        )
    return tuple(out)


def prescription(session: Session, user_id: int, trial_id: int) -> tuple[TrialRow, PrescriptionRequest]:
    """The prescription request of a trial (the core refuses while the trial is stopped)."""
    row = _plan.trial_of(session, user_id, trial_id)
    titration, maintenance = _plan.products(row)
    return row, prescription_request(_plan.core_plan(session, row), titration, maintenance)


def costs(
    session: Session, user_id: int, trial_id: int, state: str, today: dt.date
) -> tuple[TrialRow, CostComparison | None]:
    """The cost comparison for a US state (None until a state is chosen); refused while stopped."""
    row = _plan.trial_of(session, user_id, trial_id)
    plan = _plan.core_plan(session, row)
    trial_guard(plan)
    _plan.products(row)  # refuses for a trial of another treatment
    code = (state or row.state).strip().upper()
    if not code:
        return row, None
    try:
        return row, trial_cost(plan, ldn_price_table(), code, today)
    except ValueError as error:
        raise InputError(str(error)) from None


def evaluation(
    session: Session, user_id: int, trial_id: int, today: dt.date
) -> tuple[TrialRow, TrialEvaluation, Verdict]:
    """The evaluation at weeks 4, 8 and 12 and the verdict, from the stored diary days (seeded by the trial)."""
    row = _plan.trial_of(session, user_id, trial_id)
    plan = _plan.core_plan(session, row)
    trial_guard(plan)
    days = diary_rows.core_days(
        diary_queries.diary_days(session, user_id, row.first_dose - baseline_window(), today)
    )
    pgic = diary_queries.latest_pgic(session, user_id, row.id)
    doses = tuple(DoseTaken(d.taken_on, d.mg) for d in queries.doses(session, row.id))
    judged = trial_evaluation(
        plan,
        days,
        today,
        pgic=None if pgic is None else pgic_score(int(pgic.answers["rating"])),
        doses=doses,
        seed=row.id,
    )
    return row, judged, trial_verdict(judged)


def price_keys(comparison: CostComparison | None) -> list[str]:
    """The evidence keys of the prices a comparison used, and the table's publication year."""
    used = [] if comparison is None else [key for quote in comparison.quotes for key in quote.evidence]
    return [*used, "price.published_year"]


def trial_weeks(row: TrialRow | None = None) -> int:
    """Weeks at the target dose before a trial is judged, or, for a trial, the week of its verdict."""
    if row is None:
        return int(fact("trial.duration_weeks").scalar())
    return TrialPlan(_plan.schedule_of(row), row.first_dose).final_week()


def evaluation_terms() -> EvaluationTerms:
    """The numbers the evaluation page names: window length, interval level, IMMPACT's moderate reduction."""
    return EvaluationTerms(
        window_days=int(fact("trial.window_days").scalar()),
        level_pct=round(100 * fact("trial.interval_level").scalar()),
        moderate_pct=round(numbers("immpact.pain_reduction_pct")[1]),
    )


def opioid_free_weeks() -> int:
    """Weeks without opioids that FINAL required before entry (what the plan form asks about)."""
    return int(fact("trial.opioid_free_weeks_final").scalar())
