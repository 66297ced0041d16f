"""Options shared by the pacing commands (``fibrokit pace …`` and ``fibrokit live``): the heart-rate lines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fibrokit.choices import CeilingRule, HrmaxFormula, ThresholdRule
from fibrokit.cli._app import out, with_option_names

if TYPE_CHECKING:
    from fibrokit.pacing import PacingThresholds


RestHr = Annotated[float | None, typer.Option("--rest-hr", help="Resting heart rate, bpm.")]
Age = Annotated[float | None, typer.Option("--age", help="Age in years (for age-predicted lines).")]
RuleOpt = Annotated[ThresholdRule, typer.Option("--rule", help="Exertion-threshold rule.")]
CeilingOpt = Annotated[
    CeilingRule, typer.Option("--ceiling-rule", help="Ceiling rule (auto: VT1, then test, then age).")
]
HrmaxOpt = Annotated[HrmaxFormula, typer.Option("--hrmax-rule", help="Age-predicted HRmax equation.")]
Vt1 = Annotated[
    float | None, typer.Option("--vt1", help="Clinician-measured HR at the first ventilatory threshold.")
]
PeakHr = Annotated[float | None, typer.Option("--peak-hr", help="Peak HR reached in your exercise test.")]
ThresholdBpm = Annotated[
    float | None, typer.Option("--threshold", help="Exertion threshold set by hand, bpm.")
]
CeilingBpm = Annotated[float | None, typer.Option("--ceiling", help="Ceiling set by hand, bpm.")]


def lines_from_options(
    rest_hr: float | None,
    age: float | None,
    rule: ThresholdRule,
    ceiling_rule: CeilingRule,
    hrmax_rule: HrmaxFormula,
    vt1: float | None,
    peak_hr: float | None,
    threshold: float | None,
    ceiling: float | None,
    exercise_file: Path | None = None,
) -> PacingThresholds:
    """Build the lines, turning a missing input into a usage message that names the option to add.

    With ``exercise_file`` the person's own exercise test is scored first and its peak and resting heart rate
    are used (the measured response, rather than a formula).
    """
    from fibrokit.pacing import ExerciseTestValues, pace_thresholds
    from fibrokit.protocols import exercise_test
    from fibrokit.readers import read

    test = ExerciseTestValues(peak_hr_bpm=peak_hr, vt1_hr_bpm=vt1)
    if exercise_file is not None:
        if age is None:
            raise typer.BadParameter("scoring your exercise test needs --age")
        scored = exercise_test(read(exercise_file), age=age, hrmax_formula=hrmax_rule)
        test = ExerciseTestValues.from_result(scored, vt1_hr_bpm=vt1)
        rest_hr = rest_hr if rest_hr is not None else scored["resting_hr_bpm"]
    try:
        return pace_thresholds(
            rest_hr,
            age,
            rule=rule,
            ceiling_rule=ceiling_rule,
            hrmax_rule=hrmax_rule,
            test=test,
            threshold_bpm=threshold,
            ceiling_bpm=ceiling,
        )
    except ValueError as error:
        hint = "give --rest-hr (or --threshold) and --age, --peak-hr, --vt1 or --ceiling"
        raise typer.BadParameter(f"{with_option_names(error, _OPTIONS)} ({hint})") from None


# The library's parameter names, as the options that set them.
_OPTIONS = {
    "resting_hr_bpm": "--rest-hr",
    "age": "--age",
    "test": "an exercise test (--exercise-test, --peak-hr or --vt1)",
    "ceiling_bpm": "--ceiling",
    "threshold_bpm": "--threshold",
    "rule": "--rule",
    "ceiling_rule": "--ceiling-rule",
    "hrmax_rule": "--hrmax-rule",
}


def print_lines(lines: PacingThresholds) -> None:
    """Print the lines in force, why, and the cautions."""
    out.print(lines.threshold.explanation, markup=False, soft_wrap=True)
    out.print(lines.ceiling.explanation, markup=False, soft_wrap=True)
    out.print(lines.why, markup=False, soft_wrap=True)
    for caution in lines.cautions:
        out.print(f"Caution: {caution}", markup=False, soft_wrap=True)
