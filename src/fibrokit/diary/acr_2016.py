"""The 2016 revision of the ACR fibromyalgia criteria, with the generalised-pain rule."""

from __future__ import annotations

from fibrokit.diary.acr_body import AcrResult, AcrSymptoms, AcrVersion, PainArea, SomaticSymptoms, judge

VERSION = "ACR 2016"
_RULES = AcrVersion(
    VERSION,
    "acr.2016.rule_mid",
    generalised_pain=True,
    note=" Under 2016, other diagnoses do not rule fibromyalgia out.",
)


def acr_2016(
    areas: frozenset[PainArea],
    symptoms: AcrSymptoms,
    somatic: SomaticSymptoms,
    *,
    symptoms_three_months: bool,
) -> AcrResult:
    """Check answers against the 2016 revised criteria (Wolfe et al., Semin Arthritis Rheum 2016).

    Rule: (WPI ≥ 7 and SSS ≥ 5) or (WPI **4-6** and SSS ≥ 9); generalised pain, meaning pain in at least 4 of
    the 5 regions, where jaw, chest and belly pain do not count toward a region; symptoms at a similar level
    for at least 3 months. A diagnosis of fibromyalgia is valid whatever other diagnoses a person has, so
    there is no exclusion question. The 3-6 arm seen in some calculators belongs to 2010/2011, not here.

    Parameters
    ----------
    areas : frozenset of PainArea
        Areas with pain in the past week.
    symptoms : AcrSymptoms
        Fatigue, waking unrefreshed and cognitive symptoms, 0-3 each.
    somatic : SomaticSymptoms
        Headaches, lower-belly pain or cramps, and depression in the past 6 months.
    symptoms_three_months : bool
        Symptoms have been present at a similar level for at least 3 months.

    Returns
    -------
    AcrResult
        ``regions`` holds the number of regions counted for generalised pain.

    Examples
    --------
    >>> from fibrokit.diary import AcrSymptoms, PainArea as A, SomaticSymptoms
    >>> areas = frozenset({A.SHOULDER_LEFT, A.SHOULDER_RIGHT, A.HIP_LEFT, A.CHEST})
    >>> r = acr_2016(areas, AcrSymptoms(3, 3, 2), SomaticSymptoms(True, False, False),
    ...              symptoms_three_months=True)
    >>> r.wpi, r.sss, r.regions, r.meets
    (4, 9, 3, False)
    """
    return judge(_RULES, areas, symptoms.total + somatic.total, symptoms_three_months=symptoms_three_months)
