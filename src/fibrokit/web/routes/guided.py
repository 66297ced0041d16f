"""Guided tests: a page per test that records from a chest strap and marks each phase, and where it posts."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from fibrokit.evidence import fact
from fibrokit.protocols import PROTOCOLS
from fibrokit.services import guided_tests
from fibrokit.web.deps import DbSession, OwnerAccess, State
from fibrokit.web.render import page

router = APIRouter(prefix="/p/{person_id}/guided")
NO_STORE = {"cache-control": "no-store"}


@router.get("")
def guided_index(request: Request, access: OwnerAccess) -> Response:
    """The guided tests, and the tests not guided with the reason."""
    tests = [(kind, PROTOCOLS[kind].name) for kind in guided_tests.GUIDED]
    return page(request, "guided_index.html", access=access, tests=tests, left_out=guided_tests.LEFT_OUT)


@router.get("/{kind}")
def guided_page(request: Request, access: OwnerAccess, kind: str, standing: int | None = None) -> Response:
    """One guided test; ``?standing=`` (minutes) chooses the length of an active stand's standing phase."""
    if kind not in guided_tests.GUIDED:
        if kind in guided_tests.LEFT_OUT:
            return page(
                request,
                "guided_index.html",
                404,
                access=access,
                tests=[(k, PROTOCOLS[k].name) for k in guided_tests.GUIDED],
                left_out=guided_tests.LEFT_OUT,
                error=guided_tests.LEFT_OUT[kind],
            )
        raise HTTPException(404)
    shortest = round(fact("protocols.min_stand_s").scalar() / 60)
    longest = round(fact("protocols.pots.within_s").scalar() / 60)
    minutes = longest if standing == longest else shortest
    guide = guided_tests.guide(kind, standing_s=minutes * 60.0)
    return page(
        request,
        "guided.html",
        access=access,
        guide=guide,
        guide_json=json.dumps(guide),
        standing=minutes,
        standing_choices=(shortest, longest),
    )


@router.post("/{kind}")
async def guided_post(
    request: Request, kind: str, access: OwnerAccess, db: DbSession, state: State
) -> Response:
    """Store the beats with their phases through the normal import and score them; JSON: where, or why not."""
    payload = None
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            payload = await request.json()
        except ValueError:
            payload = None
    try:
        saved = guided_tests.save_guided(db, access.person_id, state.staging, kind, payload)
    except guided_tests.GuidedInputError as error:
        db.rollback()
        return JSONResponse({"error": str(error)}, status_code=400, headers=NO_STORE)
    db.commit()
    url = f"/p/{access.person_id}/recordings/{saved.recording_id}"
    return JSONResponse({"url": url, "problem": saved.problem}, headers=NO_STORE)
