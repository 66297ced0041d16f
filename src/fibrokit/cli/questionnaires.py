"""``fibrokit diary fiqr | acr | pgic | scores``: the questionnaires, scored by the core and kept.

Each is printed with its bands, conditions and the evidence keys of its numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from fibrokit.cli._app import console_note, out
from fibrokit.cli.db import DatabaseUrl, DataDir, User
from fibrokit.cli.diary import On, diary_app, person
from fibrokit.errors import FibrokitError
from fibrokit.evidence import fact

if TYPE_CHECKING:
    from fibrokit.store.tables import InstrumentRow

_MONTHS = int(fact("acr.min_duration_months").scalar())
_SOMATIC_MONTHS = int(fact("acr.somatic_lookback_months").scalar())


def show_result(row: InstrumentRow) -> None:
    """Print a scored questionnaire: headline, parts, conditions, bands and the evidence keys."""
    from fibrokit.services.diary.instrument_views import instrument_view

    view = instrument_view(row)
    out.print(f"{view.title}, {row.taken_on.isoformat()}", markup=False)
    out.print(f"  {view.headline}", markup=False, soft_wrap=True)
    for name, value in view.parts:
        out.print(f"  {name}: {value}", markup=False)
    for text, met in view.conditions:
        out.print(f"  [{'met' if met else 'not met'}] {text}", markup=False)
    if view.bands:
        shown = "; ".join(f"{b.name}: {b.scores}{' (yours)' if b.current else ''}" for b in view.bands)
        out.print(f"  {view.bands_title}: {shown}", markup=False, soft_wrap=True)
    for line in view.explanation:
        out.print(f"  {line}", markup=False, soft_wrap=True)
    console_note("sources: " + ", ".join(c.key for c in view.citations) + " (docs/evidence.md)")


def _answers(text: str) -> list[str]:
    return [part.strip().replace("-", "") for part in text.split(",")] if text.strip() else []


@diary_app.command("fiqr")
def fiqr_command(
    function: Annotated[
        str, typer.Option("--function", help="9 answers 0-10, comma-separated (blank or - if unanswered).")
    ],
    overall: Annotated[str, typer.Option("--overall", help="2 answers 0-10, comma-separated.")],
    symptoms: Annotated[str, typer.Option("--symptoms", help="10 answers 0-10, comma-separated.")],
    missing_rule: Annotated[
        str, typer.Option("--missing-rule", help="authors_current (default) or prorate_any.")
    ] = "authors_current",
    on: On = "",
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Score a FIQR from the licensed form's answers, and keep it."""
    from fibrokit.services import diary

    answers = {"function": _answers(function), "overall": _answers(overall), "symptoms": _answers(symptoms)}
    with person(user, data_dir, database_url) as (session, user_id):
        row = diary.save_fiqr(
            session, user_id, answers, taken_on=on, missing_rule=missing_rule, today=dt.date.today()
        )
        show_result(row)


def _area_names(values: list[str]) -> tuple[str, ...]:
    from fibrokit.diary import PainArea

    by_words = {area.value: area.name for area in PainArea}
    names = []
    for value in values:
        text = value.strip()
        if text.upper() in PainArea.__members__:
            names.append(text.upper())
        elif text.lower() in by_words:
            names.append(by_words[text.lower()])
        else:
            raise FibrokitError(f"--area {value!r} is not one of the 19 areas: {', '.join(by_words)}")
    return tuple(names)


@diary_app.command("acr")
def acr_command(
    fatigue: Annotated[int, typer.Option("--fatigue", help="Tiredness in the past week, 0-3.")],
    waking: Annotated[int, typer.Option("--waking", help="Waking unrefreshed, 0-3.")],
    cognitive: Annotated[int, typer.Option("--cognitive", help="Trouble thinking or remembering, 0-3.")],
    three_months: Annotated[
        str,
        typer.Option(
            "--three-months", help=f"yes or no: symptoms at a similar level for {_MONTHS} months or more."
        ),
    ],
    version: Annotated[str, typer.Option("--version", help="2016 (default), 2011 or 2010.")] = "2016",
    area: Annotated[
        list[str],
        typer.Option("--area", "-a", help='A painful area in the past week, e.g. "left shoulder" (repeat).'),
    ] = [],  # noqa: B006 (Typer reads the default)
    headaches: Annotated[
        bool, typer.Option("--headaches", help=f"Headaches in the past {_SOMATIC_MONTHS} months.")
    ] = False,
    lower_belly: Annotated[bool, typer.Option("--lower-belly", help="Lower-belly pain or cramps.")] = False,
    depression: Annotated[bool, typer.Option("--depression", help="Depression.")] = False,
    other_disorder: Annotated[
        str,
        typer.Option("--other-disorder", help="yes or no: another condition explains the pain (2010, 2011)."),
    ] = "",
    somatic_burden: Annotated[
        str, typer.Option("--somatic-burden", help="2010: the clinician's somatic rating, 0-3.")
    ] = "",
    on: On = "",
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Check answers against one version of the ACR fibromyalgia criteria (never a diagnosis)."""
    from fibrokit.services import diary

    answers = diary.AcrAnswers(
        version,
        _area_names(area),
        str(fatigue),
        str(waking),
        str(cognitive),
        headaches,
        lower_belly,
        depression,
        three_months,
        other_disorder,
        somatic_burden,
    )
    with person(user, data_dir, database_url) as (session, user_id):
        show_result(diary.save_acr(session, user_id, answers, taken_on=on, today=dt.date.today()))


@diary_app.command("pgic")
def pgic_command(
    rating: Annotated[int, typer.Argument(help="1 very much improved … 4 no change … 7 very much worse.")],
    trial: Annotated[int, typer.Option("--trial", help="The trial it is about (its id), if any.")] = 0,
    on: On = "",
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record your impression of change since a start (a trial's first dose, or one of your choosing)."""
    from fibrokit.services import diary

    with person(user, data_dir, database_url) as (session, user_id):
        row = diary.save_pgic(
            session, user_id, str(rating), taken_on=on, trial_id=trial or None, today=dt.date.today()
        )
        show_result(row)


@diary_app.command("scores")
def scores_command(
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """List your questionnaires, newest first."""
    from fibrokit.services import diary
    from fibrokit.services.diary.instrument_views import instrument_view

    with person(user, data_dir, database_url) as (session, user_id):
        rows = [r for kind in ("fiqr", "acr", "pgic") for r in diary.results_of(session, user_id, kind)]
        lines = [
            (
                r.taken_on,
                r.id,
                f"{r.taken_on.isoformat()}  #{r.id:<5} {r.version:<20} {instrument_view(r).headline}",
            )
            for r in rows
        ]
    for _, _, line in sorted(lines, reverse=True):
        out.print(line, markup=False, soft_wrap=True)
    if not lines:
        console_note("no questionnaires yet")
