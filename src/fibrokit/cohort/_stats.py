"""Group statistics for ``cohort compare``: effect sizes with confidence intervals, and p-value corrections.

Every constant comes from the evidence registry (``fibrokit.evidence.cohort``) with its source.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from fibrokit.choices import CORRECTIONS, Correction
from fibrokit.evidence import fact

FloatArray = npt.NDArray[np.float64]


def _z(confidence: float) -> float:
    from scipy import stats  # imported on use: SciPy costs start-up time

    return float(stats.norm.ppf(0.5 + confidence / 2.0))


def hedges_g(group: FloatArray, reference: FloatArray, confidence: float) -> tuple[float, float, float]:
    """Hedges' g of ``group`` against ``reference`` with its large-sample confidence interval.

    g is the difference of means over the pooled standard deviation, times Hedges' small-sample correction;
    positive when the group's mean is higher.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit.cohort._stats import hedges_g
    >>> g, low, high = hedges_g(np.array([2.0, 3, 4, 5]), np.array([1.0, 2, 3, 4]), 0.95)
    >>> round(g, 3), round(low, 3), round(high, 3)
    (0.674, -0.751, 2.098)
    """
    n1, n2 = group.size, reference.size
    if n1 < 2 or n2 < 2:
        return math.nan, math.nan, math.nan
    pooled = math.sqrt(((n1 - 1) * group.var(ddof=1) + (n2 - 1) * reference.var(ddof=1)) / (n1 + n2 - 2))
    if pooled == 0.0:
        return math.nan, math.nan, math.nan
    a, b, c = fact("cohort.hedges_g.correction").value  # type: ignore[misc]
    g = (1.0 - a / (b * (n1 + n2) - c)) * (group.mean() - reference.mean()) / pooled
    divisor = fact("cohort.hedges_g.variance").scalar()
    half = _z(confidence) * math.sqrt((n1 + n2) / (n1 * n2) + g * g / (divisor * (n1 + n2)))
    return float(g), float(g - half), float(g + half)


def cliff_delta(group: FloatArray, reference: FloatArray, confidence: float) -> tuple[float, float, float]:
    """Cliff's δ, P(group > reference) − P(group < reference), with Cliff's asymmetric confidence interval.

    The variance is Cliff's (1993) unbiased estimate, kept at least (1 − δ²) / (n₁n₂ − 1) so that it stays
    positive; it is found from sorted values in O(n log n) time, without the n₁ × n₂ dominance matrix, so
    groups of thousands cost nothing.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit.cohort._stats import cliff_delta
    >>> group = np.array([10.0, 10, 20, 20, 20, 30, 30, 30, 40, 50])
    >>> reference = np.array([10.0, 20, 30, 40, 40, 50])
    >>> [round(v, 4) for v in cliff_delta(group, reference, 0.95)]
    [-0.25, -0.7016, 0.345]
    """
    n1, n2 = group.size, reference.size
    if n1 < 2 or n2 < 2:
        return math.nan, math.nan, math.nan
    low_bound, high_bound = fact("cohort.cliff_delta.bounds").pair()
    sorted_ref, sorted_group = np.sort(reference), np.sort(group)
    below = np.searchsorted(sorted_ref, group, "left")  # reference values under each group value
    above = n2 - np.searchsorted(sorted_ref, group, "right")
    under = np.searchsorted(sorted_group, reference, "left")  # group values under each reference value
    over = n1 - np.searchsorted(sorted_group, reference, "right")
    wins, losses = float(below.sum()), float(above.sum())
    delta = (wins - losses) / (n1 * n2)
    # With no overlap at all every term below is 0; shrinking δ by one pair keeps the interval finite.
    centre = delta * (n1 * n2 - 1) / (n1 * n2) if abs(delta) == 1.0 else delta
    ties = n1 * n2 - wins - losses
    squares = wins * (1 - centre) ** 2 + ties * centre**2 + losses * (1 + centre) ** 2
    rows = float(np.sum(((below - above) / n2 - centre) ** 2))
    columns = float(np.sum(((over - under) / n1 - centre) ** 2))
    unbiased = (n2 * n2 * rows + n1 * n1 * columns - squares) / (n1 * n2 * (n1 - 1) * (n2 - 1))
    variance = max(unbiased, (1 - centre**2) / (n1 * n2 - 1))
    z = _z(confidence)
    spread = z * math.sqrt(variance) * math.sqrt((1 - centre**2) ** 2 + z * z * variance)
    divisor = 1 - centre**2 + z * z * variance
    low, high = (centre - centre**3 - spread) / divisor, (centre - centre**3 + spread) / divisor
    return delta, max(low_bound, float(low)), min(high_bound, float(high))


def adjust(pvalues: FloatArray, correction: Correction) -> FloatArray:
    """P-values adjusted for multiple comparisons (NaN stays NaN and does not count as a test).

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit.cohort._stats import adjust
    >>> p = np.array([0.01, 0.04, 0.03, np.nan])
    >>> adjust(p, "holm").round(3).tolist()
    [0.03, 0.06, 0.06, nan]
    >>> adjust(p, "bh").round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"`correction` must be one of {', '.join(CORRECTIONS)}, not {correction!r}")
    result = np.full(pvalues.shape, np.nan)
    tested = np.flatnonzero(np.isfinite(pvalues))
    if correction == "none" or not tested.size:
        result[tested] = pvalues[tested]
        return result
    m = tested.size
    order = tested[np.argsort(pvalues[tested], kind="stable")]
    ranked = pvalues[order]
    if correction == "holm":
        # Holm: the i-th smallest times (m - i + 1), never smaller than the one before it.
        scaled = np.maximum.accumulate(ranked * (m - np.arange(m)))
    else:
        # Benjamini-Hochberg: the i-th smallest times m / i, never larger than the one after it.
        scaled = np.minimum.accumulate((ranked * m / np.arange(1, m + 1))[::-1])[::-1]
    result[order] = np.minimum(scaled, 1.0)
    return result


def magnitude(g: float) -> str:
    """Cohen's words for the size of a standardised difference: negligible, small, medium or large."""
    if not math.isfinite(g):
        return ""
    small, medium, large = fact("cohort.effect_size.bands").value  # type: ignore[misc]
    size = abs(g)
    if size >= large:
        return "large"
    if size >= medium:
        return "medium"
    return "small" if size >= small else "negligible"


def group_test(samples: list[FloatArray]) -> tuple[str, float, float]:
    """Mann-Whitney U for two groups, Kruskal-Wallis H for more: ``(test, statistic, p)``."""
    usable = [s for s in samples if s.size]
    if len(usable) < 2 or sum(s.size for s in usable) < 3:
        return "", math.nan, math.nan
    from scipy import stats  # imported on use: SciPy costs start-up time

    if len(usable) == 2:
        result = stats.mannwhitneyu(usable[1], usable[0], alternative="two-sided")
        return "mann-whitney", float(result.statistic), float(result.pvalue)
    if np.ptp(np.concatenate(usable)) == 0:
        return "kruskal-wallis", math.nan, math.nan  # all values equal: no ranks to compare
    result = stats.kruskal(*usable)
    return "kruskal-wallis", float(result.statistic), float(result.pvalue)
