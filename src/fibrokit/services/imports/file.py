"""Import one file: recognise it, refuse it clearly, or store it whole with its analysis.

:func:`import_file` adds everything to the caller's session and never commits, so a file is either stored
completely (original, recording, data, results, day summary) when the caller commits, or not at all when
anything fails and the caller rolls back. The same file twice (same SHA-256 for the same person) is recognised
and not stored again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zlib
from dataclasses import dataclass
from pathlib import Path

from fibrokit.errors import InsufficientData, ReaderError, UnsupportedFormat
from fibrokit.readers import OpenedFile, iter_read, open_file
from fibrokit.readers._dates import DATE_SOURCE, FROM_NAME, with_date
from fibrokit.readers.daily_registry import daily_reader_for
from fibrokit.records import Recording
from fibrokit.services.accounts.people import age_for
from fibrokit.services.imports.queries import Session
from fibrokit.services.imports.uploads import check_archive
from fibrokit.services.nightly import imports as nightly_import
from fibrokit.services.portability.archive import looks_like_export
from fibrokit.services.recordings import queries as recording_queries
from fibrokit.services.recordings.actions import save_recording
from fibrokit.services.recordings.after_store import after_recording_stored
from fibrokit.services.recordings.analysis import analyse
from fibrokit.services.recordings.kinds import KIND_NAMES
from fibrokit.store.tables import RecordingRow, SourceFile

IMPORTED, DUPLICATE, FAILED, SKIPPED = "imported", "duplicate", "failed", "skipped"
LOCATION_CHANNELS = frozenset({"latitude", "longitude"})
# How a person gives the day of a file that states none, besides on the recording's page: from a shell, and in
# the app (the day field of the upload form, imports.html).
ASK_DAY_CLI = "import again with --date"
ASK_DAY_APP = 'upload it again with the day in the upload form\'s "Day they were recorded" field'


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
    day: dt.date | None = None,
    keep_location: bool = True,
    ask_day: str = ASK_DAY_CLI,
) -> Outcome:
    """Read, analyse and store one file for a person, in the caller's transaction.

    Parameters
    ----------
    path : Path
        The file; its name is the one people see (stage uploads under their original name). A zip archive
        of several recordings stores each of them.
    kind_hint : str
        ``"auto"`` or the kind of test the person says it is.
    name : str
        Name to show, when it differs from the file's.
    day : date, optional
        The calendar day the person says the recording was made, for files that state none (neither in their
        content nor in their name).
    keep_location : bool
        False for the files of a wearable's export: latitude and longitude channels are dropped before storing.
    ask_day : str
        How the person can give the day of a file that states none, besides on the recording's page:
        :data:`ASK_DAY_CLI` (``--date``) or :data:`ASK_DAY_APP` (the upload form's day field).

    Raises
    ------
    ReaderError
        When the file is not a format fibrokit reads, or is damaged (the message names the file).
    InsufficientData
        When the file holds nothing fibrokit can analyse.
    """
    shown = name or path.name
    opened = open_file(path)  # the one open: every step below reads these bytes
    data, sha256 = opened.data, opened.sha256
    existing = recording_queries.recording_by_sha(session, user_id, sha256)
    if existing is not None or recording_queries.source_file_by_sha(session, user_id, sha256) is not None:
        return Outcome(DUPLICATE, f"{shown}: already imported", existing.id if existing else None)
    check_archive(opened, shown)
    if looks_like_export(opened.stream()):
        raise UnsupportedFormat(
            shown,
            "is a fibrokit export, not a recording: bring it in on the Account page (Bring in a fibrokit export) "
            "or with fibrokit restore-account",
        )
    if nightly_import.is_vendor_archive(opened):
        message = nightly_import.import_archive(session, user_id, opened, shown, import_file)
        store_original(session, user_id, shown, data, sha256)
        return Outcome(IMPORTED, message)
    file = (shown, data, sha256)
    daily = daily_reader_for(opened)
    if daily is None:
        return _import_recordings(
            session, user_id, opened, file, (kind_hint, day), keep_location=keep_location, ask_day=ask_day
        )
    apple = daily.name == "apple-health-daily"
    try:
        message, added = nightly_import.import_daily_values(session, user_id, opened, daily, shown)
    except InsufficientData:
        if not apple:
            raise
        message, added = "", 0
    # The original is kept only once something of it is stored (a file skipped leaves nothing behind).
    original = store_original(session, user_id, shown, data, sha256) if message else None
    if not apple:
        return Outcome(IMPORTED if added else DUPLICATE, message)
    try:  # an Apple Health export is daily values and heart-rate samples both
        outcome = _import_recordings(
            session, user_id, opened, file, (kind_hint, day), original, ask_day=ask_day
        )
    except (ReaderError, InsufficientData):
        if not message:
            raise
        return Outcome(IMPORTED, message)
    if not message:
        return outcome
    return Outcome(IMPORTED, f"{message}; {outcome.message.removeprefix(shown + ': ')}", outcome.recording_id)


def _import_recordings(
    session: Session,
    user_id: int,
    path: OpenedFile,
    file: tuple[str, bytes, str],
    hints: tuple[str, dt.date | None],
    original: SourceFile | None = None,
    *,
    keep_location: bool = True,
    ask_day: str = "",
) -> Outcome:
    """Store the recording a file holds, or each recording of an archive of several."""
    shown, data, sha256 = file
    kind_hint, day = hints
    found = list(iter_read([path]))
    if len(found) > 1:
        archive = (path.name, shown, data, sha256)
        return _import_members(session, user_id, found, archive, (kind_hint, day), ask_day)
    if isinstance(found[0], ReaderError):
        raise type(found[0])(shown, found[0].problem)
    recording = dataclasses.replace(found[0], source_sha256=sha256, source_name=shown)
    if not keep_location:
        channels = {k: c for k, c in recording.channels.items() if k not in LOCATION_CHANNELS}
        recording = dataclasses.replace(recording, channels=channels)
    _check_usable(recording)
    original = original or store_original(session, user_id, shown, data, sha256)
    row = _store(session, user_id, recording, kind_hint, day, original.id)
    kind = KIND_NAMES[row.kind].lower()
    return Outcome(IMPORTED, f"{shown}: imported as {kind}{_dated(row, ask_day)}", row.id)


def _store(
    session: Session,
    user_id: int,
    recording: Recording,
    kind_hint: str,
    day: dt.date | None,
    source: int | None,
) -> RecordingRow:
    if day is not None and recording.start is None:  # a date the file states (content or name) is kept
        recording = with_date(recording, day)
    _check_usable(recording)
    age = age_for(session, user_id, recording.start, recording.metadata)
    analysis = analyse(recording, kind_hint=kind_hint, age=age)
    row = save_recording(session, user_id, recording, analysis, source_file_id=source)
    after_recording_stored(session, row)
    return row


def _dated(row: RecordingRow, ask_day: str) -> str:
    source = (row.details or {}).get("metadata", {}).get(DATE_SOURCE)
    if row.local_day is None:
        return f" (it has no date: set it on its page, or {ask_day or ASK_DAY_CLI})"
    return f" of {row.local_day.isoformat()}" + (f", dated by its {source}" if source == FROM_NAME else "")


def _import_members(
    session: Session,
    user_id: int,
    found: list[Recording | ReaderError],
    archive: tuple[str, str, bytes, str],
    hints: tuple[str, dt.date | None],
    ask_day: str,
) -> Outcome:
    """Store every recording of an archive that is new and usable; one sentence says what became of each."""
    staged_name, shown, data, sha256 = archive
    kind_hint, day = hints
    original = store_original(session, user_id, shown, data, sha256)
    stored: list[RecordingRow] = []
    skipped: list[str] = []
    for item in found:
        if isinstance(item, ReaderError):
            skipped.append(str(item).replace(staged_name, shown, 1))
            continue
        recording = dataclasses.replace(item, source_name=item.source_name.replace(staged_name, shown, 1))
        if recording_queries.recording_by_sha(session, user_id, recording.source_sha256) is not None:
            skipped.append(f"{recording.source_name}: already imported")
            continue
        try:
            stored.append(_store(session, user_id, recording, kind_hint, day, original.id))
        except InsufficientData as error:
            skipped.append(str(error))
    if not stored:
        raise InsufficientData(f"{shown}: no recording in it could be imported ({'; '.join(skipped)})")
    kinds = "; ".join(f"{KIND_NAMES[r.kind].lower()}{_dated(r, ask_day)}" for r in stored)
    count = f"{len(stored)} recording" + ("s" if len(stored) > 1 else "")
    rest = f"; not imported: {'; '.join(skipped)}" if skipped else ""
    return Outcome(IMPORTED, f"{shown}: imported {count}: {kinds}{rest}", stored[0].id)


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
    return recording_queries.add(session, original)


def original_bytes(source: SourceFile) -> bytes:
    """The original file's bytes as uploaded."""
    return zlib.decompress(source.data) if source.codec == "zlib" else source.data
