"""Who may see whose health data: the owner, and the accounts they shared an area with (revocable).

Part 2 adds the pages to grant and revoke shares; the rule every health-data page applies lives here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.store.tables import AREAS, Share, User, utcnow


def can_view(session: Session, viewer: User, owner_id: int, area: str) -> bool:
    """True when ``viewer`` owns the data or holds an active share of ``area`` from its owner."""
    if area not in AREAS:
        raise ValueError(f"`area` must be one of {AREAS}, not {area!r}")
    if viewer.id == owner_id:
        return True
    share = session.scalar(
        select(Share).where(
            Share.owner_id == owner_id, Share.grantee_id == viewer.id, Share.revoked_at.is_(None)
        )
    )
    return share is not None and area in share.areas.split(",")


def grant(session: Session, owner_id: int, grantee_id: int, areas: tuple[str, ...]) -> Share:
    """Share ``areas`` of an owner's data with another account (replacing an earlier share)."""
    unknown = set(areas) - set(AREAS)
    if unknown or owner_id == grantee_id:
        raise ValueError(f"cannot share {sorted(unknown) or 'with oneself'}")
    share = session.scalar(select(Share).where(Share.owner_id == owner_id, Share.grantee_id == grantee_id))
    if share is None:
        share = Share(owner_id=owner_id, grantee_id=grantee_id)
        session.add(share)
    share.areas, share.revoked_at = ",".join(areas), None
    session.flush()
    return share


def revoke(session: Session, owner_id: int, grantee_id: int) -> None:
    """End a share."""
    share = session.scalar(select(Share).where(Share.owner_id == owner_id, Share.grantee_id == grantee_id))
    if share is not None:
        share.revoked_at = utcnow()


def shared_with(session: Session, viewer_id: int) -> list[User]:
    """The owners who currently share something with ``viewer_id``."""
    rows = session.scalars(
        select(User)
        .join(Share, Share.owner_id == User.id)
        .where(Share.grantee_id == viewer_id, Share.revoked_at.is_(None))
        .order_by(User.name, User.email)
    ).all()
    return list(rows)
