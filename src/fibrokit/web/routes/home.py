"""The home dashboard of a person, and its trend charts."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fibrokit.services import nightly, write_turn
from fibrokit.services.accounts import people
from fibrokit.services.home import clinic
from fibrokit.services.home.views import dashboard_panels
from fibrokit.services.nightly import associations as nightly_diary
from fibrokit.services.recordings import charts
from fibrokit.web.areas import home_of
from fibrokit.web.deps import DbSession, OwnerAccess, SignedIn, TestsAccess
from fibrokit.web.forms import TextFields
from fibrokit.web.render import chart_json, page, redirect

router = APIRouter()


@router.get("/")
def home(request: Request, who: SignedIn, db: DbSession) -> Response:
    """Send a signed-in person to their dashboard; a clinician sees each person who shares, area by area."""
    if who is None:
        return redirect("/login")
    cards = clinic.patient_cards(db, who[0], dt.date.today())
    if not cards:
        return redirect(f"/p/{who[0].id}")
    with write_turn(db):  # the owners' access logs, in a short write of its own
        clinic.log_cards(db, who[0], cards)
    homes = {
        (card.person.id, line.area): home_of(request.app, line.area, card.person.id)
        for card in cards
        for line in card.lines
    }
    return page(request, "people.html", cards=cards, homes=homes)


@router.get("/p/{person_id}")
def person_dashboard(request: Request, access: TestsAccess, db: DbSession) -> Response:
    """Latest morning reading against the person's baseline, recent tests and activity, weekly averages."""
    board, card = dashboard_panels(db, access.person_id, dt.date.today(), with_pacing=access.may("pacing"))
    profile = access.is_owner and access.viewer is not None and people.needs_profile(access.viewer)
    return page(
        request,
        "dashboard.html",
        access=access,
        board=board,
        pacing=card,
        needs_profile=profile,
        device_diary=nightly_diary.described(board.associations),
        device_heading=nightly_diary.HEADING,
    )


@router.post("/p/{person_id}/nightly-source")
def choose_nightly_source(access: OwnerAccess, db: DbSession, fields: TextFields) -> Response:
    """Choose which device's nights the baseline uses (empty: the most complete); every night is judged again."""
    try:
        nightly.choose_source(db, access.person_id, fields.get("source", ""))
    except ValueError:
        return Response("That source holds none of your nights.", status_code=400)
    return redirect(f"/p/{access.person_id}")


@router.get("/p/{person_id}/trends.json")
def trends(access: TestsAccess, db: DbSession) -> Response:
    """Weekly and monthly resting heart rate and ln RMSSD over the last year, as Plotly figures."""
    today = dt.date.today()  # the charts' last week ends today
    return chart_json(
        db, access.person_id, "trends", today, lambda: charts.trend_charts(db, access.person_id)
    )
