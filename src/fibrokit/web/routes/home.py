"""The home dashboard of a person, and its trend charts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from fibrokit.services import charts, nightly_diary, nightly_readiness, pacing_views, sharing
from fibrokit.services.dashboard import dashboard
from fibrokit.web.areas import home_of
from fibrokit.web.deps import DbSession, OwnerAccess, SignedIn, TestsAccess
from fibrokit.web.render import page, redirect

router = APIRouter()


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {name: value for name, value in form.items() if isinstance(value, str)}


Fields = Annotated[dict[str, str], Depends(_fields)]


@router.get("/")
def home(request: Request, who: SignedIn, db: DbSession) -> Response:
    """Send a signed-in person to their dashboard (a clinician sees who shared which areas with them)."""
    if who is None:
        return redirect("/login")
    patients = [
        (person, [(sharing.AREA_NAMES[a], home_of(request.app, a, person.id)) for a in areas])
        for person, areas in sharing.patients_of(db, who[0].id)
    ]
    return page(request, "people.html", patients=patients) if patients else redirect(f"/p/{who[0].id}")


@router.get("/p/{person_id}")
def person_dashboard(request: Request, access: TestsAccess, db: DbSession) -> Response:
    """Latest morning reading against the person's baseline, recent tests and activity, weekly averages."""
    card = pacing_views.pacing_card(db, access.person_id, dt.date.today()) if access.may("pacing") else None
    board = dashboard(db, access.person_id)
    return page(
        request, "dashboard.html", access=access, board=board, pacing=card, factor_names=nightly_diary.FACTORS
    )


@router.post("/p/{person_id}/nightly-source")
def choose_nightly_source(access: OwnerAccess, db: DbSession, fields: Fields) -> Response:
    """Choose which device's nights the baseline uses (empty: the most complete); every night is judged again."""
    try:
        nightly_readiness.choose_source(db, access.person_id, fields.get("source", ""))
    except ValueError:
        return Response("That source holds none of your nights.", status_code=400)
    return redirect(f"/p/{access.person_id}")


@router.get("/p/{person_id}/trends.json")
def trends(access: TestsAccess, db: DbSession) -> Response:
    """Weekly and monthly resting heart rate and ln RMSSD over the last year, as Plotly figures."""
    return JSONResponse(charts.trend_charts(db, access.person_id), headers={"cache-control": "no-store"})
