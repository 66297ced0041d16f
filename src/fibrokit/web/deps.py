"""Dependencies every route declares: the database session, the signed-in account, access to a person's data.

Dependencies that touch no database are ``async`` so they run on the event loop instead of a worker thread.

``DbSession`` is one transaction per request, committed before the response is sent. ``Viewer`` requires a
signed-in account (others are sent to the login page). ``area_access(area)`` (``TestsAccess``, ``PacingAccess``)
and ``OwnerAccess`` guard the health-data routes under ``/p/{person_id}``: anyone who is neither the owner nor
holds a share of that area (an account's share, or a valid link) gets 404, the same answer as for a person who
does not exist. ``area_access`` also writes the access log whenever someone other than the owner looks, so no
route can forget it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from fibrokit.services import write_turn
from fibrokit.services.accounts import AREAS, LoginSession, ShareLink, User, actions, auth, sharing, views
from fibrokit.services.accounts import links as share_links
from fibrokit.services.accounts.queries import Session
from fibrokit.web.state import ANON_CSRF_COOKIE, LINK_COOKIE, SESSION_COOKIE, AppState

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Pages made from whatever areas a visitor holds (a report): open to a share of any area, showing only those.
ANY_AREA = "any"
READ_ONLY = frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class ViewerInfo:
    """What every page shows of the signed-in account."""

    id: int
    email: str
    name: str
    is_admin: bool
    clinician: bool = False  # someone shares with this account: the menu leads to them first

    @classmethod
    def of(cls, user: User, *, clinician: bool = False) -> ViewerInfo:
        """Snapshot of an account."""
        return cls(user.id, user.email, user.name, user.is_admin, clinician)


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
        found = auth.session_user(db, token, secret=state.secret)
        if found is not None:
            actions.extend_session(found[1], days=state.settings.session_days)
    # Templates get a plain snapshot: error pages render after the transaction has ended.
    clinician = found is not None and sharing.has_patients(db, found[0].id)
    request.state.viewer = ViewerInfo.of(found[0], clinician=clinician) if found else None
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
    """Whose data a page shows (``person_id``), who is looking, and which areas they may see.

    ``viewer`` is None for someone looking through a read-only link (``link``) without an account.
    """

    person_id: int
    viewer: User | None
    areas: frozenset[str] = frozenset(AREAS)
    link: ShareLink | None = None
    owner_name: str = ""  # for anyone but the owner: whose data this is, as the owner named themselves

    @property
    def is_owner(self) -> bool:
        """True when the viewer looks at their own data."""
        return self.viewer is not None and self.viewer.id == self.person_id

    @property
    def owner(self) -> User:
        """The signed-in owner, on the owner's own pages (``OwnerAccess`` let no one else through)."""
        if self.viewer is None or not self.is_owner:
            raise HTTPException(404)
        return self.viewer

    def may(self, area: str) -> bool:
        """Whether the viewer may see ``area`` of this person's data (to show or hide links and panels)."""
        return area in self.areas


class AreaAccess:
    """The dependency of an area's routes: the owner, and those holding a share of the area; 404 for others.

    A share is an account's (``Share``) or a valid link's, whose token the ``fibrokit_link`` cookie carries; it
    is read-only (any other method than GET gets 404, whatever the route). A visitor neither signed in nor
    holding a link is sent to the login page; a link that expired or was revoked gets 404. Each request by
    someone other than the owner is written to the owner's access log.
    """

    def __init__(self, area: str) -> None:
        if area not in (*AREAS, ANY_AREA):
            raise ValueError(f"`area` must be one of {AREAS} or {ANY_AREA!r}, not {area!r}")
        self.area = area

    def __call__(
        self, request: Request, person_id: int, who: SignedIn, db: DbSession, state: State
    ) -> Access:
        """Decide on one request (see the class)."""
        viewer = who[0] if who else None
        if viewer is not None and viewer.id == person_id:
            return Access(person_id, viewer)
        token = request.cookies.get(LINK_COOKIE, "")
        if viewer is None and not token:
            raise LoginRequired
        link = share_links.valid_link(db, token, secret=state.secret) if token else None
        grant = sharing.grant_for(db, viewer, person_id, link)
        if grant is None or request.method not in READ_ONLY:
            raise HTTPException(404)
        if self.area != ANY_AREA and self.area not in grant.areas:
            raise HTTPException(404)
        logged = self.area if self.area != ANY_AREA else next(a for a in AREAS if a in grant.areas)
        # Written and committed now, in a short turn of its own: left pending, the page's first query would
        # flush it and hold SQLite's write lock for the whole page, stalling every other writer.
        with write_turn(db):
            actions.log_access(db, grant, logged, request.method, request.url.path)
        return Access(person_id, viewer, grant.areas, grant.link, views.owner_name(db, person_id))


@cache
def area_access(area: str) -> AreaAccess:
    """The access dependency of ``area`` (one instance per area)."""
    return AreaAccess(area)


async def owner_access(request: Request, person_id: int, who: SignedIn) -> Access:
    """Only the owner (uploads, settings, sharing); 404 for everyone else, sharers and link holders included."""
    if who is None:
        if request.cookies.get(LINK_COOKIE):
            raise HTTPException(404)
        raise LoginRequired
    if who[0].id != person_id:
        raise HTTPException(404)
    return Access(person_id, who[0])


TestsAccess = Annotated[Access, Depends(area_access("tests"))]
PacingAccess = Annotated[Access, Depends(area_access("pacing"))]
DiaryAccess = Annotated[Access, Depends(area_access("diary"))]
AnyAreaAccess = Annotated[Access, Depends(area_access(ANY_AREA))]
OwnerAccess = Annotated[Access, Depends(owner_access)]
