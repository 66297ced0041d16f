"""Treatment trials, of LDN or of any other treatment: the area in the services' shape.

- ``queries.py``: every SQLAlchemy statement of the area (and only there; a test checks it).
- ``actions.py``: what changes a trial — plan, record opioid use, log doses, side effects, a clinician's
  confirmation. Each takes the caller's session and never commits; the caller owns the transaction.
- ``views.py``: the typed, frozen page models — the trial page and its calendar, the plan form's choices, the
  prescription request, the costs, the evaluation.
- ``forms.py``: the forms as typed and their parsing, shared by the app and the command line.
- ``_plan.py`` (a stored trial as the core's plan, its stop) and ``_baseline.py`` (room for the baseline) are
  the area's own helpers.

The actions, the forms and the few reads other areas need (``list_trials``, ``latest_trial``, ``core_plan``,
``stop_reason``) are importable from the package itself: ``from fibrokit.services import trials``.
"""

from fibrokit.services.trials._plan import core_plan, is_ldn, latest_trial, stop_reason, trial_of
from fibrokit.services.trials.actions import (
    confirm,
    log_doses,
    plan_own_trial,
    plan_trial,
    record_opioid,
    report_side_effect,
)
from fibrokit.services.trials.forms import FORMS, SEVERITIES, TIMES, US_STATES, OwnPlanForm, PlanForm
from fibrokit.services.trials.queries import get_trial, list_trials

__all__ = [
    "FORMS",
    "SEVERITIES",
    "TIMES",
    "US_STATES",
    "OwnPlanForm",
    "PlanForm",
    "confirm",
    "core_plan",
    "get_trial",
    "is_ldn",
    "latest_trial",
    "list_trials",
    "log_doses",
    "plan_own_trial",
    "plan_trial",
    "record_opioid",
    "report_side_effect",
    "stop_reason",
    "trial_of",
]
