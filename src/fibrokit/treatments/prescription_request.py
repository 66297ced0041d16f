"""A prescription request a patient can take to the doctor: strength, form and quantity from the schedule."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fibrokit.evidence import fact
from fibrokit.treatments.plan import DoseSchedule, Product, TrialPlan
from fibrokit.treatments.trial_guard import trial_guard


@dataclass(frozen=True)
class PrescriptionLine:
    """One item of the request: the product, how many, the directions, and how the quantity was worked out."""

    product: Product
    quantity: int
    directions: str
    arithmetic: str = ""


@dataclass(frozen=True)
class PrescriptionRequest:
    """What to ask the clinician for.

    Attributes
    ----------
    lines : tuple of PrescriptionLine
    schedule : str
        The schedule's name.
    text : str
        The request in plain words, ready to print.
    evidence : tuple of str
        Evidence keys of the schedule and the supply length.
    """

    lines: tuple[PrescriptionLine, ...]
    schedule: str
    text: str
    evidence: tuple[str, ...]


def prescription_request(
    plan: TrialPlan,
    titration: Product | None = None,
    maintenance: Product | None = None,
    *,
    supply_days: int | None = None,
) -> PrescriptionRequest:
    """Compute the quantities a schedule needs and word them as a request for the clinician to consider.

    The titration product covers every step before the target dose; the maintenance product covers the target
    dose for ``supply_days`` (90 by default: the 12-week trial and its follow-up visit, and the pharmacies'
    90-count packs). Halves and quarters are counted where the form can be split, and a line is rounded up to
    whole capsules or tablets. When both products are the same, the lines are merged.

    Parameters
    ----------
    plan : TrialPlan
    titration, maintenance : Product, optional
        The schedule's default products when not given (e.g. 1.5 mg capsules then 4.5 mg capsules, or scored
        3 mg tablets throughout for the half-tablet schedules).
    supply_days : int, optional
        Days of the target dose to ask for.

    Returns
    -------
    PrescriptionRequest

    Raises
    ------
    TrialStopped
        When opioid use is recorded without a clinician's confirmation.
    ValueError
        When a product cannot make a dose it has to cover.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.treatments import Product, TrialPlan, ldn_schedule
    >>> plan = TrialPlan(ldn_schedule("weekly_1_5"), dt.date(2025, 3, 3))
    >>> r = prescription_request(plan)
    >>> [(line.product.strength_mg, line.quantity, line.arithmetic) for line in r.lines]
    [(1.5, 21, '7 days × 1 + 7 days × 2 = 21'), (4.5, 90, '90 days × 1 = 90')]
    """
    trial_guard(plan)
    days = int(fact("ldn.supply_days").scalar()) if supply_days is None else supply_days
    if days < 1:
        raise ValueError(f"`supply_days` must be at least 1, not {days}")
    schedule = plan.schedule
    maintenance = maintenance or schedule.maintenance_product or Product(schedule.target_mg, "capsule")
    titration = titration or schedule.titration_product or maintenance
    titration_units, titration_text = _titration(schedule, titration)
    maintenance_units = _units(maintenance, schedule.target_mg) * days
    sums = [(step.days or 0, _units(titration, step.mg)) for step in schedule.titration]
    target_sum = [(days, _units(maintenance, schedule.target_mg))]
    maintenance_text = (
        f"then {_amount(_units(maintenance, schedule.target_mg), maintenance)} ({schedule.target_mg:g} mg) at "
        f"bedtime for {days} days"
    )
    lines: tuple[PrescriptionLine, ...]
    if titration_units and titration == maintenance:
        total = math.ceil(titration_units + maintenance_units - 1e-9)
        lines = (
            PrescriptionLine(
                maintenance, total, f"{titration_text}; {maintenance_text}", _sum(sums + target_sum, total)
            ),
        )
    else:
        main_total = math.ceil(maintenance_units - 1e-9)
        main = PrescriptionLine(
            maintenance, main_total, maintenance_text.removeprefix("then "), _sum(target_sum, main_total)
        )
        first_total = math.ceil(titration_units - 1e-9)
        first = PrescriptionLine(titration, first_total, titration_text, _sum(sums, first_total))
        lines = (first, main) if titration_units else (main,)
    text = _text(schedule, lines)
    return PrescriptionRequest(lines, schedule.name, text, (*schedule.evidence, "ldn.supply_days"))


def _sum(parts: list[tuple[int, float]], total: int) -> str:
    """E.g. ``"7 days × 1 + 7 days × 2 = 21"``, with the rounding up to whole units said."""
    exact = sum(days * units for days, units in parts)
    text = " + ".join(f"{days} days × {units:g}" for days, units in parts)
    return f"{text} = {exact:g}" + ("" if abs(exact - total) < 1e-9 else f", rounded up to {total}")


def _units(product: Product, mg: float) -> float:
    units = product.units_for(mg)
    if units is None:
        raise ValueError(f"{product.describe()} cannot make a {mg:g} mg dose")
    return units


def _titration(schedule: DoseSchedule, product: Product) -> tuple[float, str]:
    total = 0.0
    parts = []
    for step in schedule.titration:
        assert step.days is not None  # titration steps always have a length
        units = _units(product, step.mg)
        total += units * step.days
        parts.append(f"{_amount(units, product)} ({step.mg:g} mg) at bedtime for {step.days} days")
    return total, ", then ".join(parts)


def _amount(units: float, product: Product) -> str:
    noun = "capsule" if product.form == "capsule" else "tablet"
    return f"{units:g} {noun}{'' if units <= 1 else 's'} of {product.strength_mg:g} mg"


def _text(schedule: DoseSchedule, lines: tuple[PrescriptionLine, ...]) -> str:
    body = "\n".join(
        f"- {line.product.describe()}, quantity {line.quantity} ({line.arithmetic}): {line.directions}."
        for line in lines
    )
    return (
        f"Request for my clinician to consider: a trial of {schedule.treatment}, schedule "
        f"'{schedule.name}' ({schedule.kind}: {schedule.credit}).\n{body}\nThis request was prepared with "
        "fibrokit from a published schedule; it is not a prescription, and the dose, form and quantity are the clinician's decision."
    )
