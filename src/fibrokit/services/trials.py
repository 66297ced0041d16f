"""Treatment trials: planning an LDN trial, opioid records, and the trial as the core's plan.

A stored trial becomes the core's :class:`~fibrokit.treatments.TrialPlan` with every opioid record of the
person and the trial's latest clinician confirmation, so the core's :func:`~fibrokit.treatments.trial_guard`
decides every path: the dose calendar, the prescription request, the costs, the evaluation and logging a dose
all refuse while the stop applies. Side effects, opioid records, confirmations and the clinician questions
stay available. Functions taking a ``Session`` never commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.errors import InputError
from fibrokit.services import diary, trial_baseline
from fibrokit.services.trial_baseline import day_of as day_of
from fibrokit.store.tables import (
    ClinicianConfirmationRow,
    OpioidRecordRow,
    TrialRow,
)
from fibrokit.treatments import (
    ClinicianConfirmation,
    DoseSchedule,
    DoseStep,
    OpioidUse,
    Product,
    TrialPlan,
    TrialStopped,
    ldn_schedule,
    own_schedule,
    trial_guard,
)
from fibrokit.treatments.plan import OPIOID_PATTERNS, OpioidPattern
from fibrokit.treatments.prices import STATE_CODES

FORMS = ("capsule", "tablet", "scored_tablet", "quad_tablet")
TIMES = ("bedtime", "morning", "other")
# The codes the cost comparison knows: the 50 states, DC and the US Virgin Islands.
US_STATES = tuple(sorted(STATE_CODES))


def not_future(day: dt.date, today: dt.date, what: str) -> dt.date:
    """``day``, unless it is after tomorrow (a day's slack for time zones)."""
    if day > today + dt.timedelta(days=1):
        raise InputError(f"The {what} is in the future: record it once it has happened.")
    return day


def _product(mg: str, form: str, what: str) -> Product:
    try:
        strength = float(mg.strip().replace(",", "."))
        return Product(strength, form)  # type: ignore[arg-type]
    except ValueError:
        raise InputError(f"The {what}: give a strength in mg and a form ({', '.join(FORMS)}).") from None


@dataclass(frozen=True)
class PlanForm:
    """The plan form as typed."""

    schedule: str
    first_dose: str
    titration_mg: str
    titration_form: str
    maintenance_mg: str
    maintenance_form: str
    opioids: str
    opioid_detail: str = ""
    opioid_on: str = ""
    state: str = ""
    primary: str = "pain"
    opioid_pattern: str = ""


def plan_trial(session: Session, user_id: int, form: PlanForm, today: dt.date) -> TrialRow:
    """Store a new LDN trial (and the opioid use it reports, which stops it until a clinician confirms).

    Blank products take the schedule's defaults; a blank first dose is the earliest day that leaves room for
    the baseline. A first dose still to come that leaves too little room for the baseline is refused.
    """
    try:
        schedule = ldn_schedule(form.schedule)
    except ValueError:
        raise InputError("Choose one of the schedules.") from None
    if schedule.opioid_start:
        raise InputError(
            "The very-low-dose starts are only for around-the-clock opioid use, chosen by the clinician when "
            "confirming: plan a standard schedule and record the opioid use."
        )
    first = trial_baseline.first_dose_of(session, user_id, form.first_dose, today)
    titration, maintenance = _products(schedule, form)
    state = form.state.strip().upper()
    if state and state not in US_STATES:
        raise InputError(
            f"{form.state!r} is not a code fibrokit knows: give one of the 50 US states, DC or VI."
        )
    outcomes = symptom_outcomes(session, user_id, form.primary)
    if form.opioids not in ("yes", "no"):
        raise InputError(
            "Say whether you have taken any opioid in the last weeks: it decides if the trial can start."
        )
    if form.opioids == "yes":
        record_opioid(session, user_id, form.opioid_on, form.opioid_detail, today, form.opioid_pattern)
    row = TrialRow(
        user_id=user_id,
        treatment=schedule.treatment,
        schedule_key=schedule.key,
        first_dose=first,
        outcomes=list(outcomes),
        primary_outcome=form.primary,
        titration_mg=titration.strength_mg,
        titration_form=titration.form,
        maintenance_mg=maintenance.strength_mg,
        maintenance_form=maintenance.form,
        state=state,
    )
    session.add(row)
    session.flush()
    return row


def symptom_outcomes(session: Session, user_id: int, primary: str) -> list[str]:
    """The symptoms the person's check-ins rate (the trial's outcomes); ``primary`` must be one of them."""
    outcomes = [i.key for i in diary.current_items(session, user_id) if i.kind == "symptom"]
    if primary not in outcomes:
        raise InputError("The main outcome must be one of the symptoms your check-ins rate.")
    return outcomes


def schedule_of(row: TrialRow) -> DoseSchedule:
    """A stored trial's schedule: an LDN schedule, or the one the person and clinician chose."""
    if row.schedule_key == "own" and row.own_steps:
        steps = tuple(
            DoseStep(float(mg or 0), None if days is None else int(days)) for mg, days in row.own_steps
        )
        return own_schedule(row.treatment, steps, row.dose_unit)
    return ldn_schedule(row.schedule_key)


def is_ldn(row: TrialRow) -> bool:
    """True for an LDN trial (prescription request, prices and the opioid rules apply)."""
    return row.schedule_key != "own"


def _products(schedule: DoseSchedule, form: PlanForm) -> tuple[Product, Product]:
    """The products typed, or the schedule's defaults, checked against every dose they must make."""
    maintenance = (
        _product(form.maintenance_mg, form.maintenance_form, "product for the target dose")
        if form.maintenance_mg.strip() or form.maintenance_form.strip()
        else schedule.maintenance_product or Product(schedule.target_mg, "capsule")
    )
    titration = (
        _product(form.titration_mg, form.titration_form, "product for the first steps")
        if form.titration_mg.strip() or form.titration_form.strip()
        else schedule.titration_product or maintenance
    )
    for step in schedule.titration:
        if titration.units_for(step.mg) is None:
            raise InputError(
                f"{titration.describe()} cannot make this schedule's {step.mg:g} mg dose: leave the products "
                "blank for the schedule's own, or choose a strength that divides it."
            )
    if maintenance.units_for(schedule.target_mg) is None:
        raise InputError(
            f"{maintenance.describe()} cannot make the {schedule.target_mg:g} mg target dose: leave the products "
            "blank for the schedule's own, or choose a strength that divides it."
        )
    return titration, maintenance


def get_trial(session: Session, user_id: int, trial_id: int) -> TrialRow | None:
    """One of the person's trials (None when it does not exist or is someone else's)."""
    return session.scalar(select(TrialRow).where(TrialRow.id == trial_id, TrialRow.user_id == user_id))


def list_trials(session: Session, user_id: int) -> list[TrialRow]:
    """The person's trials, the most recently planned first."""
    rows = session.scalars(
        select(TrialRow).where(TrialRow.user_id == user_id).order_by(TrialRow.id.desc())
    ).all()
    return list(rows)


def latest_trial(session: Session, user_id: int) -> TrialRow | None:
    """The person's most recently planned trial (whatever its first dose)."""
    found = list_trials(session, user_id)
    return found[0] if found else None


def core_plan(session: Session, row: TrialRow) -> TrialPlan:
    """The trial as the core's plan, with every opioid record of the person and the latest confirmation."""
    records = opioid_records(session, row.user_id)
    confirmation = session.scalar(
        select(ClinicianConfirmationRow)
        .where(ClinicianConfirmationRow.trial_id == row.id, ClinicianConfirmationRow.user_id == row.user_id)
        .order_by(ClinicianConfirmationRow.confirmed_on.desc(), ClinicianConfirmationRow.id.desc())
        .limit(1)
    )
    return TrialPlan(
        schedule_of(row),
        row.first_dose,
        tuple(row.outcomes),
        row.primary_outcome,
        tuple(OpioidUse(r.used_on, r.detail, _pattern(r.pattern)) for r in records),
        None
        if confirmation is None
        else ClinicianConfirmation(confirmation.clinician, confirmation.confirmed_on, confirmation.statement),
    )


def products(row: TrialRow) -> tuple[Product, Product]:
    """The products of the titration and of the target dose (LDN trials only)."""
    if not is_ldn(row):
        raise InputError("Prescription requests and prices are for LDN trials only.")
    return (
        Product(row.titration_mg, row.titration_form),  # type: ignore[arg-type]
        Product(row.maintenance_mg, row.maintenance_form),  # type: ignore[arg-type]
    )


def stop_reason(plan: TrialPlan) -> str | None:
    """The core's reason the trial is stopped, or None when it may go on."""
    try:
        trial_guard(plan)
    except TrialStopped as stop:
        return str(stop)
    return None


def opioid_records(session: Session, user_id: int) -> list[OpioidRecordRow]:
    """The person's opioid records, oldest first."""
    rows = session.scalars(
        select(OpioidRecordRow)
        .where(OpioidRecordRow.user_id == user_id)
        .order_by(OpioidRecordRow.used_on, OpioidRecordRow.id)
    ).all()
    return list(rows)


def _pattern(value: str) -> OpioidPattern:
    return value if value in OPIOID_PATTERNS else "not_said"  # type: ignore[return-value]


def record_opioid(
    session: Session, user_id: int, on: str, detail: str, today: dt.date, pattern: str = ""
) -> OpioidRecordRow:
    """Record opioid use: every LDN trial of the person stops until a clinician confirms in writing.

    ``pattern`` is ``intermittent``, ``around_the_clock`` or blank (not said, handled as around the clock).
    """
    day = not_future(day_of(on, "day of the opioid use", today), today, "opioid use")
    chosen = pattern.strip().replace("-", "_") or "not_said"
    if chosen not in OPIOID_PATTERNS:
        raise InputError(
            "Say how the opioid is taken: intermittent (now and then in the daytime) or around_the_clock."
        )
    row = OpioidRecordRow(user_id=user_id, used_on=day, detail=" ".join(detail.split())[:500], pattern=chosen)
    session.add(row)
    session.flush()
    return row


def trial_of(session: Session, user_id: int, trial_id: int) -> TrialRow:
    """One of the person's trials, or one sentence saying there is none."""
    row = get_trial(session, user_id, trial_id)
    if row is None:
        raise InputError("There is no such trial of yours.")
    return row
