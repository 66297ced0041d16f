"""Every SQLAlchemy statement of the accounts area: the only module of ``services/accounts`` that knows SQL.

Accounts, their server-side sessions and one-time links, counted wrong passwords, shares, read-only links,
invitations and the access log. Each function takes the caller's session and neither commits nor rolls back
(the caller owns the transaction). ``tests/common/test_area_shape.py`` fails when another module of the area
imports SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from fibrokit.store.tables import (
    AccessLog,
    AccountToken,
    LoginFailure,
    LoginSession,
    ResultRow,
    Share,
    ShareInvitation,
    ShareLink,
    User,
)

__all__ = [
    "Engine",
    "Session",
    "access_log_page",
    "account_token",
    "active_share",
    "add",
    "add_failures",
    "all_users",
    "email_taken",
    "end_session",
    "end_sessions_of",
    "failures_since",
    "forget_expired_sessions",
    "forget_failures_before",
    "get_invitation",
    "get_link",
    "get_share",
    "get_user",
    "has_patients",
    "invitation_by_key",
    "invitations_waiting",
    "link_by_key",
    "links_of",
    "login_session",
    "mark_results_stale",
    "patients_of",
    "recent_failures",
    "sessionmaker",
    "share_between",
    "shares_of",
    "user_by_email",
]

Stored = TypeVar("Stored", User, LoginSession, AccountToken, Share, ShareLink, ShareInvitation, AccessLog)


def add(session: Session, row: Stored, *, flush: bool = False) -> Stored:
    """Add a new row to the session (``flush``: write it now, so it has its id); no commit."""
    session.add(row)
    if flush:
        session.flush()
    return row


# Accounts


def get_user(session: Session, user_id: int) -> User | None:
    """The account with this id."""
    return session.get(User, user_id)


def user_by_email(session: Session, address: str) -> User | None:
    """The account with this (normalised) e-mail address."""
    return session.scalar(select(User).where(User.email == address))


def email_taken(session: Session, address: str) -> bool:
    """True when an account has this (normalised) e-mail address."""
    return session.scalar(select(User.id).where(User.email == address)) is not None


def all_users(session: Session) -> Sequence[User]:
    """Every account, oldest first."""
    return session.scalars(select(User).order_by(User.id)).all()


def mark_results_stale(session: Session, user_id: int) -> None:
    """Mark every stored result of the person as computed under other settings (the importer recomputes them)."""
    session.execute(
        update(ResultRow).where(ResultRow.user_id == user_id).values(settings_key="profile-changed")
    )


# Sessions and one-time account links


def login_session(session: Session, key: str) -> LoginSession | None:
    """The server-side session stored under ``key`` (a keyed hash of its cookie token)."""
    return session.get(LoginSession, key)


def forget_expired_sessions(session: Session, now: dt.datetime) -> None:
    """Delete the sessions that expired before ``now``."""
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now))


def end_session(session: Session, key: str) -> None:
    """Delete one session by its key."""
    session.execute(delete(LoginSession).where(LoginSession.key == key))


def end_sessions_of(session: Session, user_id: int) -> None:
    """Delete every session of an account."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))


def account_token(session: Session, key: str) -> AccountToken | None:
    """The invitation or reset link stored under ``key``."""
    return session.get(AccountToken, key)


# Counted wrong passwords and sign-ups


def recent_failures(
    session: Session, keys: Sequence[str], since: dt.datetime
) -> list[tuple[str, int, dt.datetime]]:
    """For each of ``keys`` with attempts since ``since``: the key, how many, and the latest."""
    rows = session.execute(
        select(LoginFailure.key, func.count(), func.max(LoginFailure.at))
        .where(LoginFailure.key.in_(keys), LoginFailure.at >= since)
        .group_by(LoginFailure.key)
    ).all()
    return [(key, int(count), last) for key, count, last in rows]


def failures_since(session: Session, key: str, since: dt.datetime) -> int:
    """How many attempts were counted under ``key`` since ``since``."""
    found = session.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.key == key, LoginFailure.at >= since)
    )
    return int(found or 0)


def add_failures(session: Session, keys: Sequence[str], at: dt.datetime) -> None:
    """Count one attempt under each key."""
    session.add_all(LoginFailure(key=key, at=at) for key in keys)


def forget_failures_before(session: Session, moment: dt.datetime) -> None:
    """Delete the attempts counted before ``moment``."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < moment))


# Shares between accounts


def get_share(session: Session, share_id: int) -> Share | None:
    """The share with this id (anyone's)."""
    return session.get(Share, share_id)


def share_between(session: Session, owner_id: int, grantee_id: int) -> Share | None:
    """The owner's share with the grantee, active or revoked."""
    return session.scalar(select(Share).where(Share.owner_id == owner_id, Share.grantee_id == grantee_id))


def active_share(session: Session, owner_id: int, grantee_id: int) -> Share | None:
    """The owner's share with the grantee while it is not revoked."""
    return session.scalar(
        select(Share).where(
            Share.owner_id == owner_id, Share.grantee_id == grantee_id, Share.revoked_at.is_(None)
        )
    )


def has_patients(session: Session, viewer_id: int) -> bool:
    """True when at least one active share goes to ``viewer_id``."""
    found = session.scalar(
        select(Share.id).where(Share.grantee_id == viewer_id, Share.revoked_at.is_(None)).limit(1)
    )
    return found is not None


def patients_of(session: Session, viewer_id: int) -> list[tuple[User, str]]:
    """The owners sharing with ``viewer_id``, by name, each with the stored text of the areas shared."""
    rows = session.execute(
        select(User, Share.areas)
        .join(Share, Share.owner_id == User.id)
        .where(Share.grantee_id == viewer_id, Share.revoked_at.is_(None))
        .order_by(User.name, User.email)
    ).all()
    return [(user, areas) for user, areas in rows]


def shares_of(session: Session, owner_id: int) -> list[tuple[Share, User]]:
    """The owner's active shares with the accounts they go to, oldest first."""
    rows = session.execute(
        select(Share, User)
        .join(User, User.id == Share.grantee_id)
        .where(Share.owner_id == owner_id, Share.revoked_at.is_(None))
        .order_by(Share.created_at)
    ).all()
    return [(share, user) for share, user in rows]


# Read-only links and invitations


def get_link(session: Session, link_id: int) -> ShareLink | None:
    """The read-only link with this id (anyone's)."""
    return session.get(ShareLink, link_id)


def link_by_key(session: Session, key: str) -> ShareLink | None:
    """The read-only link stored under ``key``."""
    return session.scalar(select(ShareLink).where(ShareLink.key == key))


def links_of(session: Session, owner_id: int) -> list[ShareLink]:
    """The owner's links, newest first."""
    return list(
        session.scalars(select(ShareLink).where(ShareLink.owner_id == owner_id).order_by(ShareLink.id.desc()))
    )


def get_invitation(session: Session, invitation_id: int) -> ShareInvitation | None:
    """The invitation with this id (anyone's)."""
    return session.get(ShareInvitation, invitation_id)


def invitation_by_key(session: Session, key: str) -> ShareInvitation | None:
    """The invitation stored under ``key``."""
    return session.scalar(select(ShareInvitation).where(ShareInvitation.key == key))


def invitations_waiting(session: Session, owner_id: int, now: dt.datetime) -> list[ShareInvitation]:
    """The owner's invitations neither accepted, withdrawn nor expired at ``now``, newest first."""
    return list(
        session.scalars(
            select(ShareInvitation)
            .where(
                ShareInvitation.owner_id == owner_id,
                ShareInvitation.accepted_at.is_(None),
                ShareInvitation.withdrawn_at.is_(None),
                ShareInvitation.expires_at > now,
            )
            .order_by(ShareInvitation.id.desc())
        )
    )


# The access log


def access_log_page(
    session: Session, owner_id: int, *, limit: int, offset: int
) -> tuple[list[AccessLog], int]:
    """Entries of the owner's access log, newest first, without the chart data pages fetch; and how many."""
    shown = (AccessLog.owner_id == owner_id, AccessLog.path.not_like("%.json"))
    total = session.scalar(select(func.count()).select_from(AccessLog).where(*shown))
    rows = session.scalars(
        select(AccessLog)
        .where(*shown)
        .order_by(AccessLog.at.desc(), AccessLog.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), int(total or 0)
