"""Personal heart-rate lines for pacing: the exertion threshold and the over-exertion ceiling, each with its rule.

Two lines make three zones: below the **exertion threshold** is rest (no load), between it and the **ceiling**
is activity (load accrues), above the ceiling is over-exertion (an alert after the dwell time). Each line comes
from a named, cited rule, or is set by hand; the result says which rule is in force and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.choices import (
    CEILING_RULES,
    HRMAX_FORMULAS,
    THRESHOLD_RULES,
    CeilingRule,
    HrmaxFormula,
    ThresholdRule,
)
from fibrokit.evidence import fact
from fibrokit.protocols import ProtocolResult
from fibrokit.protocols.hrmax_predicted import hrmax_equation, hrmax_key, hrmax_predicted

# The rules and the age-predicted maximum equations (the same as the exercise test's) are named in fibrokit.choices.


@dataclass(frozen=True)
class ExerciseTestValues:
    """Numbers from a person's own exercise test, as plain values (a protocol result or a clinician's entry).

    Parameters
    ----------
    peak_hr_bpm : float, optional
        Highest heart rate reached in the test.
    resting_hr_bpm : float, optional
        Resting heart rate measured before the test.
    vt1_hr_bpm : float, optional
        Heart rate at the first ventilatory (or anaerobic) threshold measured on a cardiopulmonary exercise
        test and entered by a clinician; it takes priority over every formula.
    """

    peak_hr_bpm: float | None = None
    resting_hr_bpm: float | None = None
    vt1_hr_bpm: float | None = None

    @classmethod
    def from_result(cls, result: ProtocolResult, *, vt1_hr_bpm: float | None = None) -> ExerciseTestValues:
        """The peak and resting heart rate of a scored exercise test (:func:`fibrokit.protocols.exercise_test`).

        Examples
        --------
        >>> from fibrokit.protocols import exercise_test
        >>> from fibrokit.simulate import simulate_exercise_test, fibromyalgia_like
        >>> test = exercise_test(simulate_exercise_test(fibromyalgia_like(), seed=1).recording, age=46)
        >>> values = ExerciseTestValues.from_result(test)
        >>> values.peak_hr_bpm == test["peak_hr_bpm"]
        True
        """
        if result.protocol != "exercise-test":
            raise ValueError(f"`result` must be an exercise test, not {result.protocol!r}")
        return cls(result["peak_hr_bpm"], result["resting_hr_bpm"], vt1_hr_bpm)


@dataclass(frozen=True)
class Threshold:
    """One heart-rate line with the rule that set it.

    Attributes
    ----------
    bpm : float
        The line, beats per minute (rounded to whole beats).
    rule : str
        Rule name (``"rest_x1.15"``, ``"clinician_vt1"``, ``"manual"`` ...).
    explanation : str
        How the number was reached, in plain words, with the source.
    evidence : tuple of str
        Keys of the evidence registry behind the number.
    """

    bpm: float
    rule: str
    explanation: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class PacingThresholds:
    """The two lines in force, the alternatives that could be computed, and why these were chosen.

    Attributes
    ----------
    threshold : Threshold
        Exertion threshold: load accrues above it.
    ceiling : Threshold
        Over-exertion line: an alert fires when heart rate stays above it.
    candidates : tuple of Threshold
        Every rule that could be computed from the inputs, for comparison.
    why : str
        Which rules are in force and why, in plain words.
    cautions : tuple of str
        What to keep in mind (formula-predicted lines can be far off).
    """

    threshold: Threshold
    ceiling: Threshold
    candidates: tuple[Threshold, ...]
    why: str
    cautions: tuple[str, ...] = ()


def pace_thresholds(
    resting_hr_bpm: float | None = None,
    age: float | None = None,
    *,
    rule: ThresholdRule = "rest_x1.15",
    ceiling_rule: CeilingRule = "auto",
    hrmax_rule: HrmaxFormula = "fox",
    test: ExerciseTestValues | None = None,
    threshold_bpm: float | None = None,
    ceiling_bpm: float | None = None,
) -> PacingThresholds:
    """Choose the exertion threshold and the over-exertion ceiling from a person's own numbers.

    The ceiling, with ``ceiling_rule="auto"``, comes from the best evidence available: a clinician-entered VT1
    first, then the person's exercise test (52 % of heart-rate reserve with the peak they reached, Lemos 2010),
    then 0.55 × age-predicted maximum (Workwell's rule without a test). A number set by hand
    (``threshold_bpm``, ``ceiling_bpm``) is used as given.

    Parameters
    ----------
    resting_hr_bpm : float, optional
        Resting heart rate (e.g. the average of recent morning readings).
    age : float, optional
        Years; needed for age-predicted rules.
    rule : {"rest_x1.15", "rest_plus15"}
        Exertion-threshold rule: resting HR × 1.15 (Visible) or resting HR + 15 bpm (Workwell / UOP).
    ceiling_rule : {"auto", "clinician_vt1", "exercise_test", "age_0.55", "age_vt1"}
        Ceiling rule; ``"age_vt1"`` is 76 % of age-predicted maximum (the fibromyalgia VT1 estimate of
        Villafaina 2022, valid for the "fox" (220 − age) and "fibromyalgia" equations only).
    hrmax_rule : {"fox", "gellish", "tanaka", "fibromyalgia"}
        Age-predicted maximal heart rate equation for the age-based rules.
    test : ExerciseTestValues, optional
        Values from the person's exercise test.
    threshold_bpm, ceiling_bpm : float, optional
        Lines set by hand; they override the rules.

    Returns
    -------
    PacingThresholds

    Raises
    ------
    ValueError
        For an unknown rule, or when the chosen rule lacks its inputs (the message names them).

    References
    ----------
    Villafaina S et al. Biology 2022;11:704. Lemos MCD et al. BMC Musculoskelet Disord 2010;11:54.
    Visible, Heart rate zones (web). CFS Self-Help, Pacing by the numbers (web).

    Examples
    --------
    >>> t = pace_thresholds(80, 50)
    >>> t.threshold.bpm, t.ceiling.bpm
    (92.0, 94.0)
    >>> print(t.threshold.explanation)
    Exertion threshold 92 bpm: resting HR 80 × 1.15 (Visible's default, citing the Workwell Foundation).
    >>> pace_thresholds(80, 50, test=ExerciseTestValues(vt1_hr_bpm=105)).ceiling.rule
    'clinician_vt1'
    """
    _check_choice("rule", rule, THRESHOLD_RULES)
    _check_choice("ceiling_rule", ceiling_rule, CEILING_RULES)
    _check_choice("hrmax_rule", hrmax_rule, HRMAX_FORMULAS)
    test = test or ExerciseTestValues()
    resting = resting_hr_bpm if resting_hr_bpm is not None else test.resting_hr_bpm
    lower = _threshold_candidates(resting)
    upper = _ceiling_candidates(resting, age, hrmax_rule, test)
    threshold = _pick_threshold(rule, lower, threshold_bpm)
    ceiling, why_ceiling = _pick_ceiling(ceiling_rule, upper, ceiling_bpm, hrmax_rule)
    cautions = list(_cautions(ceiling))
    if threshold.bpm >= ceiling.bpm:
        cautions.append(
            f"The exertion threshold ({threshold.bpm:.0f} bpm) is not below the ceiling ({ceiling.bpm:.0f} "
            "bpm), so there is no activity zone: every minute above the ceiling counts as over-exertion. "
            "Check both numbers with your clinician."
        )
        threshold = Threshold(ceiling.bpm, threshold.rule, threshold.explanation, threshold.evidence)
    why = (
        f"Exertion threshold: {_NAMES[threshold.rule]}"
        + (" (set by hand)." if threshold.rule == "manual" else " (the rule chosen).")
        + f" Ceiling: {why_ceiling}"
    )
    return PacingThresholds(
        threshold, ceiling, tuple(lower.values()) + tuple(upper.values()), why, tuple(cautions)
    )


_NAMES = {
    "rest_x1.15": "resting HR × 1.15",
    "rest_plus15": "resting HR + 15 bpm",
    "manual": "a number set by hand",
    "clinician_vt1": "the clinician-entered VT1",
    "exercise_test": "52 % of heart-rate reserve from your exercise test",
    "age_0.55": "0.55 × age-predicted maximum",
    "age_vt1": "76 % of age-predicted maximum (fibromyalgia VT1 estimate)",
}


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"`{name}` must be one of {', '.join(allowed)}; got {value!r}")


def _threshold_candidates(resting: float | None) -> dict[str, Threshold]:
    if resting is None:
        return {}
    factor = fact("pacing.threshold.rest_factor").scalar()
    plus = fact("pacing.threshold.rest_plus_bpm").scalar()
    x115 = round(resting * factor)
    p15 = round(resting + plus)
    return {
        "rest_x1.15": Threshold(
            float(x115),
            "rest_x1.15",
            f"Exertion threshold {x115} bpm: resting HR {resting:.0f} × {factor:g} (Visible's default, citing "
            "the Workwell Foundation).",
            ("pacing.threshold.rest_factor",),
        ),
        "rest_plus15": Threshold(
            float(p15),
            "rest_plus15",
            f"Exertion threshold {p15} bpm: resting HR {resting:.0f} + {plus:g} bpm (University of the "
            "Pacific / Workwell researchers).",
            ("pacing.threshold.rest_plus_bpm",),
        ),
    }


def _hrmax(age: float, hrmax_rule: HrmaxFormula) -> tuple[float, str]:
    return hrmax_predicted(age, hrmax_rule), hrmax_equation(hrmax_rule)


def _ceiling_candidates(
    resting: float | None, age: float | None, hrmax_rule: HrmaxFormula, test: ExerciseTestValues
) -> dict[str, Threshold]:
    found: dict[str, Threshold] = {}
    if test.vt1_hr_bpm is not None:
        found["clinician_vt1"] = Threshold(
            float(round(test.vt1_hr_bpm)),
            "clinician_vt1",
            f"Ceiling {test.vt1_hr_bpm:.0f} bpm: heart rate at your first ventilatory threshold, measured on a "
            "cardiopulmonary exercise test and entered by your clinician.",
        )
    test_rest = test.resting_hr_bpm if test.resting_hr_bpm is not None else resting
    if test.peak_hr_bpm is not None and test_rest is not None:
        share = fact("pacing.at.hrr_fraction").pair()[0]
        value = round(test_rest + share * (test.peak_hr_bpm - test_rest))
        found["exercise_test"] = Threshold(
            float(value),
            "exercise_test",
            f"Ceiling {value} bpm: resting HR {test_rest:.0f} + {share:.0%} of the reserve up to the peak of "
            f"{test.peak_hr_bpm:.0f} bpm you reached in your exercise test (anaerobic threshold in women with "
            "fibromyalgia, Lemos 2010).",
            ("pacing.at.hrr_fraction",),
        )
    if age is not None:
        found["age_0.55"] = _share_of_hrmax(
            "age_0.55",
            "pacing.ceiling.hrmax_fraction",
            "{:g} ×",
            "the Workwell Foundation's line without an exercise test, as Visible applies it",
            age=age,
            hrmax_rule=hrmax_rule,
        )
        found["age_vt1"] = _share_of_hrmax(
            "age_vt1",
            "pacing.vt1.hrmax_fraction",
            "{:.0%} of",
            "estimate of the first ventilatory threshold in women with fibromyalgia, Villafaina 2022",
            age=age,
            hrmax_rule=hrmax_rule,
        )
    return found


def _share_of_hrmax(
    name: str, share_key: str, share_words: str, why: str, *, age: float, hrmax_rule: HrmaxFormula
) -> Threshold:
    # A ceiling at a registered share of the predicted maximum; ``share_words`` is how the share reads before
    # the formula ("0.55 ×", "76% of").
    hrmax, formula = _hrmax(age, hrmax_rule)
    share = fact(share_key).scalar()
    bpm = round(share * hrmax)
    return Threshold(
        float(bpm),
        name,
        f"Ceiling {bpm} bpm: {share_words.format(share)} ({formula}) = {share:g} × {hrmax:.0f} ({why}).",
        (share_key, hrmax_key(hrmax_rule)),
    )


def _pick_threshold(rule: str, lower: dict[str, Threshold], manual: float | None) -> Threshold:
    if manual is not None:
        return Threshold(float(manual), "manual", f"Exertion threshold {manual:.0f} bpm, set by hand.")
    if rule not in lower:
        raise ValueError(f"the exertion-threshold rule {rule!r} needs `resting_hr_bpm`")
    return lower[rule]


def _pick_ceiling(
    rule: str, upper: dict[str, Threshold], manual: float | None, hrmax_rule: str
) -> tuple[Threshold, str]:
    if manual is not None:
        return Threshold(float(manual), "manual", f"Ceiling {manual:.0f} bpm, set by hand."), "set by hand."
    if rule == "age_vt1" and hrmax_rule == "tanaka":
        raise ValueError(
            "`ceiling_rule='age_vt1'` agreed with VT1 only with `hrmax_rule` 'fox' or 'fibromyalgia' (Villafaina 2022)"
        )
    if rule != "auto":
        if rule not in upper:
            raise ValueError(f"the ceiling rule {rule!r} lacks its inputs ({_NEEDS[rule]})")
        return upper[rule], f"{_NAMES[rule]} (the rule chosen)."
    for candidate in ("clinician_vt1", "exercise_test", "age_0.55"):
        if candidate in upper:
            reason = {
                "clinician_vt1": "a measured threshold takes priority over any formula.",
                "exercise_test": "your own exercise test is used before any age formula; a clinician-entered "
                "VT1 would take priority.",
                "age_0.55": "no exercise test was given, so the age formula is used; a measured threshold "
                "would be better.",
            }[candidate]
            return upper[candidate], f"{_NAMES[candidate]}: {reason}"
    raise ValueError("a ceiling needs `age`, an exercise test (`test`), or `ceiling_bpm`")


_NEEDS = {
    "clinician_vt1": "test.vt1_hr_bpm",
    "exercise_test": "test.peak_hr_bpm and a resting heart rate",
    "age_0.55": "age",
    "age_vt1": "age",
}


def _cautions(ceiling: Threshold) -> tuple[str, ...]:
    if ceiling.rule in ("age_0.55", "age_vt1"):
        low, high = fact("pacing.caution.formula_bias_bpm").pair()
        return (
            "Formula-predicted lines can be far off for one person: in people with ME/CFS, formula-predicted "
            f"threshold heart rates missed the measured ones by {low:+.0f} to {high:+.0f} bpm on average, with "
            "wide limits (van Campen 2020). A threshold measured on an exercise test is better.",
        )
    if ceiling.rule == "exercise_test":
        return (
            "The 52 % of heart-rate reserve assumes your test reached a true peak; if you stopped early, the "
            "line is set too low. A clinician-entered VT1 is better still.",
        )
    return ()
