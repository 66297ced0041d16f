"""What changes accounts: logging in and out, passwords, links, sign-up, the profile, admin, sharing.

The sharing part covers shares between accounts, read-only links, invitations and the access log.

Every function takes the caller's session and never commits or rolls back: the route or the command owns the
transaction, and rolls back when an action refuses with :class:`~fibrokit.services.accounts.auth.AccountError`
or :class:`~fibrokit.services.accounts.sharing.SharingError`. The modules beside it only read: ``auth.py``
hashes and checks passwords and finds sessions and links, ``throttle.py`` decides how long to wait,
``sharing.py`` and ``links.py`` say who may see what.

Logging in is throttled: each wrong password is counted under keyed hashes of the account, the address and a
known device (:mod:`~fibrokit.services.accounts.throttle`), and an unknown address costs one argon2 check like a
known one. Sign-up (and joining through a sharing invitation) answers the same whether or not the address has
an account: it hashes the password either way (the slow part, so both answers take as long), creates nothing
for an address in use and never signs anyone in; the person then logs in. Sign-ups are counted per address
under a keyed hash, like wrong passwords.

An admin sees e-mail addresses, names, roles and dates, never a recording, a result or even how many a person
has; they never see passwords either, only one-time links for the account's owner.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from fibrokit.services.accounts import auth, links, people, queries, sharing, throttle
from fibrokit.services.accounts.auth import AccountError, SignedIn, TooManyAttempts
from fibrokit.services.accounts.queries import Session
from fibrokit.services.accounts.sharing import Grant, SharingError
from fibrokit.store.tables import (
    AccessLog,
    AccountToken,
    LoginSession,
    Share,
    ShareInvitation,
    ShareLink,
    User,
    utcnow,
)

__all__ = [
    "accept_invitation",
    "add_account",
    "after_norms_changed",
    "authenticate",
    "change_password",
    "create_link",
    "create_user",
    "end_all_sessions",
    "end_session",
    "extend_session",
    "grant_share",
    "invite",
    "invite_to_share",
    "issue_link",
    "join_by_invitation",
    "log_access",
    "reset_link",
    "reset_password",
    "revoke_link",
    "revoke_share",
    "set_active",
    "sign_up",
    "start_session",
    "update_profile",
    "withdraw_invitation",
]

# Accounts, logging in, sessions and passwords


def create_user(
    session: Session, email: str, password: str, *, name: str = "", is_admin: bool = False
) -> User:
    """Add an account; refuses an address already in use."""
    address = auth.normal_email(email)
    if queries.email_taken(session, address):
        raise AccountError("an account with this e-mail address exists already")
    user = User(
        email=address, name=name.strip()[:200], password_hash=auth.hash_password(password), is_admin=is_admin
    )
    return queries.add(session, user, flush=True)


def authenticate(
    session: Session, email: str, password: str, *, address: str, secret: str, free: int, device: str = ""
) -> User:
    """The account for these credentials, or :class:`AccountError`; a wrong password is counted.

    Throttled per account (from any address) and per address (for any account), or, from a device whose
    ``device`` cookie was made at a login to this address, per device only; see :mod:`~fibrokit.services.accounts.throttle`.
    """
    address_typed = email.strip().lower()
    known = throttle.known_device(secret, address_typed, device) if device else None
    judged = (
        [throttle.keyed(secret, f"device|{known}")]
        if known is not None
        else [
            throttle.keyed(secret, f"account|{address_typed}"),
            throttle.keyed(secret, f"address|{address}"),
        ]
    )
    wait = throttle.seconds_to_wait(session, judged, free=free)
    if wait > 0:
        raise TooManyAttempts(throttle.wait_sentence(wait))
    user = queries.user_by_email(session, address_typed)
    if user is None or not user.is_active or not auth.verify_password(user.password_hash, password):
        if user is None:
            auth.verify_nobody(password)
        account_and_address = [
            throttle.keyed(secret, f"account|{address_typed}"),
            throttle.keyed(secret, f"address|{address}"),
        ]
        _count_attempts(session, sorted({*judged, *account_and_address}))
        raise AccountError("wrong e-mail address or password")
    if auth.needs_rehash(user.password_hash):
        user.password_hash = auth.hash_password(password)
    user.last_login_at = utcnow()
    return user


def _count_attempts(session: Session, keys: Sequence[str]) -> None:
    # One wrong attempt under each key, stamped by the throttle's clock that measures the waits; attempts
    # older than the window are forgotten at the same time.
    now = throttle.now()
    queries.add_failures(session, keys, now)
    queries.forget_failures_before(session, now - throttle.WINDOW)


def start_session(session: Session, user: User, *, secret: str, days: int) -> SignedIn:
    """Open a server-side session for ``user`` (and forget the sessions that expired)."""
    token, csrf = auth.new_token(), auth.new_token()
    queries.forget_expired_sessions(session, utcnow())
    queries.add(
        session,
        LoginSession(
            key=throttle.keyed(secret, token),
            user_id=user.id,
            csrf_token=csrf,
            expires_at=utcnow() + dt.timedelta(days=days),
        ),
    )
    return SignedIn(token, csrf)


def extend_session(row: LoginSession, *, days: int) -> None:
    """Keep a session in use alive for ``days`` more days (written at most once an hour per session)."""
    renewed = utcnow() + dt.timedelta(days=days)
    if renewed - row.expires_at > dt.timedelta(hours=1):
        row.expires_at = renewed


def end_session(session: Session, token: str, *, secret: str) -> None:
    """Log out: forget the session."""
    queries.end_session(session, throttle.keyed(secret, token))


def end_all_sessions(session: Session, user_id: int) -> None:
    """Log an account out everywhere (after a password change or reset)."""
    queries.end_sessions_of(session, user_id)


def change_password(session: Session, user: User, old: str, new: str) -> None:
    """Change a password after checking the old one; other sessions end."""
    if not auth.verify_password(user.password_hash, old):
        raise AccountError("the current password is not right")
    user.password_hash = auth.hash_password(new)
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
    token = auth.new_token()
    queries.add(
        session,
        AccountToken(
            key=throttle.keyed(secret, token),
            kind=kind,
            email=email,
            user_id=user_id,
            created_by=by,
            expires_at=utcnow() + dt.timedelta(hours=hours),
        ),
    )
    return token


def reset_password(session: Session, token: str, new: str, *, secret: str) -> User:
    """Set a new password through an admin's reset link; the link is used up and all sessions end."""
    link = auth.valid_link(session, "reset", token, secret=secret)
    user = queries.get_user(session, link.user_id) if link is not None and link.user_id is not None else None
    if link is None or user is None:
        raise AccountError("this reset link is not valid any more: ask your admin for a new one")
    user.password_hash = auth.hash_password(new)
    link.used_at = utcnow()
    end_all_sessions(session, user.id)
    return user


# Sign-up, the profile and the admin's changes


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
    _count_attempts(session, [tries])
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
    user = create_user(session, email, secrets.token_urlsafe(24), name=name, is_admin=is_admin)
    return issue_link(session, "reset", secret=secret, by=admin.id, user_id=user.id)


def reset_link(session: Session, admin: User, user_id: int, *, secret: str) -> str:
    """A one-time link for an account to choose a new password (the admin never sees passwords)."""
    if queries.get_user(session, user_id) is None:
        raise AccountError("there is no such account")
    return issue_link(session, "reset", secret=secret, by=admin.id, user_id=user_id, hours=24)


def invite(session: Session, admin: User, email: str, *, secret: str) -> str:
    """A one-time invitation to sign up (for servers whose sign-up mode is ``invite``)."""
    return issue_link(session, "invite", secret=secret, by=admin.id, email=auth.normal_email(email))


def set_active(session: Session, admin: User, user_id: int, active: bool) -> None:
    """Disable or re-enable an account; a disabled account is logged out everywhere."""
    user = queries.get_user(session, user_id)
    if user is None:
        raise AccountError("there is no such account")
    if user.id == admin.id and not active:
        raise AccountError("you cannot disable your own account")
    user.is_active = active
    if not active:
        end_all_sessions(session, user.id)


# Sharing: shares between accounts, invitations, read-only links and the access log


def grant_share(session: Session, owner_id: int, grantee_id: int, areas: tuple[str, ...]) -> Share:
    """Share ``areas`` of an owner's data with another account (replacing an earlier share)."""
    chosen = sharing.parse_areas(areas)
    if owner_id == grantee_id:
        raise SharingError("you cannot share with yourself")
    share = queries.share_between(session, owner_id, grantee_id)
    if share is None:
        share = Share(owner_id=owner_id, grantee_id=grantee_id)
    share.areas, share.revoked_at = ",".join(chosen), None
    return queries.add(session, share, flush=True)


def revoke_share(session: Session, owner_id: int, grantee_id: int) -> None:
    """End a share."""
    share = queries.share_between(session, owner_id, grantee_id)
    if share is not None:
        share.revoked_at = utcnow()


def log_access(session: Session, grant: Grant, area: str, method: str, path: str) -> None:
    """Record that someone other than the owner opened a page (the path only: no query, no health data)."""
    queries.add(
        session,
        AccessLog(
            owner_id=grant.owner_id,
            viewer_id=grant.viewer.id if grant.viewer is not None else None,
            link_id=grant.link.id if grant.link is not None else None,
            who=grant.who[:320],
            area=area,
            method=method[:8],
            path=path[:300],
        ),
    )


def create_link(
    session: Session, owner_id: int, label: str, areas: tuple[str, ...], days: int, *, secret: str
) -> tuple[ShareLink, str]:
    """A new read-only link to ``areas`` for ``days`` days; returns it and its token (shown once)."""
    chosen = sharing.parse_areas(areas)
    if days not in links.LINK_DAYS:
        raise SharingError(
            f"a link lasts {', '.join(str(d) for d in links.LINK_DAYS)} days; choose one of these"
        )
    token = auth.new_token()
    link = ShareLink(
        owner_id=owner_id,
        key=throttle.keyed(secret, token),
        label=label.strip()[:200],
        areas=",".join(chosen),
        expires_at=utcnow() + dt.timedelta(days=days),
    )
    return queries.add(session, link, flush=True), token


def revoke_link(session: Session, owner_id: int, link_id: int) -> None:
    """End a link at once."""
    link = queries.get_link(session, link_id)
    if link is None or link.owner_id != owner_id:
        raise SharingError("there is no such link")
    if link.revoked_at is None:
        link.revoked_at = utcnow()


def invite_to_share(
    session: Session, owner: User, email: str, areas: tuple[str, ...], *, secret: str
) -> tuple[ShareInvitation, str]:
    """An invitation for the account with ``email`` to see ``areas``; returns it and its token (shown once)."""
    address = auth.normal_email(email)
    chosen = sharing.parse_areas(areas)
    if address == owner.email:
        raise SharingError("you cannot share with yourself")
    token = auth.new_token()
    invitation = ShareInvitation(
        owner_id=owner.id,
        key=throttle.keyed(secret, token),
        email=address,
        areas=",".join(chosen),
        expires_at=utcnow() + dt.timedelta(days=links.INVITATION_DAYS),
    )
    return queries.add(session, invitation, flush=True), token


def accept_invitation(session: Session, invitation: ShareInvitation, user: User) -> Share:
    """The invited account accepts: the share starts (replacing an earlier one from the same owner)."""
    if user.email != invitation.email:
        raise SharingError(
            f"this invitation is for {invitation.email}; log in with that account to accept it"
        )
    share = grant_share(session, invitation.owner_id, user.id, sharing.areas_of(invitation.areas))
    invitation.accepted_at, invitation.grantee_id = utcnow(), user.id
    return share


def join_by_invitation(
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
    invitation = links.pending(session, token, secret=secret)
    if invitation is None:
        raise SharingError("this invitation is not valid any more: ask for a new one")
    if mode == "closed":
        raise SharingError(
            "this server does not take sign-ups: log in with an account an admin made, then open the link again"
        )
    tries = throttle.keyed(secret, f"signup|{address}")
    if throttle.count_recent(session, tries) >= per_hour:
        raise TooManyAttempts("too many sign-ups from this address: try again in an hour")
    _count_attempts(session, [tries])
    password_hash = auth.hash_password(password)  # argon2 either way, so both answers take as long
    if not queries.email_taken(session, invitation.email):
        user = User(email=invitation.email, name=name.strip()[:200], password_hash=password_hash)
        queries.add(session, user, flush=True)
    return invitation


def withdraw_invitation(session: Session, owner_id: int, invitation_id: int) -> None:
    """Withdraw an invitation not yet accepted."""
    invitation = queries.get_invitation(session, invitation_id)
    if invitation is None or invitation.owner_id != owner_id:
        raise SharingError("there is no such invitation")
    if invitation.accepted_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = utcnow()
