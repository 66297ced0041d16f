"""Accounts: argon2 passwords, server-side sessions with CSRF tokens, login throttling, one-time links.

Cookies hold random tokens; the database holds only their keyed hashes (HMAC with the instance secret), so a
copy of the database cannot be turned into a login. Throttling (:mod:`fibrokit.services.accounts.throttle`) counts wrong
passwords per account and per address, also under keyed hashes. Sign-up answers the same whether or not the
address has an account, after the same work (one argon2 hash either way).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fibrokit.errors import FibrokitError
from fibrokit.services.accounts import queries, throttle
from fibrokit.services.accounts.queries import Session
from fibrokit.store.tables import AccountToken, LoginSession, User, utcnow

MIN_PASSWORD = 10
keyed = throttle.keyed  # the keyed hash of tokens and throttling keys (used by sharing links too)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(FibrokitError):
    """An account action was refused; the message says why in one sentence."""


class TooManyAttempts(AccountError):
    """Too many wrong passwords (or sign-ups) lately for this account or address: wait, then try again."""


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    # Checked when the account does not exist, so a login takes as long either way.
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (after checking it is long enough)."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    with throttle.GATE.turn():
        return _hasher().hash(password)


def normal_email(email: str) -> str:
    """The address as stored: trimmed and lower-case, after a plausibility check."""
    email = email.strip().lower()
    if not _EMAIL.match(email) or len(email) > 320:
        raise AccountError("please give a valid e-mail address")
    return email


def create_user(
    session: Session, email: str, password: str, *, name: str = "", is_admin: bool = False
) -> User:
    """Add an account; refuses an address already in use."""
    address = normal_email(email)
    if queries.email_taken(session, address):
        raise AccountError("an account with this e-mail address exists already")
    user = User(
        email=address, name=name.strip()[:200], password_hash=hash_password(password), is_admin=is_admin
    )
    return queries.add(session, user, flush=True)


def authenticate(
    session: Session, email: str, password: str, *, address: str, secret: str, free: int, device: str = ""
) -> User:
    """The account for these credentials, or :class:`AccountError`.

    Throttled per account (from any address) and per address (for any account), or, from a device whose
    ``device`` cookie was made at a login to this address, per device only; see :mod:`~fibrokit.services.accounts.throttle`.
    """
    address_typed = email.strip().lower()
    known = throttle.known_device(secret, address_typed, device) if device else None
    judged = (
        [keyed(secret, f"device|{known}")]
        if known is not None
        else [keyed(secret, f"account|{address_typed}"), keyed(secret, f"address|{address}")]
    )
    wait = throttle.seconds_to_wait(session, judged, free=free)
    if wait > 0:
        raise TooManyAttempts(throttle.wait_sentence(wait))
    user = queries.user_by_email(session, address_typed)
    if user is None or not user.is_active or not _verify(user.password_hash, password):
        if user is None:
            _verify(_dummy_hash(), password)
        account_and_address = [keyed(secret, f"account|{address_typed}"), keyed(secret, f"address|{address}")]
        throttle.record(session, sorted({*judged, *account_and_address}))
        raise AccountError("wrong e-mail address or password")
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        with throttle.GATE.turn():
            return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class SignedIn:
    """A session's cookie token and its CSRF token."""

    token: str
    csrf: str


def start_session(session: Session, user: User, *, secret: str, days: int) -> SignedIn:
    """Open a server-side session for ``user``."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    queries.forget_expired_sessions(session, utcnow())
    queries.add(
        session,
        LoginSession(
            key=keyed(secret, token),
            user_id=user.id,
            csrf_token=csrf,
            expires_at=utcnow() + dt.timedelta(days=days),
        ),
    )
    return SignedIn(token, csrf)


def session_user(session: Session, token: str, *, secret: str, days: int) -> tuple[User, LoginSession] | None:
    """The active account and session behind a cookie token, extending the session while it is used."""
    row = queries.login_session(session, keyed(secret, token))
    now = utcnow()
    if row is None or row.expires_at < now:
        return None
    user = queries.get_user(session, row.user_id)
    if user is None or not user.is_active:
        return None
    renewed = now + dt.timedelta(days=days)
    if renewed - row.expires_at > dt.timedelta(hours=1):  # write at most once an hour per session
        row.expires_at = renewed
    return user, row


def end_session(session: Session, token: str, *, secret: str) -> None:
    """Log out: forget the session."""
    queries.end_session(session, keyed(secret, token))


def end_all_sessions(session: Session, user_id: int) -> None:
    """Log an account out everywhere (after a password change or reset)."""
    queries.end_sessions_of(session, user_id)


def change_password(session: Session, user: User, old: str, new: str) -> None:
    """Change a password after checking the old one; other sessions end."""
    if not _verify(user.password_hash, old):
        raise AccountError("the current password is not right")
    user.password_hash = hash_password(new)
    end_all_sessions(session, user.id)


def issue_link(
    session: Session,
    kind: str,
    *,
    secret: str,
    by: int | None,
    email: str = "",
    user_id: int | None = None,
    hours: int = 72,
) -> str:
    """A one-time token for an invitation (``kind="invite"``) or a password reset (``"reset"``)."""
    token = secrets.token_urlsafe(32)
    queries.add(
        session,
        AccountToken(
            key=keyed(secret, token),
            kind=kind,
            email=email,
            user_id=user_id,
            created_by=by,
            expires_at=utcnow() + dt.timedelta(hours=hours),
        ),
    )
    return token


def valid_link(session: Session, kind: str, token: str, *, secret: str) -> AccountToken | None:
    """The unused, unexpired link of this kind behind ``token``."""
    row = queries.account_token(session, keyed(secret, token))
    if row is None or row.kind != kind or row.used_at is not None or row.expires_at < utcnow():
        return None
    return row


def reset_password(session: Session, token: str, new: str, *, secret: str) -> User:
    """Set a new password through an admin's reset link; the link is used up and all sessions end."""
    link = valid_link(session, "reset", token, secret=secret)
    user = queries.get_user(session, link.user_id) if link is not None and link.user_id is not None else None
    if link is None or user is None:
        raise AccountError("this reset link is not valid any more: ask your admin for a new one")
    user.password_hash = hash_password(new)
    link.used_at = utcnow()
    end_all_sessions(session, user.id)
    return user
