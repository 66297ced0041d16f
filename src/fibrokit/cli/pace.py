"""``fibrokit pace …``: heart-rate lines, activity review, morning readiness and a self-paced plan.

On files and options alone, or with ``--user`` on the app's database: the stored settings, mornings, exercise
tests and reviews, exactly as the app's pacing pages show them (``today``, ``week``, ``plan``, ``thresholds``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from fibrokit.choices import PlanActivity
from fibrokit.cli import _pace_store
from fibrokit.cli._app import app, console_note, out, with_option_names
from fibrokit.cli._pacing import (
    DEFAULT_LINES,
    LINE_OPTION_NAMES,
    LineOptions,
    line_options,
    lines_from_options,
    print_lines,
)
from fibrokit.cli.db import DatabaseUrl, DataDir, User
from fibrokit.evidence import fact

pace_app = typer.Typer(
    help="Pacing: your heart-rate lines, activity review, morning readiness and a self-paced plan.",
    no_args_is_help=True,
)
app.add_typer(pace_app, name="pace")

UserOption = Annotated[
    str | None,
    typer.Option("--user", help="Use this account's stored settings and data in the app's database."),
]
Day = Annotated[
    dt.datetime | None,
    typer.Option("--date", formats=["%Y-%m-%d"], help="The day to show (default today)."),
]


def _print(lines: list[str]) -> None:
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


def _given(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name != "DEFAULT"


def _flag(ctx: typer.Context, name: str) -> str:
    return next(str(p.opts[0]) for p in ctx.command.params if p.name == name)


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else dt.date.today()


@pace_app.command("thresholds")
@line_options
def thresholds_command(
    ctx: typer.Context,
    lines: LineOptions = DEFAULT_LINES,
    exercise_file: Annotated[
        Path | None,
        typer.Option("--exercise-test", help="Your exercise-test recording, scored for peak and rest."),
    ] = None,
    user: UserOption = None,
    day: Day = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Show your exertion threshold and ceiling, the rule behind each, and every alternative."""
    if user is not None:
        given = [n for n in (*LINE_OPTION_NAMES, "exercise_file") if _given(ctx, n)]
        if given:
            raise typer.BadParameter(
                "with --user the lines come from the account's stored pacing settings and data; leave out "
                f"{_flag(ctx, given[0])}, or leave out --user"
            )
        when = _day(day)
        _print(
            _pace_store.show(
                user, data_dir, database_url, lambda s, u: _pace_store.thresholds_lines(s, u, when)
            )
        )
        console_note("fibrokit informs, it does not prescribe; change the settings on the app's Pacing page")
        return
    thresholds = lines_from_options(lines, exercise_file)
    print_lines(thresholds)
    out.print("Every rule your numbers allow:", markup=False)
    for candidate in thresholds.candidates:
        sources = sorted({fact(key).source for key in candidate.evidence}) or ["your clinician"]
        out.print(
            f"  {candidate.rule}: {candidate.explanation} [source: {', '.join(sources)}]",
            markup=False,
            soft_wrap=True,
        )
    console_note("sources of every evidence key: docs/evidence.md; fibrokit informs, it does not prescribe")


@pace_app.command("review")
@line_options
def review_command(
    file: Annotated[Path, typer.Argument(help="The activity: beat-to-beat intervals or heart-rate samples.")],
    dwell: Annotated[float | None, typer.Option("--dwell", help="Seconds a zone must hold.")] = None,
    hysteresis: Annotated[
        float | None, typer.Option("--hysteresis", help="Bpm below a line to leave.")
    ] = None,
    lines: LineOptions = DEFAULT_LINES,
) -> None:
    """Review an activity: time in zones, load, time over the ceiling, recovery."""
    from fibrokit.errors import CorruptFile
    from fibrokit.pacing import pace_review
    from fibrokit.pipeline import heart_rate_series
    from fibrokit.readers import read

    thresholds = lines_from_options(lines)
    recording = read(file)
    series = heart_rate_series(recording, "lipponen2019")
    if series is None:
        raise CorruptFile(
            file.name, "holds no heart rate (neither beat-to-beat intervals nor heart-rate samples)"
        )
    review = pace_review(series, thresholds, dwell_s=dwell, hysteresis_bpm=hysteresis)
    print_lines(thresholds)
    source = "beat-to-beat intervals" if recording.beats is not None else "the device's heart-rate samples"
    out.print(f"Activity {recording.source_name} (from {source}):", markup=False)
    for sentence in review.summary:
        out.print(f"  {sentence}", markup=False, soft_wrap=True)


@pace_app.command("readiness")
def readiness_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Morning RR files, dated by content or YYYY-MM-DD in the name; or a wearable's export of nights "
            "(Oura, Whoop, Polar, Apple Health ...)."
        ),
    ],
    diary: Annotated[
        Path | None,
        typer.Option("--diary", help="CSV with columns date,symptoms,sleep (0-10), one row a day."),
    ] = None,
) -> None:
    """Judge each morning against your own rolling baseline, naming every flagged factor.

    Given a wearable's export instead of readings, each night is judged against earlier nights of the same
    device, and the device is named on every line.
    """
    from fibrokit.cli._pace_readiness import readiness_rows

    rows, caution = readiness_rows(files, diary)
    for date, ln, hr, level, why in rows:
        out.print(f"{date}  ln RMSSD {ln}  HR {hr}  {level}: {why}", markup=False, soft_wrap=True)
    console_note(caution)


@pace_app.command("plan")
def plan_command(
    activity: Annotated[PlanActivity, typer.Option("--activity", help="Kind of exercise.")] = "walking",
    start: Annotated[float, typer.Option("--start", help="Minutes a session in week 1.")] = 10.0,
    weeks: Annotated[int, typer.Option("--weeks", help="Plan length, 8-12 weeks.")] = 10,
    sessions: Annotated[int, typer.Option("--sessions", help="Sessions a week.")] = 3,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Also write the plan to this text file.")
    ] = None,
    user: UserOption = None,
    save: Annotated[
        bool, typer.Option("--save", help="With --user: store this plan, starting the week of --date.")
    ] = False,
    day: Day = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Draft a self-paced progression plan to discuss with your clinician or physiotherapist.

    With --user, show the account's stored plan with this week's target (adjusted by how its weeks went);
    with --save as well, store the plan the options describe.
    """
    from fibrokit._atomic import write_text_atomic
    from fibrokit.pacing import pace_plan

    if user is not None:
        form = {"plan_activity": activity, "plan_minutes": str(start)}
        form |= {"plan_weeks": str(weeks), "plan_sessions": str(sessions)}
        text = _pace_store.stored_plan(user, form if save else None, _day(day), data_dir, database_url)
    else:
        if save:
            raise typer.BadParameter("--save stores a plan for an account: give --user too")
        try:
            plan = pace_plan(activity, start, sessions_per_week=sessions, weeks=weeks)
        except ValueError as error:
            names = {"start_minutes": "--start", "sessions_per_week": "--sessions", "weeks": "--weeks"}
            raise typer.BadParameter(with_option_names(error, names | {"activity": "--activity"})) from None
        text = plan.lines()
    _print(text)
    if out_file is not None:
        console_note(f"plan written to {write_text_atomic(out_file, chr(10).join(text) + chr(10))}")


@pace_app.command("today")
def today_command(
    user: User = "", day: Day = None, data_dir: DataDir = None, database_url: DatabaseUrl = None
) -> None:
    """Today from the app's database: morning readiness, your lines, load used and the budget left."""
    when = _day(day)
    _print(_pace_store.show(user, data_dir, database_url, lambda s, u: _pace_store.today_lines(s, u, when)))


@pace_app.command("week")
def week_command(
    user: User = "",
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=52, help="How many weeks to show.")] = 8,
    day: Day = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Load week by week (Monday to Sunday) from the app's database, against your daily budget."""
    when = _day(day)
    _print(
        _pace_store.show(user, data_dir, database_url, lambda s, u: _pace_store.week_lines(s, u, when, weeks))
    )


@pace_app.command("nights")
def nights_command(
    user: User = "",
    use: Annotated[
        str | None,
        typer.Option(
            "--use",
            help="Make the baseline use this source's nights (e.g. oura, whoop); 'auto' for the most complete.",
        ),
    ] = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Your devices' nights, the one your baseline uses (choose with --use), your diary after unusual nights."""
    change = None
    if use is not None:
        chosen = "" if use.strip().lower() == "auto" else use.strip().lower()
        change = lambda s, u: _pace_store.choose_nights(s, u, chosen)  # noqa: E731
    _print(_pace_store.show(user, data_dir, database_url, _pace_store.nights_lines, change=change))
