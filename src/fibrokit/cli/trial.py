"""``fibrokit trial …``: plan an LDN trial, log doses and side effects, print the request, costs and evaluation.

Same store and same rules as the app: the core's opioid guard refuses the calendar, the request, the costs, the
evaluation and dose logging while recorded opioid use has no clinician's confirmation. Every command takes
``--format json``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from fibrokit.cli._app import app, console_note, out
from fibrokit.cli._trial_command import TrialCall, trial_command
from fibrokit.cli._trial_json import FormatOption, TrialFormat, emit
from fibrokit.errors import FibrokitError

if TYPE_CHECKING:
    from fibrokit.treatments import ClinicianQuestion

trial_app = typer.Typer(
    help="Treatment trials (low-dose naltrexone): plan, log, request, costs, evaluation. fibrokit does not prescribe.",
    no_args_is_help=True,
)
app.add_typer(trial_app, name="trial")


def _product(text: str, option: str) -> tuple[str, str]:
    if not text:
        return "", ""
    mg, _, form = text.partition(":")
    if not mg or not form:
        raise FibrokitError(
            f"{option} {text!r}: write strength and form, such as 1.5:capsule or 3:scored_tablet"
        )
    return mg, form


def print_questions(questions: tuple[ClinicianQuestion, ...]) -> None:
    """The questions for the clinician, urgent ones marked."""
    for question in questions:
        out.print(
            ("URGENT: " if question.urgent else "ask: ") + question.question, markup=False, soft_wrap=True
        )


@trial_app.command("schedules")
def schedules_command(output: FormatOption = TrialFormat.text) -> None:
    """The LDN schedules fibrokit knows: steps, whose practice or which trial, default products, sources."""
    from fibrokit.services.trials.views import schedules

    found = schedules()
    if output is TrialFormat.json:
        emit({"schedules": [{"schedule": s, "sources": cites} for s, cites in found]})
        return
    for schedule, cites in found:
        steps = " -> ".join(f"{s.mg:g} mg" + (f" x {s.days} d" if s.days else "") for s in schedule.steps)
        out.print(f"{schedule.key:<17} {schedule.name}: {steps}", markup=False, soft_wrap=True)
        out.print(f"{'':<17} {schedule.kind}: {schedule.credit}", markup=False, soft_wrap=True)
        products = [p.describe() for p in (schedule.titration_product, schedule.maintenance_product) if p]
        out.print(f"{'':<17} made with: {', then '.join(dict.fromkeys(products))}", markup=False)
        for cite in cites:
            out.print(f"{'':<17} source: {cite}", markup=False, soft_wrap=True)


@trial_command(trial_app, "plan", with_trial=False)
def plan_command(
    call: TrialCall,
    schedule: Annotated[
        str, typer.Option("--schedule", help="A schedule key (see fibrokit trial schedules).")
    ],
    opioids: Annotated[
        str, typer.Option("--opioids", help="yes or no: any opioid in the last weeks, or now? (required)")
    ],
    first_dose: Annotated[
        str,
        typer.Option(
            "--first-dose",
            help="Day of the first dose, YYYY-MM-DD (default: the earliest with room for the baseline).",
        ),
    ] = "",
    titration: Annotated[
        str,
        typer.Option("--titration", help="Product for the first steps, mg:form (default: the schedule's)."),
    ] = "",
    maintenance: Annotated[
        str, typer.Option("--maintenance", help="Product for the target, mg:form (default: the schedule's).")
    ] = "",
    opioid_detail: Annotated[str, typer.Option("--opioid-detail", help="Which opioid, and how.")] = "",
    opioid_on: Annotated[str, typer.Option("--opioid-on", help="Last day taken (default today).")] = "",
    opioid_pattern: Annotated[
        str,
        typer.Option(
            "--opioid-pattern", help="intermittent or around_the_clock (blank: handled as around the clock)."
        ),
    ] = "",
    state: Annotated[
        str, typer.Option("--state", help="US state (or DC, VI), for the cost comparison.")
    ] = "",
    primary: Annotated[str, typer.Option("--primary", help="Main outcome, a symptom key.")] = "pain",
) -> None:
    """Plan an LDN trial (a plan and a request for your clinician to consider, not a prescription)."""
    from fibrokit.services import trials
    from fibrokit.services.trials import views

    t_mg, t_form = _product(titration, "--titration")
    m_mg, m_form = _product(maintenance, "--maintenance")
    form = trials.PlanForm(
        schedule,
        first_dose,
        t_mg,
        t_form,
        m_mg,
        m_form,
        opioids,
        opioid_detail,
        opioid_on,
        state,
        primary,
        opioid_pattern,
    )
    with call.session() as (session, user_id):
        row = trials.plan_trial(session, user_id, form, dt.date.today())
        plan = trials.core_plan(session, row)
        stopped = trials.stop_reason(plan)
        trial_id, first, units = row.id, row.first_dose, views.units_text(row)
    expectations = views.expectations(schedule)
    if call.json:
        emit(
            {
                "trial": trial_id,
                "first_dose": first,
                "schedule": plan.schedule,
                "units": units,
                "verdict_week": plan.final_week(),
                "stopped": stopped,
                "expectations": expectations,
            }
        )
        return
    out.print(f"trial {trial_id} planned: first dose {first.isoformat()}, units: {units}", markup=False)
    out.print(f"verdict in week {plan.final_week()}, after 12 weeks at the target dose", markup=False)
    for expectation in expectations:
        out.print(f"- {expectation.text}", markup=False, soft_wrap=True)
    if stopped:
        console_note(stopped)


@trial_command(trial_app, "show")
def show_command(call: TrialCall) -> None:
    """The plan, its status, the dose calendar week by week, and the questions for your clinician."""
    from fibrokit.services.trials import views

    with call.trial_session() as (session, user_id, trial_id):
        view = views.trial_page(session, user_id, trial_id, dt.date.today())
        if view is None:
            raise FibrokitError("there is no such trial of yours")
        row = {"id": view.row.id, "first_dose": view.row.first_dose, "schedule": view.plan.schedule}
    if call.json:
        emit(
            row
            | {
                "stopped": view.stopped,
                "verdict_week": view.plan.final_week(),
                "baseline_days": view.baseline_days,
                "baseline_needed": view.baseline_needed,
                "units": view.units_text,
                "weeks": view.weeks,
                "questions": view.questions,
                "expectations": view.expectations,
            }
        )
        return
    out.print(
        f"trial {view.row.id}: {view.plan.schedule.name}, first dose {view.row.first_dose}", markup=False
    )
    out.print(
        f"baseline: {view.baseline_days} rated day(s) before the first dose ({view.baseline_needed} needed)",
        markup=False,
    )
    if view.stopped:
        out.print(f"STOPPED: {view.stopped}", markup=False, soft_wrap=True)
    else:
        out.print(f"units: {view.units_text}; verdict in week {view.plan.final_week()}", markup=False)
    for week in view.weeks:
        out.print(
            f"week {week.week:>2}  {week.start} to {week.end}  {week.mg:<16} units {week.units:<8} "
            f"logged {week.logged} of {week.due}",
            markup=False,
        )
    print_questions(view.questions)


@trial_command(trial_app, "dose")
def dose_command(
    call: TrialCall,
    on: Annotated[str, typer.Option("--on", help="Day taken, YYYY-MM-DD (default today).")] = "",
    until: Annotated[str, typer.Option("--until", help="Log every day through this one too.")] = "",
    mg: Annotated[str, typer.Option("--mg", help="Dose taken (default: as scheduled).")] = "",
    time_of_day: Annotated[str, typer.Option("--time", help="bedtime, morning or other.")] = "bedtime",
) -> None:
    """Log a dose, or every day of a range (refused while the trial is stopped)."""
    from fibrokit.services import trials

    today = dt.date.today()
    with call.trial_session() as (session, user_id, trial_id):
        count = trials.log_doses(
            session,
            user_id,
            trial_id,
            on=on or today.isoformat(),
            until=until,
            mg=mg,
            time_of_day=time_of_day,
            today=today,
        )
    if call.json:
        emit({"trial": trial_id, "doses_logged": count})
        return
    out.print(f"{count} dose(s) logged", markup=False)
