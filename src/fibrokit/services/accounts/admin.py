"""What an admin can do: list, add, disable accounts and issue password-reset or invitation links.

Nothing here reads health data: an admin sees e-mail addresses, names, roles and dates, never a recording,
a result or even how many a person has.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.services.accounts import auth as accounts
from fibrokit.store.tables import User


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
    users = session.scalars(select(User).order_by(User.id)).all()
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
        for u in users
    ]


def add_account(session: Session, admin: User, email: str, name: str, *, is_admin: bool, secret: str) -> str:
    """Create an account with an unusable password and return a one-time link to choose one."""
    user = accounts.create_user(session, email, secrets.token_urlsafe(24), name=name, is_admin=is_admin)
    return accounts.issue_link(session, "reset", secret=secret, by=admin.id, user_id=user.id)


def reset_link(session: Session, admin: User, user_id: int, *, secret: str) -> str:
    """A one-time link for an account to choose a new password (the admin never sees passwords)."""
    if session.get(User, user_id) is None:
        raise accounts.AccountError("there is no such account")
    return accounts.issue_link(session, "reset", secret=secret, by=admin.id, user_id=user_id, hours=24)


def invite(session: Session, admin: User, email: str, *, secret: str) -> str:
    """A one-time invitation to sign up (for servers whose sign-up mode is ``invite``)."""
    return accounts.issue_link(
        session, "invite", secret=secret, by=admin.id, email=accounts.normal_email(email)
    )


def set_active(session: Session, admin: User, user_id: int, active: bool) -> None:
    """Disable or re-enable an account; a disabled account is logged out everywhere."""
    user = session.get(User, user_id)
    if user is None:
        raise accounts.AccountError("there is no such account")
    if user.id == admin.id and not active:
        raise accounts.AccountError("you cannot disable your own account")
    user.is_active = active
    if not active:
        accounts.end_all_sessions(session, user.id)
