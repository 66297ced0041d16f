"""Accounts: argon2 passwords, server-side sessions with CSRF tokens, login throttling, one-time links.

Cookies hold random tokens; the database holds only their keyed hashes (HMAC with the instance secret), so a
copy of the database cannot be turned into a login. Throttling (:mod:`fibrokit.services.throttle`) counts wrong
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
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from fibrokit.errors import FibrokitError
from fibrokit.services import throttle
from fibrokit.store.tables import AccountToken, LoginSession, ResultRow, User, utcnow

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
    if session.scalar(select(User.id).where(User.email == address)) is not None:
        raise AccountError("an account with this e-mail address exists already")
    user = User(
        email=address, name=name.strip()[:200], password_hash=hash_password(password), is_admin=is_admin
    )
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, email: str, password: str, *, address: str, secret: str, free: int, device: str = ""
) -> User:
    """The account for these credentials, or :class:`AccountError`.

    Throttled per account (from any address) and per address (for any account), or, from a device whose
    ``device`` cookie was made at a login to this address, per device only; see :mod:`~fibrokit.services.throttle`.
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
    user = session.scalar(select(User).where(User.email == address_typed))
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
    session.execute(delete(LoginSession).where(LoginSession.expires_at < utcnow()))  # forget expired ones
    session.add(
        LoginSession(
            key=keyed(secret, token),
            user_id=user.id,
            csrf_token=csrf,
            expires_at=utcnow() + dt.timedelta(days=days),
        )
    )
    return SignedIn(token, csrf)


def session_user(session: Session, token: str, *, secret: str, days: int) -> tuple[User, LoginSession] | None:
    """The active account and session behind a cookie token, extending the session while it is used."""
    row = session.get(LoginSession, keyed(secret, token))
    now = utcnow()
    if row is None or row.expires_at < now:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    renewed = now + dt.timedelta(days=days)
    if renewed - row.expires_at > dt.timedelta(hours=1):  # write at most once an hour per session
        row.expires_at = renewed
    return user, row


def end_session(session: Session, token: str, *, secret: str) -> None:
    """Log out: forget the session."""
    session.execute(delete(LoginSession).where(LoginSession.key == keyed(secret, token)))


def end_all_sessions(session: Session, user_id: int) -> None:
    """Log an account out everywhere (after a password change or reset)."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))


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
    session.add(
        AccountToken(
            key=keyed(secret, token),
            kind=kind,
            email=email,
            user_id=user_id,
            created_by=by,
            expires_at=utcnow() + dt.timedelta(hours=hours),
        )
    )
    return token


def valid_link(session: Session, kind: str, token: str, *, secret: str) -> AccountToken | None:
    """The unused, unexpired link of this kind behind ``token``."""
    row = session.get(AccountToken, keyed(secret, token))
    if row is None or row.kind != kind or row.used_at is not None or row.expires_at < utcnow():
        return None
    return row


def reset_password(session: Session, token: str, new: str, *, secret: str) -> User:
    """Set a new password through an admin's reset link; the link is used up and all sessions end."""
    link = valid_link(session, "reset", token, secret=secret)
    user = session.get(User, link.user_id) if link is not None and link.user_id is not None else None
    if link is None or user is None:
        raise AccountError("this reset link is not valid any more: ask your admin for a new one")
    user.password_hash = hash_password(new)
    link.used_at = utcnow()
    end_all_sessions(session, user.id)
    return user


def sign_up(
    session: Session,
    email: str,
    password: str,
    *,
    name: str,
    mode: str,
    invite: str,
    secret: str,
    address: str = "",
    per_hour: int = 5,
) -> User | None:
    """Create an account from the sign-up form, as the instance's sign-up mode allows.

    Returns None, after the same work, when the address has an account already: the caller answers both
    alike, so sign-up cannot tell who has an account. Sign-ups are limited to ``per_hour`` from one address.
    """
    if mode == "closed":
        raise AccountError("this server does not take sign-ups: ask its admin for an account")
    link = valid_link(session, "invite", invite, secret=secret) if invite else None
    if mode == "invite" and link is None:
        raise AccountError("sign-up on this server needs a valid invitation link from its admin")
    address_typed = normal_email(email)
    tries = keyed(secret, f"signup|{address}")
    if throttle.count_recent(session, tries) >= per_hour:
        raise TooManyAttempts("too many sign-ups from this address: try again in an hour")
    throttle.record(session, [tries])
    password_hash = hash_password(password)  # argon2 either way, so both answers take as long
    if link is not None:
        link.used_at = utcnow()
    if session.scalar(select(User.id).where(User.email == address_typed)) is not None:
        return None
    user = User(email=address_typed, name=name.strip()[:200], password_hash=password_hash)
    session.add(user)
    session.flush()
    return user


def update_profile(session: Session, user: User, *, name: str, birth_year: str, sex: str) -> None:
    """Save the details the tests' norms need; an empty year of birth clears it."""
    year = birth_year.strip()
    if year and (not year.isdigit() or not 1900 <= int(year) <= utcnow().year):
        raise AccountError("the year of birth must be a year such as 1978")
    if sex not in ("", "f", "m"):
        raise AccountError("sex must be f, m or left empty")
    user.name = name.strip()[:200]
    new_year = int(year) if year else None
    if new_year != user.birth_year:
        # Age-specific norms change: mark the person's results stale so the importer recomputes them.
        session.execute(
            update(ResultRow).where(ResultRow.user_id == user.id).values(settings_key="profile-changed")
        )
    user.birth_year = new_year
    user.sex = sex
