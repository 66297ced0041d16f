"""A person's own data as a whole: export it, bring in an export from another fibrokit, delete the account.

All three are the owner's alone (``OwnerAccess``): anyone else, a clinician with a share included, gets 404.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from fibrokit.services.accounts import User, auth, sharing
from fibrokit.services.imports.uploads import safe_name
from fibrokit.services.portability import actions, deletion, queries
from fibrokit.services.portability.archive import open_export
from fibrokit.services.portability.export import export_for_download
from fibrokit.services.portability.format import ExportError
from fibrokit.web.deps import DbSession, OwnerAccess, State
from fibrokit.web.render import page
from fibrokit.web.state import SESSION_COOKIE

router = APIRouter(prefix="/p/{person_id}")
Text = Annotated[str, Form()]


def _account(request: Request, db: DbSession, viewer: User, status: int = 200, **context: object) -> Response:
    shared = sharing.shared_with(db, viewer.id)
    return page(request, "account.html", status, user=viewer, shared=shared, **context)


@router.get("/export.zip")
def export_zip(access: OwnerAccess, state: State) -> Response:
    """Everything the person stored as one zip, written in the data folder and removed once sent."""
    with queries.read_snapshot(state.factory) as snapshot:  # its own transaction: see read_snapshot
        path = export_for_download(snapshot, state.settings.data_dir, access.person_id)
    return FileResponse(
        path,
        media_type="application/zip",
        filename=f"fibrokit-export-{dt.date.today().isoformat()}.zip",
        headers={"cache-control": "no-store"},
        background=BackgroundTask(Path.unlink, path, missing_ok=True),
    )


@router.post("/restore")
def restore(
    request: Request, access: OwnerAccess, db: DbSession, upload: Annotated[UploadFile, File()]
) -> Response:
    """Bring an export from another fibrokit into this account, which must hold no data yet."""
    name = safe_name(upload.filename or "export.zip")
    try:
        with open_export(upload.file, name) as export:
            summary = actions.restore_account(db, access.person_id, export)
    except ExportError as error:
        db.rollback()  # nothing of a refused export is stored
        return _account(request, db, access.owner, 400, error=str(error))
    return _account(request, db, access.owner, notice=summary.sentence(name) + ".")


@router.post("/delete")
def delete(
    request: Request, access: OwnerAccess, db: DbSession, state: State, email: Text, password: Text
) -> Response:
    """Delete the account and every byte of its data, after the person typed their e-mail and password."""
    address = request.client.host if request.client else ""
    limit = state.settings.login_free_attempts
    try:
        actions.confirm_deletion(
            db, access.owner, email, password, address=address, secret=state.secret, free=limit
        )
    except auth.AccountError as error:
        status = 429 if isinstance(error, auth.TooManyAttempts) else 400
        return _account(request, db, access.owner, status, delete_error=str(error))
    leftovers = actions.delete_account(db, access.person_id, state.settings.data_dir)
    db.commit()  # the rows are gone before their files are removed
    deletion.remove_leftovers(leftovers, state.engine)
    request.state.viewer = None
    response = page(request, "deleted.html")
    response.delete_cookie(SESSION_COOKIE)
    return response
