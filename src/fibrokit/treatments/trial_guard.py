"""The opioid hard stop: every trial path calls this first."""

from __future__ import annotations

from fibrokit.treatments.plan import TrialPlan, TrialStopped


def trial_guard(plan: TrialPlan) -> None:
    """Refuse to go on when opioid use is recorded and no clinician has explicitly confirmed the trial.

    Naltrexone blocks opioid receptors: with opioids it can bring on withdrawal and it stops opioid pain relief.
    The trials excluded opioid users (FINAL: no opioids in the 4 weeks before entry). fibrokit therefore stops
    the trial — no dose calendar, prescription request, cost comparison or evaluation — until a clinician's
    :class:`ClinicianConfirmation` dated on or after the latest opioid record is attached to the plan. It never
    suggests a lower dose or any other way around the stop.

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
    if not plan.opioid_use:
        return
    latest = max(plan.opioid_use, key=lambda record: record.on)
    confirmation = plan.opioid_confirmation
    if confirmation is not None and confirmation.on >= latest.on:
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
