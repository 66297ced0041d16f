"""Import one file: recognise it, refuse it clearly, or store it whole with its analysis.

:func:`import_file` adds everything to the caller's session and never commits, so a file is either stored
completely (original, recording, data, results, day summary) when the caller commits, or not at all when
anything fails and the caller rolls back. The same file twice (same SHA-256 for the same person) is recognised
and not stored again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from fibrokit.errors import InsufficientData, ReaderError, UnsupportedFormat
from fibrokit.readers import read
from fibrokit.readers.daily_registry import daily_reader_for
from fibrokit.records import Recording
from fibrokit.services import nightly_import
from fibrokit.services.analysis import analyse
from fibrokit.services.people import age_for
from fibrokit.services.portability.archive import looks_like_export
from fibrokit.services.protocol_choice import KIND_NAMES
from fibrokit.services.recordings import save_recording
from fibrokit.services.uploads import check_archive
from fibrokit.store import queries
from fibrokit.store.tables import SourceFile

IMPORTED, DUPLICATE, FAILED, SKIPPED = "imported", "duplicate", "failed", "skipped"
LOCATION_CHANNELS = frozenset({"latitude", "longitude"})


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: ``imported``, ``duplicate``, ``failed`` or ``skipped``, in one sentence."""

    status: str
    message: str
    recording_id: int | None = None


def import_file(
    session: Session,
    user_id: int,
    path: Path,
    *,
    kind_hint: str = "auto",
    name: str = "",
    keep_location: bool = True,
) -> Outcome:
    """Read, analyse and store one file for a person, in the caller's transaction.

    Parameters
    ----------
    path : Path
        The file; its name is the one people see (stage uploads under their original name).
    kind_hint : str
        ``"auto"`` or the kind of test the person says it is.
    name : str
        Name to show, when it differs from the file's.
    keep_location : bool
        False for the files of a wearable's export: latitude and longitude channels are dropped before storing.

    Raises
    ------
    ReaderError
        When the file is not a format fibrokit reads, or is damaged (the message names the file).
    InsufficientData
        When the file holds nothing fibrokit can analyse.
    """
    shown = name or path.name
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    existing = queries.recording_by_sha(session, user_id, sha256)
    if existing is not None or queries.source_file_by_sha(session, user_id, sha256) is not None:
        return Outcome(DUPLICATE, f"{shown}: already imported", existing.id if existing else None)
    check_archive(path, shown)
    if looks_like_export(path):
        raise UnsupportedFormat(
            shown,
            "is a fibrokit export, not a recording: bring it in on the Account page (Bring in a fibrokit export) "
            "or with fibrokit restore-account",
        )
    if nightly_import.is_vendor_archive(path):
        message = nightly_import.import_archive(session, user_id, path, shown, import_file)
        store_original(session, user_id, shown, data, sha256)
        return Outcome(IMPORTED, message)
    daily = daily_reader_for(path)
    if daily is None:
        return _import_recording(
            session, user_id, path, shown, data, sha256, kind_hint, keep_location=keep_location
        )
    apple = daily.name == "apple-health-daily"
    try:
        message, added = nightly_import.import_daily_values(session, user_id, path, daily, shown)
    except InsufficientData:
        if not apple:
            raise
        message, added = "", 0
    # The original is kept only once something of it is stored (a file skipped leaves nothing behind).
    original = store_original(session, user_id, shown, data, sha256) if message else None
    if not apple:
        return Outcome(IMPORTED if added else DUPLICATE, message)
    try:  # an Apple Health export is daily values and heart-rate samples both
        outcome = _import_recording(session, user_id, path, shown, data, sha256, kind_hint, original)
    except (ReaderError, InsufficientData):
        if not message:
            raise
        return Outcome(IMPORTED, message)
    if not message:
        return outcome
    return Outcome(IMPORTED, f"{message}; {outcome.message.removeprefix(shown + ': ')}", outcome.recording_id)


def _import_recording(
    session: Session,
    user_id: int,
    path: Path,
    shown: str,
    data: bytes,
    sha256: str,
    kind_hint: str,
    original: SourceFile | None = None,
    *,
    keep_location: bool = True,
) -> Outcome:
    recording = dataclasses.replace(read(path), source_sha256=sha256, source_name=shown)
    if not keep_location:
        channels = {k: c for k, c in recording.channels.items() if k not in LOCATION_CHANNELS}
        recording = dataclasses.replace(recording, channels=channels)
    _check_usable(recording)
    age = age_for(session, user_id, recording.start, recording.metadata)
    analysis = analyse(recording, kind_hint=kind_hint, age=age)
    original = original or store_original(session, user_id, shown, data, sha256)
    row = save_recording(session, user_id, recording, analysis, source_file_id=original.id)
    return Outcome(IMPORTED, f"{shown}: imported as {KIND_NAMES[row.kind].lower()}", row.id)


def _check_usable(recording: Recording) -> None:
    has_beats = recording.beats is not None and len(recording.beats) >= 10
    if not has_beats and not {"heart_rate", "smo2"} & set(recording.channels):
        raise InsufficientData(
            f"{recording.source_name}: holds no heart-rate, beat-to-beat or muscle-oxygen data to analyse"
        )


def store_original(session: Session, user_id: int, name: str, data: bytes, sha256: str) -> SourceFile:
    """Keep the original bytes, zlib-compressed when that saves at least a tenth (text files do)."""
    packed = zlib.compress(data, 6)
    codec, stored = ("zlib", packed) if len(packed) < 0.9 * len(data) else ("raw", data)
    original = SourceFile(
        user_id=user_id, sha256=sha256, name=name[:255], size=len(data), codec=codec, data=stored
    )
    session.add(original)
    session.flush()
    return original


def original_bytes(source: SourceFile) -> bytes:
    """The original file's bytes as uploaded."""
    return zlib.decompress(source.data) if source.codec == "zlib" else source.data
