"""``fibrokit trial …``: plan an LDN trial, log doses and side effects, print the request, costs and evaluation.

Same store and same rules as the app: the core's opioid guard refuses the calendar, the request, the costs, the
evaluation and dose logging while recorded opioid use has no clinician's confirmation.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from fibrokit.cli._app import app, console_note, out
from fibrokit.cli.db import DatabaseUrl, DataDir
from fibrokit.cli.diary import User, person
from fibrokit.errors import FibrokitError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

trial_app = typer.Typer(
    help="Treatment trials (low-dose naltrexone): plan, log, request, costs, evaluation. fibrokit does not prescribe.",
    no_args_is_help=True,
)
app.add_typer(trial_app, name="trial")

TrialId = Annotated[int, typer.Option("--trial", help="The trial's id (default: your newest trial).")]


def trial_id_of(session: Session, user_id: int, trial: int) -> int:
    """The trial given, or the person's newest."""
    from fibrokit.services import trials

    if trial:
        return trial
    latest = trials.latest_trial(session, user_id)
    if latest is None:
        raise FibrokitError("there is no trial yet: plan one with fibrokit trial plan")
    return latest.id


def _product(text: str, option: str) -> tuple[str, str]:
    mg, _, form = text.partition(":")
    if not mg or not form:
        raise FibrokitError(
            f"{option} {text!r}: write strength and form, such as 1.5:capsule or 3:scored_tablet"
        )
    return mg, form


@trial_app.command("schedules")
def schedules_command() -> None:
    """The LDN schedules fibrokit knows, with their steps and sources."""
    from fibrokit.services.trial_views import schedules

    for schedule, cites in schedules():
        steps = " -> ".join(f"{s.mg:g} mg" + (f" x {s.days} d" if s.days else "") for s in schedule.steps)
        out.print(f"{schedule.key:<17} {schedule.name}: {steps}", markup=False, soft_wrap=True)
        for cite in cites:
            out.print(f"{'':<17} source: {cite}", markup=False, soft_wrap=True)


@trial_app.command("plan")
def plan_command(
    schedule: Annotated[
        str, typer.Option("--schedule", help="A schedule key (see fibrokit trial schedules).")
    ],
    first_dose: Annotated[str, typer.Option("--first-dose", help="Day of the first dose, YYYY-MM-DD.")],
    opioids: Annotated[
        str, typer.Option("--opioids", help="yes or no: any opioid in the last weeks, or now? (required)")
    ],
    titration: Annotated[
        str, typer.Option("--titration", help="Product for the first steps, mg:form.")
    ] = "1.5:capsule",
    maintenance: Annotated[
        str, typer.Option("--maintenance", help="Product for the target, mg:form.")
    ] = "4.5:capsule",
    opioid_detail: Annotated[str, typer.Option("--opioid-detail", help="Which opioid, and how.")] = "",
    opioid_on: Annotated[str, typer.Option("--opioid-on", help="Last day taken (default today).")] = "",
    state: Annotated[str, typer.Option("--state", help="US state, for the cost comparison.")] = "",
    primary: Annotated[str, typer.Option("--primary", help="Main outcome, a symptom key.")] = "pain",
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Plan an LDN trial (a plan and a request for your clinician to consider, not a prescription)."""
    from fibrokit.services import trials

    t_mg, t_form = _product(titration, "--titration")
    m_mg, m_form = _product(maintenance, "--maintenance")
    form = trials.PlanForm(
        schedule, first_dose, t_mg, t_form, m_mg, m_form, opioids, opioid_detail, opioid_on, state, primary
    )
    with person(user, data_dir, database_url) as (session, user_id):
        row = trials.plan_trial(session, user_id, form, dt.date.today())
        stopped = trials.stop_reason(trials.core_plan(session, row))
        trial_id = row.id
    out.print(f"trial {trial_id} planned: first dose {first_dose}", markup=False)
    if stopped:
        console_note(stopped)


@trial_app.command("show")
def show_command(
    trial: TrialId = 0, user: User = "", data_dir: DataDir = None, database_url: DatabaseUrl = None
) -> None:
    """The plan, its status, the dose calendar week by week, and the questions for your clinician."""
    from fibrokit.services import trial_views

    with person(user, data_dir, database_url) as (session, user_id):
        view = trial_views.trial_page(session, user_id, trial_id_of(session, user_id, trial), dt.date.today())
    if view is None:
        raise FibrokitError("there is no such trial of yours")
    out.print(
        f"trial {view.row.id}: {view.plan.schedule.name}, first dose {view.row.first_dose}", markup=False
    )
    out.print(
        f"baseline: {view.baseline_days} rated day(s) before the first dose ({view.baseline_needed} needed)",
        markup=False,
    )
    if view.stopped:
        out.print(f"STOPPED: {view.stopped}", markup=False, soft_wrap=True)
    for week in view.weeks:
        out.print(
            f"week {week['week']:>2}  {week['start']} to {week['end']}  {week['mg']:<16} units {week['units']:<8} "
            f"logged {week['logged']} of {week['due']}",
            markup=False,
        )
    for question in view.questions:
        out.print(
            ("URGENT: " if question.urgent else "ask: ") + question.question, markup=False, soft_wrap=True
        )


@trial_app.command("dose")
def dose_command(
    on: Annotated[str, typer.Option("--on", help="Day taken, YYYY-MM-DD (default today).")] = "",
    until: Annotated[str, typer.Option("--until", help="Log every day through this one too.")] = "",
    mg: Annotated[str, typer.Option("--mg", help="Dose taken (default: as scheduled).")] = "",
    time_of_day: Annotated[str, typer.Option("--time", help="bedtime, morning or other.")] = "bedtime",
    trial: TrialId = 0,
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Log a dose, or every day of a range (refused while the trial is stopped)."""
    from fibrokit.services import trial_logs

    today = dt.date.today()
    with person(user, data_dir, database_url) as (session, user_id):
        count = trial_logs.log_doses(
            session,
            user_id,
            trial_id_of(session, user_id, trial),
            on=on or today.isoformat(),
            until=until,
            mg=mg,
            time_of_day=time_of_day,
            today=today,
        )
    out.print(f"{count} dose(s) logged", markup=False)


@trial_app.command("side-effect")
def side_effect_command(
    effect: Annotated[
        str,
        typer.Argument(
            help="vivid_dreams, insomnia, headache, nausea, fatigue, anxiety, dizziness or other."
        ),
    ],
    severity: Annotated[str, typer.Option("--severity", help="mild, moderate or severe.")] = "mild",
    on: Annotated[str, typer.Option("--on", help="Day, YYYY-MM-DD (default today).")] = "",
    note: Annotated[str, typer.Option("--note", help="A note.")] = "",
    trial: TrialId = 0,
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record a side effect; questions for your clinician follow from the rules."""
    from fibrokit.services import trial_logs, trial_views

    with person(user, data_dir, database_url) as (session, user_id):
        trial_id = trial_id_of(session, user_id, trial)
        trial_logs.report_side_effect(
            session,
            user_id,
            trial_id,
            effect=effect,
            severity=severity,
            on=on,
            note=note,
            today=dt.date.today(),
        )
        view = trial_views.trial_page(session, user_id, trial_id, dt.date.today())
    for question in view.questions if view else ():
        out.print(
            ("URGENT: " if question.urgent else "ask: ") + question.question, markup=False, soft_wrap=True
        )
