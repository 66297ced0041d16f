"""The polysymptomatic distress scale (PSD): WPI + SSS, with a named severity banding."""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.diary.acr_body import AcrSymptoms, PainArea, SomaticSymptoms, wpi
from fibrokit.diary.bands import PSD_BANDINGS


@dataclass(frozen=True)
class PsdResult:
    """A PSD score and its band.

    Attributes
    ----------
    score : int
        WPI (0-19) + SSS (0-12), 0-31; the same number as the 2011 fibromyalgia symptom score.
    band : str
        Band of the score under ``banding``.
    banding : str
        ``"wolfe_2015"`` or ``"salaffi_2020"``; scores are comparable only under the same banding.
    evidence : tuple of str
        Evidence keys of the band edges and scales.
    """

    score: int
    band: str
    banding: str
    evidence: tuple[str, ...]


def psd_score(
    areas: frozenset[PainArea],
    symptoms: AcrSymptoms,
    somatic: SomaticSymptoms,
    *,
    banding: str = "wolfe_2015",
) -> PsdResult:
    """Score the polysymptomatic distress scale and place it in a band.

    Parameters
    ----------
    areas : frozenset of PainArea
        Areas with pain in the past week (the WPI).
    symptoms : AcrSymptoms
        Fatigue, waking unrefreshed and cognitive symptoms, 0-3 each.
    somatic : SomaticSymptoms
        The three self-reported symptoms of the 2011/2016 SSS.
    banding : {"wolfe_2015", "salaffi_2020"}
        ``"wolfe_2015"``: none 0-3, mild 4-7, moderate 8-11, severe 12-19, very severe 20-31 (Wolfe et al.,
        J Rheumatol 2015). ``"salaffi_2020"``: remission 0-5, mild 6-15, moderate 16-20, severe 21-25, very
        severe above 25 (Salaffi et al., Rheumatology 2020, Italian patients).

    Returns
    -------
    PsdResult

    Examples
    --------
    >>> from fibrokit.diary import AcrSymptoms, PainArea, SomaticSymptoms
    >>> areas = frozenset(list(PainArea)[:8])
    >>> r = psd_score(areas, AcrSymptoms(2, 2, 1), SomaticSymptoms(True, False, True))
    >>> r.score, r.band
    (15, 'severe')
    >>> psd_score(areas, AcrSymptoms(2, 2, 1), SomaticSymptoms(True, False, True), banding="salaffi_2020").band
    'mild'
    """
    if banding not in PSD_BANDINGS:
        raise ValueError(f"`banding` must be one of {sorted(PSD_BANDINGS)}, not {banding!r}")
    scheme = PSD_BANDINGS[banding]
    score = wpi(areas) + symptoms.total + somatic.total
    return PsdResult(score, scheme.band(score), banding, (scheme.evidence, "acr.wpi_range", "acr.sss_range"))
