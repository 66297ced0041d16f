"""Options shared by the pacing commands (``fibrokit pace …`` and ``fibrokit live``): the heart-rate lines.

The nine options that set the lines are written once, here: :func:`line_options` adds them to a command, which
receives them as one :class:`LineOptions`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_type_hints

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


@dataclass(frozen=True)
class LineOptions:
    """What the person gave for the heart-rate lines (each field one option; see :func:`line_options`)."""

    rest_hr: RestHr = None
    age: Age = None
    rule: RuleOpt = "rest_x1.15"
    ceiling_rule: CeilingOpt = "auto"
    hrmax_rule: HrmaxOpt = "fox"
    vt1: Vt1 = None
    peak_hr: PeakHr = None
    threshold: ThresholdBpm = None
    ceiling: CeilingBpm = None


#: The lines' options as the person left them (each at its default).
DEFAULT_LINES = LineOptions()
LINE_OPTION_NAMES: tuple[str, ...] = tuple(field.name for field in fields(LineOptions))
Command = TypeVar("Command", bound=Callable[..., Any])


def line_options(command: Command) -> Command:
    """Give a command the nine options of the heart-rate lines, in place of its ``lines: LineOptions`` parameter.

    Typer reads a command's signature: the one shown here has the options where ``lines`` stood, and the
    command is called with them gathered into one :class:`LineOptions`.
    """
    signature = inspect.signature(command, eval_str=True)
    defaults = LineOptions()
    options = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=getattr(defaults, name), annotation=hint
        )
        for name, hint in get_type_hints(LineOptions, include_extras=True).items()
    ]
    before = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in signature.parameters.values()]
    at = [p.name for p in before].index("lines")
    parameters = [*before[:at], *options, *before[at + 1 :]]

    @functools.wraps(command)
    def with_lines(*args: Any, **kwargs: Any) -> Any:
        given = LineOptions(**{name: kwargs.pop(name) for name in LINE_OPTION_NAMES})
        return command(*args, lines=given, **kwargs)

    with_lines.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_lines.__annotations__ = {p.name: p.annotation for p in parameters} | {
        "return": signature.return_annotation
    }
    return with_lines  # type: ignore[return-value]


def lines_from_options(given: LineOptions, exercise_file: Path | None = None) -> PacingThresholds:
    """Build the lines, turning a missing input into a usage message that names the option to add.

    With ``exercise_file`` the person's own exercise test is scored first and its peak and resting heart rate
    are used (the measured response, rather than a formula).
    """
    from fibrokit.pacing import ExerciseTestValues, pace_thresholds
    from fibrokit.protocols import exercise_test
    from fibrokit.readers import read

    rest_hr = given.rest_hr
    test = ExerciseTestValues(peak_hr_bpm=given.peak_hr, vt1_hr_bpm=given.vt1)
    if exercise_file is not None:
        if given.age is None:
            raise typer.BadParameter("scoring your exercise test needs --age")
        scored = exercise_test(read(exercise_file), age=given.age, hrmax_formula=given.hrmax_rule)
        test = ExerciseTestValues.from_result(scored, vt1_hr_bpm=given.vt1)
        rest_hr = rest_hr if rest_hr is not None else scored["resting_hr_bpm"]
    try:
        return pace_thresholds(
            rest_hr,
            given.age,
            rule=given.rule,
            ceiling_rule=given.ceiling_rule,
            hrmax_rule=given.hrmax_rule,
            test=test,
            threshold_bpm=given.threshold,
            ceiling_bpm=given.ceiling,
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
