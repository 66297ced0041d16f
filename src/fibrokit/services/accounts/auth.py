"""Accounts' secrets, read only: argon2 passwords, the tokens of sessions and one-time links, and finding them again.

Cookies hold random tokens; the database holds only their keyed hashes (HMAC with the instance secret), so a
copy of the database cannot be turned into a login. Nothing here writes: logging in, opening and ending
sessions, changing passwords and issuing links are :mod:`~fibrokit.services.accounts.actions`, which use the
hashing, checking and token making below. Throttling (:mod:`fibrokit.services.accounts.throttle`) counts wrong
passwords per account and per address, also under keyed hashes.
"""

from __future__ import annotations

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


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches the stored argon2 hash (checked through the password gate)."""
    try:
        with throttle.GATE.turn():
            return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_nobody(password: str) -> None:
    """Check ``password`` against a throwaway hash, so an unknown address costs the same time as a known one."""
    verify_password(_dummy_hash(), password)


def needs_rehash(password_hash: str) -> bool:
    """True when a stored hash was made with weaker settings than today's (it is renewed at the next login)."""
    return _hasher().check_needs_rehash(password_hash)


def new_token() -> str:
    """A fresh random token for a cookie, a CSRF field or a one-time link (its keyed hash is what is stored)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class SignedIn:
    """A session's cookie token and its CSRF token."""

    token: str
    csrf: str


def session_user(session: Session, token: str, *, secret: str) -> tuple[User, LoginSession] | None:
    """The active account and session behind a cookie token (renewing it while used is an action)."""
    row = queries.login_session(session, keyed(secret, token))
    if row is None or row.expires_at < utcnow():
        return None
    user = queries.get_user(session, row.user_id)
    if user is None or not user.is_active:
        return None
    return user, row


def valid_link(session: Session, kind: str, token: str, *, secret: str) -> AccountToken | None:
    """The unused, unexpired link of this kind behind ``token``."""
    row = queries.account_token(session, keyed(secret, token))
    if row is None or row.kind != kind or row.used_at is not None or row.expires_at < utcnow():
        return None
    return row
