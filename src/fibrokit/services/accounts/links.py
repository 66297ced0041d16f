"""Invitations for clinicians and read-only links that expire: the two ways an owner shares beyond their account.

Both are random tokens given to the owner once, to pass on privately (fibrokit sends no e-mail); the database
keeps only their keyed hashes, like sessions, so a copy of it opens nothing. An **invitation** names an e-mail
address: the account with that address accepts it, logged in; the invitee without one creates it through the
link (unless the server takes no sign-ups), then logs in and accepts. Neither the owner nor whoever holds the link
learns whether an account existed: creating one answers the same, after the same work, either way, and an
invitation is only ever accepted by its account, logged in. So invitations cannot be used to find out who uses
the server. A **link** opens the chosen areas read-only for anyone holding it, until it
expires or the owner revokes it.
"""

from __future__ import annotations

import datetime as dt
import secrets

from fibrokit.services.accounts import auth, queries, sharing, throttle
from fibrokit.services.accounts.queries import Session
from fibrokit.services.accounts.sharing import SharingError
from fibrokit.store.tables import Share, ShareInvitation, ShareLink, User, utcnow

INVITATION_DAYS = 14
LINK_DAYS = (1, 7, 30, 90)


def create_link(
    session: Session, owner_id: int, label: str, areas: tuple[str, ...], days: int, *, secret: str
) -> tuple[ShareLink, str]:
    """A new read-only link to ``areas`` for ``days`` days; returns it and its token (shown once)."""
    chosen = sharing.parse_areas(areas)
    if days not in LINK_DAYS:
        raise SharingError(f"a link lasts {', '.join(str(d) for d in LINK_DAYS)} days; choose one of these")
    token = secrets.token_urlsafe(32)
    link = ShareLink(
        owner_id=owner_id,
        key=auth.keyed(secret, token),
        label=label.strip()[:200],
        areas=",".join(chosen),
        expires_at=utcnow() + dt.timedelta(days=days),
    )
    return queries.add(session, link, flush=True), token


def valid_link(session: Session, token: str, *, secret: str) -> ShareLink | None:
    """The unrevoked, unexpired link behind ``token``."""
    if not token:
        return None
    link = queries.link_by_key(session, auth.keyed(secret, token))
    if link is None or link.revoked_at is not None or link.expires_at <= utcnow():
        return None
    return link


def revoke_link(session: Session, owner_id: int, link_id: int) -> None:
    """End a link at once."""
    link = queries.get_link(session, link_id)
    if link is None or link.owner_id != owner_id:
        raise SharingError("there is no such link")
    if link.revoked_at is None:
        link.revoked_at = utcnow()


def links_of(session: Session, owner_id: int) -> list[ShareLink]:
    """The owner's links, newest first (revoked and expired ones too, marked so by their dates)."""
    return queries.links_of(session, owner_id)


def invite(
    session: Session, owner: User, email: str, areas: tuple[str, ...], *, secret: str
) -> tuple[ShareInvitation, str]:
    """An invitation for the account with ``email`` to see ``areas``; returns it and its token (shown once)."""
    address = auth.normal_email(email)
    chosen = sharing.parse_areas(areas)
    if address == owner.email:
        raise SharingError("you cannot share with yourself")
    token = secrets.token_urlsafe(32)
    invitation = ShareInvitation(
        owner_id=owner.id,
        key=auth.keyed(secret, token),
        email=address,
        areas=",".join(chosen),
        expires_at=utcnow() + dt.timedelta(days=INVITATION_DAYS),
    )
    return queries.add(session, invitation, flush=True), token


def pending(session: Session, token: str, *, secret: str) -> ShareInvitation | None:
    """The unused, unwithdrawn, unexpired invitation behind ``token``."""
    if not token:
        return None
    found = queries.invitation_by_key(session, auth.keyed(secret, token))
    if found is None or found.accepted_at or found.withdrawn_at or found.expires_at <= utcnow():
        return None
    return found


def accept(session: Session, invitation: ShareInvitation, user: User) -> Share:
    """The invited account accepts: the share starts (replacing an earlier one from the same owner)."""
    if user.email != invitation.email:
        raise SharingError(
            f"this invitation is for {invitation.email}; log in with that account to accept it"
        )
    share = sharing.grant(session, invitation.owner_id, user.id, sharing.areas_of(invitation.areas))
    invitation.accepted_at, invitation.grantee_id = utcnow(), user.id
    return share


def join(
    session: Session,
    token: str,
    password: str,
    *,
    name: str,
    mode: str,
    secret: str,
    address: str = "",
    per_hour: int = 5,
) -> ShareInvitation:
    """Create the invited account (with the invitation's address) unless that address has one already.

    The answer is the same either way, after the same work (one argon2 hash), like sign-up: an account in use is
    left untouched, nobody is signed in, and the invitation stays waiting until the account, logged in,
    accepts it. Counted with sign-ups, per ``address``, at most ``per_hour``.
    """
    invitation = pending(session, token, secret=secret)
    if invitation is None:
        raise SharingError("this invitation is not valid any more: ask for a new one")
    if mode == "closed":
        raise SharingError(
            "this server does not take sign-ups: log in with an account an admin made, then open the link again"
        )
    tries = auth.keyed(secret, f"signup|{address}")
    if throttle.count_recent(session, tries) >= per_hour:
        raise auth.TooManyAttempts("too many sign-ups from this address: try again in an hour")
    throttle.record(session, [tries])
    password_hash = auth.hash_password(password)  # argon2 either way, so both answers take as long
    if not queries.email_taken(session, invitation.email):
        user = User(email=invitation.email, name=name.strip()[:200], password_hash=password_hash)
        queries.add(session, user, flush=True)
    return invitation


def withdraw(session: Session, owner_id: int, invitation_id: int) -> None:
    """Withdraw an invitation not yet accepted."""
    invitation = queries.get_invitation(session, invitation_id)
    if invitation is None or invitation.owner_id != owner_id:
        raise SharingError("there is no such invitation")
    if invitation.accepted_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = utcnow()


def invitations_of(session: Session, owner_id: int) -> list[ShareInvitation]:
    """The owner's invitations still waiting to be accepted."""
    return queries.invitations_waiting(session, owner_id, utcnow())
