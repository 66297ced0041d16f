"""Pacing pages: today, weeks and plan; each activity against its lines; the owner's pacing settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fibrokit.services.home.figures import Figure
from fibrokit.services.home.kept import kept
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.services.pacing import charts as pacing_charts
from fibrokit.services.pacing import views as pacing_views
from fibrokit.services.pacing.forms import PacingInputError
from fibrokit.services.pacing.lines import settings_of
from fibrokit.web.deps import Access, DbSession, OwnerAccess, PacingAccess
from fibrokit.web.forms import TextFields
from fibrokit.web.render import chart_json, found, page, redirect

router = APIRouter(prefix="/p/{person_id}/pacing")
PAGE_SIZE = 50


def _today() -> dt.date:
    return dt.date.today()


@router.get("")
def pacing_home(request: Request, access: PacingAccess, db: DbSession, saved: str = "") -> Response:
    """Today's readiness and budget, the lines with their sources, weeks of load and the plan."""
    return page(
        request,
        "pacing.html",
        access=access,
        view=pacing_views.pacing_page_kept(db, access.person_id, _today()),
        note=pacing_views.NOT_A_PRESCRIPTION,
        plan_flares=pacing_views.PLAN_FLARES,
        notice="Saved." if saved else None,
    )


@router.get("/charts.json")
def pacing_chart(access: PacingAccess, db: DbSession) -> Response:
    """Load per day over the weeks shown, with the budget, as a Plotly figure."""
    today = _today()

    def figure() -> dict[str, Figure]:
        settings = settings_of(db, access.person_id)
        budget = pacing_views.budget_view(db, access.person_id, settings, today).points
        since = today - dt.timedelta(days=today.weekday(), weeks=pacing_views.WEEKS_SHOWN - 1)
        return pacing_charts.load_chart(db, access.person_id, since, today, budget)

    return chart_json(db, access.person_id, "pacing-chart", today, figure)


@router.get("/activities")
def activities(request: Request, access: PacingAccess, db: DbSession, page_number: int = 1) -> Response:
    """Every reviewed recording (morning readings aside), newest first: load and time over the ceiling."""
    number = max(page_number, 1)
    view = kept(
        db,
        access.person_id,
        "pacing-activities",
        number,
        lambda: pacing_views.activities_page(db, access.person_id, number, PAGE_SIZE),
    )
    return page(
        request,
        "pacing_activities.html",
        access=access,
        rows=view.rows,
        total=view.total,
        page_number=view.page_number,
        pages=view.pages,
    )


@router.get("/activities/{recording_id}")
def activity(request: Request, access: PacingAccess, db: DbSession, recording_id: int) -> Response:
    """One recording against the lines of its day: time in zones, load, time over the ceiling, recovery."""
    view = found(pacing_views.activity_page(db, access.person_id, recording_id))
    return page(
        request, "pacing_activity.html", access=access, view=view, note=pacing_views.NOT_A_PRESCRIPTION
    )


@router.get("/activities/{recording_id}/charts.json")
def activity_chart(access: PacingAccess, db: DbSession, recording_id: int) -> Response:
    """The activity's heart rate against its lines, and the zone shown, as a Plotly figure."""
    view = found(pacing_views.activity_page(db, access.person_id, recording_id))
    return chart_json(
        db,
        access.person_id,
        "activity-chart",
        recording_id,
        lambda: pacing_charts.activity_chart(db, view.row, view.review),
    )


def _settings_page(
    request: Request, access: Access, db: DbSession, status: int = 200, **extra: object
) -> Response:
    view = pacing_views.settings_page(db, access.person_id, _today())
    # The form's template reads the page model's fields by name (settings, lines, rules, labels, ...).
    context = {**vars(view), "form": {}, **extra}
    return page(request, "pacing_settings.html", status, access=access, **context)


@router.get("/settings")
def settings_form(request: Request, access: OwnerAccess, db: DbSession, saved: str = "") -> Response:
    """The owner's pacing settings: rules and numbers behind the lines, the budget, the plan."""
    return _settings_page(request, access, db, notice="Saved." if saved else None)


def _saved(
    request: Request,
    access: Access,
    db: DbSession,
    fields: dict[str, str],
    save: Callable[[], object],
    then: str,
) -> Response:
    """Run a settings action; on a refusal show the form again with its sentence, else go to ``then``."""
    try:
        save()
    except PacingInputError as error:
        return _settings_page(request, access, db, 400, error=str(error), form=fields)
    return redirect(f"/p/{access.person_id}/pacing{then}")


@router.post("/settings")
def save_settings(request: Request, access: OwnerAccess, db: DbSession, fields: TextFields) -> Response:
    """Save the rules and numbers behind the lines (checked whole; refused with one sentence)."""
    save = partial(pacing_actions.save_lines, db, access.person_id, fields, _today())
    return _saved(request, access, db, fields, save, "/settings?saved=lines")


@router.post("/budget")
def save_budget(request: Request, access: OwnerAccess, db: DbSession, fields: TextFields) -> Response:
    """Save a daily budget set by hand (or clear it to learn one from past days)."""
    save = partial(pacing_actions.save_budget, db, access.person_id, fields.get("budget_points", ""))
    return _saved(request, access, db, fields, save, "/settings?saved=budget")


@router.post("/plan")
def save_plan(request: Request, access: OwnerAccess, db: DbSession, fields: TextFields) -> Response:
    """Save a self-paced progression plan (an empty activity removes it)."""
    save = partial(pacing_actions.save_plan, db, access.person_id, fields, _today())
    return _saved(request, access, db, fields, save, "?saved=plan")
