"""How an export's rows go into the database: the profile, then each table, ids renumbered, in batches.

:func:`~fibrokit.services.portability.actions.restore_account` calls these in order in the caller's session and
never commits: the caller commits once when it returns, or rolls back when it raises, so a bad export stores
nothing. Rows are read from the zip one line at a time and inserted in batches; the export's row numbers are
mapped to the ids this database gives the new rows, and references between rows follow that map.
"""

from __future__ import annotations

import decimal
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from fibrokit.services.portability import queries
from fibrokit.services.portability.archive import ExportArchive
from fibrokit.services.portability.format import (
    ACCOUNT,
    ORIGINAL_FILES,
    ExportError,
    decode,
    original_to_store,
    table_member,
)
from fibrokit.services.portability.queries import Session, Tables
from fibrokit.store.ownership import PROFILE_COLUMNS, PersonalTable

BATCH, BATCH_BYTES = 500, 16 << 20
_BAD_VALUE = (ValueError, TypeError, KeyError, AttributeError, decimal.InvalidOperation)


@dataclass(frozen=True)
class Context:
    """What a restore carries from table to table: the tables, each one's map of numbers to new ids, the zip."""

    tables: dict[str, PersonalTable]
    ids: dict[str, dict[int, int]]
    export: ExportArchive


def check_empty(session: Session, user_id: int, tables: Tables, name: str) -> None:
    """Refuse (with :class:`ExportError`) to bring an export into an account that holds data already."""
    held = [
        entry.name.replace("_", " ")
        for entry in tables.values()
        if queries.holds_data(session, entry, user_id, tables)
    ]
    if held:
        raise ExportError(
            name,
            f"cannot go into this account because it already holds data ({', '.join(held)}): an export is only "
            "brought into an empty account, so nothing was imported",
        )


def apply_profile(session: Session, user_id: int, export: ExportArchive) -> None:
    """Give the account the export's name, year of birth and sex (it keeps its own e-mail address)."""
    kinds = queries.profile_kinds()
    try:
        profile = json.loads(export.read(ACCOUNT))["profile"]
        values = {
            name: decode(kinds[name], profile[name])
            for name in PROFILE_COLUMNS
            if name != "email" and name in profile  # the account keeps its own e-mail address to log in with
        }
    except (*_BAD_VALUE, json.JSONDecodeError, UnicodeDecodeError):
        raise ExportError(export.name, f"is damaged ({ACCOUNT} is not a profile fibrokit wrote)") from None
    user = queries.account(session, user_id)
    assert user is not None
    for name, value in values.items():  # through the object, so a page showing the account sees the change
        setattr(user, name, value)


def _header(entry: PersonalTable, lines: Iterator[str], context: Context) -> dict[str, str]:
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
    ours = queries.kinds_of(entry)  # every column but the owner's, which the account fills in
    for name, kind in columns.items():
        if name not in ours:
            raise ExportError(
                context.export.name, f"has a column {entry.name}.{name} this fibrokit does not know"
            )
        if ours[name] != kind:
            raise ExportError(
                context.export.name, f"has {entry.name}.{name} as {kind}, which this fibrokit keeps otherwise"
            )
    return columns


def restore_table(session: Session, user_id: int, entry: PersonalTable, context: Context) -> int:
    """Bring in one table's rows; how many there were. Closes the member even when a row fails."""
    with closing(context.export.lines(table_member(entry.name))) as lines:
        return _restore_rows(session, user_id, entry, lines, context)


def _restore_rows(
    session: Session, user_id: int, entry: PersonalTable, lines: Iterator[str], context: Context
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
    batch: list[dict[str, object]] = []
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
    record: object,
    context: Context,
) -> tuple[dict[str, object], int | None, int]:
    if not isinstance(record, dict) or set(record) != set(columns):
        raise ValueError("the row's columns differ from its table's")
    values: dict[str, object] = {}
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
            data = _binary(entry, name, raw, record, context)
            values[name] = data
            heavy += len(data)
        else:
            values[name] = decode(kind, raw, aware=queries.keeps_time_zone(entry, name))
    return values, number, heavy


def _binary(
    entry: PersonalTable, column: str, raw: Any, record: Mapping[str, object], context: Context
) -> bytes:
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
    batch: list[dict[str, object]],
    numbers: list[int],
    context: Context,
) -> None:
    if not batch:
        return
    try:
        new = queries.insert_rows(session, entry, batch)
    except queries.RowsRefused as refused:
        raise ExportError(
            context.export.name,
            f"could not be stored ({table_member(entry.name)} breaks a rule of the database: "
            f"{refused.reason}), so nothing was imported",
        ) from None
    if entry.key is not None:
        context.ids[entry.name].update(zip(numbers, new, strict=True))
