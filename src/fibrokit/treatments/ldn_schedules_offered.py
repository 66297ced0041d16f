"""Which LDN schedules may be offered, given the opioid record and the clinician's confirmation."""

from __future__ import annotations

import datetime as dt

from fibrokit.treatments.ldn_schedule import LDN_SCHEDULES
from fibrokit.treatments.plan import ClinicianConfirmation, DoseSchedule, OpioidUse, TrialPlan, TrialStopped
from fibrokit.treatments.trial_guard import trial_guard


def ldn_schedules_offered(
    opioid_use: tuple[OpioidUse, ...], confirmation: ClinicianConfirmation | None
) -> tuple[DoseSchedule, ...]:
    """The schedules a plan may use: none while opioid use awaits a clinician, then what the guard allows.

    Without opioid use every standard schedule is offered (not the very-low-dose starts). With opioid use and no
    confirmation covering it, nothing is offered. After the confirmation, intermittent use keeps the standard
    schedules; around-the-clock use (or use whose pattern was not said) gets only the very-low-dose starts
    (first dose 0.5 mg or less).

    Parameters
    ----------
    opioid_use : tuple of OpioidUse
    confirmation : ClinicianConfirmation or None

    Returns
    -------
    tuple of DoseSchedule

    Examples
    --------
    >>> import datetime as dt
    >>> use = (OpioidUse(dt.date(2025, 3, 1), "oxycodone", "around_the_clock"),)
    >>> ldn_schedules_offered(use, None)
    ()
    >>> ok = ClinicianConfirmation("Dr Lee", dt.date(2025, 3, 2), "I have reviewed the opioid use and agree.")
    >>> [s.key for s in ldn_schedules_offered(use, ok)]
    ['very_low_0_5', 'very_low_0_25']
    """
    offered = []
    day = dt.date(2000, 1, 1)
    for schedule in LDN_SCHEDULES.values():
        if schedule.opioid_start and not any(use.around_the_clock for use in opioid_use):
            continue
        try:
            trial_guard(TrialPlan(schedule, day, opioid_use=opioid_use, opioid_confirmation=confirmation))
        except TrialStopped:
            continue
        offered.append(schedule)
    return tuple(offered)
