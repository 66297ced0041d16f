"""A trial's logs: doses, side effects and clinicians' confirmations.

Logging a dose goes through the core's opioid guard like every other trial path; side effects and
confirmations stay possible while a trial is stopped, because they are how it is resolved.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.errors import InputError
from fibrokit.services.diary import sentence
from fibrokit.services.trials import (
    TIMES,
    core_plan,
    day_of,
    not_future,
    opioid_records,
    trial_of,
)
from fibrokit.store.tables import ClinicianConfirmationRow, SideEffectRow, TrialDoseRow
from fibrokit.treatments import (
    ClinicianConfirmation,
    Product,
    SideEffectReport,
    ldn_schedules_offered,
    trial_guard,
)

SEVERITIES = ("mild", "moderate", "severe")
MAX_LOG_DAYS = 120


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

    Refused while the trial is stopped (the core's opioid guard). A day logged again is replaced.
    """
    row = trial_of(session, user_id, trial_id)
    plan = core_plan(session, row)
    trial_guard(plan)
    start = not_future(day_of(on, "day of the dose"), today, "dose")
    end = not_future(day_of(until, "last day", start), today, "last day")
    if start < row.first_dose:
        raise InputError(
            f"The trial's first dose is on {row.first_dose.isoformat()}; log doses from then on."
        )
    if end < start or (end - start).days >= MAX_LOG_DAYS:
        raise InputError(f"Give a last day on or after the first, at most {MAX_LOG_DAYS} days later.")
    if time_of_day not in TIMES:
        raise InputError(f"Say when it was taken: {', '.join(TIMES)}.")
    amount = None
    if mg.strip():
        try:
            amount = float(mg.strip().replace(",", "."))
        except ValueError:
            amount = math.nan
        if not (math.isfinite(amount) and amount > 0):
            raise InputError(
                "Give the dose taken in mg (a positive number), or leave it blank for the scheduled dose."
            )
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    existing = {
        d.taken_on: d
        for d in session.scalars(
            select(TrialDoseRow).where(
                TrialDoseRow.trial_id == row.id, TrialDoseRow.taken_on >= start, TrialDoseRow.taken_on <= end
            )
        )
    }
    for day in days:
        dose = existing.get(day) or TrialDoseRow(trial_id=row.id, user_id=user_id, taken_on=day)
        dose.mg = amount if amount is not None else plan.schedule.mg_on((day - row.first_dose).days)
        dose.time_of_day = time_of_day
        session.add(dose)
    session.flush()
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
    row = trial_of(session, user_id, trial_id)
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
    session.add(stored)
    session.flush()
    return stored


def side_effects(session: Session, user_id: int, trial_id: int) -> list[SideEffectRow]:
    """A trial's side-effect reports, oldest first."""
    rows = session.scalars(
        select(SideEffectRow)
        .where(SideEffectRow.trial_id == trial_id, SideEffectRow.user_id == user_id)
        .order_by(SideEffectRow.reported_on, SideEffectRow.id)
    ).all()
    return list(rows)


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
    row = trial_of(session, user_id, trial_id)
    if row.schedule_key == "own":
        raise InputError("A clinician's opioid confirmation is needed only for LDN trials.")
    records = opioid_records(session, user_id)
    if not records:
        raise InputError("No opioid use is recorded, so the trial needs no confirmation.")
    day = day_of(on, "date of the confirmation")
    if day > today:
        raise InputError("The confirmation cannot be dated after today.")
    try:
        confirmation = ClinicianConfirmation(" ".join(clinician.split()), day, statement.strip())
    except ValueError as error:
        raise InputError(sentence(error)) from None
    plan = core_plan(session, row)
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
    session.add(stored)
    session.flush()
    return stored


def as_report(row: SideEffectRow) -> SideEffectReport:
    """A stored side effect as the core's report."""
    return SideEffectReport(row.reported_on, row.effect, row.severity, row.note)  # type: ignore[arg-type]
