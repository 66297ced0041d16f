"""What changes stored data in the portability area: bring an export into an account, delete an account.

Both take the caller's session and never commit or roll back. After :func:`restore_account` the caller commits
once, or rolls back when it raised, so a refused export stores nothing. After :func:`delete_account` the caller
commits, then removes the files it returns (:func:`~fibrokit.services.portability.deletion.remove_leftovers`),
so no file goes before its rows.
"""

from __future__ import annotations

from pathlib import Path

from fibrokit.services.accounts import auth
from fibrokit.services.accounts.actions import authenticate
from fibrokit.services.portability import queries, restore
from fibrokit.services.portability.archive import ExportArchive
from fibrokit.services.portability.deletion import Leftovers
from fibrokit.services.portability.export import export_folder
from fibrokit.services.portability.format import ExportError, table_member
from fibrokit.services.portability.queries import Session
from fibrokit.services.portability.views import RestoreSummary
from fibrokit.store.erasure import erase_person
from fibrokit.store.ownership import carried_tables
from fibrokit.store.tables import User

__all__ = ["confirm_deletion", "delete_account", "restore_account"]


def restore_account(session: Session, user_id: int, export: ExportArchive) -> RestoreSummary:
    """Store a checked export into an account that holds no data yet, in the caller's transaction.

    Raises
    ------
    ExportError
        When the account already holds data, or a row of the export cannot be stored (the message names the
        zip, the member and the problem); the caller then rolls back and nothing is stored.
    """
    tables = {entry.name: entry for entry in carried_tables()}
    restore.check_empty(session, user_id, tables, export.name)
    restore.apply_profile(session, user_id, export)
    ids: dict[str, dict[int, int]] = {}
    rows: dict[str, int] = {}
    for entry in tables.values():
        if entry.name not in export.tables:  # an export from before this table existed
            continue
        rows[entry.name] = restore.restore_table(
            session, user_id, entry, restore.Context(tables, ids, export)
        )
        if rows[entry.name] != export.tables[entry.name]:
            raise ExportError(
                export.name,
                f"is incomplete ({table_member(entry.name)} does not hold the rows its manifest counts)",
            )
    return RestoreSummary(rows, export.files)


def confirm_deletion(
    session: Session, viewer: User, email: str, password: str, *, address: str, secret: str, free: int
) -> None:
    """Check that the person typed their own e-mail address and password (wrong passwords throttled as logins).

    Raises
    ------
    AccountError
        When either is not right; nothing is deleted then.
    """
    if email.strip().lower() != viewer.email:
        raise auth.AccountError("type your own e-mail address and password: nothing was deleted")
    authenticate(session, email, password, address=address, secret=secret, free=free)


def delete_account(session: Session, user_id: int, data_dir: Path) -> Leftovers:
    """Delete the account and all its rows in the caller's transaction; return the files to remove after commit."""
    staging = (data_dir / "staging").resolve()
    paths = (Path(p).resolve() for p in queries.staged_paths(session, user_id))
    staged = tuple(path for path in paths if path.is_relative_to(staging))
    counts = erase_person(session, user_id)
    return Leftovers(staged, export_folder(data_dir, user_id), staging, sum(counts.values()) + 1)
