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

from fibrokit.hrv import METRICS
from fibrokit.services.portability import queries
from fibrokit.services.portability.queries import Session
from fibrokit.services.portability.writer import ZipOut
from fibrokit.store.ownership import PersonalTable
from fibrokit.store.tables import RecordingRow

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
    kinds = queries.kinds_of(entry)
    if "binary" in kinds.values():
        return
    plain = [name for name, kind in kinds.items() if kind != "json"]
    renumber = {
        link.column: link.target for link in entry.parents if tables[link.target].key == link.target_column
    }
    if entry.key:
        renumber[entry.key] = entry.name

    def rows() -> Iterable[list[Any]]:
        for values in queries.stream_rows(session, entry, user_id, tables, plain, batch=BATCH):
            yield [numbers[renumber[c]].get(values[c]) if c in renumber else values[c] for c in plain]

    _write_csv(out, f"csv/{entry.name}.csv", plain, rows())


def _findings(session: Session, user_id: int, recordings: dict[int, int]) -> Iterable[list[Any]]:
    for recording_id, day, kind, data in queries.results_of(session, user_id, "protocol"):
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
    for recording_id, day, kind, data in queries.results_of(session, user_id, "hrv"):
        values = data.get("values", {})
        row = [recordings.get(recording_id), day, kind, data.get("beats"), data.get("normal_share")]
        yield row + [values.get(symbol) for symbol in symbols]
