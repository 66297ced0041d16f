"""A person's profile as the analyses need it: their age, and the year of birth and sex asked once for the norms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from fibrokit.services.accounts import queries
from fibrokit.services.accounts.auth import AccountError
from fibrokit.services.accounts.queries import Session
from fibrokit.store.tables import User, utcnow

SEXES = {"f": "female", "m": "male"}


def age_for(
    session: Session, user_id: int, when: dt.datetime | None, metadata: Mapping[str, str]
) -> float | None:
    """Age in years at a recording: from the account's year of birth, else from the file's own header."""
    user = queries.get_user(session, user_id)
    if user is not None and user.birth_year:
        year = (when or dt.datetime.now(dt.UTC)).year
        return float(max(year - user.birth_year, 0))
    try:
        return float(metadata["age"])
    except (KeyError, ValueError):
        return None


def profile_values(birth_year: str, sex: str) -> tuple[int | None, str]:
    """The year of birth and sex as stored, from form text (either may be left empty)."""
    year = birth_year.strip()
    if year and (not year.isdigit() or not 1900 <= int(year) <= utcnow().year):
        raise AccountError("the year of birth must be a year such as 1978")
    if sex not in ("", *SEXES):
        raise AccountError("sex must be f, m or left empty")
    return (int(year) if year else None), sex


def needs_profile(user: User) -> bool:
    """True while the year of birth or sex is missing (the tests' norms depend on both)."""
    return user.birth_year is None or not user.sex
