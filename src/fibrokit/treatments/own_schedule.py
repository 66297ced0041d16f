"""A schedule for any treatment, set by the person and their clinician: fixed, or stepped to a target."""

from __future__ import annotations

from fibrokit.treatments.plan import DoseSchedule, DoseStep

OWN_UNITS = ("mg", "g", "µg", "IU", "ml", "drops", "tablets", "capsules", "sessions", "minutes")


def own_schedule(treatment: str, steps: tuple[DoseStep, ...], unit: str = "mg") -> DoseSchedule:
    """A trial schedule for a treatment other than LDN (magnesium, duloxetine, warm-water exercise …).

    It carries no clinical source: the amounts and steps are what the person and their clinician chose, and the
    trial is judged by the same n-of-1 evaluation as LDN's (after 12 weeks at the target amount). Naltrexone is
    refused here: it has its own planner, with the opioid rules.

    Parameters
    ----------
    treatment : str
        What is tried, in words.
    steps : tuple of DoseStep
        Amounts per day with their days, ending with the open-ended target (one step for a fixed amount).
    unit : str
        What the amounts count: one of mg, g, µg, IU, ml, drops, tablets, capsules, sessions, minutes.

    Returns
    -------
    DoseSchedule
        With key ``"own"`` and kind ``"own schedule"``.

    Examples
    --------
    >>> s = own_schedule("magnesium glycinate", (DoseStep(150, 7), DoseStep(300)))
    >>> s.name, s.kind, s.target_mg, s.is_ldn
    ('magnesium glycinate: 150 mg for 7 days, then 300 mg', 'own schedule', 300, False)
    """
    name = " ".join(treatment.split())
    if not name or len(name) > 80:
        raise ValueError("`treatment` must name the treatment (at most 80 characters)")
    if "naltrexone" in name.lower() or "ldn" in name.lower().replace("-", " ").split():
        raise ValueError("naltrexone has its own planner (the LDN schedules, with the opioid rules)")
    if not steps:
        raise ValueError("`steps` must hold at least the target amount")
    if unit not in OWN_UNITS:
        raise ValueError(f"`unit` must be one of {list(OWN_UNITS)}, not {unit!r}")
    parts = [f"{s.mg:g} {unit} for {s.days} days" for s in steps[:-1]] + [f"{steps[-1].mg:g} {unit}"]
    return DoseSchedule(
        "own",
        f"{name}: " + ", then ".join(parts),
        name,
        steps,
        (),
        kind="own schedule",
        credit="chosen by you and your clinician",
        unit=unit,
    )
