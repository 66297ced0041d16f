"""Typed, frozen page models of the accounts area: the admin's list, the sharing pages, an invitation, a link.

Stored rows appear inside them read-only; templates read attributes, never keys. None of them holds health data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fibrokit.services.accounts import links, queries, sharing
from fibrokit.services.accounts.links import INVITATION_DAYS, LINK_DAYS
from fibrokit.services.accounts.queries import Session
from fibrokit.store.tables import AccessLog, Share, ShareInvitation, ShareLink, User, utcnow

__all__ = [
    "AccessLogPage",
    "AccountLine",
    "InvitationPage",
    "LinkPage",
    "SharingPage",
    "access_log_page",
    "invitation_page",
    "link_page",
    "list_accounts",
    "owner_name",
    "sharing_page",
]


@dataclass(frozen=True)
class AccountLine:
    """One account as the admin page lists it."""

    id: int
    email: str
    name: str
    is_admin: bool
    is_active: bool
    created: str
    last_login: str


def list_accounts(session: Session) -> list[AccountLine]:
    """Every account, oldest first, without any health data."""
    return [
        AccountLine(
            u.id,
            u.email,
            u.name,
            u.is_admin,
            u.is_active,
            u.created_at.strftime("%Y-%m-%d"),
            u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "never",
        )
        for u in queries.all_users(session)
    ]


@dataclass(frozen=True)
class SharingPage:
    """The owner's sharing page: who sees what, the invitations waiting, the links, and the forms' choices."""

    shares: tuple[tuple[Share, User], ...]
    invitations: tuple[ShareInvitation, ...]
    links: tuple[ShareLink, ...]
    now: dt.datetime
    area_names: dict[str, str]
    link_days: tuple[int, ...] = LINK_DAYS
    invitation_days: int = INVITATION_DAYS


def sharing_page(session: Session, owner_id: int) -> SharingPage:
    """The sharing page of ``owner_id``."""
    return SharingPage(
        tuple(sharing.shares_of(session, owner_id)),
        tuple(links.invitations_of(session, owner_id)),
        tuple(links.links_of(session, owner_id)),
        utcnow(),
        sharing.AREA_NAMES,
    )


@dataclass(frozen=True)
class AccessLogPage:
    """One page of the owner's access log, newest first."""

    rows: tuple[AccessLog, ...]
    total: int
    page_number: int
    pages: int


def access_log_page(session: Session, owner_id: int, page_number: int, per_page: int) -> AccessLogPage:
    """Page ``page_number`` (from 1; anything lower is the first) of the owner's access log."""
    number = max(page_number, 1)
    rows, total = sharing.access_log(session, owner_id, limit=per_page, offset=(number - 1) * per_page)
    pages = max((total + per_page - 1) // per_page, 1)
    return AccessLogPage(tuple(rows), total, number, pages)


@dataclass(frozen=True)
class InvitationPage:
    """An invitation as its page shows it: who invites, and the names of the areas it opens."""

    invitation: ShareInvitation
    owner: User
    names: tuple[str, ...]


def invitation_page(session: Session, token: str, *, secret: str) -> InvitationPage | None:
    """The page of a pending invitation; None when it is not valid (or its owner is gone)."""
    invitation = links.pending(session, token, secret=secret)
    owner = queries.get_user(session, invitation.owner_id) if invitation is not None else None
    if invitation is None or owner is None:
        return None
    names = tuple(sharing.AREA_NAMES[a] for a in sharing.areas_of(invitation.areas))
    return InvitationPage(invitation, owner, names)


@dataclass(frozen=True)
class LinkPage:
    """A read-only link's start page: whose data and which areas it opens."""

    link: ShareLink
    owner: User
    areas: tuple[str, ...]


def link_page(session: Session, token: str, *, secret: str) -> LinkPage | None:
    """The start page of a valid read-only link; None when it is not valid (or its owner is gone)."""
    link = links.valid_link(session, token, secret=secret)
    owner = queries.get_user(session, link.owner_id) if link is not None else None
    if link is None or owner is None:
        return None
    return LinkPage(link, owner, sharing.areas_of(link.areas))


def owner_name(session: Session, owner_id: int) -> str:
    """How a person named themselves (their e-mail address when they gave no name); empty when gone."""
    owner = queries.get_user(session, owner_id)
    return (owner.name or owner.email) if owner is not None else ""
