"""The opioid hard stop: every trial path calls this first."""

from __future__ import annotations

from fibrokit.evidence import fact
from fibrokit.treatments.plan import TrialPlan, TrialStopped


def trial_guard(plan: TrialPlan) -> None:
    """Refuse to go on when opioid use is recorded and no clinician has explicitly confirmed the trial.

    Naltrexone blocks opioid receptors: with opioids it can bring on withdrawal and it stops opioid pain relief.
    The trials excluded opioid users (FINAL: no opioids in the 4 weeks before entry). fibrokit therefore stops
    the trial — no dose calendar, prescription request, cost comparison or evaluation — until a clinician's
    :class:`ClinicianConfirmation` dated on or after the latest opioid record is attached to the plan.

    After the confirmation, intermittent daytime use goes ahead on any schedule (the AFSA article reports that
    the opioid may work as before or less well, and that stomach and bowel side effects are more likely in the
    first weeks). Around-the-clock use (or use whose pattern was not said) never goes ahead on a standard
    schedule: only on a very-low-dose start of 0.5 mg or less (Dr Fishman's practice as the article reports it),
    which the clinician chooses; fibrokit does not suggest it to the patient on its own.

    Parameters
    ----------
    plan : TrialPlan

    Raises
    ------
    TrialStopped
        When the stop applies.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.treatments import OpioidUse, TrialPlan, ldn_schedule
    >>> plan = TrialPlan(ldn_schedule("weekly_1_5"), dt.date(2025, 3, 1),
    ...                  opioid_use=(OpioidUse(dt.date(2025, 2, 20), "tramadol"),))
    >>> trial_guard(plan)
    Traceback (most recent call last):
    ...
    fibrokit.treatments.plan.TrialStopped: Opioid use is recorded (2025-02-20: tramadol). ...
    """
    if not plan.opioid_use or not plan.schedule.is_ldn:  # the opioid rules are naltrexone's
        return
    latest = max(plan.opioid_use, key=lambda record: record.on)
    confirmation = plan.opioid_confirmation
    if confirmation is not None and confirmation.on >= latest.on:
        _very_low_only(plan)
        return
    detail = f": {latest.detail}" if latest.detail else ""
    stale = (
        " The clinician's confirmation is older than this record and does not cover it."
        if confirmation is not None
        else ""
    )
    raise TrialStopped(
        f"Opioid use is recorded ({latest.on.isoformat()}{detail}). Naltrexone blocks opioids and the trials "
        "excluded people taking them, so this trial is stopped. It can continue only with your clinician's "
        "explicit written confirmation (name, date and statement) added to the plan." + stale
    )


def _very_low_only(plan: TrialPlan) -> None:
    limit = fact("ldn.opioid.very_low_max_mg").scalar()
    if any(use.around_the_clock for use in plan.opioid_use) and plan.schedule.first_mg > limit + 1e-9:
        raise TrialStopped(
            f"Around-the-clock opioid use is recorded, so a schedule starting at {plan.schedule.first_mg:g} mg is "
            f"never used: with your clinician's confirmation only a very-low-dose start of {limit:g} mg or less "
            "(the clinician's choice) can be planned."
        )
