"""What changes accounts beyond logging in: sign-up, the profile, and what an admin does.

Every function takes the caller's session and never commits or rolls back: the route or the command owns the
transaction, and rolls back when an action refuses with :class:`~fibrokit.services.accounts.auth.AccountError`.

Sign-up answers the same whether or not the address has an account: it hashes the password either way (the
slow part, so both answers take as long), creates nothing for an address in use and never signs anyone in; the
person then logs in. Sign-ups are counted per address under a keyed hash, like wrong passwords.

An admin sees e-mail addresses, names, roles and dates, never a recording, a result or even how many a person
has; they never see passwords either, only one-time links for the account's owner.
"""

from __future__ import annotations

import secrets

from fibrokit.services.accounts import auth, people, queries, throttle
from fibrokit.services.accounts.auth import AccountError, TooManyAttempts
from fibrokit.services.accounts.queries import Session
from fibrokit.store.tables import User, utcnow

__all__ = [
    "add_account",
    "after_norms_changed",
    "invite",
    "reset_link",
    "set_active",
    "sign_up",
    "update_profile",
]


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
    birth_year: str = "",
    sex: str = "",
) -> User | None:
    """Create an account from the sign-up form, as the instance's sign-up mode allows.

    Returns None, after the same work, when the address has an account already (which is left untouched): the
    caller answers both alike. Sign-ups are limited to ``per_hour`` from one address.
    """
    if mode == "closed":
        raise AccountError("this server does not take sign-ups: ask its admin for an account")
    link = auth.valid_link(session, "invite", invite, secret=secret) if invite else None
    if mode == "invite" and link is None:
        raise AccountError("sign-up on this server needs a valid invitation link from its admin")
    address_typed = auth.normal_email(email)
    year, chosen_sex = people.profile_values(birth_year, sex)
    tries = throttle.keyed(secret, f"signup|{address}")
    if throttle.count_recent(session, tries) >= per_hour:
        raise TooManyAttempts("too many sign-ups from this address: try again in an hour")
    throttle.record(session, [tries])
    password_hash = auth.hash_password(password)  # argon2 either way, so both answers take as long
    if link is not None:
        link.used_at = utcnow()
    if queries.email_taken(session, address_typed):
        return None
    user = User(
        email=address_typed,
        name=name.strip()[:200],
        password_hash=password_hash,
        birth_year=year,
        sex=chosen_sex,
    )
    return queries.add(session, user, flush=True)


def update_profile(session: Session, user: User, *, name: str, birth_year: str, sex: str) -> bool:
    """Save the details the tests' norms need; an empty year of birth clears it.

    Returns True when the year of birth or sex changed: the caller then runs :func:`after_norms_changed`.
    """
    new_year, new_sex = people.profile_values(birth_year, sex)
    user.name = name.strip()[:200]
    changed = (new_year, new_sex) != (user.birth_year, user.sex)
    user.birth_year = new_year
    user.sex = new_sex
    return changed


def after_norms_changed(session: Session, user_id: int) -> None:
    """The step after a new year of birth or sex: the person's results are marked for the importer to recompute.

    Age- and sex-specific norms change with them, so every stored result is computed again.
    """
    queries.mark_results_stale(session, user_id)


def add_account(session: Session, admin: User, email: str, name: str, *, is_admin: bool, secret: str) -> str:
    """Create an account with an unusable password and return a one-time link to choose one."""
    user = auth.create_user(session, email, secrets.token_urlsafe(24), name=name, is_admin=is_admin)
    return auth.issue_link(session, "reset", secret=secret, by=admin.id, user_id=user.id)


def reset_link(session: Session, admin: User, user_id: int, *, secret: str) -> str:
    """A one-time link for an account to choose a new password (the admin never sees passwords)."""
    if queries.get_user(session, user_id) is None:
        raise AccountError("there is no such account")
    return auth.issue_link(session, "reset", secret=secret, by=admin.id, user_id=user_id, hours=24)


def invite(session: Session, admin: User, email: str, *, secret: str) -> str:
    """A one-time invitation to sign up (for servers whose sign-up mode is ``invite``)."""
    return auth.issue_link(session, "invite", secret=secret, by=admin.id, email=auth.normal_email(email))


def set_active(session: Session, admin: User, user_id: int, active: bool) -> None:
    """Disable or re-enable an account; a disabled account is logged out everywhere."""
    user = queries.get_user(session, user_id)
    if user is None:
        raise AccountError("there is no such account")
    if user.id == admin.id and not active:
        raise AccountError("you cannot disable your own account")
    user.is_active = active
    if not active:
        auth.end_all_sessions(session, user.id)
