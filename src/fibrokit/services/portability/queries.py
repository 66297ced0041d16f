"""Every SQLAlchemy statement of the portability area, and how it reads the schema's column types.

Export, import and deletion walk the tables generically (:mod:`fibrokit.store.ownership` finds those holding a
person's data), so the statements here take a table's entry and column names rather than naming tables. Each
function takes the caller's session and neither commits nor rolls back. The caller also opens the export's
read snapshot (:func:`read_snapshot`) and, after a deletion, empties SQLite's write-ahead log
(:func:`empty_log`), both through here. ``tests/common/test_area_shape.py`` fails
when another module of the area imports SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    RowMapping,
    String,
    Time,
    Uuid,
    exists,
    insert,
    select,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from fibrokit.store.db import session_revision, snapshot, transaction
from fibrokit.store.ownership import ACCOUNTS, PROFILE_COLUMNS, PersonalTable, key_order, owned
from fibrokit.store.tables import Base, ImportItem, RecordingRow, ResultRow, User

__all__ = [
    "Engine",
    "Row",
    "RowsRefused",
    "Session",
    "Tables",
    "account",
    "column_kind",
    "empty_log",
    "holds_data",
    "insert_rows",
    "keeps_time_zone",
    "kinds_of",
    "numbered_ids",
    "profile_kinds",
    "profile_values",
    "read_snapshot",
    "results_of",
    "schema_revision",
    "sessionmaker",
    "staged_paths",
    "stream_rows",
]

Tables = dict[str, PersonalTable]
Row = RowMapping

# Column kinds, most specific first (Boolean before Integer, Float before Numeric, Date before DateTime).
_KINDS: tuple[tuple[type[Any], str], ...] = (
    (Boolean, "boolean"),
    (Integer, "integer"),
    (Float, "float"),
    (Numeric, "decimal"),
    (DateTime, "datetime"),
    (Date, "date"),
    (Time, "time"),
    (JSON, "json"),
    (LargeBinary, "binary"),
    (Uuid, "uuid"),
    (String, "text"),
)


def column_kind(column: Column[Any]) -> str:
    """How a column is written: ``integer``, ``float``, ``text``, ``datetime``, ``binary`` ...

    Raises
    ------
    ValueError
        For a column type the export does not know (a test checks every table's columns).
    """
    for sql_type, kind in _KINDS:
        if isinstance(column.type, sql_type):
            return kind
    raise ValueError(f"{column.table.name}.{column.name}: the export does not know type {column.type!r}")


def kinds_of(entry: PersonalTable) -> dict[str, str]:
    """The kind of every column of a table but its owner column, in the table's order."""
    return {column.name: column_kind(column) for column in entry.table.columns if column.name != entry.owner}


def keeps_time_zone(entry: PersonalTable, column: str) -> bool:
    """True when a timestamp column stores its time zone."""
    return bool(getattr(entry.table.c[column].type, "timezone", False))


def profile_kinds() -> dict[str, str]:
    """The kind of each column of the account that travels as the profile."""
    accounts = Base.metadata.tables[ACCOUNTS]
    return {name: column_kind(accounts.c[name]) for name in PROFILE_COLUMNS}


def profile_values(session: Session, user_id: int) -> Row:
    """The account's profile columns, by name."""
    accounts = Base.metadata.tables[ACCOUNTS]
    columns = [accounts.c[name] for name in PROFILE_COLUMNS]
    return session.execute(select(*columns).where(accounts.c.id == user_id)).one()._mapping


def account(session: Session, user_id: int) -> User | None:
    """The account with this id."""
    return session.get(User, user_id)


def numbered_ids(session: Session, entry: PersonalTable, user_id: int, tables: Tables) -> list[int]:
    """The ids of the person's rows of a table with a key, in order (the export numbers them 1, 2, 3 …)."""
    assert entry.key is not None
    key = entry.table.c[entry.key]
    return [
        int(value)
        for value in session.scalars(select(key).where(owned(entry, user_id, tables)).order_by(key))
    ]


def stream_rows(
    session: Session,
    entry: PersonalTable,
    user_id: int,
    tables: Tables,
    columns: Sequence[str],
    *,
    present: Sequence[str] = (),
    batch: int,
) -> Iterator[Row]:
    """The person's rows of a table, in key order, ``batch`` at a time from the database.

    Each row holds ``columns``, and for each name in ``present`` a value ``"<name> present"`` saying whether that
    (binary) column holds a value, so rows can be written without their heavy values.
    """
    table = entry.table
    flags = [table.c[name].is_not(None).label(f"{name} present") for name in present]
    query = (
        select(*(table.c[name] for name in columns), *flags)
        .where(owned(entry, user_id, tables))
        .order_by(*key_order(table, session.get_bind().dialect.name))
    )
    for row in session.execute(query, execution_options={"yield_per": batch}):
        yield row._mapping


def results_of(session: Session, user_id: int, kind: str) -> Iterator[tuple[int, Any, str, Any]]:
    """The person's stored results of one kind, by recording: its id, day, kind of recording and the result's data."""
    query = (
        select(ResultRow.recording_id, RecordingRow.local_day, RecordingRow.kind, ResultRow.data)
        .join(RecordingRow, RecordingRow.id == ResultRow.recording_id)
        .where(ResultRow.user_id == user_id, ResultRow.kind == kind)
        .order_by(RecordingRow.id)
    )
    for row in session.execute(query, execution_options={"yield_per": 100}):
        yield row.recording_id, row.local_day, row.kind, row.data


def holds_data(session: Session, entry: PersonalTable, user_id: int, tables: Tables) -> bool:
    """True when the person has at least one row in the table."""
    return bool(session.scalar(select(exists().where(owned(entry, user_id, tables)))))


class RowsRefused(Exception):
    """The database refused rows being brought in; ``reason`` names the rule's error type."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def insert_rows(session: Session, entry: PersonalTable, batch: Sequence[Mapping[str, object]]) -> list[int]:
    """Insert rows into a table; the ids the database gave them, in order (none for a table without a key).

    Raises
    ------
    RowsRefused
        When the database refuses them (a broken rule).
    """
    table = entry.table
    try:
        if entry.key is None:
            session.execute(insert(table), list(batch))
            return []
        statement = insert(table).returning(table.c[entry.key], sort_by_parameter_order=True)
        return list(session.execute(statement, list(batch)).scalars().all())
    except SQLAlchemyError as error:
        raise RowsRefused(type(getattr(error, "orig", error)).__name__) from None


def staged_paths(session: Session, user_id: int) -> list[str]:
    """The files of the person's uploads still waiting to be imported."""
    query = select(ImportItem.staged_path).where(ImportItem.user_id == user_id, ImportItem.staged_path != "")
    return list(session.scalars(query))


# The export's snapshot, its schema revision, and the write-ahead log after a deletion


@contextmanager
def read_snapshot(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction of its own whose every read sees one consistent state of the database (for an export).

    The caller opens it around :func:`~fibrokit.services.portability.export.export_account`. It cannot be the
    transaction of a web request: a snapshot has to be the first thing a transaction does (SQLite opens its
    read transaction then, PostgreSQL switches to repeatable read), and a request has read the account already.
    Nothing is written in it.
    """
    with transaction(factory) as session:
        snapshot(session)
        yield session


def schema_revision(session: Session) -> str | None:
    """The migration the database is at, read in the session's own transaction (an export records it)."""
    return session_revision(session)


def empty_log(engine: Engine) -> None:
    """On SQLite, copy the write-ahead log into the database and empty it (deleted data leave the log too)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
