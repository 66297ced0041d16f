"""Low-dose naltrexone schedules as data: the article's physicians' practice and the published trials' protocols.

Every dose and duration comes from the evidence registry. The physicians' schedules are their practice as the
AFSA article "Giving LDN Your Best Shot" reports it, not trial results; the trials' schedules cite their papers.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers
from fibrokit.treatments.plan import LDN as _LDN
from fibrokit.treatments.plan import DoseSchedule, DoseStep, Product

_PRACTICE, _TRIAL = "physician practice", "trial protocol"


def _stepped(doses: tuple[float, ...], days: int) -> tuple[DoseStep, ...]:
    return (*(DoseStep(mg, days) for mg in doses[:-1]), DoseStep(doses[-1]))


def _capsule(mg: float) -> Product:
    return Product(mg, "capsule")


def _practice() -> tuple[DoseSchedule, ...]:
    mackey = fact("ldn.mackey.dose_mg").scalar()
    aitcheson = numbers("ldn.aitcheson.steps_mg")
    week = int(fact("ldn.aitcheson.step_days").scalar())
    sensitive = int(fact("ldn.drug_sensitive.step_days").scalar())
    half = numbers("ldn.mckenzie_brown.steps_mg")
    half_short, half_long = (int(d) for d in fact("ldn.mckenzie_brown.half_days").pair())
    at_3mg = int(fact("ldn.mckenzie_brown.step_3mg_days").scalar())
    scored_3 = Product(half[1], "scored_tablet")
    mb_keys = ("ldn.mckenzie_brown.steps_mg", "ldn.mckenzie_brown.half_days")
    mb_credit = "Dr Anne Marie McKenzie-Brown (Emory University), as reported by the article"
    mb_caveat = (
        "The 3 mg dose is the target: the article's physician keeps people at 3 mg when it helps. Use "
        "half_3mg_to_4_5 when the clinician chooses to go on to 4.5 mg."
    )

    def half_tablet(
        key: str,
        label: str,
        steps: tuple[DoseStep, ...],
        keys: tuple[str, ...] = mb_keys,
        caveat: str = mb_caveat,
    ) -> DoseSchedule:
        # Dr McKenzie-Brown's schedules all start on half a scored 3 mg tablet.
        return DoseSchedule(key, label, _LDN, steps, keys, caveat, _PRACTICE, mb_credit, scored_3, scored_3)

    start, step = fact("ldn.fishman.start_mg").scalar(), fact("ldn.fishman.step_mg").scalar()
    target = fact("ldn.fishman.target_mg").scalar()
    rising = tuple(start + i * step for i in range(round((target - start) / step) + 1))
    a_credit = "Dr Nicholas Aitcheson (Queensland), as reported by the article"
    return (
        DoseSchedule(
            "fixed_4_5",
            "4.5 mg at bedtime from the first night",
            _LDN,
            (DoseStep(mackey),),
            ("ldn.mackey.dose_mg", "ldn.younger_2013.dose_mg"),
            kind=_PRACTICE,
            credit="Dr Sean Mackey (Stanford), as reported by the article; the dose of Younger 2013",
            maintenance_product=_capsule(mackey),
        ),
        DoseSchedule(
            "weekly_1_5",
            "1.5 mg, then 3 mg, then 4.5 mg, a week each",
            _LDN,
            _stepped(aitcheson, week),
            ("ldn.aitcheson.steps_mg", "ldn.aitcheson.step_days"),
            kind=_PRACTICE,
            credit=a_credit,
            titration_product=_capsule(aitcheson[0]),
            maintenance_product=_capsule(aitcheson[-1]),
        ),
        DoseSchedule(
            "slow_1_5",
            "1.5 mg, then 3 mg, then 4.5 mg, two weeks each (for drug-sensitive people)",
            _LDN,
            _stepped(aitcheson, sensitive),
            ("ldn.aitcheson.steps_mg", "ldn.drug_sensitive.step_days"),
            kind=_PRACTICE,
            credit="the article's drug-sensitive variant of Dr Aitcheson's schedule",
            titration_product=_capsule(aitcheson[0]),
            maintenance_product=_capsule(aitcheson[-1]),
        ),
        half_tablet(
            "half_3mg", "half a scored 3 mg tablet for 1 week, then 3 mg", _stepped(half[:2], half_short)
        ),
        half_tablet(
            "half_3mg_2wk", "half a scored 3 mg tablet for 2 weeks, then 3 mg", _stepped(half[:2], half_long)
        ),
        half_tablet(
            "half_3mg_to_4_5",
            "half a scored 3 mg tablet for 1 week, 3 mg for 1 week, then 4.5 mg",
            (DoseStep(half[0], half_short), DoseStep(half[1], at_3mg), DoseStep(half[2])),
            (*mb_keys, "ldn.mckenzie_brown.step_3mg_days"),
            "The article gives no length for the 3 mg step; one week is fibrokit's reading, the clinician decides.",
        ),
        DoseSchedule(
            "rise_0_5",
            "1 mg, rising 0.5 mg a week to 4.5 mg",
            _LDN,
            _stepped(rising, int(fact("ldn.fishman.step_days").scalar())),
            ("ldn.fishman.start_mg", "ldn.fishman.step_mg", "ldn.fishman.step_days", "ldn.fishman.target_mg"),
            kind=_PRACTICE,
            credit="Dr Michael Fishman (Lancaster, PA), his standard schedule as reported by the article",
            titration_product=_capsule(step),
            maintenance_product=_capsule(target),
        ),
    )


def _opioid_starts() -> tuple[DoseSchedule, ...]:
    very_low = fact("ldn.opioid.very_low_max_mg").scalar()
    half = fact("ldn.opioid.half_tablet_mg").scalar()
    scored = Product(very_low, "scored_tablet")
    caveat = (
        "Only with a clinician's written confirmation, for around-the-clock opioid use. The article gives the "
        "starting dose only: any increase is the clinician's decision, entered as a new plan."
    )
    credit = (
        "Dr Michael Fishman's very-low-dose start for around-the-clock opioid use, as reported by the article"
    )
    return tuple(
        DoseSchedule(
            key,
            name,
            _LDN,
            (DoseStep(mg),),
            keys,
            caveat,
            _PRACTICE,
            credit,
            None,
            scored,
            opioid_start=True,
        )
        for key, name, mg, keys in (
            ("very_low_0_5", "0.5 mg a day (very-low-dose start)", very_low, ("ldn.opioid.very_low_max_mg",)),
            (
                "very_low_0_25",
                "half a scored 0.5 mg tablet (0.25 mg) a day (very-low-dose start)",
                half,
                ("ldn.opioid.very_low_max_mg", "ldn.opioid.half_tablet_mg"),
            ),
        )
    )


def _trials() -> tuple[DoseSchedule, ...]:
    younger = fact("ldn.younger_2013.dose_mg").scalar()
    final = numbers("ldn.final_6mg.steps_mg")
    return (
        DoseSchedule(
            "younger_2013",
            "4.5 mg a day from the first day, as in Younger 2013",
            _LDN,
            (DoseStep(younger),),
            ("ldn.younger_2013.dose_mg",),
            kind=_TRIAL,
            credit="Younger, Noor, McCue & Mackey 2013 (the trial the article reports)",
            maintenance_product=_capsule(younger),
        ),
        DoseSchedule(
            "final_6mg",
            "to 6 mg over 4 weeks, as in the FINAL trial",
            _LDN,
            _stepped(final, int(fact("ldn.aitcheson.step_days").scalar())),
            ("ldn.final_6mg.steps_mg", "ldn.final_6mg.target_mg", "ldn.final_6mg.titration_weeks"),
            caveat=fact("ldn.final_6mg.steps_mg").note
            + ". The article does not discuss FINAL; fibrokit cites the trial's paper and registration.",
            kind=_TRIAL,
            credit="Bruun et al. 2024 (FINAL)",
            titration_product=_capsule(final[0]),
            maintenance_product=_capsule(final[-1]),
        ),
    )


def _build() -> dict[str, DoseSchedule]:
    return {schedule.key: schedule for schedule in (*_practice(), *_trials(), *_opioid_starts())}


LDN_SCHEDULES: Mapping[str, DoseSchedule] = MappingProxyType(_build())


def ldn_schedule(key: str) -> DoseSchedule:
    """Return a low-dose naltrexone schedule by key.

    Parameters
    ----------
    key : str
        Physicians' practice as the AFSA article "Giving LDN Your Best Shot" reports it: ``fixed_4_5`` (Mackey:
        4.5 mg from the first night), ``weekly_1_5`` (Aitcheson: 1.5 → 3 → 4.5 mg, a week each, on 1.5 mg
        capsules), ``slow_1_5`` (the article's drug-sensitive variant, two weeks a step), ``half_3mg`` and
        ``half_3mg_2wk`` (McKenzie-Brown: half a scored 3 mg tablet for 1 or 2 weeks, then 3 mg),
        ``half_3mg_to_4_5`` (with her optional step to 4.5 mg), ``rise_0_5`` (Fishman: 1 mg rising 0.5 mg a week
        to 4.5 mg); trial protocols: ``younger_2013`` (4.5 mg) and ``final_6mg`` (to 6 mg over 4 weeks); and,
        only for around-the-clock opioid use with a clinician's confirmation, ``very_low_0_5`` and
        ``very_low_0_25`` (Fishman's very-low-dose start).

    Returns
    -------
    DoseSchedule
        With the evidence keys of every dose and duration, its kind and credit, and default products.

    Examples
    --------
    >>> s = ldn_schedule("weekly_1_5")
    >>> [(step.mg, step.days) for step in s.steps], s.kind
    ([(1.5, 7), (3.0, 7), (4.5, None)], 'physician practice')
    """
    try:
        return LDN_SCHEDULES[key]
    except KeyError:
        raise ValueError(f"`key` must be one of {sorted(LDN_SCHEDULES)}, not {key!r}") from None
