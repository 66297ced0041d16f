"""``fibrokit pace …``: heart-rate lines, activity review, morning readiness and a self-paced plan."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from fibrokit.cli._app import app, console_note, out
from fibrokit.cli._pacing import (
    Age,
    CeilingBpm,
    CeilingOpt,
    CeilingRule,
    HrmaxOpt,
    HrmaxRule,
    PeakHr,
    RestHr,
    Rule,
    RuleOpt,
    ThresholdBpm,
    Vt1,
    lines_from_options,
    print_lines,
)
from fibrokit.evidence import fact

pace_app = typer.Typer(
    help="Pacing: your heart-rate lines, activity review, morning readiness and a self-paced plan.",
    no_args_is_help=True,
)
app.add_typer(pace_app, name="pace")


class ActivityName(StrEnum):
    """Activities a plan can be made for."""

    walking = "walking"
    cycling = "cycling"
    warm_water = "warm_water"


@pace_app.command("thresholds")
def thresholds_command(
    rest_hr: RestHr = None,
    age: Age = None,
    rule: RuleOpt = Rule.rest_x115,
    ceiling_rule: CeilingOpt = CeilingRule.auto,
    hrmax_rule: HrmaxOpt = HrmaxRule.fox,
    vt1: Vt1 = None,
    peak_hr: PeakHr = None,
    threshold: ThresholdBpm = None,
    ceiling: CeilingBpm = None,
    exercise_file: Annotated[
        Path | None,
        typer.Option("--exercise-test", help="Your exercise-test recording, scored for peak and rest."),
    ] = None,
) -> None:
    """Show your exertion threshold and ceiling, the rule behind each, and every alternative."""
    lines = lines_from_options(
        rest_hr, age, rule, ceiling_rule, hrmax_rule, vt1, peak_hr, threshold, ceiling, exercise_file
    )
    print_lines(lines)
    out.print("Every rule your numbers allow:", markup=False)
    for candidate in lines.candidates:
        sources = sorted({fact(key).source for key in candidate.evidence}) or ["your clinician"]
        out.print(
            f"  {candidate.rule}: {candidate.explanation} [source: {', '.join(sources)}]",
            markup=False,
            soft_wrap=True,
        )
    console_note("sources of every evidence key: docs/evidence.md; fibrokit informs, it does not prescribe")


@pace_app.command("review")
def review_command(
    file: Annotated[Path, typer.Argument(help="The activity's RR file.")],
    dwell: Annotated[float | None, typer.Option("--dwell", help="Seconds a zone must hold.")] = None,
    hysteresis: Annotated[
        float | None, typer.Option("--hysteresis", help="Bpm below a line to leave.")
    ] = None,
    rest_hr: RestHr = None,
    age: Age = None,
    rule: RuleOpt = Rule.rest_x115,
    ceiling_rule: CeilingOpt = CeilingRule.auto,
    hrmax_rule: HrmaxOpt = HrmaxRule.fox,
    vt1: Vt1 = None,
    peak_hr: PeakHr = None,
    threshold: ThresholdBpm = None,
    ceiling: CeilingBpm = None,
) -> None:
    """Review an activity: time in zones, load, time over the ceiling, recovery."""
    from fibrokit.beats import rr_flag_artifacts
    from fibrokit.errors import CorruptFile
    from fibrokit.pacing import pace_review
    from fibrokit.readers import read

    lines = lines_from_options(rest_hr, age, rule, ceiling_rule, hrmax_rule, vt1, peak_hr, threshold, ceiling)
    recording = read(file)
    if recording.beats is None:
        raise CorruptFile(file.name, "holds no beat-to-beat intervals")
    review = pace_review(rr_flag_artifacts(recording.beats), lines, dwell_s=dwell, hysteresis_bpm=hysteresis)
    print_lines(lines)
    out.print(f"Activity {recording.source_name}:", markup=False)
    for sentence in review.summary:
        out.print(f"  {sentence}", markup=False, soft_wrap=True)


@pace_app.command("readiness")
def readiness_command(
    files: Annotated[
        list[Path], typer.Argument(help="Morning RR files, dated by content or YYYY-MM-DD in the name.")
    ],
    diary: Annotated[
        Path | None,
        typer.Option("--diary", help="CSV with columns date,symptoms,sleep (0-10), one row a day."),
    ] = None,
) -> None:
    """Judge each morning against your own rolling baseline, naming every flagged factor."""
    from fibrokit.cli._pace_readiness import readiness_rows

    rows, caution = readiness_rows(files, diary)
    for date, ln, hr, level, why in rows:
        out.print(f"{date}  ln RMSSD {ln}  HR {hr}  {level}: {why}", markup=False, soft_wrap=True)
    console_note(caution)


@pace_app.command("plan")
def plan_command(
    activity: Annotated[
        ActivityName, typer.Option("--activity", help="Kind of exercise.")
    ] = ActivityName.walking,
    start: Annotated[float, typer.Option("--start", help="Minutes a session in week 1.")] = 10.0,
    weeks: Annotated[int, typer.Option("--weeks", help="Plan length, 8-12 weeks.")] = 10,
    sessions: Annotated[int, typer.Option("--sessions", help="Sessions a week.")] = 3,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Also write the plan to this text file.")
    ] = None,
) -> None:
    """Draft a self-paced progression plan to discuss with your clinician or physiotherapist."""
    from fibrokit._atomic import write_text_atomic
    from fibrokit.pacing import pace_plan

    try:
        plan = pace_plan(activity.value, start, sessions_per_week=sessions, weeks=weeks)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    text = plan.lines()
    for line in text:
        out.print(line, markup=False, soft_wrap=True)
    if out_file is not None:
        console_note(f"plan written to {write_text_atomic(out_file, chr(10).join(text) + chr(10))}")
