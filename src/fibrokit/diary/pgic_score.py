"""The Patient Global Impression of Change (PGIC), read with the IMMPACT benchmarks."""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers

PGIC_ANSWERS: tuple[str, ...] = (
    "very much improved",
    "much improved",
    "minimally improved",
    "no change",
    "minimally worse",
    "much worse",
    "very much worse",
)


@dataclass(frozen=True)
class PgicResult:
    """One PGIC answer and what IMMPACT makes of it.

    Attributes
    ----------
    rating : int
        1 (very much improved) to 7 (very much worse).
    answer : str
        The answer in words.
    importance : str
        ``"substantial"``, ``"moderate"``, ``"minimal"`` or ``"none"`` (no change or worse).
    evidence : tuple of str
        Evidence keys of the scale and the benchmarks.
    """

    rating: int
    answer: str
    importance: str
    evidence: tuple[str, ...]


def pgic_score(rating: int) -> PgicResult:
    """Read a PGIC answer ("Since starting, my condition overall is ...").

    Parameters
    ----------
    rating : int
        1 very much improved, 2 much improved, 3 minimally improved, 4 no change, 5 minimally worse, 6 much
        worse, 7 very much worse (the seven-point scale of Farrar et al., Pain 2001; the answer words are the
        standard public-domain categories).

    Returns
    -------
    PgicResult
        IMMPACT (Dworkin et al., J Pain 2008) reads "minimally improved" as a minimally important, "much
        improved" as a moderately important and "very much improved" as a substantial improvement.

    Examples
    --------
    >>> pgic_score(2).importance
    'moderate'
    """
    low, high = (int(v) for v in fact("pgic.range").pair())
    if not isinstance(rating, int) or not low <= rating <= high:
        raise ValueError(f"`rating` must be a whole number from {low} to {high}, not {rating!r}")
    minimal, moderate, substantial = (int(v) for v in numbers("pgic.immpact"))
    importance = {substantial: "substantial", moderate: "moderate", minimal: "minimal"}.get(rating, "none")
    return PgicResult(rating, PGIC_ANSWERS[rating - 1], importance, ("pgic.range", "pgic.immpact"))
