"""The age-predicted maximal heart rate by a named equation, the one place the equations are evaluated."""

from __future__ import annotations

from fibrokit.choices import HRMAX_FORMULAS, HRMAX_NAMED_AFTER, HrmaxFormula
from fibrokit.evidence import fact


def hrmax_predicted(age: float, formula: HrmaxFormula = "fox") -> float:
    """Predict the maximal heart rate from age with a named equation.

    Parameters
    ----------
    age : float
        Years.
    formula : {"fox", "gellish", "tanaka", "fibromyalgia"}
        The equation (``fibrokit.choices.HRMAX_FORMULAS``); its intercept and slope come from the evidence
        registry entry ``protocols.hrmax.<formula>``.

    Returns
    -------
    float
        Beats per minute.

    Examples
    --------
    >>> hrmax_predicted(40.0, "fox")
    180.0
    >>> hrmax_equation("gellish")
    '207 − 0.7 × age'
    """
    intercept, slope = fact(hrmax_key(formula)).pair()
    return intercept - slope * age


def hrmax_key(formula: str) -> str:
    """The evidence key of a named equation; a `ValueError` names the allowed equations."""
    if formula not in HRMAX_FORMULAS:
        raise ValueError(f"`hrmax_formula` must be one of {', '.join(HRMAX_FORMULAS)}, not {formula!r}")
    return f"protocols.hrmax.{formula}"


def hrmax_equation(formula: str) -> str:
    """The equation in words from its registry entry, e.g. ``"220 − age"``."""
    intercept, slope = fact(hrmax_key(formula)).pair()
    return f"{intercept:g} − age" if slope == 1.0 else f"{intercept:g} − {slope:g} × age"


def hrmax_label(formula: str) -> str:
    """The equation with whom it is named after, e.g. ``"220 − age, Fox 1971"``."""
    after = HRMAX_NAMED_AFTER.get(formula)
    equation = hrmax_equation(formula)
    return f"{equation}, {after}" if after else equation
