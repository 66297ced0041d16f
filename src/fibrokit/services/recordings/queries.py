"""Every SQLAlchemy statement of the recordings area: the only module of ``services/recordings`` that knows SQL.

Recordings, their stored originals, data bundles (``beats``, ``channel:<name>``, ``flags``, ``curve``) and
results (``hrv``, ``windows``, ``protocol``, ``analysis``). Each function takes the caller's session and neither
commits nor rolls back (the caller owns the transaction). Every read of health data takes the owner's
``user_id`` and filters on it, so a wrong id alone cannot return another person's rows.
``tests/common/test_area_shape.py`` fails when another module of the area imports SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from fibrokit.services.recordings.results import Json
from fibrokit.store.tables import RecordingBlob, RecordingRow, ResultRow, SourceFile

__all__ = [
    "Session",
    "add",
    "blob_names",
    "blobs",
    "formats_in_use",
    "get_recording",
    "latest_of_kind",
    "list_recordings",
    "protocol_results",
    "put_blob",
    "put_result",
    "recording_by_id",
    "recording_by_sha",
    "results",
    "source_file_by_sha",
    "stale_recording_ids",
]

Stored = TypeVar("Stored", RecordingRow, SourceFile)


def add(session: Session, row: Stored) -> Stored:
    """Add a new recording or original to the session and flush it (so it has its id); no commit."""
    session.add(row)
    session.flush()
    return row


def recording_by_sha(session: Session, user_id: int, sha256: str) -> RecordingRow | None:
    """The person's recording made from the file with this hash, if any."""
    return session.scalar(
        select(RecordingRow).where(RecordingRow.user_id == user_id, RecordingRow.sha256 == sha256)
    )


def source_file_by_sha(session: Session, user_id: int, sha256: str) -> SourceFile | None:
    """The person's stored original with this hash, if any."""
    return session.scalar(
        select(SourceFile).where(SourceFile.user_id == user_id, SourceFile.sha256 == sha256)
    )


def get_recording(session: Session, user_id: int, recording_id: int) -> RecordingRow | None:
    """One of the person's recordings (None when it does not exist or is someone else's)."""
    return session.scalar(
        select(RecordingRow).where(RecordingRow.id == recording_id, RecordingRow.user_id == user_id)
    )


def recording_by_id(session: Session, recording_id: int) -> RecordingRow | None:
    """A recording whoever it belongs to: only for the app's own upkeep (recomputing, a just-stored import)."""
    return session.get(RecordingRow, recording_id)


def list_recordings(
    session: Session,
    user_id: int,
    *,
    kinds: Sequence[str] = (),
    source_format: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[RecordingRow], int]:
    """The person's recordings, newest first, filtered; and how many match in all."""
    where: list[Any] = [RecordingRow.user_id == user_id]
    if kinds:
        where.append(RecordingRow.kind.in_(kinds))
    if source_format:
        where.append(RecordingRow.source_format == source_format)
    if since is not None:
        where.append(RecordingRow.local_day >= since)
    if until is not None:
        where.append(RecordingRow.local_day <= until)
    total = session.scalar(select(func.count()).select_from(RecordingRow).where(*where)) or 0
    rows = session.scalars(
        select(RecordingRow)
        .where(*where)
        .order_by(RecordingRow.start_utc.desc(), RecordingRow.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), int(total)


def formats_in_use(session: Session, user_id: int) -> list[str]:
    """The file formats among the person's recordings."""
    rows = session.scalars(
        select(RecordingRow.source_format).where(RecordingRow.user_id == user_id).distinct()
    ).all()
    return sorted(rows)


def latest_of_kind(session: Session, user_id: int, kinds: Sequence[str], limit: int) -> list[RecordingRow]:
    """The person's newest recordings of these kinds."""
    rows = session.scalars(
        select(RecordingRow)
        .where(RecordingRow.user_id == user_id, RecordingRow.kind.in_(kinds))
        .order_by(RecordingRow.start_utc.desc(), RecordingRow.id.desc())
        .limit(limit)
    ).all()
    return list(rows)


def blobs(session: Session, recording_id: int, names: Sequence[str] | None = None) -> dict[str, bytes]:
    """A recording's stored data bundles by name (all, or the ones named)."""
    query = select(RecordingBlob.name, RecordingBlob.data).where(RecordingBlob.recording_id == recording_id)
    if names is not None:
        query = query.where(RecordingBlob.name.in_(names))
    return dict(session.execute(query).all())


def blob_names(session: Session, recording_id: int) -> list[str]:
    """The names of a recording's stored data bundles (``beats``, ``channel:smo2`` ...), without their data."""
    query = select(RecordingBlob.name).where(RecordingBlob.recording_id == recording_id)
    return sorted(session.scalars(query).all())


def put_blob(session: Session, recording_id: int, name: str, codec: str, data: bytes) -> None:
    """Store (or replace) one data bundle of a recording."""
    session.execute(
        delete(RecordingBlob).where(RecordingBlob.recording_id == recording_id, RecordingBlob.name == name)
    )
    session.add(RecordingBlob(recording_id=recording_id, name=name, codec=codec, data=data))


def results(session: Session, recording_id: int) -> dict[str, ResultRow]:
    """A recording's stored results by kind (``hrv``, ``windows``, ``protocol``, ``analysis``)."""
    rows = session.scalars(select(ResultRow).where(ResultRow.recording_id == recording_id)).all()
    return {row.kind: row for row in rows}


def put_result(session: Session, row: ResultRow) -> None:
    """Store a result, replacing the recording's previous result of the same kind."""
    session.execute(
        delete(ResultRow).where(ResultRow.recording_id == row.recording_id, ResultRow.kind == row.kind)
    )
    session.add(row)


def protocol_results(
    session: Session, user_id: int, kind: str, limit: int
) -> list[tuple[RecordingRow, Json]]:
    """The person's recordings scored as the test ``kind`` with their stored protocol result, newest first."""
    rows = session.execute(
        select(RecordingRow, ResultRow.data)
        .join(ResultRow, ResultRow.recording_id == RecordingRow.id)
        .where(RecordingRow.user_id == user_id, RecordingRow.kind == kind, ResultRow.kind == "protocol")
        .order_by(RecordingRow.start_utc.desc(), RecordingRow.id.desc())
        .limit(limit)
    ).all()
    return [(row, data) for row, data in rows]


def stale_recording_ids(session: Session, settings_key: str, version: str, limit: int = 100) -> list[int]:
    """Recordings with a result computed with other settings, another fibrokit version or another source."""
    query = (
        select(ResultRow.recording_id)
        .join(RecordingRow, RecordingRow.id == ResultRow.recording_id)
        .where(
            or_(
                ResultRow.settings_key != settings_key,
                ResultRow.version != version,
                ResultRow.source_sha256 != RecordingRow.sha256,
            )
        )
        .distinct()
        .order_by(ResultRow.recording_id)
        .limit(limit)
    )
    return list(session.scalars(query).all())
