"""The Revised Fibromyalgia Impact Questionnaire (FIQR): three domains, their divisors, missing answers, bands."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from fibrokit.diary.bands import FIQR_BANDINGS
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact

MissingRule = Literal["authors_current", "prorate_any"]

# fibrokit's own short descriptions of the 21 items, for orientation only. The FIQR's wording and licence
# terms have not been checked: do not present these as the questionnaire; use the licensed form.
FIQR_ITEMS: dict[str, tuple[str, ...]] = {
    "function": (
        "hair care",
        "a 20-minute walk",
        "cooking a meal",
        "floor cleaning",
        "carrying shopping",
        "a flight of stairs",
        "changing the bed",
        "sitting 45 minutes",
        "food shopping",
    ),
    "overall": ("goals for the week held back", "overwhelmed by symptoms"),
    "symptoms": (
        "pain",
        "energy",
        "stiffness",
        "sleep",
        "depression",
        "memory",
        "anxiety",
        "tenderness",
        "balance",
        "sensitivity to noise, light, smells or cold",
    ),
}

Answer = float | None


@dataclass(frozen=True)
class FiqrAnswers:
    """FIQR answers, 0-10 each, None where the item was left blank.

    Attributes
    ----------
    function : tuple of 9 answers
    overall : tuple of 2 answers
    symptoms : tuple of 10 answers
    """

    function: tuple[Answer, ...]
    overall: tuple[Answer, ...]
    symptoms: tuple[Answer, ...]

    def __post_init__(self) -> None:
        low, high = fact("fiqr.item_range").pair()
        for domain in ("function", "overall", "symptoms"):
            values = getattr(self, domain)
            expected = int(fact(f"fiqr.items.{domain}").scalar())
            if len(values) != expected:
                raise ValueError(f"`{domain}` must hold {expected} answers, not {len(values)}")
            for value in values:
                if value is not None and not (math.isfinite(value) and low <= value <= high):
                    raise ValueError(f"`{domain}` answers must be between {low:g} and {high:g} or None")


@dataclass(frozen=True)
class FiqrResult:
    """A scored FIQR.

    Attributes
    ----------
    total : float
        0-100, the sum of the three domain scores.
    function, overall, symptoms : float
        Domain scores: 0-30, 0-20 and 0-50.
    band : str
        Severity band under ``banding``.
    banding : str
        Name of the severity banding (``"salaffi_2020"``).
    missing_rule : str
        How blank answers were handled.
    prorated : tuple of str
        Domains whose sum was pro-rated for blank answers.
    evidence : tuple of str
        Evidence keys of the divisors, item counts, rules and bands.
    """

    total: float
    function: float
    overall: float
    symptoms: float
    band: str
    banding: str
    missing_rule: str
    prorated: tuple[str, ...]
    evidence: tuple[str, ...]


def fiqr_score(answers: FiqrAnswers, *, missing_rule: MissingRule = "authors_current") -> FiqrResult:
    """Score the FIQR (Bennett et al., Arthritis Res Ther 2009).

    Each domain's sum is divided by its divisor — function by 3, overall impact by 1, symptoms by 2 — and the
    three are added (0-100). A domain with blank answers is pro-rated: its sum of the x answered items is
    multiplied by (items in the domain) / x.

    Parameters
    ----------
    answers : FiqrAnswers
    missing_rule : {"authors_current", "prorate_any"}
        ``"authors_current"`` (default) follows the authors' current scoring page (fiqr.info): at most one
        function item may be blank (pro-rated by 9/8); a blank overall or symptom item makes the questionnaire
        invalid. ``"prorate_any"`` follows the older page (myalgia.com): pro-rate any domain with at least one
        answer.

    Returns
    -------
    FiqrResult
        Banded with Salaffi et al. 2020: remission 0-23, mild 24-40, moderate 41-63, severe 64-82, very
        severe 83 and above. Totals that fall between the published whole-number ranges (pro-rating gives
        fractions) take the lower band.

    Raises
    ------
    InsufficientData
        When the rule in force declares the questionnaire invalid.

    Examples
    --------
    >>> a = FiqrAnswers((5,) * 8 + (None,), (5, 5), (5,) * 10)
    >>> r = fiqr_score(a)
    >>> r.function, r.overall, r.symptoms, r.total, r.band, r.prorated
    (15.0, 10.0, 25.0, 50.0, 'moderate', ('function',))
    """
    if missing_rule not in ("authors_current", "prorate_any"):
        raise ValueError(f"`missing_rule` must be 'authors_current' or 'prorate_any', not {missing_rule!r}")
    scores: dict[str, float] = {}
    prorated: list[str] = []
    for domain in ("function", "overall", "symptoms"):
        values: tuple[Answer, ...] = getattr(answers, domain)
        given = [v for v in values if v is not None]
        _check_missing(domain, len(values) - len(given), missing_rule)
        if len(given) < len(values):
            prorated.append(domain)
        scores[domain] = sum(given) * len(values) / len(given) / fact(f"fiqr.divisor.{domain}").scalar()
    total = scores["function"] + scores["overall"] + scores["symptoms"]
    scheme = FIQR_BANDINGS["salaffi_2020"]
    # Bands are published for whole-number totals; a fractional total keeps the lower band.
    band = scheme.band(math.floor(total + 1e-9))
    evidence = (
        *(f"fiqr.items.{d}" for d in ("function", "overall", "symptoms")),
        *(f"fiqr.divisor.{d}" for d in ("function", "overall", "symptoms")),
        "fiqr.max_missing.function",
        scheme.evidence,
    )
    return FiqrResult(
        total,
        scores["function"],
        scores["overall"],
        scores["symptoms"],
        band,
        scheme.name,
        missing_rule,
        tuple(prorated),
        evidence,
    )


def _check_missing(domain: str, missing: int, rule: MissingRule) -> None:
    expected = int(fact(f"fiqr.items.{domain}").scalar())
    if missing == expected:
        raise InsufficientData(f"FIQR: every {domain} item is blank, so the domain cannot be scored")
    if rule == "authors_current":
        allowed = int(fact("fiqr.max_missing.function").scalar()) if domain == "function" else 0
        if missing > allowed:
            raise InsufficientData(
                f"FIQR: {missing} blank {domain} item(s); the authors' rule allows {allowed}, so the "
                "questionnaire is invalid (use missing_rule='prorate_any' to pro-rate anyway)"
            )
