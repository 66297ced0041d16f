"""Invitations for clinicians and read-only links that expire: the two ways an owner shares beyond their account.

Both are random tokens given to the owner once, to pass on privately (fibrokit sends no e-mail); the database
keeps only their keyed hashes, like sessions, so a copy of it opens nothing. An **invitation** names an e-mail
address: the account with that address accepts it, logged in; the invitee without one creates it through the
link (unless the server takes no sign-ups), then logs in and accepts. Neither the owner nor whoever holds the link
learns whether an account existed: creating one answers the same, after the same work, either way, and an
invitation is only ever accepted by its account, logged in. So invitations cannot be used to find out who uses
the server. A **link** opens the chosen areas read-only for anyone holding it, until it
expires or the owner revokes it.

Here they are only found and listed; making, accepting, withdrawing and revoking them are
:mod:`~fibrokit.services.accounts.actions`.
"""

from __future__ import annotations

from fibrokit.services.accounts import auth, queries
from fibrokit.services.accounts.queries import Session
from fibrokit.store.tables import ShareInvitation, ShareLink, utcnow

INVITATION_DAYS = 14
LINK_DAYS = (1, 7, 30, 90)


def valid_link(session: Session, token: str, *, secret: str) -> ShareLink | None:
    """The unrevoked, unexpired link behind ``token``."""
    if not token:
        return None
    link = queries.link_by_key(session, auth.keyed(secret, token))
    if link is None or link.revoked_at is not None or link.expires_at <= utcnow():
        return None
    return link


def links_of(session: Session, owner_id: int) -> list[ShareLink]:
    """The owner's links, newest first (revoked and expired ones too, marked so by their dates)."""
    return queries.links_of(session, owner_id)


def pending(session: Session, token: str, *, secret: str) -> ShareInvitation | None:
    """The unused, unwithdrawn, unexpired invitation behind ``token``."""
    if not token:
        return None
    found = queries.invitation_by_key(session, auth.keyed(secret, token))
    if found is None or found.accepted_at or found.withdrawn_at or found.expires_at <= utcnow():
        return None
    return found


def invitations_of(session: Session, owner_id: int) -> list[ShareInvitation]:
    """The owner's invitations still waiting to be accepted."""
    return queries.invitations_waiting(session, owner_id, utcnow())
