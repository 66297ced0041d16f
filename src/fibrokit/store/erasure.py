"""Delete an account with every row that names it or hangs off one, in every table (see :mod:`.ownership`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, delete, select, update
from sqlalchemy.orm import Session

from fibrokit.store.ownership import ACCOUNTS, naming, personal_tables
from fibrokit.store.tables import Base


def erase_person(session: Session, user_id: int, metadata: MetaData = Base.metadata) -> dict[str, int]:
    """Delete an account and every row that names it or hangs off one; return rows deleted per table.

    Rows that only point at a deleted row through an ``ON DELETE SET NULL`` column keep living with that column
    emptied (an admin's account link made for someone else). Children go before parents, so nothing relies on
    the database's cascades. The caller owns the transaction.
    """
    session.flush()  # pending changes of loaded objects first, so none is written over a deleted row
    tables = {entry.name: entry for entry in personal_tables(metadata)}
    counts: dict[str, int] = {}
    for entry in reversed(list(tables.values())):
        column = entry.table.c
        for link in entry.accounts:
            if link.nulled:
                session.execute(
                    update(entry.table).where(column[link.column] == user_id).values(**{link.column: None})
                )
        for link in entry.parents:
            if link.nulled and link.target != entry.name:
                parent = tables[link.target]
                doomed = select(parent.table.c[link.target_column]).where(naming(parent, user_id, tables))
                session.execute(
                    update(entry.table).where(column[link.column].in_(doomed)).values(**{link.column: None})
                )
        result: Any = session.execute(delete(entry.table).where(naming(entry, user_id, tables)))
        counts[entry.name] = int(result.rowcount)
    accounts = metadata.tables[ACCOUNTS]
    session.execute(delete(accounts).where(accounts.c.id == user_id))
    return counts
