"""The owner's sharing pages: invite a clinician, make a read-only link, change or end either, read the log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fibrokit.errors import FibrokitError
from fibrokit.services.accounts import actions, sharing, views
from fibrokit.web.deps import Access, DbSession, OwnerAccess, State
from fibrokit.web.forms import ListedFields
from fibrokit.web.render import page, redirect

router = APIRouter(prefix="/p/{person_id}/sharing")
LOG_PAGE = 100
MadeT = TypeVar("MadeT")


def _one(fields: dict[str, list[str]], name: str) -> str:
    return (fields.get(name) or [""])[0]


def _page(request: Request, access: Access, db: DbSession, status: int = 200, **extra: object) -> Response:
    view = views.sharing_page(db, access.person_id)
    return page(request, "sharing.html", status, access=access, view=view, **extra)


def _back(access: Access, notice: str) -> Response:
    return redirect(f"/p/{access.person_id}/sharing?done={notice}")


def _grantee(db: DbSession, access: Access, share_id: int) -> int:
    """Who one of the owner's active shares is with (a refusal when it is not theirs or is revoked)."""
    return sharing.owned_share(db, access.person_id, share_id).grantee_id


def _done(
    request: Request, access: OwnerAccess, db: DbSession, act: Callable[[], object], notice: str
) -> Response:
    """Do ``act`` and go back to the sharing page with ``notice``; a refusal shows the page with its reason."""
    try:
        act()
    except FibrokitError as error:
        return _page(request, access, db, 400, error=str(error))
    return _back(access, notice)


def _shown_once(
    request: Request,
    access: OwnerAccess,
    db: DbSession,
    fields: dict[str, list[str]],
    make: Callable[[], tuple[MadeT, str]],
    route: str,
    words: Callable[[MadeT], str],
) -> Response:
    """Make an invitation or a link and show its address once; a refusal shows the form again with the reason."""
    try:
        made, token = make()
    except FibrokitError as error:
        return _page(request, access, db, 400, error=str(error), form=fields)
    url = str(request.url_for(route, token=token))
    return _page(request, access, db, new_link=url, new_link_for=words(made))


_NOTICES = {
    "revoked": "Revoked: they cannot see your data any more.",
    "changed": "The areas are changed.",
    "withdrawn": "The invitation is withdrawn.",
    "link-revoked": "The link is revoked: it opens nothing any more.",
}


@router.get("")
def sharing_page(request: Request, access: OwnerAccess, db: DbSession, done: str = "") -> Response:
    """Who can see what of your data, and the forms to share more or less."""
    return _page(request, access, db, notice=_NOTICES.get(done))


@router.post("/invitations")
def invite(
    request: Request, access: OwnerAccess, db: DbSession, state: State, fields: ListedFields
) -> Response:
    """Invite a clinician by e-mail to see the chosen areas; the link is shown once."""
    owner = access.viewer
    assert owner is not None  # OwnerAccess always has a signed-in viewer
    return _shown_once(
        request,
        access,
        db,
        fields,
        lambda: actions.invite_to_share(
            db, owner, _one(fields, "email"), tuple(fields.get("areas", [])), secret=state.secret
        ),
        "join_form",
        lambda invitation: f"an invitation for {invitation.email}",
    )


@router.post("/invitations/{invitation_id}/withdraw")
def withdraw(request: Request, access: OwnerAccess, db: DbSession, invitation_id: int) -> Response:
    """Withdraw an invitation not yet accepted."""
    return _done(
        request,
        access,
        db,
        lambda: actions.withdraw_invitation(db, access.person_id, invitation_id),
        "withdrawn",
    )


@router.post("/shares/{share_id}/revoke")
def revoke(request: Request, access: OwnerAccess, db: DbSession, share_id: int) -> Response:
    """End a share at once."""

    def act() -> None:
        actions.revoke_share(db, access.person_id, _grantee(db, access, share_id))

    return _done(request, access, db, act, "revoked")


@router.post("/shares/{share_id}/areas")
def change_areas(
    request: Request, access: OwnerAccess, db: DbSession, share_id: int, fields: ListedFields
) -> Response:
    """Change which areas a share covers."""

    def act() -> None:
        actions.grant_share(
            db, access.person_id, _grantee(db, access, share_id), tuple(fields.get("areas", []))
        )

    return _done(request, access, db, act, "changed")


@router.post("/links")
def create_link(
    request: Request, access: OwnerAccess, db: DbSession, state: State, fields: ListedFields
) -> Response:
    """Make a read-only link to the chosen areas that expires; the link is shown once."""
    try:
        days = int(_one(fields, "days") or 0)
    except ValueError:
        days = 0
    return _shown_once(
        request,
        access,
        db,
        fields,
        lambda: actions.create_link(
            db,
            access.person_id,
            _one(fields, "label"),
            tuple(fields.get("areas", [])),
            days,
            secret=state.secret,
        ),
        "shared_link",
        lambda link: f"a read-only link until {link.expires_at.strftime('%Y-%m-%d %H:%M')} UTC",
    )


@router.post("/links/{link_id}/revoke")
def revoke_link(request: Request, access: OwnerAccess, db: DbSession, link_id: int) -> Response:
    """End a link at once."""
    return _done(
        request, access, db, lambda: actions.revoke_link(db, access.person_id, link_id), "link-revoked"
    )


@router.get("/log")
def access_log(request: Request, access: OwnerAccess, db: DbSession, page_number: int = 1) -> Response:
    """Every page of your data someone else opened: who, which area and page, when."""
    view = views.access_log_page(db, access.person_id, page_number, LOG_PAGE)
    return page(request, "sharing_log.html", access=access, access_words=sharing.access_words, view=view)
