"""Bring an export into an empty account: profile, then every table in order, ids renumbered, in one transaction.

:func:`restore_account` adds everything to the caller's session and never commits: the caller commits once
when it returns, or rolls back when it raises, so a bad export stores nothing. Rows are read from the zip one
line at a time and inserted in batches; the export's row numbers are mapped to the ids this database gives
the new rows, and references between rows follow that map.
"""

from __future__ import annotations

import decimal
import hashlib
import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, exists, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from fibrokit.services.portability.archive import ExportArchive
from fibrokit.services.portability.format import (
    ACCOUNT,
    ORIGINAL_FILES,
    ExportError,
    column_kind,
    decode,
    original_to_store,
    table_member,
)
from fibrokit.store.ownership import ACCOUNTS, PROFILE_COLUMNS, PersonalTable, carried_tables, owned
from fibrokit.store.tables import Base, User

BATCH, BATCH_BYTES = 500, 16 << 20
_BAD_VALUE = (ValueError, TypeError, KeyError, AttributeError, decimal.InvalidOperation)


@dataclass(frozen=True)
class RestoreSummary:
    """What was brought in: rows per table and original files."""

    rows: dict[str, int]
    files: int

    def sentence(self, name: str) -> str:
        """One sentence for the person, such as ``export.zip: imported recordings (12), source files (3) …``."""
        parts = [f"{table.replace('_', ' ')} ({count})" for table, count in self.rows.items() if count]
        return f"{name}: imported {', '.join(parts) or 'an account without data'}"


def restore_account(session: Session, user_id: int, export: ExportArchive) -> RestoreSummary:
    """Store a checked export into an account that holds no data yet, in the caller's transaction.

    Raises
    ------
    ExportError
        When the account already holds data, or a row of the export cannot be stored (the message names the
        zip, the member and the problem); the caller then rolls back and nothing is stored.
    """
    tables = {entry.name: entry for entry in carried_tables()}
    _check_empty(session, user_id, tables, export.name)
    _apply_profile(session, user_id, export)
    ids: dict[str, dict[int, int]] = {}
    rows: dict[str, int] = {}
    for entry in tables.values():
        if entry.name not in export.tables:  # an export from before this table existed
            continue
        rows[entry.name] = _restore_table(session, user_id, entry, _Context(tables, ids, export))
        if rows[entry.name] != export.tables[entry.name]:
            raise ExportError(
                export.name,
                f"is incomplete ({table_member(entry.name)} does not hold the rows its manifest counts)",
            )
    return RestoreSummary(rows, int(export.manifest.get("files", 0)))


@dataclass(frozen=True)
class _Context:
    tables: dict[str, PersonalTable]
    ids: dict[str, dict[int, int]]
    export: ExportArchive


def _check_empty(session: Session, user_id: int, tables: dict[str, PersonalTable], name: str) -> None:
    held = [
        entry.name.replace("_", " ")
        for entry in tables.values()
        if session.scalar(select(exists().where(owned(entry, user_id, tables))))
    ]
    if held:
        raise ExportError(
            name,
            f"cannot go into this account because it already holds data ({', '.join(held)}): an export is only "
            "brought into an empty account, so nothing was imported",
        )


def _apply_profile(session: Session, user_id: int, export: ExportArchive) -> None:
    accounts: Table = Base.metadata.tables[ACCOUNTS]
    try:
        profile = json.loads(export.read(ACCOUNT))["profile"]
        values = {
            name: decode(column_kind(accounts.c[name]), profile[name])
            for name in PROFILE_COLUMNS
            if name != "email" and name in profile  # the account keeps its own e-mail address to log in with
        }
    except (*_BAD_VALUE, json.JSONDecodeError, UnicodeDecodeError):
        raise ExportError(export.name, f"is damaged ({ACCOUNT} is not a profile fibrokit wrote)") from None
    user = session.get(User, user_id)
    assert user is not None
    for name, value in values.items():  # through the object, so a page showing the account sees the change
        setattr(user, name, value)


def _header(entry: PersonalTable, lines: Iterator[str], context: _Context) -> dict[str, str]:
    member = table_member(entry.name)
    try:
        header = json.loads(next(lines).rstrip() + "]}")
        columns: dict[str, str] = header["columns"]
        if header["table"] != entry.name or not isinstance(columns, dict):
            raise ValueError
    except (StopIteration, json.JSONDecodeError, *_BAD_VALUE):
        raise ExportError(
            context.export.name, f"is damaged ({member} does not start as fibrokit writes it)"
        ) from None
    for name, kind in columns.items():
        if name not in entry.table.c or name == entry.owner:
            raise ExportError(
                context.export.name, f"has a column {entry.name}.{name} this fibrokit does not know"
            )
        if column_kind(entry.table.c[name]) != kind:
            raise ExportError(
                context.export.name, f"has {entry.name}.{name} as {kind}, which this fibrokit keeps otherwise"
            )
    return columns


def _restore_table(session: Session, user_id: int, entry: PersonalTable, context: _Context) -> int:
    # Closed even when a row fails, so the member is not left open behind the zip.
    with closing(context.export.lines(table_member(entry.name))) as lines:
        return _restore_rows(session, user_id, entry, lines, context)


def _restore_rows(
    session: Session, user_id: int, entry: PersonalTable, lines: Iterator[str], context: _Context
) -> int:
    member = table_member(entry.name)
    columns = _header(entry, lines, context)
    references = {
        link.column: link.target
        for link in entry.parents
        if context.tables[link.target].key == link.target_column
    }
    size = 1 if entry.name in references.values() else BATCH  # rows referring to rows of their own table
    context.ids[entry.name] = {}
    batch: list[dict[str, Any]] = []
    numbers: list[int] = []
    weight = 0
    for line_number, line in enumerate(lines, start=2):
        text = line.strip()
        if text == "]}":
            _insert(session, entry, batch, numbers, context)
            return line_number - 2
        try:
            record = json.loads(text.removeprefix(","))
            values, number, heavy = _values(entry, columns, references, record, context)
        except (*_BAD_VALUE, json.JSONDecodeError):
            raise ExportError(
                context.export.name, f"is damaged ({member}, line {line_number}, is not a row fibrokit wrote)"
            ) from None
        if entry.owner is not None:
            values[entry.owner] = user_id
        batch.append(values)
        if number is not None:
            numbers.append(number)
        weight += heavy
        if len(batch) >= size or weight >= BATCH_BYTES:
            _insert(session, entry, batch, numbers, context)
            batch, numbers, weight = [], [], 0
    raise ExportError(context.export.name, f"is damaged ({member} ends early)")


def _values(
    entry: PersonalTable,
    columns: dict[str, str],
    references: dict[str, str],
    record: dict[str, Any],
    context: _Context,
) -> tuple[dict[str, Any], int | None, int]:
    if not isinstance(record, dict) or set(record) != set(columns):
        raise ValueError("the row's columns differ from its table's")
    values: dict[str, Any] = {}
    number, heavy = None, 0
    for name, kind in columns.items():
        raw = record[name]
        if name == entry.key:
            number = decode("integer", raw)
        elif raw is None:
            values[name] = None
        elif name in references:
            values[name] = context.ids[references[name]][decode("integer", raw)]
        elif kind == "binary":
            values[name] = _binary(entry, name, raw, record, context)
            heavy += len(values[name])
        else:
            values[name] = decode(kind, raw, aware=bool(getattr(entry.table.c[name].type, "timezone", False)))
    return values, number, heavy


def _binary(entry: PersonalTable, column: str, raw: Any, record: dict[str, Any], context: _Context) -> bytes:
    member = raw.get("file") or raw.get("blob")
    if not isinstance(member, str) or member not in context.export.manifest["members"]:
        raise ValueError("the row names no member of the zip")
    data = context.export.read(member)
    original = ORIGINAL_FILES.get(entry.name)
    if original is None or column != original[0]:
        return data
    if isinstance(record.get("sha256"), str) and hashlib.sha256(data).hexdigest() != record["sha256"]:
        raise ExportError(context.export.name, f"is damaged ({member} is not the file its row describes)")
    return original_to_store(str(record[original[1]]), data, context.export.name)


def _insert(
    session: Session,
    entry: PersonalTable,
    batch: list[dict[str, Any]],
    numbers: list[int],
    context: _Context,
) -> None:
    if not batch:
        return
    table = entry.table
    try:
        if entry.key is None:
            session.execute(insert(table), batch)
            return
        statement = insert(table).returning(table.c[entry.key], sort_by_parameter_order=True)
        new = session.execute(statement, batch).scalars().all()
    except SQLAlchemyError as error:
        raise ExportError(
            context.export.name,
            f"could not be stored ({table_member(entry.name)} breaks a rule of the database: "
            f"{type(getattr(error, 'orig', error)).__name__}), so nothing was imported",
        ) from None
    context.ids[entry.name].update(zip(numbers, new, strict=True))
