"""What the people an owner shares with open: a read-only link's start page, and a clinician's invitation.

Neither page shows health data: the link's page names the owner and the areas it opens (its pages live under
``/p/<owner>`` like the owner's own, read-only); the invitation page creates or accepts the account.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from fibrokit.errors import FibrokitError
from fibrokit.services.accounts import actions, auth, sharing, utcnow, views
from fibrokit.services.accounts import links as share_links
from fibrokit.web.areas import home_of
from fibrokit.web.deps import DbSession, SignedIn, State
from fibrokit.web.render import found, page, redirect, secure_cookies
from fibrokit.web.state import LINK_COOKIE

router = APIRouter()
Text = Annotated[str, Form()]


def _areas(request: Request, owner_id: int, areas: tuple[str, ...]) -> list[tuple[str, str | None]]:
    return [(sharing.AREA_NAMES[a], home_of(request.app, a, owner_id)) for a in areas]


@router.get("/s/{token}")
def shared_link(request: Request, state: State, db: DbSession, token: str) -> Response:
    """A read-only link: keep its token in a cookie for the owner's pages, and list the areas it opens."""
    view = found(views.link_page(db, token, secret=state.secret))
    link, owner = view.link, view.owner
    areas = _areas(request, owner.id, view.areas)
    response = page(request, "shared_link.html", owner=owner, link=link, areas=areas)
    response.set_cookie(
        LINK_COOKIE,
        token,
        max_age=max(int((link.expires_at - utcnow()).total_seconds()), 1),
        path=f"/p/{owner.id}",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )
    return response


def _join_page(
    request: Request, db: DbSession, state: State, token: str, status: int = 200, **extra: object
) -> Response:
    view = found(views.invitation_page(db, token, secret=state.secret))
    invitation, owner, names = view.invitation, view.owner, view.names
    mode = state.settings.signup
    return page(
        request,
        "join.html",
        status,
        token=token,
        invitation=invitation,
        owner=owner,
        names=names,
        mode=mode,
        **extra,
    )


@router.get("/join/{token}")
def join_form(request: Request, state: State, db: DbSession, token: str) -> Response:
    """An invitation to see someone's data: accept it (signed in) or create the invited account."""
    return _join_page(request, db, state, token)


@router.post("/join/{token}")
def join(
    request: Request,
    state: State,
    db: DbSession,
    who: SignedIn,
    token: str,
    password: Text = "",
    name: Text = "",
) -> Response:
    """Accept the invitation with the signed-in account; or create the invited account, then log in to accept.

    Creating answers alike whether or not the address had an account (the login page, coming back here after).
    """
    try:
        if who is not None:
            invitation = found(share_links.pending(db, token, secret=state.secret))
            actions.accept_invitation(db, invitation, who[0])
            return redirect("/")
        invitation = actions.join_by_invitation(
            db,
            token,
            password,
            name=name,
            mode=state.settings.signup,
            secret=state.secret,
            address=request.client.host if request.client else "",
            per_hour=state.settings.signups_per_hour,
        )
    except FibrokitError as error:
        db.rollback()  # nothing of a refused sign-up stays
        status = 429 if isinstance(error, auth.TooManyAttempts) else 400
        return _join_page(request, db, state, token, status, error=str(error), name=name)
    notice = (
        "Thank you. If no account here used this address, one does now: log in with the password you chose. "
        "(If one did, log in with its own password.) The invitation then opens again, for you to accept."
    )
    return page(request, "login.html", notice=notice, email=invitation.email, next=f"/join/{token}")
