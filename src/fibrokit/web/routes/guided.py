"""Guided tests: a page per test that records from a chest strap and marks each phase, and where it posts."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from fibrokit.evidence import fact
from fibrokit.protocols import PROTOCOLS
from fibrokit.services.recordings import guided as guided_tests
from fibrokit.services.recordings.guided_steps import POSTURES
from fibrokit.web.deps import DbSession, OwnerAccess, State
from fibrokit.web.payload import json_payload
from fibrokit.web.render import page

router = APIRouter(prefix="/p/{person_id}/guided")
NO_STORE = {"cache-control": "no-store"}


@router.get("")
def guided_index(request: Request, access: OwnerAccess) -> Response:
    """The guided tests (every test of the protocol registry a strap can record), and those not guided."""
    return _index(request, access)


def _index(request: Request, access: OwnerAccess, status: int = 200, error: str = "") -> Response:
    tests = [(kind, PROTOCOLS[kind].name) for kind in guided_tests.GUIDED]
    extra = {"error": error} if error else {}
    return page(
        request,
        "guided_index.html",
        status,
        access=access,
        tests=tests,
        left_out=guided_tests.LEFT_OUT,
        **extra,
    )


@router.get("/{kind}")
def guided_page(
    request: Request, access: OwnerAccess, kind: str, standing: int | None = None, posture: str | None = None
) -> Response:
    """One guided test, with its safety notes when it has them.

    ``?standing=`` (minutes) sets an active stand's standing phase, ``?posture=`` the recovery posture of an
    exercise test (chosen before it starts).
    """
    if kind not in guided_tests.GUIDED:
        if kind in guided_tests.LEFT_OUT:
            return _index(request, access, 404, guided_tests.LEFT_OUT[kind])
        raise HTTPException(404)
    shortest = round(fact("protocols.min_stand_s").scalar() / 60)
    longest = round(fact("protocols.pots.within_s").scalar() / 60)
    minutes = longest if standing == longest else shortest
    choose = kind == "exercise-test" and posture not in POSTURES
    guide = guided_tests.guide(kind, standing_s=minutes * 60.0, posture=None if choose else posture)
    return page(
        request,
        "guided.html",
        access=access,
        guide=guide,
        guide_json=json.dumps(guide),
        standing=minutes,
        standing_choices=(shortest, longest),
        postures=POSTURES,
        choose_posture=choose,
    )


@router.post("/{kind}")
async def guided_post(
    request: Request, kind: str, access: OwnerAccess, db: DbSession, state: State
) -> Response:
    """Store the beats with their phases through the normal import and score them; JSON: where, or why not."""
    payload = await json_payload(request)
    try:
        saved = guided_tests.save_guided(db, access.person_id, state.staging, kind, payload)
    except guided_tests.GuidedInputError as error:
        db.rollback()
        return JSONResponse({"error": str(error)}, status_code=400, headers=NO_STORE)
    db.commit()
    url = f"/p/{access.person_id}/recordings/{saved.recording_id}"
    return JSONResponse({"url": url, "problem": saved.problem}, headers=NO_STORE)
