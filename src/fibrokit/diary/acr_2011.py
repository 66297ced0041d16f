"""The 2011 modification of the ACR criteria for surveys and clinical studies (self-reported somatic symptoms)."""

from __future__ import annotations

from fibrokit.diary.acr_body import AcrResult, AcrSymptoms, AcrVersion, PainArea, SomaticSymptoms, judge

VERSION = "ACR 2011"
_RULES = AcrVersion(
    VERSION,
    "acr.2010.rule_mid",
    excludes_other_disorders=True,
    fs_cutoff=True,
    note=" The 2011 criteria were written for surveys, not for self-diagnosis.",
)


def acr_2011(
    areas: frozenset[PainArea],
    symptoms: AcrSymptoms,
    somatic: SomaticSymptoms,
    *,
    symptoms_three_months: bool,
    other_disorder_explains_pain: bool,
) -> AcrResult:
    """Check self-reported answers against the 2011 modified criteria (Wolfe et al., J Rheumatol 2011).

    The thresholds are those of 2010 — (WPI ≥ 7 and SSS ≥ 5) or (WPI 3-6 and SSS ≥ 9), at least 3 months, no
    other disorder explaining the pain — but the somatic part of the SSS counts headaches, pain or cramps in
    the lower belly, and depression in the past 6 months (0-3). The fibromyalgia symptom score (WPI + SSS)
    reaching 13 is reported beside the result. The authors state the criteria are not for self-diagnosis.

    Parameters
    ----------
    areas : frozenset of PainArea
        Areas with pain in the past week.
    symptoms : AcrSymptoms
        Fatigue, waking unrefreshed and cognitive symptoms, 0-3 each.
    somatic : SomaticSymptoms
        The three self-reported symptoms of the past 6 months.
    symptoms_three_months : bool
        Symptoms have been present at a similar level for at least 3 months.
    other_disorder_explains_pain : bool
        Another disorder would otherwise explain the pain.

    Returns
    -------
    AcrResult

    Examples
    --------
    >>> from fibrokit.diary import AcrSymptoms, PainArea, SomaticSymptoms
    >>> areas = frozenset(list(PainArea)[:7])
    >>> r = acr_2011(areas, AcrSymptoms(2, 2, 1), SomaticSymptoms(False, False, False),
    ...              symptoms_three_months=True, other_disorder_explains_pain=False)
    >>> r.wpi, r.sss, r.meets, r.fs_at_least_13
    (7, 5, True, False)
    """
    return judge(
        _RULES,
        areas,
        symptoms.total + somatic.total,
        symptoms_three_months=symptoms_three_months,
        other_disorder_explains_pain=other_disorder_explains_pain,
    )
