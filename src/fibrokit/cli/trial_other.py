"""``fibrokit trial plan-other``: the same honest trial for any treatment other than LDN.

The schedule is the one the person and their clinician chose; logging, side effects, ``show`` and ``evaluate``
are the same commands as for LDN (the prescription request and prices are LDN's only).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from fibrokit.cli._app import out
from fibrokit.cli._trial_command import TrialCall, trial_command
from fibrokit.cli._trial_json import emit
from fibrokit.cli.trial import trial_app


@trial_command(trial_app, "plan-other", with_trial=False)
def plan_other_command(
    call: TrialCall,
    treatment: Annotated[str, typer.Option("--treatment", help="What is tried, e.g. magnesium glycinate.")],
    steps: Annotated[
        str,
        typer.Option(
            "--steps", help="Amounts a day, each step with its days, the target last: 300 or 150x7,300."
        ),
    ],
    unit: Annotated[
        str, typer.Option("--unit", help="mg, g, µg, IU, ml, drops, tablets, capsules, sessions or minutes.")
    ] = "mg",
    first_dose: Annotated[
        str,
        typer.Option("--first-dose", help="YYYY-MM-DD (default: the earliest with room for the baseline)."),
    ] = "",
    primary: Annotated[str, typer.Option("--primary", help="Main outcome, a symptom key.")] = "pain",
) -> None:
    """Plan a trial of any other treatment (magnesium, duloxetine, warm-water exercise …), judged the same way."""
    from fibrokit.services import trials
    from fibrokit.services.trials import views

    form = trials.OwnPlanForm(treatment, steps, unit, first_dose, primary)
    with call.session() as (session, user_id):
        row = trials.plan_own_trial(session, user_id, form, dt.date.today())
        plan = trials.core_plan(session, row)
        trial_id, first = row.id, row.first_dose
        expectations = views.own_expectations(row)
    if call.json:
        emit(
            {
                "trial": trial_id,
                "first_dose": first,
                "schedule": plan.schedule,
                "verdict_week": plan.final_week(),
                "expectations": expectations,
            }
        )
        return
    out.print(f"trial {trial_id} planned: {plan.schedule.name}, first dose {first.isoformat()}", markup=False)
    for expectation in expectations:
        out.print(f"- {expectation.text}", markup=False, soft_wrap=True)
