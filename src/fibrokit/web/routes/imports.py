"""Uploading files: the form, the background job's progress page, and its progress as JSON."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from fibrokit.readers import READERS
from fibrokit.services.imports import actions, uploads, views
from fibrokit.services.recordings.kinds import KINDS
from fibrokit.web.deps import DbSession, OwnerAccess, State
from fibrokit.web.render import found, page, redirect

router = APIRouter(prefix="/p/{person_id}/imports")


@router.get("")
def import_form(request: Request, access: OwnerAccess, db: DbSession, state: State) -> Response:
    """The upload form and the latest imports."""
    return page(
        request,
        "imports.html",
        access=access,
        jobs=views.recent_jobs(db, access.person_id),
        readers=READERS,
        kinds=KINDS,
        max_mb=state.settings.max_upload_mb,
    )


@router.post("")
def upload(
    access: OwnerAccess,
    db: DbSession,
    state: State,
    files: Annotated[list[UploadFile], File()],
    kind: Annotated[str, Form()] = "auto",
    day: Annotated[str, Form()] = "",
) -> Response:
    """Stage the files and queue them; the importer takes them in the background.

    ``day`` (optional) dates the files that state no date in their content or name.
    """
    if kind != "auto" and kind not in KINDS:
        raise HTTPException(400, f"unknown kind {kind!r}")
    try:
        given = dt.date.fromisoformat(day) if day.strip() else None
    except ValueError:
        raise HTTPException(400, f"{day!r} is not a day: choose it in the calendar (YYYY-MM-DD).") from None
    chosen = [f for f in files if f.filename]
    if not chosen:
        raise HTTPException(400, "Choose at least one file to upload.")
    staged = uploads.stage(state.staging, [(f.filename or "", f.file) for f in chosen])
    job = actions.create_job(db, access.person_id, staged, kind_hint=kind, day=given)
    db.commit()  # the job must be visible before the importer is woken
    state.worker.wake()
    return redirect(f"/p/{access.person_id}/imports/{job.id}")


@router.get("/{job_id}")
def import_job(request: Request, access: OwnerAccess, db: DbSession, job_id: int) -> Response:
    """A job's progress: each file's status and message."""
    progress = found(views.progress(db, access.person_id, job_id))
    return page(request, "import_job.html", access=access, progress=progress)


@router.get("/{job_id}/progress.json")
def import_progress(access: OwnerAccess, db: DbSession, job_id: int) -> Response:
    """The same progress as JSON, for the page's script to refresh."""
    progress = found(views.progress(db, access.person_id, job_id))
    items = [
        {"name": i.name, "status": i.status, "message": i.message, "recording_id": i.recording_id}
        for i in progress.items
    ]
    return JSONResponse(
        {"done": progress.done, "total": progress.total, "items": items},
        headers={"cache-control": "no-store"},
    )
