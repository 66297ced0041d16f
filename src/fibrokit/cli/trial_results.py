"""``fibrokit trial side-effect | opioid | confirm | prescription | costs | evaluate``: logs and results.

Side effects raise questions, the opioid stop and its confirmation, and what a trial yields.

Printing the request, the costs or the evaluation goes through the core's opioid guard, as on the app's pages.
Every command takes ``--format json``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from fibrokit.cli._app import console_note, out
from fibrokit.cli._trial_command import TrialCall, trial_command
from fibrokit.cli._trial_json import emit
from fibrokit.cli.trial import print_questions, trial_app


@trial_command(trial_app, "side-effect")
def side_effect_command(
    call: TrialCall,
    effect: Annotated[
        str,
        typer.Argument(
            help="vivid_dreams, insomnia, headache, nausea, fatigue, anxiety, dizziness or other."
        ),
    ],
    severity: Annotated[str, typer.Option("--severity", help="mild, moderate or severe.")] = "mild",
    on: Annotated[str, typer.Option("--on", help="Day, YYYY-MM-DD (default today).")] = "",
    note: Annotated[str, typer.Option("--note", help="A note.")] = "",
) -> None:
    """Record a side effect; questions for your clinician follow from the rules."""
    from fibrokit.services import trials
    from fibrokit.services.trials import views

    with call.trial_session() as (session, user_id, trial_id):
        stored = trials.report_side_effect(
            session,
            user_id,
            trial_id,
            effect=effect,
            severity=severity,
            on=on,
            note=note,
            today=dt.date.today(),
        )
        day = stored.reported_on
        view = views.trial_page(session, user_id, trial_id, dt.date.today())
    questions = view.questions if view else ()
    if call.json:
        emit({"trial": trial_id, "recorded": {"effect": effect, "on": day}, "questions": questions})
        return
    print_questions(questions)


@trial_command(trial_app, "opioid", with_trial=False)
def opioid_command(
    call: TrialCall,
    on: Annotated[str, typer.Option("--on", help="Day of the opioid use, YYYY-MM-DD.")],
    detail: Annotated[str, typer.Option("--detail", help="Which opioid, and how.")] = "",
    pattern: Annotated[
        str,
        typer.Option(
            "--pattern", help="intermittent or around_the_clock (blank: handled as around the clock)."
        ),
    ] = "",
) -> None:
    """Record opioid use: every LDN trial of yours stops until your clinician confirms in writing."""
    from fibrokit.services import trials

    with call.session() as (session, user_id):
        row = trials.record_opioid(session, user_id, on, detail, dt.date.today(), pattern)
        recorded = {"on": row.used_on, "pattern": row.pattern}
    if call.json:
        emit({"recorded": recorded, "stopped": True})
        return
    out.print("opioid use recorded; your LDN trials are stopped until your clinician confirms", markup=False)


@trial_command(trial_app, "confirm")
def confirm_command(
    call: TrialCall,
    clinician: Annotated[str, typer.Option("--clinician", help="The clinician's name.")],
    on: Annotated[str, typer.Option("--on", help="Date of their confirmation, YYYY-MM-DD.")],
    statement: Annotated[str, typer.Option("--statement", help="Their statement, in their words.")],
    schedule: Annotated[
        str,
        typer.Option(
            "--schedule",
            help="The schedule the clinician chose (with around-the-clock opioid use: very_low_0_5 or very_low_0_25).",
        ),
    ] = "",
) -> None:
    """Add your clinician's written confirmation that a trial may go on despite recorded opioid use."""
    from fibrokit.services import trials

    with call.trial_session() as (session, user_id, trial_id):
        trials.confirm(
            session,
            user_id,
            trial_id,
            clinician=clinician,
            on=on,
            statement=statement,
            today=dt.date.today(),
            schedule=schedule,
        )
        row = trials.trial_of(session, user_id, trial_id)
        stopped = trials.stop_reason(trials.core_plan(session, row))
        key = row.schedule_key
    if call.json:
        emit({"trial": trial_id, "schedule": key, "stopped": stopped})
        return
    out.print(f"confirmation added; schedule {key}", markup=False)
    if stopped:
        console_note(stopped)


@trial_command(trial_app, "prescription")
def prescription_command(call: TrialCall) -> None:
    """Print the prescription request: a request for your clinician to consider, not a prescription."""
    from fibrokit.services.trials import views

    with call.trial_session() as (session, user_id, trial_id):
        _, request = views.prescription(session, user_id, trial_id)
    if call.json:
        emit({"prescription": request})
        return
    out.print(request.text, markup=False, soft_wrap=True)
    console_note("sources: " + ", ".join(dict.fromkeys(request.evidence)) + " (docs/evidence.md)")


@trial_command(trial_app, "costs")
def costs_command(
    call: TrialCall,
    state: Annotated[
        str, typer.Option("--state", help="Your US state, DC or VI (default: the plan's).")
    ] = "",
) -> None:
    """Compare what the schedule would cost at each pharmacy of the article's price table."""
    from fibrokit.errors import FibrokitError
    from fibrokit.services.trials import views

    with call.trial_session() as (session, user_id, trial_id):
        _, comparison = views.costs(session, user_id, trial_id, state, dt.date.today())
    if comparison is None:
        raise FibrokitError("give your US state with --state (pharmacies do not all ship everywhere)")
    keys = views.price_keys(comparison)
    if call.json:
        emit({"costs": comparison, "evidence": keys})
        return
    out.print(comparison.age_text, markup=False, soft_wrap=True)
    for quote in comparison.quotes:
        out.print(
            f"${quote.total_usd:>8.2f}  {quote.pharmacy}: {'; '.join(quote.items)}",
            markup=False,
            soft_wrap=True,
        )
    for name, why in comparison.unavailable:
        out.print(f"{'—':>9}  {name}: {why}", markup=False)
    console_note("sources: " + ", ".join(keys) + " (docs/evidence.md)")


@trial_command(trial_app, "evaluate")
def evaluate_command(call: TrialCall) -> None:
    """Interim views every 4 weeks, the final one after 12 weeks at the target dose, and the verdict."""
    from fibrokit.services.trials import views

    with call.trial_session() as (session, user_id, trial_id):
        _, evaluation, verdict = views.evaluation(session, user_id, trial_id, dt.date.today())
    if call.json:
        fields = ("today", "weeks_done", "final_week", "outcomes", "pgic", "method", "evidence")
        emit({"evaluation": {name: getattr(evaluation, name) for name in fields}, "verdict": verdict})
        return
    for outcome in evaluation.outcomes:
        for change in outcome.changes:
            low, high = change.interval_pct
            out.print(
                f"{outcome.outcome:<14} week {change.week:>2} ({'final' if change.final else 'interim'}): "
                f"{change.change_pct:+5.0f} % (interval {low:+.0f} to {high:+.0f} %), {change.category}, "
                f"{change.response}",
                markup=False,
            )
        for problem in outcome.problems:
            console_note(problem)
    out.print(verdict.text, markup=False, soft_wrap=True)
    console_note("sources: " + ", ".join(dict.fromkeys(verdict.evidence)) + " (docs/evidence.md)")
