"""The diary: the check-in form, the history with trends and its chart data, the remembered items."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from markupsafe import Markup

from fibrokit.errors import FibrokitError
from fibrokit.services import diary, write_turn
from fibrokit.services.diary import charts as diary_charts
from fibrokit.services.diary import views as diary_views
from fibrokit.services.home import actions as home_actions
from fibrokit.services.home.kept import kept
from fibrokit.web.deps import Access, DbSession, DiaryAccess, OwnerAccess
from fibrokit.web.forms import Posted
from fibrokit.web.render import chart_json, fragment, page, redirect

router = APIRouter(prefix="/p/{person_id}/diary")


def _period(days: int) -> int:
    if days not in diary_views.PERIODS:
        raise HTTPException(400, f"Choose a period of {', '.join(map(str, diary_views.PERIODS))} days.")
    return days


@router.get("")
def history(request: Request, access: DiaryAccess, db: DbSession, days: int = 90) -> Response:
    """The diary over a period: trends, each day, recent check-ins and questionnaires."""
    person = access.person_id
    view, trends = diary_views.history_page(
        db,
        person,
        _period(days),
        dt.date.today(),
        lambda built: fragment(request, "_diary_trends.html", view=built, person_id=person),
    )
    return page(request, "diary.html", access=access, view=view, trends=trends)


@router.get("/trends.json")
def trends(access: DiaryAccess, db: DbSession, days: int = 90) -> Response:
    """Each symptom's daily and weekly means over the period, as Plotly figures."""
    period, today = _period(days), dt.date.today()
    return chart_json(
        db,
        access.person_id,
        "diary-trends",
        (period, today),
        lambda: diary_charts.trend_charts(db, access.person_id, period, today),
    )


def _checkin_page(
    request: Request, access: Access, db: DbSession, status: int = 200, **context: object
) -> Response:
    now = dt.datetime.now().replace(second=0, microsecond=0)

    def build() -> tuple[diary_views.CheckInPage, Markup]:
        view = diary_views.checkin_page(db, access.person_id, now.date())
        fresh = {"chosen": {}, "ticked": set(view.prefilled), "ongoing": set(view.prefilled)}
        return view, fragment(request, "_diary_checkin_items.html", view=view, **fresh)

    view, fresh_items = kept(db, access.person_id, "checkin", now.date(), build)
    refused = any(key in context for key in ("chosen", "ticked", "ongoing"))  # shown with what was chosen
    context.setdefault("chosen", {})
    context.setdefault("ticked", set(view.prefilled))
    context.setdefault("ongoing", set(view.prefilled))
    items_html = None if refused else fresh_items
    return page(
        request,
        "diary_checkin.html",
        status,
        access=access,
        view=view,
        now=now,
        items_html=items_html,
        **context,
    )


@router.get("/checkin")
def checkin_form(request: Request, access: OwnerAccess, db: DbSession, saved: int = 0) -> Response:
    """The check-in: the remembered items to rate and tick, and a note."""
    return _checkin_page(request, access, db, notice="Saved. Thank you." if saved else None)


@router.post("/checkin")
def checkin_save(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Save a check-in (any number a day); the same form again with one sentence if something is wrong.

    Saving stays a few milliseconds: the check-in, its day folded again, and the mornings that day bears on
    queued. The background worker judges those once the diary has rested (it looks every second), so a burst
    of check-ins costs one judgement and the post itself wakes nothing.
    """
    ratings = {k.removeprefix("rate."): str(v) for k, v in form.multi_items() if k.startswith("rate.")}
    factors = [str(v) for v in form.getlist("factor")]
    ongoing = [str(v) for v in form.getlist("ongoing")]
    try:
        at = dt.datetime.fromisoformat(str(form.get("at") or "")) if form.get("at") else dt.datetime.now()
        note = str(form.get("note") or "")
        new = diary.checked_checkin(db, access.person_id, at, ratings, factors, ongoing, note)
        with write_turn(db):  # writers queue here: only the writing is done in turn
            row = diary.store_checkin(db, access.person_id, new, rejudge=False)
            home_actions.queue_diary_change(db, access.person_id, row.local_day)
    except ValueError:
        db.rollback()
        return _checkin_page(request, access, db, 400, error="The time is not a date and time.")
    except FibrokitError as error:
        db.rollback()
        chosen = {k: v for k, v in ratings.items() if v}
        return _checkin_page(
            request,
            access,
            db,
            400,
            error=str(error),
            chosen=chosen,
            ticked=set(factors),
            ongoing=set(ongoing),
        )
    return redirect(f"/p/{access.person_id}/diary/checkin?saved=1")


@router.post("/checkins/{checkin_id}/delete")
def checkin_delete(access: OwnerAccess, db: DbSession, checkin_id: int) -> Response:
    """Remove one check-in (its day is folded again from the others)."""
    if not diary.delete_checkin(db, access.person_id, checkin_id):
        raise HTTPException(404)
    return redirect(f"/p/{access.person_id}/diary")


@router.post("/items")
def item_add(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Track an item of the person's own from the next check-in on."""
    try:
        diary.add_item(db, access.person_id, str(form.get("label") or ""), str(form.get("kind") or ""))
    except FibrokitError as error:
        db.rollback()
        return _checkin_page(request, access, db, 400, error=str(error))
    return redirect(f"/p/{access.person_id}/diary/checkin")


@router.post("/items/remove")
def item_remove(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Stop offering an item (earlier check-ins keep their ratings)."""
    try:
        diary.remove_item(db, access.person_id, str(form.get("key") or ""))
    except FibrokitError as error:
        db.rollback()
        return _checkin_page(request, access, db, 400, error=str(error))
    return redirect(f"/p/{access.person_id}/diary/checkin")
