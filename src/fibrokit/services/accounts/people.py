"""What the analyses need to know about a person (their age), read from their account."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from fibrokit.store.tables import User


def age_for(
    session: Session, user_id: int, when: dt.datetime | None, metadata: Mapping[str, str]
) -> float | None:
    """Age in years at a recording: from the account's year of birth, else from the file's own header."""
    user = session.get(User, user_id)
    if user is not None and user.birth_year:
        year = (when or dt.datetime.now(dt.UTC)).year
        return float(max(year - user.birth_year, 0))
    try:
        return float(metadata["age"])
    except (KeyError, ValueError):
        return None
