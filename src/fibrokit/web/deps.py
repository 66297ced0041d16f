"""Dependencies every route declares: the database session, the signed-in account, access to a person's data.

Dependencies that touch no database are ``async`` so they run on the event loop instead of a worker thread.

``DbSession`` is one transaction per request, committed before the response is sent. ``Viewer`` requires a
signed-in account (others are sent to the login page). ``TestsAccess`` and ``OwnerAccess`` guard the health-data
routes under ``/p/{person_id}``: anyone who is neither the owner nor holds a share of that area gets 404, the
same answer as for a person who does not exist.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from fibrokit.services import accounts, sharing
from fibrokit.store.tables import LoginSession, User
from fibrokit.web.state import ANON_CSRF_COOKIE, SESSION_COOKIE, AppState

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class ViewerInfo:
    """What every page shows of the signed-in account."""

    id: int
    email: str
    name: str
    is_admin: bool

    @classmethod
    def of(cls, user: User) -> ViewerInfo:
        """Snapshot of an account."""
        return cls(user.id, user.email, user.name, user.is_admin)


class LoginRequired(Exception):
    """Raised for a page that needs an account when nobody is signed in."""


async def app_state(request: Request) -> AppState:
    """The running app's state."""
    state: AppState = request.app.state.fibrokit
    return state


State = Annotated[AppState, Depends(app_state)]


def get_db(state: State) -> Iterator[Session]:
    """One transaction for the request: committed when the handler returns, rolled back if it raises."""
    with state.factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


DbSession = Annotated[Session, Depends(get_db, scope="function")]


def signed_in(request: Request, state: State, db: DbSession) -> tuple[User, LoginSession] | None:
    """The account and session behind the session cookie, if any."""
    token = request.cookies.get(SESSION_COOKIE)
    found = None
    if token:
        found = accounts.session_user(db, token, secret=state.secret, days=state.settings.session_days)
    # Templates get a plain snapshot: error pages render after the transaction has ended.
    request.state.viewer = ViewerInfo.of(found[0]) if found else None
    request.state.csrf = found[1].csrf_token if found else request.cookies.get(ANON_CSRF_COOKIE, "")
    if not request.state.csrf:
        # A fresh visitor: the token goes out as a cookie with the page (see web.render).
        request.state.csrf = secrets.token_urlsafe(32)
        request.state.new_anon_csrf = True
    return found


SignedIn = Annotated[tuple[User, LoginSession] | None, Depends(signed_in)]


async def verify_csrf(request: Request, who: SignedIn) -> None:
    """Refuse any form post whose ``csrf_token`` field is missing or wrong (403)."""
    if request.method not in UNSAFE:
        return
    form = await request.form()
    sent = form.get("csrf_token") or request.headers.get("x-csrf-token", "")
    expected = request.state.csrf if (who or request.cookies.get(ANON_CSRF_COOKIE)) else ""
    if not isinstance(sent, str) or not expected or not secrets.compare_digest(sent, expected):
        raise HTTPException(
            403, "The form was out of date or not sent from this site. Please go back and try again."
        )


async def current_user(who: SignedIn) -> User:
    """The signed-in account; otherwise the login page."""
    if who is None:
        raise LoginRequired
    return who[0]


Viewer = Annotated[User, Depends(current_user)]


async def admin_user(viewer: Viewer) -> User:
    """A signed-in admin; anyone else gets 404 (admin pages are not advertised)."""
    if not viewer.is_admin:
        raise HTTPException(404)
    return viewer


Admin = Annotated[User, Depends(admin_user)]


@dataclass(frozen=True)
class Access:
    """Whose data a page shows (``person_id``) and who is looking."""

    person_id: int
    viewer: User

    @property
    def is_owner(self) -> bool:
        """True when the viewer looks at their own data."""
        return self.viewer.id == self.person_id


def area_access(area: str) -> Callable[[int, User, Session], Access]:
    """A dependency allowing the owner and accounts holding a share of ``area``; 404 for everyone else."""

    def dependency(person_id: int, viewer: Viewer, db: DbSession) -> Access:
        if not sharing.can_view(db, viewer, person_id, area):
            raise HTTPException(404)
        return Access(person_id, viewer)

    return dependency


async def owner_access(person_id: int, viewer: Viewer) -> Access:
    """Only the owner (uploads and other changes); 404 for everyone else, sharers included."""
    if viewer.id != person_id:
        raise HTTPException(404)
    return Access(person_id, viewer)


TestsAccess = Annotated[Access, Depends(area_access("tests"))]
OwnerAccess = Annotated[Access, Depends(owner_access)]
