"""CSV views of an export, for spreadsheets: each table with plain columns, test findings, HRV per recording.

A table gets a CSV when it has no binary column; its JSON columns are left out (they are in ``tables/``). Times
are written as ``YYYY-MM-DD HH:MM:SS`` in UTC, which spreadsheets read as times. References to other rows use
the export's own row numbers, as the JSON does.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.hrv import METRICS
from fibrokit.services.portability.format import column_kind
from fibrokit.services.portability.writer import ZipOut
from fibrokit.store.ownership import PersonalTable, key_order, owned
from fibrokit.store.tables import RecordingRow, ResultRow

BATCH = 500


def write_views(
    session: Session,
    out: ZipOut,
    user_id: int,
    tables: dict[str, PersonalTable],
    numbers: dict[str, dict[int, int]],
) -> None:
    """Write ``csv/<table>.csv`` for each plain table, ``csv/test_findings.csv`` and ``csv/recording_hrv.csv``."""
    for entry in tables.values():
        _table_csv(session, out, entry, user_id, tables, numbers)
    recordings = numbers.get(RecordingRow.__tablename__, {})
    header = ["recording", "day", "test", "finding", "name", "value", "unit", "category"]
    _write_csv(out, "csv/test_findings.csv", header, _findings(session, user_id, recordings))
    symbols = list(METRICS)
    header = ["recording", "day", "kind", "beats", "normal_share", *symbols]
    _write_csv(out, "csv/recording_hrv.csv", header, _hrv(session, user_id, recordings, symbols))


def _write_csv(out: ZipOut, name: str, header: list[str], rows: Iterable[list[Any]]) -> None:
    with out.member(name) as sink:
        writer = csv.writer(sink, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if value is None else _cell(value) for value in row])


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        moment = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        return moment.isoformat(sep=" ")
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _table_csv(
    session: Session,
    out: ZipOut,
    entry: PersonalTable,
    user_id: int,
    tables: dict[str, PersonalTable],
    numbers: dict[str, dict[int, int]],
) -> None:
    columns = [column for column in entry.table.columns if column.name != entry.owner]
    kinds = {column.name: column_kind(column) for column in columns}
    if "binary" in kinds.values():
        return
    plain = [column for column in columns if kinds[column.name] != "json"]
    renumber = {
        link.column: link.target for link in entry.parents if tables[link.target].key == link.target_column
    }
    if entry.key:
        renumber[entry.key] = entry.name
    query = (
        select(*plain)
        .where(owned(entry, user_id, tables))
        .order_by(*key_order(entry.table, session.get_bind().dialect.name))
    )

    def rows() -> Iterable[list[Any]]:
        for row in session.execute(query, execution_options={"yield_per": BATCH}):
            values = row._mapping
            yield [
                numbers[renumber[c.name]].get(values[c.name]) if c.name in renumber else values[c.name]
                for c in plain
            ]

    _write_csv(out, f"csv/{entry.name}.csv", [column.name for column in plain], rows())


def _results(session: Session, user_id: int, kind: str) -> Any:
    query = (
        select(ResultRow.recording_id, RecordingRow.local_day, RecordingRow.kind, ResultRow.data)
        .join(RecordingRow, RecordingRow.id == ResultRow.recording_id)
        .where(ResultRow.user_id == user_id, ResultRow.kind == kind)
        .order_by(RecordingRow.id)
    )
    return session.execute(query, execution_options={"yield_per": 100})


def _findings(session: Session, user_id: int, recordings: dict[int, int]) -> Iterable[list[Any]]:
    for recording_id, day, kind, data in _results(session, user_id, "protocol"):
        for finding in data.get("findings", []):
            yield [
                recordings.get(recording_id),
                day,
                kind,
                finding.get("symbol"),
                finding.get("name"),
                finding.get("value"),
                finding.get("unit"),
                finding.get("category"),
            ]


def _hrv(
    session: Session, user_id: int, recordings: dict[int, int], symbols: list[str]
) -> Iterable[list[Any]]:
    for recording_id, day, kind, data in _results(session, user_id, "hrv"):
        values = data.get("values", {})
        row = [recordings.get(recording_id), day, kind, data.get("beats"), data.get("normal_share")]
        yield row + [values.get(symbol) for symbol in symbols]
