"""``fibrokit trial opioid | confirm | prescription | costs | evaluate``: the opioid stop and what a trial yields.

Printing the request, the costs or the evaluation goes through the core's opioid guard, as on the app's pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from fibrokit.cli._app import console_note, out
from fibrokit.cli.db import DatabaseUrl, DataDir
from fibrokit.cli.diary import User, person
from fibrokit.cli.trial import TrialId, trial_app, trial_id_of


@trial_app.command("opioid")
def opioid_command(
    on: Annotated[str, typer.Option("--on", help="Day of the opioid use, YYYY-MM-DD.")],
    detail: Annotated[str, typer.Option("--detail", help="Which opioid, and how.")] = "",
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record opioid use: every LDN trial of yours stops until your clinician confirms in writing."""
    from fibrokit.services import trials

    with person(user, data_dir, database_url) as (session, user_id):
        trials.record_opioid(session, user_id, on, detail, dt.date.today())
    out.print("opioid use recorded; your LDN trials are stopped until your clinician confirms", markup=False)


@trial_app.command("confirm")
def confirm_command(
    clinician: Annotated[str, typer.Option("--clinician", help="The clinician's name.")],
    on: Annotated[str, typer.Option("--on", help="Date of their confirmation, YYYY-MM-DD.")],
    statement: Annotated[str, typer.Option("--statement", help="Their statement, in their words.")],
    trial: TrialId = 0,
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Add your clinician's written confirmation that a trial may go on despite recorded opioid use."""
    from fibrokit.services import trial_logs, trials

    with person(user, data_dir, database_url) as (session, user_id):
        trial_id = trial_id_of(session, user_id, trial)
        trial_logs.confirm(
            session, user_id, trial_id, clinician=clinician, on=on, statement=statement, today=dt.date.today()
        )
        row = trials.trial_of(session, user_id, trial_id)
        stopped = trials.stop_reason(trials.core_plan(session, row))
    out.print("confirmation added", markup=False)
    if stopped:
        console_note(stopped)


@trial_app.command("prescription")
def prescription_command(
    trial: TrialId = 0, user: User = "", data_dir: DataDir = None, database_url: DatabaseUrl = None
) -> None:
    """Print the prescription request: a request for your clinician to consider, not a prescription."""
    from fibrokit.services import trial_views

    with person(user, data_dir, database_url) as (session, user_id):
        _, request = trial_views.prescription(session, user_id, trial_id_of(session, user_id, trial))
    out.print(request.text, markup=False, soft_wrap=True)
    console_note("sources: " + ", ".join(dict.fromkeys(request.evidence)) + " (docs/evidence.md)")


@trial_app.command("costs")
def costs_command(
    state: Annotated[str, typer.Option("--state", help="Your US state (default: the plan's).")] = "",
    trial: TrialId = 0,
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Compare what the schedule would cost at each pharmacy of the seeded price table."""
    from fibrokit.errors import FibrokitError
    from fibrokit.services import trial_views

    with person(user, data_dir, database_url) as (session, user_id):
        _, comparison = trial_views.costs(
            session, user_id, trial_id_of(session, user_id, trial), state, dt.date.today()
        )
    if comparison is None:
        raise FibrokitError("give your US state with --state (pharmacies do not all ship everywhere)")
    out.print(comparison.age_text, markup=False, soft_wrap=True)
    for quote in comparison.quotes:
        out.print(
            f"${quote.total_usd:>8.2f}  {quote.pharmacy}: {'; '.join(quote.items)}",
            markup=False,
            soft_wrap=True,
        )
    for name, why in comparison.unavailable:
        out.print(f"{'—':>9}  {name}: {why}", markup=False)
    console_note("sources: " + ", ".join(trial_views.price_keys(comparison)) + " (docs/evidence.md)")


@trial_app.command("evaluate")
def evaluate_command(
    trial: TrialId = 0, user: User = "", data_dir: DataDir = None, database_url: DatabaseUrl = None
) -> None:
    """Change at weeks 4, 8 and 12 with 90 % intervals, and the verdict with the evidence beside it."""
    from fibrokit.services import trial_views

    with person(user, data_dir, database_url) as (session, user_id):
        _, evaluation, verdict = trial_views.evaluation(
            session, user_id, trial_id_of(session, user_id, trial), dt.date.today()
        )
    for outcome in evaluation.outcomes:
        for change in outcome.changes:
            low, high = change.interval_pct
            out.print(
                f"{outcome.outcome:<14} week {change.week:>2}: {change.change_pct:+5.0f} % "
                f"(interval {low:+.0f} to {high:+.0f} %), {change.category}, {change.response}",
                markup=False,
            )
        for problem in outcome.problems:
            console_note(problem)
    out.print(verdict.text, markup=False, soft_wrap=True)
    console_note("sources: " + ", ".join(dict.fromkeys(verdict.evidence)) + " (docs/evidence.md)")
