"""A trial of any treatment other than LDN, with the schedule the person and their clinician chose.

The same trial as LDN's (baseline, calendar, log, side-effect questions, evaluation); the prescription request,
prices and opioid rules stay LDN's. Functions taking a ``Session`` never commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from fibrokit.errors import InputError
from fibrokit.services.diary import sentence
from fibrokit.services.trial_baseline import first_dose_of
from fibrokit.services.trials import symptom_outcomes
from fibrokit.store.tables import TrialRow
from fibrokit.treatments import DoseStep, own_schedule


@dataclass(frozen=True)
class OwnPlanForm:
    """The form for a trial of any other treatment, as typed."""

    treatment: str
    steps: str
    unit: str = "mg"
    first_dose: str = ""
    primary: str = "pain"


def _steps(text: str) -> tuple[DoseStep, ...]:
    """``"150x7, 300"``: 150 a day for 7 days, then 300 a day (one amount: a fixed schedule)."""
    steps = []
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    try:
        for index, part in enumerate(parts):
            amount, _, days = part.lower().replace("×", "x").partition("x")
            last = index == len(parts) - 1
            if last == bool(days.strip()):
                raise ValueError(part)
            steps.append(DoseStep(float(amount), None if last else int(days)))
    except ValueError:
        steps = []
    if not steps:
        raise InputError(
            "Write the schedule as amounts a day, each step with its days and the target last, such as 300 "
            "or 150x7, 300."
        )
    return tuple(steps)


def plan_own_trial(session: Session, user_id: int, form: OwnPlanForm, today: dt.date) -> TrialRow:
    """Store a trial of any treatment other than LDN, with the schedule the person and clinician chose."""
    try:
        schedule = own_schedule(form.treatment, _steps(form.steps), form.unit.strip() or "mg")
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
    session.add(row)
    session.flush()
    return row
