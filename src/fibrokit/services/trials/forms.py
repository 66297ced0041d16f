"""The trial forms as typed, and turning what was typed into the core's values (one sentence per mistake).

Shared by the app's forms and the command line's options; nothing here reads or writes the database.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from fibrokit.errors import InputError
from fibrokit.treatments import DoseSchedule, DoseStep, Product
from fibrokit.treatments.prices import STATE_CODES

FORMS = ("capsule", "tablet", "scored_tablet", "quad_tablet")
TIMES = ("bedtime", "morning", "other")
SEVERITIES = ("mild", "moderate", "severe")
# The codes the cost comparison knows: the 50 states, DC and the US Virgin Islands.
US_STATES = tuple(sorted(STATE_CODES))


@dataclass(frozen=True)
class PlanForm:
    """The LDN plan form as typed."""

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


@dataclass(frozen=True)
class OwnPlanForm:
    """The form for a trial of any other treatment, as typed."""

    treatment: str
    steps: str
    unit: str = "mg"
    first_dose: str = ""
    primary: str = "pain"


def day_of(value: str, what: str, default: dt.date | None = None) -> dt.date:
    """A date typed as YYYY-MM-DD (``default`` when blank)."""
    if not value.strip():
        if default is None:
            raise InputError(f"Give the {what} (YYYY-MM-DD).")
        return default
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"The {what} {value.strip()!r} is not a date (use YYYY-MM-DD).") from None


def not_future(day: dt.date, today: dt.date, what: str) -> dt.date:
    """``day``, unless it is after tomorrow (a day's slack for time zones)."""
    if day > today + dt.timedelta(days=1):
        raise InputError(f"The {what} is in the future: record it once it has happened.")
    return day


def state_of(typed: str) -> str:
    """A US state code as typed (blank allowed), checked against the price table's."""
    state = typed.strip().upper()
    if state and state not in US_STATES:
        raise InputError(f"{typed!r} is not a code fibrokit knows: give one of the 50 US states, DC or VI.")
    return state


def dose_mg(typed: str) -> float | None:
    """A dose typed in mg, or None for the scheduled dose."""
    if not typed.strip():
        return None
    try:
        amount = float(typed.strip().replace(",", "."))
    except ValueError:
        amount = math.nan
    if not (math.isfinite(amount) and amount > 0):
        raise InputError(
            "Give the dose taken in mg (a positive number), or leave it blank for the scheduled dose."
        )
    return amount


def plan_products(schedule: DoseSchedule, form: PlanForm) -> tuple[Product, Product]:
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


def own_steps(text: str) -> tuple[DoseStep, ...]:
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


def _product(mg: str, form: str, what: str) -> Product:
    try:
        strength = float(mg.strip().replace(",", "."))
        return Product(strength, form)  # type: ignore[arg-type]
    except ValueError:
        raise InputError(f"The {what}: give a strength in mg and a form ({', '.join(FORMS)}).") from None
