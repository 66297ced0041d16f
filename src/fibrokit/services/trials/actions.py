"""What changes a trial: planning (LDN or any other treatment), opioid records, doses, side effects, confirmations.

Every function takes the caller's session and never commits: the route, the command or the test that calls it
owns the transaction (and rolls back on a refusal). Logging a dose goes through the core's opioid guard like
every other trial path; side effects, opioid records and confirmations stay possible while a trial is stopped,
because they are how it is resolved. The statements themselves are in ``queries.py``.
"""

from __future__ import annotations

import datetime as dt

from fibrokit.errors import InputError
from fibrokit.services.diary import checkins as diary
from fibrokit.services.diary.checkins import sentence
from fibrokit.services.trials import _plan, queries
from fibrokit.services.trials._baseline import first_dose_of
from fibrokit.services.trials.forms import (
    SEVERITIES,
    TIMES,
    OwnPlanForm,
    PlanForm,
    day_of,
    dose_mg,
    not_future,
    own_steps,
    plan_products,
    state_of,
)
from fibrokit.services.trials.queries import Session
from fibrokit.store.tables import (
    ClinicianConfirmationRow,
    OpioidRecordRow,
    SideEffectRow,
    TrialDoseRow,
    TrialRow,
)
from fibrokit.treatments import (
    ClinicianConfirmation,
    Product,
    SideEffectReport,
    ldn_schedule,
    ldn_schedules_offered,
    own_schedule,
    trial_guard,
)
from fibrokit.treatments.plan import OPIOID_PATTERNS

MAX_LOG_DAYS = 120


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
    first = first_dose_of(session, user_id, form.first_dose, today)
    titration, maintenance = plan_products(schedule, form)
    state = state_of(form.state)
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
    return queries.add(session, row)


def plan_own_trial(session: Session, user_id: int, form: OwnPlanForm, today: dt.date) -> TrialRow:
    """Store a trial of any treatment other than LDN, with the schedule the person and clinician chose.

    The same trial as LDN's (baseline, calendar, log, side-effect questions, evaluation); the prescription
    request, prices and opioid rules stay LDN's.
    """
    try:
        schedule = own_schedule(form.treatment, own_steps(form.steps), form.unit.strip() or "mg")
    except ValueError as error:
        raise InputError(sentence(error)) from None
    first = first_dose_of(session, user_id, form.first_dose, today)
    row = TrialRow(
        user_id=user_id,
        treatment=schedule.treatment,
        schedule_key=schedule.key,
        first_dose=first,
        outcomes=symptom_outcomes(session, user_id, form.primary),
        primary_outcome=form.primary,
        titration_mg=schedule.steps[0].mg,
        titration_form="",
        maintenance_mg=schedule.target_mg,
        maintenance_form="",
        own_steps=[[step.mg, step.days] for step in schedule.steps],
        dose_unit=schedule.unit,
    )
    return queries.add(session, row)


def symptom_outcomes(session: Session, user_id: int, primary: str) -> list[str]:
    """The symptoms the person's check-ins rate (the trial's outcomes); ``primary`` must be one of them."""
    outcomes = [i.key for i in diary.current_items(session, user_id) if i.kind == "symptom"]
    if primary not in outcomes:
        raise InputError("The main outcome must be one of the symptoms your check-ins rate.")
    return outcomes


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
    return queries.add(session, row)


def log_doses(
    session: Session,
    user_id: int,
    trial_id: int,
    *,
    on: str,
    until: str = "",
    mg: str = "",
    time_of_day: str = "bedtime",
    today: dt.date,
) -> int:
    """Log the dose of one day, or of every day from ``on`` to ``until`` (the scheduled dose unless ``mg``).

    Refused while the trial is stopped (the core's opioid guard). A day logged again is replaced; a blank
    ``time_of_day`` is bedtime.
    """
    row = _plan.trial_of(session, user_id, trial_id)
    plan = _plan.core_plan(session, row)
    trial_guard(plan)
    start = not_future(day_of(on, "day of the dose"), today, "dose")
    end = not_future(day_of(until, "last day", start), today, "last day")
    if start < row.first_dose:
        raise InputError(
            f"The trial's first dose is on {row.first_dose.isoformat()}; log doses from then on."
        )
    if end < start or (end - start).days >= MAX_LOG_DAYS:
        raise InputError(f"Give a last day on or after the first, at most {MAX_LOG_DAYS} days later.")
    time_of_day = time_of_day.strip() or "bedtime"
    if time_of_day not in TIMES:
        raise InputError(f"Say when it was taken: {', '.join(TIMES)}.")
    amount = dose_mg(mg)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    existing = queries.doses_between(session, row.id, start, end)
    for day in days:
        dose = existing.get(day) or TrialDoseRow(trial_id=row.id, user_id=user_id, taken_on=day)
        dose.mg = amount if amount is not None else plan.schedule.mg_on((day - row.first_dose).days)
        dose.time_of_day = time_of_day
        queries.add(session, dose)
    return len(days)


def report_side_effect(
    session: Session,
    user_id: int,
    trial_id: int,
    *,
    effect: str,
    severity: str,
    on: str = "",
    note: str = "",
    today: dt.date,
) -> SideEffectRow:
    """Record a side effect (allowed while the trial is stopped: it becomes a question for the clinician)."""
    row = _plan.trial_of(session, user_id, trial_id)
    day = not_future(day_of(on, "day", today), today, "side effect")
    if day < row.first_dose:
        raise InputError(
            f"The trial's first dose is on {row.first_dose.isoformat()}: a side effect before it cannot come "
            "from the treatment (note it in your diary instead)."
        )
    try:
        report = SideEffectReport(day, effect, severity, note.strip())  # type: ignore[arg-type]
    except ValueError:
        raise InputError(f"Choose a side effect and how bad it was ({', '.join(SEVERITIES)}).") from None
    stored = SideEffectRow(
        trial_id=row.id,
        user_id=user_id,
        reported_on=report.on,
        effect=report.effect,
        severity=report.severity,
        note=report.note[:2000],
    )
    return queries.add(session, stored)


def confirm(
    session: Session,
    user_id: int,
    trial_id: int,
    *,
    clinician: str,
    on: str,
    statement: str,
    today: dt.date,
    schedule: str = "",
) -> ClinicianConfirmationRow:
    """Add the clinician's written confirmation to a trial stopped by opioid use.

    ``schedule`` is the clinician's choice of schedule, which replaces the trial's (with its default products).
    With around-the-clock opioid use only a very-low-dose start can be chosen, and one must be: a confirmation
    that would leave a standard schedule in place is refused.
    """
    row = _plan.trial_of(session, user_id, trial_id)
    if row.schedule_key == "own":
        raise InputError("A clinician's opioid confirmation is needed only for LDN trials.")
    if not queries.opioid_records(session, user_id):
        raise InputError("No opioid use is recorded, so the trial needs no confirmation.")
    day = day_of(on, "date of the confirmation")
    if day > today:
        raise InputError("The confirmation cannot be dated after today.")
    try:
        confirmation = ClinicianConfirmation(" ".join(clinician.split()), day, statement.strip())
    except ValueError as error:
        raise InputError(sentence(error)) from None
    plan = _plan.core_plan(session, row)
    offered = {s.key: s for s in ldn_schedules_offered(plan.opioid_use, confirmation)}
    chosen = schedule.strip() or row.schedule_key
    if offered and chosen not in offered:
        raise InputError(
            f"With the opioid use recorded, the clinician chooses one of: {', '.join(offered)} (give it as the "
            "schedule with the confirmation)."
        )
    if chosen != row.schedule_key and chosen in offered:
        new = offered[chosen]
        maintenance = new.maintenance_product or Product(new.target_mg, "capsule")
        titration = new.titration_product or maintenance
        row.schedule_key = chosen
        row.titration_mg, row.titration_form = titration.strength_mg, titration.form
        row.maintenance_mg, row.maintenance_form = maintenance.strength_mg, maintenance.form
    stored = ClinicianConfirmationRow(
        trial_id=row.id,
        user_id=user_id,
        clinician=confirmation.clinician[:200],
        confirmed_on=confirmation.on,
        statement=confirmation.statement[:4000],
    )
    return queries.add(session, stored)
