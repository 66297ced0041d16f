"""Treatment trials: planning, the trial's page and logs, the prescription request, costs and evaluation.

A trial stopped by opioid use shows why, with status 409, wherever its calendar, request, costs or evaluation
would be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from fibrokit.errors import FibrokitError, InputError
from fibrokit.services import trials
from fibrokit.services.diary import checkins as diary
from fibrokit.services.recordings.views import cite_keys
from fibrokit.services.trials import views as trial_views
from fibrokit.treatments import TrialStopped
from fibrokit.web.deps import Access, DbSession, OwnerAccess, area_access
from fibrokit.web.forms import Posted, text_of
from fibrokit.web.render import found, page, redirect
from fibrokit.web.trial_plans import plan_saved

router = APIRouter(prefix="/p/{person_id}/trials")
TreatmentsAccess = Annotated[Access, Depends(area_access("treatments"))]


@router.get("")
def trial_list(request: Request, access: TreatmentsAccess, db: DbSession) -> Response:
    """The person's trials."""
    rows = trials.list_trials(db, access.person_id)
    status = {row.id: trials.stop_reason(trials.core_plan(db, row)) for row in rows}
    return page(request, "trials.html", access=access, rows=rows, stopped=status, today=dt.date.today())


def _plan_page(
    request: Request, access: Access, db: DbSession, status: int = 200, **context: object
) -> Response:
    today = dt.date.today()
    window = trial_views.baseline_window()
    rated = trial_views.rated_days(db, access.person_id, today - window, today)
    return page(
        request,
        "trial_new.html",
        status,
        access=access,
        schedules=trial_views.schedules(),
        symptoms=[i for i in diary.current_items(db, access.person_id) if i.kind == "symptom"],
        forms=trials.FORMS,
        states=trials.US_STATES,
        suggested=trial_views.earliest_first_dose(db, access.person_id, today),
        expectations=trial_views.expectations("weekly_1_5"),
        rated=rated,
        window_days=window.days,
        needed=trial_views.baseline_needed(),
        opioid_weeks=trial_views.opioid_free_weeks(),
        citations=cite_keys(list(trial_views.CONTEXT_KEYS)),
        **context,
    )


@router.get("/new")
def plan_form(request: Request, access: OwnerAccess, db: DbSession) -> Response:
    """Plan an LDN trial: the schedule, the first dose, the products, the opioid question."""
    return _plan_page(request, access, db, kept=None)


@router.post("")
def plan_save(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Store the plan; its page follows (stopped at once if opioid use was reported)."""
    return plan_saved(request, access, db, form, trials.PlanForm, trials.plan_trial, _plan_page)


def _trial_page(
    request: Request, access: Access, db: DbSession, trial_id: int, status: int = 200, **context: object
) -> Response:
    view = found(trial_views.trial_page(db, access.person_id, trial_id, dt.date.today()))
    return page(
        request,
        "trial.html",
        status,
        access=access,
        view=view,
        today=dt.date.today(),
        effects=trial_views.SIDE_EFFECTS,
        severities=trials.SEVERITIES,
        times=trials.TIMES,
        very_low=trial_views.very_low_starts(),
        **context,
    )


@router.get("/{trial_id}")
def trial(request: Request, access: TreatmentsAccess, db: DbSession, trial_id: int) -> Response:
    """A trial: status or stop, the dose calendar with logged doses, side effects, questions, sources."""
    return _trial_page(request, access, db, trial_id)


def _own(db: DbSession, access: Access, trial_id: int) -> None:
    if trials.get_trial(db, access.person_id, trial_id) is None:
        raise HTTPException(404)


def _opioid(
    db: DbSession, person_id: int, trial_id: int, *, used_on: str, detail: str, pattern: str, today: dt.date
) -> object:
    # The form asks for the day (the command line's default of today would hide a forgotten field).
    if not used_on:
        raise InputError("Give the day of the opioid use (YYYY-MM-DD).")
    return trials.record_opioid(db, person_id, used_on, detail, today, pattern)


# The four log forms of a trial's page: path, action, the action's parameters by form field, and what it does.
# Each runs the action with the person's trial; a refusal shows the trial again with the sentence (409 when the
# trial is stopped), success goes back to it.
_LOGS: tuple[tuple[str, Callable[..., object], dict[str, str], str], ...] = (
    (
        "doses",
        trials.log_doses,
        {"on": "on", "until": "until", "mg": "mg", "time_of_day": "time_of_day"},
        "Log the dose of a day, or of every day in a range (the scheduled dose unless another is given).",
    ),
    (
        "side-effects",
        trials.report_side_effect,
        {"effect": "effect", "severity": "severity", "on": "on", "note": "note"},
        "Record a side effect (it becomes a question for the clinician when the rules say so).",
    ),
    (
        "confirmation",
        trials.confirm,
        {"clinician": "clinician", "on": "confirmed_on", "statement": "statement", "schedule": "schedule"},
        "Add the clinician's written confirmation that the trial may go on despite recorded opioid use.",
    ),
    (
        "opioids",
        _opioid,
        {"used_on": "used_on", "detail": "detail", "pattern": "pattern"},
        "Record opioid use: it stops every LDN trial of the person until a clinician confirms in writing.",
    ),
)


def _log_route(path: str, action: Callable[..., object], fields: dict[str, str], doc: str) -> None:
    def posted(request: Request, access: OwnerAccess, db: DbSession, trial_id: int, form: Posted) -> Response:
        _own(db, access, trial_id)
        given = {name: text_of(form, field) for name, field in fields.items()}
        try:
            action(db, access.person_id, trial_id, today=dt.date.today(), **given)
        except FibrokitError as error:
            db.rollback()
            status = 409 if isinstance(error, TrialStopped) else 400
            return _trial_page(request, access, db, trial_id, status, error=str(error))
        return redirect(f"/p/{access.person_id}/trials/{trial_id}")

    posted.__doc__ = doc
    router.add_api_route(
        f"/{{trial_id}}/{path}", posted, methods=["POST"], name=f"trial_{path.replace('-', '_')}"
    )


for _path, _action, _fields, _doc in _LOGS:
    _log_route(_path, _action, _fields, _doc)


def _guarded(
    request: Request,
    access: Access,
    db: DbSession,
    trial_id: int,
    template: str,
    context: Callable[[], dict[str, object]],
) -> Response:
    """A page the core refuses while the trial is stopped: then the trial's page says why, with status 409."""
    _own(db, access, trial_id)
    try:
        shown = context()
    except TrialStopped as stop:
        return _trial_page(request, access, db, trial_id, 409, error=str(stop))
    return page(request, template, 200, access=access, **shown)


@router.get("/{trial_id}/prescription")
def prescription(request: Request, access: TreatmentsAccess, db: DbSession, trial_id: int) -> Response:
    """The prescription request to print: a request for the clinician to consider, not a prescription."""

    def shown() -> dict[str, object]:
        row, request_ = trial_views.prescription(db, access.person_id, trial_id)
        return {
            "row": row,
            "rx": request_,
            "owner": access.viewer if access.is_owner else None,
            "today": dt.date.today(),
            "weeks": trial_views.trial_weeks(row),
            "citations": cite_keys(list(request_.evidence)),
        }

    return _guarded(request, access, db, trial_id, "trial_prescription.html", shown)


@router.get("/{trial_id}/costs")
def costs(
    request: Request, access: TreatmentsAccess, db: DbSession, trial_id: int, state: str = ""
) -> Response:
    """What the schedule would cost at each pharmacy of the seeded price table, for a US state."""

    def shown() -> dict[str, object]:
        row, comparison = trial_views.costs(db, access.person_id, trial_id, state, dt.date.today())
        return {
            "row": row,
            "comparison": comparison,
            "states": trials.US_STATES,
            "state": (state or row.state).upper(),
            "citations": cite_keys(trial_views.price_keys(comparison)),
        }

    return _guarded(request, access, db, trial_id, "trial_costs.html", shown)


@router.get("/{trial_id}/evaluation")
def evaluation(request: Request, access: TreatmentsAccess, db: DbSession, trial_id: int) -> Response:
    """Change at weeks 4, 8 and 12 with 90 % intervals, the verdict, and the evidence beside it."""

    def shown() -> dict[str, object]:
        row, judged, verdict = trial_views.evaluation(db, access.person_id, trial_id, dt.date.today())
        evidence = list(judged.evidence) + list(verdict.evidence) + list(trial_views.CONTEXT_KEYS)
        return {
            "row": row,
            "ev": judged,
            "verdict": verdict,
            "labels": diary.labels(db, access.person_id),
            "terms": trial_views.evaluation_terms(),
            "citations": cite_keys(evidence),
        }

    return _guarded(request, access, db, trial_id, "trial_evaluation.html", shown)
