"""Live pacing from a chest strap in the browser: the monitor's numbers for today, and saving a session."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from fibrokit.services.pacing import live as pacing_live
from fibrokit.web.deps import DbSession, OwnerAccess, State
from fibrokit.web.payload import json_payload

router = APIRouter(prefix="/p/{person_id}/pacing/live")
NO_STORE = {"cache-control": "no-store"}


@router.get("/spec.json")
def live_spec(access: OwnerAccess, db: DbSession) -> Response:
    """The monitor's parameters for today (the browser runs the core's pipeline from them), or the problem."""
    setup = pacing_live.live_setup(db, access.person_id, dt.date.today())
    return JSONResponse({"spec": setup.spec, "problem": setup.problem}, headers=NO_STORE)


@router.post("/session")
async def save_session(request: Request, access: OwnerAccess, db: DbSession, state: State) -> Response:
    """Save a finished session's beats as an RR file and queue it for import like any upload."""
    payload = await json_payload(request)
    try:
        name, data = pacing_live.session_csv(payload)
    except pacing_live.SessionInputError as error:
        return JSONResponse({"error": str(error)}, status_code=400, headers=NO_STORE)
    job = pacing_live.queue_session(db, access.person_id, state.staging, name, data)
    db.commit()  # the job must be visible before the importer is woken
    state.worker.wake()
    return JSONResponse(
        {"job_url": f"/p/{access.person_id}/imports/{job.id}", "name": name}, headers=NO_STORE
    )
