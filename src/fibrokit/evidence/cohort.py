"""Facts behind ``fibrokit cohort compare``: effect sizes, their intervals, and multiple-comparison corrections.

These are statistical methods, not clinical values; they are registered like every other number so that the
comparison page can say where each constant comes from.
"""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

SOURCES: tuple[Source, ...] = (
    Source(
        "hedges_1981",
        "Hedges LV. Distribution theory for Glass's estimator of effect size and related estimators. "
        "J Educ Stat 1981;6(2):107-128.",
        doi="10.3102/10769986006002107",
    ),
    Source(
        "cohen_1988",
        "Cohen J. Statistical Power Analysis for the Behavioral Sciences. 2nd ed. Hillsdale, NJ: Lawrence "
        "Erlbaum Associates; 1988.",
        doi="10.4324/9780203771587",
    ),
    Source(
        "cliff_1993",
        "Cliff N. Dominance statistics: ordinal analyses to answer ordinal questions. Psychol Bull "
        "1993;114(3):494-509.",
        doi="10.1037/0033-2909.114.3.494",
    ),
    Source(
        "holm_1979",
        "Holm S. A simple sequentially rejective multiple test procedure. Scand J Stat 1979;6(2):65-70.",
        url="https://www.jstor.org/stable/4615733",
    ),
    Source(
        "benjamini_hochberg_1995",
        "Benjamini Y, Hochberg Y. Controlling the false discovery rate: a practical and powerful approach to "
        "multiple testing. J R Stat Soc Series B Stat Methodol 1995;57(1):289-300.",
        doi="10.1111/j.2517-6161.1995.tb02031.x",
    ),
)

_LEVEL_NOTE = "the 5 % level is the conventional choice; the procedure holds at any level, and every adjusted p is reported"

FACTS: tuple[Fact, ...] = (
    Fact(
        "cohort.hedges_g.correction",
        (3.0, 4.0, 9.0),
        "",
        "hedges_1981",
        "Hedges' g removes the small-sample bias of the standardised mean difference by the factor "
        "J = 1 − 3 / (4 (n₁ + n₂) − 9), the approximation 1 − 3 / (4m − 1) with m = n₁ + n₂ − 2 degrees of freedom.",
    ),
    Fact(
        "cohort.hedges_g.variance",
        2.0,
        "",
        "hedges_1981",
        "Large-sample variance of g: (n₁ + n₂) / (n₁ n₂) + g² / (2 (n₁ + n₂)); the confidence interval is g "
        "± z × its square root.",
    ),
    Fact(
        "cohort.effect_size.bands",
        (0.2, 0.5, 0.8),
        "",
        "cohen_1988",
        "A standardised mean difference of 0.2 is small, 0.5 medium and 0.8 large (smaller is called "
        "negligible); Cohen offered these as rough conventions where no better yardstick exists.",
        "Chapter 2",
    ),
    Fact(
        "cohort.cliff_delta.bounds",
        (-1.0, 1.0),
        "",
        "cliff_1993",
        "Cliff's dominance statistic δ = P(X > Y) − P(X < Y) runs from −1 (every value of one group below "
        "every value of the other) to 1; its asymmetric confidence interval, from Cliff's unbiased variance "
        "estimate, stays within these bounds.",
    ),
    Fact(
        "cohort.alpha.holm",
        0.05,
        "",
        "holm_1979",
        "Holm's step-down procedure (the i-th smallest of m p-values times m − i + 1, kept non-decreasing) "
        "controls the family-wise error rate at α whatever the dependence between the tests; fibrokit marks "
        "adjusted p-values below α = 0.05.",
        note=_LEVEL_NOTE,
    ),
    Fact(
        "cohort.alpha.bh",
        0.05,
        "",
        "benjamini_hochberg_1995",
        "The Benjamini-Hochberg step-up procedure (the i-th smallest of m p-values times m / i, kept "
        "non-increasing from the largest) controls the false discovery rate at q for independent tests; "
        "fibrokit marks adjusted p-values below q = 0.05.",
        note=_LEVEL_NOTE,
    ),
    Fact(
        "cohort.confidence_level",
        0.95,
        "",
        "fibrokit",
        "Confidence intervals of effect sizes are 95 % intervals, matching the 5 % level of the tests.",
        convention=True,
    ),
)
