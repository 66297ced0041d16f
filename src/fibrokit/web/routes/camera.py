"""The camera reading: a page that turns the phone's camera into a pulse sensor, and the endpoint it posts to."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from fibrokit.errors import FibrokitError
from fibrokit.evidence import fact
from fibrokit.services.recordings import camera
from fibrokit.web.deps import DbSession, OwnerAccess
from fibrokit.web.render import page

router = APIRouter(prefix="/p/{person_id}/camera")


@router.get("")
def camera_page(request: Request, access: OwnerAccess, seconds: int | None = None) -> Response:
    """The reading page; ``?seconds=`` sets its length (never below the documented minimum)."""
    minimum = round(camera.minimum_seconds())
    default = round(fact("ppg.reading_default_s").scalar())
    chosen = max(minimum, min(seconds or default, 600))
    return page(
        request,
        "camera.html",
        access=access,
        seconds=chosen,
        minimum=minimum,
        choices=(minimum, 120, 180, 300),
    )


@router.post("")
async def camera_post(request: Request, access: OwnerAccess, db: DbSession) -> Response:
    """Score and store the frame series; JSON back: where the stored reading is, or why it was refused."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        return JSONResponse({"stored": False, "message": "the reading must be sent as JSON"}, status_code=422)
    try:
        frames = camera.CameraFrames.from_json(json.loads(await request.body() or b"null"))
        row = camera.save_camera_reading(db, access.person_id, frames)
        db.commit()
    except (FibrokitError, json.JSONDecodeError) as error:
        db.rollback()
        message = str(error) if isinstance(error, FibrokitError) else "the reading was not valid JSON"
        return JSONResponse({"stored": False, "message": message}, status_code=422)
    url = f"/p/{access.person_id}/recordings/{row.id}"
    return JSONResponse({"stored": True, "url": url, "message": "Reading stored."})
