"""The 2010 ACR preliminary diagnostic criteria for fibromyalgia (clinician-rated somatic symptoms)."""

from __future__ import annotations

from fibrokit.diary.acr_body import AcrResult, AcrSymptoms, AcrVersion, PainArea, judge
from fibrokit.evidence import fact

VERSION = "ACR 2010"
_RULES = AcrVersion(VERSION, "acr.2010.rule_mid", excludes_other_disorders=True)


def acr_2010(
    areas: frozenset[PainArea],
    symptoms: AcrSymptoms,
    somatic_burden: int,
    *,
    symptoms_three_months: bool,
    other_disorder_explains_pain: bool,
) -> AcrResult:
    """Check answers against the 2010 criteria (Wolfe et al., Arthritis Care Res 2010).

    Rule: (WPI ≥ 7 and SSS ≥ 5) or (WPI 3-6 and SSS ≥ 9); symptoms at a similar level for at least 3 months;
    and no other disorder that would explain the pain. The SSS adds a clinician's 0-3 rating of the overall
    burden of somatic symptoms to the three 0-3 symptom ratings.

    Parameters
    ----------
    areas : frozenset of PainArea
        Areas with pain in the past week.
    symptoms : AcrSymptoms
        Fatigue, waking unrefreshed and cognitive symptoms, 0-3 each.
    somatic_burden : int
        The clinician's rating of somatic symptoms in general: 0 none, 1 few, 2 a moderate number, 3 a great
        deal.
    symptoms_three_months : bool
        Symptoms have been present at a similar level for at least 3 months.
    other_disorder_explains_pain : bool
        Another disorder would otherwise explain the pain (the 2010 version requires that none does).

    Returns
    -------
    AcrResult

    Examples
    --------
    >>> from fibrokit.diary import AcrSymptoms, PainArea
    >>> areas = frozenset(list(PainArea)[:3])
    >>> r = acr_2010(areas, AcrSymptoms(3, 3, 2), 1, symptoms_three_months=True,
    ...              other_disorder_explains_pain=False)
    >>> r.wpi, r.sss, r.meets
    (3, 9, True)
    """
    low, high = (int(v) for v in fact("acr.sss_item_range").pair())
    if not isinstance(somatic_burden, int) or not low <= somatic_burden <= high:
        raise ValueError(
            f"`somatic_burden` must be a whole number from {low} to {high}, not {somatic_burden!r}"
        )
    return judge(
        _RULES,
        areas,
        symptoms.total + somatic_burden,
        symptoms_three_months=symptoms_three_months,
        other_disorder_explains_pain=other_disorder_explains_pain,
    )
