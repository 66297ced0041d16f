"""Account administration. These pages show accounts only; no route here returns health data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from fibrokit.services.accounts import actions, views
from fibrokit.services.accounts.auth import AccountError
from fibrokit.web.deps import Admin, DbSession, State
from fibrokit.web.render import page

router = APIRouter(prefix="/admin")


def _listing(request: Request, db: DbSession, status: int = 200, **context: object) -> Response:
    return page(request, "admin.html", status, accounts=views.list_accounts(db), **context)


@router.get("")
def accounts_page(request: Request, db: DbSession, user: Admin) -> Response:
    """Every account, with forms to add, invite, reset and disable."""
    return _listing(request, db)


@router.post("/accounts")
def add_account(
    request: Request,
    state: State,
    db: DbSession,
    user: Admin,
    email: Annotated[str, Form()],
    name: Annotated[str, Form()] = "",
    is_admin: Annotated[bool, Form()] = False,
) -> Response:
    """Create an account and show the one-time link its owner uses to choose a password."""
    try:
        token = actions.add_account(db, user, email, name, is_admin=is_admin, secret=state.secret)
    except AccountError as error:
        return _listing(request, db, 400, error=str(error))
    return _listing(request, db, link=str(request.url_for("reset_form", token=token)), link_for=email)


@router.post("/invitations")
def invite(
    request: Request, state: State, db: DbSession, user: Admin, email: Annotated[str, Form()]
) -> Response:
    """Show a one-time sign-up link for ``email``."""
    try:
        token = actions.invite(db, user, email, secret=state.secret)
    except AccountError as error:
        return _listing(request, db, 400, error=str(error))
    link = str(request.url_for("signup_form")) + f"?invite={token}"
    return _listing(request, db, link=link, link_for=email)


@router.post("/accounts/{account_id}/reset")
def reset(request: Request, state: State, db: DbSession, user: Admin, account_id: int) -> Response:
    """Show a one-time password-reset link for an account."""
    try:
        token = actions.reset_link(db, user, account_id, secret=state.secret)
    except AccountError as error:
        return _listing(request, db, 404, error=str(error))
    return _listing(
        request, db, link=str(request.url_for("reset_form", token=token)), link_for=f"account {account_id}"
    )


@router.post("/accounts/{account_id}/active")
def set_active(
    request: Request, db: DbSession, user: Admin, account_id: int, active: Annotated[bool, Form()] = False
) -> Response:
    """Disable or re-enable an account."""
    try:
        actions.set_active(db, user, account_id, active)
    except AccountError as error:
        return _listing(request, db, 400, error=str(error))
    return _listing(request, db, notice="Saved.")
