"""Delete an account and every byte of its data.

In the database: every row in every table that names the account or hangs off such a row (recordings, data
bundles, original files, results, days, the import queue, sessions, account links, shares in both directions,
and any table added later), then the account itself, in the caller's one transaction. On SQLite deleted rows are
overwritten with zeros and the write-ahead log is emptied afterwards. In the data folder: the person's uploads
still waiting to be imported and any export being sent. Backups the server's operator made are not touched.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from fibrokit.services.accounts import auth as accounts
from fibrokit.services.portability.export import export_folder
from fibrokit.store.db import empty_log
from fibrokit.store.erasure import erase_person
from fibrokit.store.tables import ImportItem, User


@dataclass(frozen=True)
class Leftovers:
    """Files of a deleted account, removed by :func:`remove_leftovers` once the deletion is committed."""

    staged: tuple[Path, ...]
    exports: Path
    staging: Path
    rows: int


def confirm(
    session: Session, viewer: User, email: str, password: str, *, address: str, secret: str, free: int
) -> None:
    """Check that the person typed their own e-mail address and password (wrong passwords throttled as logins).

    Raises
    ------
    AccountError
        When either is not right; nothing is deleted then.
    """
    if email.strip().lower() != viewer.email:
        raise accounts.AccountError("type your own e-mail address and password: nothing was deleted")
    accounts.authenticate(session, email, password, address=address, secret=secret, free=free)


def delete_account(session: Session, user_id: int, data_dir: Path) -> Leftovers:
    """Delete the account and all its rows in the caller's transaction; return the files to remove after commit."""
    staging = (data_dir / "staging").resolve()
    paths = session.scalars(
        select(ImportItem.staged_path).where(ImportItem.user_id == user_id, ImportItem.staged_path != "")
    ).all()
    staged = tuple(path for path in (Path(p).resolve() for p in paths) if path.is_relative_to(staging))
    counts = erase_person(session, user_id)
    return Leftovers(staged, export_folder(data_dir, user_id), staging, sum(counts.values()) + 1)


def remove_leftovers(leftovers: Leftovers, engine: Engine) -> None:
    """Remove the deleted account's files from the data folder and, on SQLite, empty the write-ahead log."""
    for path in leftovers.staged:
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # each upload has a folder of its own under the staging folder
            if path.parent != leftovers.staging:
                path.parent.rmdir()
    shutil.rmtree(leftovers.exports, ignore_errors=True)
    empty_log(engine)


def find_account(session: Session, email: str) -> User:
    """The account with this e-mail address (for ``fibrokit user delete``)."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise accounts.AccountError(f"there is no account {email.strip()!r}")
    return user
