"""A day-by-day dose calendar for the length of the trial."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fibrokit.evidence import fact
from fibrokit.treatments.plan import Product, TrialPlan
from fibrokit.treatments.trial_guard import trial_guard


@dataclass(frozen=True)
class DoseDay:
    """One day of the calendar.

    Attributes
    ----------
    day : date
    week : int
        Week of treatment, 1 for the first seven days.
    mg : float
        The scheduled dose.
    units : float or None
        Capsules or tablets of the given product (0.5 = half a tablet), None without a product.
    """

    day: dt.date
    week: int
    mg: float
    units: float | None = None


def dose_calendar(plan: TrialPlan, product: Product | None = None) -> tuple[DoseDay, ...]:
    """List the scheduled dose of every day from the first dose to the end of the trial.

    The trial ends 12 weeks after the target dose is reached (the titration plus 12 weeks).

    Parameters
    ----------
    plan : TrialPlan
    product : Product, optional
        When given, each day also says how many capsules or tablets of it make the dose; otherwise the
        schedule's default products are used (titration product before the target, maintenance product after).

    Returns
    -------
    tuple of DoseDay

    Raises
    ------
    TrialStopped
        When opioid use is recorded without a clinician's confirmation.
    ValueError
        When ``product`` cannot make one of the doses (e.g. 1.5 mg from 4.5 mg capsules).

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.treatments import Product, TrialPlan, ldn_schedule
    >>> plan = TrialPlan(ldn_schedule("weekly_1_5"), dt.date(2025, 3, 3))
    >>> days = dose_calendar(plan, Product(1.5, "capsule"))
    >>> len(days), days[0].mg, days[7].units, days[-1].mg
    (98, 1.5, 2.0, 4.5)
    """
    trial_guard(plan)
    schedule = plan.schedule
    weeks = int(fact("trial.duration_weeks").scalar())
    days = []
    for offset in range(schedule.titration_days + 7 * weeks):
        mg = schedule.mg_on(offset)
        use = product
        if use is None:
            titrating = offset < schedule.titration_days
            use = schedule.titration_product if titrating else schedule.maintenance_product
        units = None if use is None else use.units_for(mg)
        if use is not None and units is None:
            raise ValueError(f"`product` ({use.describe()}) cannot make a {mg:g} mg dose")
        days.append(DoseDay(plan.first_dose + dt.timedelta(days=offset), offset // 7 + 1, mg, units))
    return tuple(days)
