"""Each person's data version: a number in their account row that every write to their data changes.

Pages keep what they compute from a person's stored data (a dashboard's panels, a diary's weeks, a list of
recordings) under the version it was computed at (``services.kept``), and compute it again only once the version
has moved. The bump happens in the same transaction as the write, so a page read after the write commits never
sees the old version, and nothing written can be missed by a page:

* a row with a ``user_id`` (or an account row itself) added, changed or deleted through a session bumps its
  owner's version when the session flushes;
* a bulk ``UPDATE``, ``DELETE`` or ``INSERT`` statement on a table of health data (whose rows the session does not
  see one by one) bumps every account's version, which is rare and only costs each page one computation.

A new version is a random 62-bit number, not the old one plus one: an account made after another was deleted
(which may get its number back) never meets the versions the deleted account's pages were kept under.

Tables that hold no health data (sessions, throttling, tokens, the access log, the import queue, sharing) do not
bump anything.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from fibrokit.store.tables import User

NOT_DATA = frozenset(
    {
        "sessions",
        "login_failures",
        "account_tokens",
        "access_log",
        "import_jobs",
        "import_items",
        "readiness_queue",
        "shares",
        "share_invitations",
        "share_links",
    }
)


def data_version(session: Session, user_id: int) -> int:
    """The person's data version as the database holds it now (0 for an unknown account)."""
    return int(session.scalar(select(User.data_version).where(User.id == user_id)) or 0)


def version_key(session: Session, user_id: int) -> tuple[int, str]:
    """The data version with the account's creation time, as the key pages are kept under.

    An account made later under the same number (after a deletion, or in a database made again at the same
    address) never shares a key with the one before.
    """
    row = session.execute(select(User.data_version, User.created_at).where(User.id == user_id)).first()
    return (int(row[0] or 0), str(row[1])) if row is not None else (0, "")


def watch(factory: sessionmaker[Session]) -> None:
    """Bump data versions on every write made through the factory's sessions."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _bulk)


def _after_flush(session: Session, _context: Any) -> None:
    owners: set[int] = set()
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, User):
            owners.add(row.id)
        elif getattr(row, "__tablename__", "") not in NOT_DATA and getattr(row, "user_id", None) is not None:
            owners.add(row.user_id)
    if owners:
        session.connection().execute(
            update(User).where(User.id.in_(sorted(owners))).values(data_version=_new_version())
        )


def _bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", "")
    if name and name not in NOT_DATA and name != "users":
        state.session.connection().execute(update(User).values(data_version=_new_version()))


def _new_version() -> int:
    return secrets.randbits(62) + 1
