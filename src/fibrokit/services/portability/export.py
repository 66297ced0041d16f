"""Write everything a person stored into one zip: tables as JSON, original files, CSV views, a manifest.

The zip is written to a temporary file beside the target and renamed over it when complete, so a reader sees
no zip or a whole one. Rows are streamed from the database in batches and each member is streamed into the zip,
so a year of data (hundreds of MB of original files) passes through without being held in memory. Everything is
read in one consistent snapshot of the database, which the caller opens and owns
(:func:`~fibrokit.services.portability.queries.read_snapshot`), like every transaction of a services area.

Rows are numbered per table in the order of their ids (1, 2, 3 …) and references between rows use those
numbers, so an export holds none of this server's ids and the same data give the same export anywhere.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from fibrokit._atomic import atomic_stream
from fibrokit._private import private_folder
from fibrokit._version import __version__
from fibrokit.services.portability import binary, queries, spreadsheets
from fibrokit.services.portability.format import (
    ACCOUNT,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    README,
    ExportError,
    Manifest,
    encode,
    table_member,
)
from fibrokit.services.portability.queries import Session
from fibrokit.services.portability.readme import README_TEXT
from fibrokit.services.portability.views import ExportSummary
from fibrokit.services.portability.writer import ZipOut
from fibrokit.store.ownership import PersonalTable, carried_tables
from fibrokit.store.tables import utcnow

BATCH, BLOB_BATCH = 500, 16
STALE_S = 3600.0


def export_folder(data_dir: Path, user_id: int) -> Path:
    """Where the app writes a person's export before sending it (removed after, and with the account)."""
    return data_dir / "exports" / str(user_id)


def export_for_download(session: Session, data_dir: Path, user_id: int) -> Path:
    """Write an export into the person's export folder for the app to send; older ones left there go first.

    ``session`` is a read snapshot the caller opened (:func:`~fibrokit.services.portability.queries.read_snapshot`).
    """
    folder = export_folder(data_dir, user_id)
    if folder.is_dir():
        for stale in folder.iterdir():  # sent already (or a download that broke off): never kept
            if time.time() - stale.stat().st_mtime > STALE_S:
                stale.unlink(missing_ok=True)
    return export_account(session, user_id, folder / f"{uuid.uuid4().hex}.zip").path


def export_account(session: Session, user_id: int, target: Path) -> ExportSummary:
    """Write the person's export to ``target`` (atomically: a temporary file renamed when complete).

    ``session`` is a read snapshot the caller opened and owns
    (:func:`~fibrokit.services.portability.queries.read_snapshot`), so every table is read as of one moment.

    Raises
    ------
    ExportError
        When the stored data cannot be written as an export (the message names the zip).
    """
    private_folder(target.parent)
    with atomic_stream(target) as stream:
        rows, files = _write(session, user_id, ZipOut(stream, utcnow()), target.name)
    return ExportSummary(target, rows, files, target.stat().st_size)


def _write(session: Session, user_id: int, out: ZipOut, shown: str) -> tuple[dict[str, int], int]:
    tables = {entry.name: entry for entry in carried_tables()}
    numbers = {
        name: _numbering(session, entry, user_id, tables) for name, entry in tables.items() if entry.key
    }
    _write_account(session, user_id, out)
    rows = {}
    for entry in tables.values():
        rows[entry.name] = _write_table(session, out, entry, _Context(user_id, tables, numbers, shown))
    spreadsheets.write_views(session, out, user_id, tables, numbers)
    out.put(README, README_TEXT.encode("utf-8"))
    files = sum(1 for name in out.members if name.startswith("files/"))
    manifest: Manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "fibrokit_version": __version__,
        "schema_revision": queries.schema_revision(session),
        "exported_at": encode("datetime", utcnow()),
        "rows": rows,
        "files": files,
        "members": dict(sorted(out.members.items())),
    }
    out.close(json.dumps(manifest, indent=1).encode("utf-8"), MANIFEST)
    return rows, files


@dataclass(frozen=True)
class _Context:
    user_id: int
    tables: dict[str, PersonalTable]
    numbers: dict[str, dict[int, int]]
    shown: str


def _numbering(
    session: Session, entry: PersonalTable, user_id: int, tables: dict[str, PersonalTable]
) -> dict[int, int]:
    ids = queries.numbered_ids(session, entry, user_id, tables)
    return {value: number for number, value in enumerate(ids, start=1)}


def _write_account(session: Session, user_id: int, out: ZipOut) -> None:
    kinds = queries.profile_kinds()
    profile = {
        name: encode(kinds[name], value) for name, value in queries.profile_values(session, user_id).items()
    }
    document = {"format": FORMAT, "columns": kinds, "profile": profile}
    out.put(ACCOUNT, json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8"))


def _write_table(session: Session, out: ZipOut, entry: PersonalTable, context: _Context) -> int:
    kinds = queries.kinds_of(entry)
    binaries = [name for name, kind in kinds.items() if kind == "binary"]
    references = {
        link.column: link.target
        for link in entry.parents
        if context.tables[link.target].key == link.target_column
    }
    user_id, tables = context.user_id, context.tables
    if binaries:  # first the binary values, each its own member (a zip is written one member at a time)
        wanted = list(dict.fromkeys([*binaries, *binary.naming_columns(entry)]))
        heavy = queries.stream_rows(session, entry, user_id, tables, wanted, batch=BLOB_BATCH)
        for index, row in enumerate(heavy, 1):
            for name in binaries:
                if row[name] is not None:
                    numbers = context.numbers.get(entry.name)
                    binary.write(out, entry, index, name, row, numbers, context.shown)
    header = {
        "format": FORMAT,
        "table": entry.name,
        "columns": kinds,
        "key": entry.key,
        "references": references,
    }
    plain = [name for name in kinds if name not in binaries]
    rows = queries.stream_rows(session, entry, user_id, tables, plain, present=binaries, batch=BATCH)
    count = 0
    with out.member(table_member(entry.name)) as sink:
        sink.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "rows": [\n')
        for index, row in enumerate(rows, 1):
            record = _record(entry, kinds, references, index, row, context)
            sink.write(("," if index > 1 else "") + json.dumps(record, ensure_ascii=False) + "\n")
            count = index
        sink.write("]}\n")
    return count


def _record(
    entry: PersonalTable,
    kinds: dict[str, str],
    references: dict[str, str],
    index: int,
    row: queries.Row,
    context: _Context,
) -> dict[str, object]:
    record: dict[str, object] = {}
    for name, kind in kinds.items():
        if kind == "binary":
            present = row[f"{name} present"]
            numbers = context.numbers.get(entry.name)
            record[name] = binary.reference(entry, index, name, row, numbers) if present else None
            continue
        value = row[name]
        if value is None:
            record[name] = None
        elif name == entry.key:
            record[name] = context.numbers[entry.name][value]
        elif name in references:
            number = context.numbers[references[name]].get(value)
            if number is None:
                raise ExportError(
                    context.shown, f"a row of {entry.name} refers to {references[name]} outside this account"
                )
            record[name] = number
        else:
            record[name] = encode(kind, value)
    return record
