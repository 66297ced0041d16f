"""A trial of any other treatment: the plan form (the trial's pages are the LDN trial's, see trials.py).

Included before the trials router, so that ``/new-other`` is not read as a trial id.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fibrokit.services import trials
from fibrokit.services.diary import checkins as diary
from fibrokit.services.trials import views as trial_views
from fibrokit.web.deps import Access, DbSession, OwnerAccess
from fibrokit.web.forms import Posted
from fibrokit.web.render import page
from fibrokit.web.trial_plans import plan_saved

router = APIRouter(prefix="/p/{person_id}/trials")


def _other_page(
    request: Request, access: Access, db: DbSession, status: int = 200, **context: object
) -> Response:
    return page(
        request,
        "trial_new_other.html",
        status,
        access=access,
        units=trial_views.OWN_UNITS,
        suggested=trial_views.earliest_first_dose(db, access.person_id, dt.date.today()),
        needed=trial_views.baseline_needed(),
        symptoms=[i for i in diary.current_items(db, access.person_id) if i.kind == "symptom"],
        **context,
    )


@router.get("/new-other")
def plan_other_form(request: Request, access: OwnerAccess, db: DbSession) -> Response:
    """Plan a trial of any other treatment, with the schedule the person and clinician chose."""
    return _other_page(request, access, db, kept=None)


@router.post("/other")
def plan_other_save(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Store the trial of another treatment; its page follows."""
    return plan_saved(request, access, db, form, trials.OwnPlanForm, trials.plan_own_trial, _other_page)
