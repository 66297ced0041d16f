"""Every SQLAlchemy statement of the demo area: the only module of ``services/demo`` that knows SQL.

Each function takes the caller's session and neither commits nor rolls back (the caller owns the transaction).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from fibrokit.store.tables import RecordingRow, User

__all__ = ["Session", "count_recordings", "sessionmaker", "user_by_email"]


def user_by_email(session: Session, email: str) -> User | None:
    """The account with this address (None when there is none)."""
    return session.scalar(select(User).where(User.email == email))


def count_recordings(session: Session, user_id: int) -> int:
    """How many recordings the account has stored."""
    found = session.scalar(
        select(func.count()).select_from(RecordingRow).where(RecordingRow.user_id == user_id)
    )
    return int(found or 0)
