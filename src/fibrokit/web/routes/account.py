"""A person's own account: name, year of birth and sex (for the tests' norms), and their password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from fibrokit.services.accounts import actions, auth, sharing
from fibrokit.web.deps import DbSession, Viewer
from fibrokit.web.render import page, redirect

router = APIRouter(prefix="/account")


def _page(request: Request, db: DbSession, viewer: Viewer, status: int = 200, **context: object) -> Response:
    return page(
        request, "account.html", status, user=viewer, shared=sharing.shared_with(db, viewer.id), **context
    )


@router.get("")
def account_page(request: Request, db: DbSession, viewer: Viewer) -> Response:
    """The account page."""
    return _page(request, db, viewer)


@router.post("/profile")
def save_profile(
    request: Request,
    db: DbSession,
    viewer: Viewer,
    name: Annotated[str, Form()] = "",
    birth_year: Annotated[str, Form()] = "",
    sex: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    """Save name, year of birth and sex (from the account page, or the dashboard's first steps)."""
    try:
        norms_changed = actions.update_profile(db, viewer, name=name, birth_year=birth_year, sex=sex)
    except auth.AccountError as error:
        return _page(request, db, viewer, 400, error=str(error))
    if norms_changed:
        actions.after_norms_changed(db, viewer.id)
    if back == "dashboard":
        return redirect(f"/p/{viewer.id}")
    return _page(request, db, viewer, notice="Saved.")


@router.post("/password")
def change_password(
    request: Request,
    db: DbSession,
    viewer: Viewer,
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
) -> Response:
    """Change the password; every session ends, so the person logs in again."""
    try:
        actions.change_password(db, viewer, current, new)
    except auth.AccountError as error:
        return _page(request, db, viewer, 400, error=str(error))
    return redirect("/login")
