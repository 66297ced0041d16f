"""Delete an account and every byte of its data: the files left after the rows, and finding the account.

In the database: every row in every table that names the account or hangs off such a row (recordings, data
bundles, original files, results, days, the import queue, sessions, account links, shares in both directions,
and any table added later), then the account itself, in the caller's one transaction. On SQLite deleted rows are
overwritten with zeros and the write-ahead log is emptied afterwards. In the data folder: the person's uploads
still waiting to be imported and any export being sent. Backups the server's operator made are not touched.

The rows go in :func:`~fibrokit.services.portability.actions.delete_account`; what is here runs after the
caller committed that.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from fibrokit.services.accounts.auth import AccountError
from fibrokit.services.accounts.queries import user_by_email
from fibrokit.services.portability import queries
from fibrokit.services.portability.queries import Engine, Session
from fibrokit.store.tables import User


@dataclass(frozen=True)
class Leftovers:
    """Files of a deleted account, removed by :func:`remove_leftovers` once the deletion is committed."""

    staged: tuple[Path, ...]
    exports: Path
    staging: Path
    rows: int


def remove_leftovers(leftovers: Leftovers, engine: Engine) -> None:
    """Remove the deleted account's files from the data folder and, on SQLite, empty the write-ahead log."""
    for path in leftovers.staged:
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # each upload has a folder of its own under the staging folder
            if path.parent != leftovers.staging:
                path.parent.rmdir()
    shutil.rmtree(leftovers.exports, ignore_errors=True)
    queries.empty_log(engine)


def find_account(session: Session, email: str) -> User:
    """The account with this e-mail address (for ``fibrokit user delete``)."""
    user = user_by_email(session, email.strip().lower())
    if user is None:
        raise AccountError(f"there is no account {email.strip()!r}")
    return user
