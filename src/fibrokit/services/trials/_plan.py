"""A stored trial as the core sees it: its schedule, its products, its plan with the opioid records, its stop.

A stored trial becomes the core's :class:`~fibrokit.treatments.TrialPlan` with every opioid record of the
person and the trial's latest clinician confirmation, so the core's :func:`~fibrokit.treatments.trial_guard`
decides every path: the dose calendar, the prescription request, the costs, the evaluation and logging a dose
all refuse while the stop applies.
"""

from __future__ import annotations

from fibrokit.errors import InputError
from fibrokit.services.trials import queries
from fibrokit.services.trials.queries import Session
from fibrokit.store.tables import TrialRow
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


def core_plan(session: Session, row: TrialRow) -> TrialPlan:
    """The trial as the core's plan, with every opioid record of the person and the latest confirmation."""
    records = queries.opioid_records(session, row.user_id)
    confirmation = queries.latest_confirmation(session, row)
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


def trial_of(session: Session, user_id: int, trial_id: int) -> TrialRow:
    """One of the person's trials, or one sentence saying there is none."""
    row = queries.get_trial(session, user_id, trial_id)
    if row is None:
        raise InputError("There is no such trial of yours.")
    return row


def latest_trial(session: Session, user_id: int) -> TrialRow | None:
    """The person's most recently planned trial (whatever its first dose)."""
    found = queries.list_trials(session, user_id)
    return found[0] if found else None


def _pattern(value: str) -> OpioidPattern:
    return value if value in OPIOID_PATTERNS else "not_said"  # type: ignore[return-value]
