"""Signing up, logging in and out, and setting a password from an admin's reset link."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from fibrokit.services.accounts import actions, auth, throttle
from fibrokit.web.deps import DbSession, SignedIn, State
from fibrokit.web.render import page, redirect, secure_cookies
from fibrokit.web.state import SESSION_COOKIE, AppState

router = APIRouter()
Text = Annotated[str, Form()]


def _signed_in_response(request: Request, state: AppState, signed: auth.SignedIn, target: str) -> Response:
    response = redirect(target)
    response.set_cookie(
        SESSION_COOKIE,
        signed.token,
        max_age=state.settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )
    return response


_BACK_TO = re.compile(r"/join/[A-Za-z0-9_-]{16,100}")  # the only pages a login returns to: an invitation


def _back_to(target: str) -> str:
    """Where to go after logging in: an invitation's page when asked for, else home (never another site)."""
    return target if _BACK_TO.fullmatch(target) else "/"


@router.get("/login")
def login_form(request: Request, who: SignedIn, then: Annotated[str, Query(alias="next")] = "") -> Response:
    """The login page."""
    if who is not None:
        return redirect(_back_to(then))
    return page(request, "login.html", next=_back_to(then))


@router.post("/login")
def login(
    request: Request,
    state: State,
    db: DbSession,
    email: Text,
    password: Text,
    then: Annotated[str, Form(alias="next")] = "",
) -> Response:
    """Check the password (throttled per account, per address and per known device) and open a session."""
    try:
        user = actions.authenticate(
            db,
            email,
            password,
            address=_address(request),
            secret=state.secret,
            free=state.settings.login_free_attempts,
            device=request.cookies.get(throttle.DEVICE_COOKIE, ""),
        )
    except auth.AccountError as error:
        status = 429 if isinstance(error, auth.TooManyAttempts) else 401
        return page(request, "login.html", status, error=str(error), email=email, next=_back_to(then))
    signed = actions.start_session(db, user, secret=state.secret, days=state.settings.session_days)
    response = _signed_in_response(request, state, signed, _back_to(then))
    response.set_cookie(
        throttle.DEVICE_COOKIE,
        throttle.device_token(state.secret, user.email),
        max_age=365 * 86400,
        path="/login",
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request),
    )
    return response


def _address(request: Request) -> str:
    """The visitor's address (a trusted proxy's X-Forwarded-For already applied by the server)."""
    return request.client.host if request.client else ""


@router.post("/logout")
def logout(request: Request, state: State, db: DbSession) -> Response:
    """End the session."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        actions.end_session(db, token, secret=state.secret)
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/signup")
def signup_form(request: Request, state: State, invite: str = "") -> Response:
    """The sign-up page (or why sign-up is not open)."""
    return page(request, "signup.html", invite=invite, mode=state.settings.signup)


@router.post("/signup")
def signup(
    request: Request,
    state: State,
    db: DbSession,
    email: Text,
    password: Text,
    name: Text = "",
    invite: Text = "",
    birth_year: Text = "",
    sex: Text = "",
) -> Response:
    """Create an account; the answer is the same whether or not the address had one (then log in)."""
    try:
        actions.sign_up(
            db,
            email,
            password,
            name=name,
            mode=state.settings.signup,
            invite=invite,
            secret=state.secret,
            address=_address(request),
            per_hour=state.settings.signups_per_hour,
            birth_year=birth_year,
            sex=sex,
        )
    except auth.AccountError as error:
        status = 429 if isinstance(error, auth.TooManyAttempts) else 400
        context = {"error": str(error), "email": email, "name": name, "invite": invite, "sex": sex}
        context["birth_year"] = birth_year
        return page(request, "signup.html", status, mode=state.settings.signup, **context)
    notice = (
        "Thank you. If no account here used this address, one does now: log in with the password you "
        "chose. (If one did, log in with its own password.)"
    )
    return page(request, "login.html", notice=notice, email=email.strip().lower())


@router.get("/reset/{token}")
def reset_form(request: Request, state: State, db: DbSession, token: str) -> Response:
    """The page to choose a new password from a reset link."""
    valid = auth.valid_link(db, "reset", token, secret=state.secret) is not None
    return page(request, "reset.html", 200 if valid else 404, token=token, valid=valid)


@router.post("/reset/{token}")
def reset(request: Request, state: State, db: DbSession, token: str, password: Text) -> Response:
    """Set the new password; the person then logs in with it."""
    try:
        actions.reset_password(db, token, password, secret=state.secret)
    except auth.AccountError as error:
        return page(request, "reset.html", 400, token=token, valid=True, error=str(error))
    return page(request, "login.html", notice="Your password is set: log in with it.")
