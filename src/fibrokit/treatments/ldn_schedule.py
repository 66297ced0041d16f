"""Low-dose naltrexone schedules as data, each with its source."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers
from fibrokit.treatments.plan import DoseSchedule, DoseStep

_LDN = "low-dose naltrexone"


def _stepped(doses: tuple[float, ...], days: int) -> tuple[DoseStep, ...]:
    return (*(DoseStep(mg, days) for mg in doses[:-1]), DoseStep(doses[-1]))


def _build() -> dict[str, DoseSchedule]:
    weekly = numbers("ldn.weekly_1_5.steps_mg")
    week = int(fact("ldn.weekly_1_5.step_days").scalar())
    slow = int(fact("ldn.slow_1_5.step_days").scalar())
    half_short, half_long = (int(d) for d in fact("ldn.half_3mg.step_days").pair())
    half = numbers("ldn.half_3mg.steps_mg")
    start, step = fact("ldn.rise_0_5.start_mg").scalar(), fact("ldn.rise_0_5.step_mg").scalar()
    target = fact("ldn.rise_0_5.target_mg").scalar()
    rising = tuple(start + i * step for i in range(round((target - start) / step) + 1))
    final = numbers("ldn.final_6mg.steps_mg")
    half_keys = ("ldn.half_3mg.steps_mg", "ldn.half_3mg.step_days")
    schedules = (
        DoseSchedule(
            "fixed_4_5",
            "4.5 mg at bedtime from day one",
            _LDN,
            (DoseStep(fact("ldn.fixed_4_5.dose_mg").scalar()),),
            ("ldn.fixed_4_5.dose_mg",),
        ),
        DoseSchedule(
            "weekly_1_5",
            "1.5 mg, then 3 mg, then 4.5 mg, a week each",
            _LDN,
            _stepped(weekly, week),
            ("ldn.weekly_1_5.steps_mg", "ldn.weekly_1_5.step_days"),
        ),
        DoseSchedule(
            "slow_1_5",
            "1.5 mg, then 3 mg, then 4.5 mg, two weeks each (for drug-sensitive people)",
            _LDN,
            _stepped(weekly, slow),
            ("ldn.weekly_1_5.steps_mg", "ldn.slow_1_5.step_days"),
        ),
        DoseSchedule(
            "half_3mg",
            "half a scored 3 mg tablet for 1 week, then 3 mg",
            _LDN,
            _stepped(half[:2], half_short),
            half_keys,
        ),
        DoseSchedule(
            "half_3mg_2wk",
            "half a scored 3 mg tablet for 2 weeks, then 3 mg",
            _LDN,
            _stepped(half[:2], half_long),
            half_keys,
        ),
        DoseSchedule(
            "half_3mg_to_4_5",
            "half a scored 3 mg tablet for 1 week, 3 mg for 1 week, then 4.5 mg (optional step)",
            _LDN,
            _stepped(half, half_short),
            half_keys,
        ),
        DoseSchedule(
            "rise_0_5",
            "1 mg, rising 0.5 mg a week to 4.5 mg",
            _LDN,
            _stepped(rising, week),
            (
                "ldn.rise_0_5.start_mg",
                "ldn.rise_0_5.step_mg",
                "ldn.rise_0_5.target_mg",
                "ldn.weekly_1_5.step_days",
            ),
        ),
        DoseSchedule(
            "final_6mg",
            "to 6 mg over 4 weeks, as in the FINAL trial",
            _LDN,
            _stepped(final, week),
            ("ldn.final_6mg.steps_mg", "ldn.final_6mg.target_mg", "ldn.final_6mg.titration_weeks"),
            caveat=fact("ldn.final_6mg.steps_mg").note,
        ),
    )
    return {schedule.key: schedule for schedule in schedules}


LDN_SCHEDULES: Mapping[str, DoseSchedule] = MappingProxyType(_build())


def ldn_schedule(key: str) -> DoseSchedule:
    """Return a low-dose naltrexone schedule by key.

    Parameters
    ----------
    key : str
        One of ``fixed_4_5`` (4.5 mg from day one; Younger 2013), ``weekly_1_5`` (1.5 → 3 → 4.5 mg, a week each),
        ``slow_1_5`` (the same, two weeks a step), ``half_3mg`` and ``half_3mg_2wk`` (half a scored 3 mg tablet
        for 1 or 2 weeks, then 3 mg), ``half_3mg_to_4_5`` (with the optional step to 4.5 mg), ``rise_0_5`` (1 mg
        rising 0.5 mg a week to 4.5 mg) and ``final_6mg`` (to 6 mg over 4 weeks, as in FINAL).

    Returns
    -------
    DoseSchedule
        With the evidence keys of every dose and duration.

    Examples
    --------
    >>> s = ldn_schedule("weekly_1_5")
    >>> [(step.mg, step.days) for step in s.steps]
    [(1.5, 7), (3.0, 7), (4.5, None)]
    """
    try:
        return LDN_SCHEDULES[key]
    except KeyError:
        raise ValueError(f"`key` must be one of {sorted(LDN_SCHEDULES)}, not {key!r}") from None
