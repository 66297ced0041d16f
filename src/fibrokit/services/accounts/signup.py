"""Signing up and the profile the tests' norms need (year of birth and sex), asked once.

Sign-up answers the same whether or not the address has an account: it hashes the password either way (the
slow part, so both answers take as long), creates nothing for an address in use and never signs anyone in; the
person then logs in. Sign-ups are counted per address under a keyed hash, like wrong passwords.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fibrokit.services.accounts import throttle
from fibrokit.services.accounts.auth import (
    AccountError,
    TooManyAttempts,
    hash_password,
    normal_email,
    valid_link,
)
from fibrokit.store.tables import ResultRow, User, utcnow

SEXES = {"f": "female", "m": "male"}


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
    link = valid_link(session, "invite", invite, secret=secret) if invite else None
    if mode == "invite" and link is None:
        raise AccountError("sign-up on this server needs a valid invitation link from its admin")
    address_typed = normal_email(email)
    year, chosen_sex = profile_values(birth_year, sex)
    tries = throttle.keyed(secret, f"signup|{address}")
    if throttle.count_recent(session, tries) >= per_hour:
        raise TooManyAttempts("too many sign-ups from this address: try again in an hour")
    throttle.record(session, [tries])
    password_hash = hash_password(password)  # argon2 either way, so both answers take as long
    if link is not None:
        link.used_at = utcnow()
    if session.scalar(select(User.id).where(User.email == address_typed)) is not None:
        return None
    user = User(
        email=address_typed,
        name=name.strip()[:200],
        password_hash=password_hash,
        birth_year=year,
        sex=chosen_sex,
    )
    session.add(user)
    session.flush()
    return user


def profile_values(birth_year: str, sex: str) -> tuple[int | None, str]:
    """The year of birth and sex as stored, from form text (either may be left empty)."""
    year = birth_year.strip()
    if year and (not year.isdigit() or not 1900 <= int(year) <= utcnow().year):
        raise AccountError("the year of birth must be a year such as 1978")
    if sex not in ("", *SEXES):
        raise AccountError("sex must be f, m or left empty")
    return (int(year) if year else None), sex


def update_profile(session: Session, user: User, *, name: str, birth_year: str, sex: str) -> None:
    """Save the details the tests' norms need; an empty year of birth clears it."""
    new_year, new_sex = profile_values(birth_year, sex)
    user.name = name.strip()[:200]
    if (new_year, new_sex) != (user.birth_year, user.sex):
        # Age- and sex-specific norms change: mark the person's results stale so the importer recomputes them.
        session.execute(
            update(ResultRow).where(ResultRow.user_id == user.id).values(settings_key="profile-changed")
        )
    user.birth_year = new_year
    user.sex = new_sex


def needs_profile(user: User) -> bool:
    """True while the year of birth or sex is missing (the tests' norms depend on both)."""
    return user.birth_year is None or not user.sex
