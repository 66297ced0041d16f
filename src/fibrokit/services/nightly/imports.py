"""Importing wearables' exports whole: daily-summary files, and vendor archives (zip) file by file.

A daily-summary file is kept as an original (so the same file twice is a duplicate) and its days stored per
source and date (:func:`fibrokit.services.nightly.actions.store_export`): a night already stored from that source is
never added again, so an overlapping later export only adds the new nights. A vendor's zip (Oura, Whoop,
Withings, Polar, Fitbit Takeout, Garmin, Google Takeout; not Apple's, which its reader opens itself) is
unpacked member by member into a temporary folder: every member fibrokit understands is imported, the rest are
skipped and counted. Location is never stored from an export: the latitude and longitude of its activities
(FIT, TCX, GPX) are dropped.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from fibrokit.errors import CorruptFile, FibrokitError, InsufficientData, UnsupportedFormat
from fibrokit.readers import OpenedFile
from fibrokit.readers.daily_registry import DailyReaderInfo, daily_reader_for, daily_reader_sniffed
from fibrokit.services.nightly import actions
from fibrokit.services.nightly.queries import Session
from fibrokit.services.nightly.values import SOURCE_NAMES

Importer = Callable[..., object]


def is_vendor_archive(file: OpenedFile) -> bool:
    """True for a wearable's export zip: one holding daily summaries or zips of its own.

    An Apple Health export is read whole by its reader, and a zip of recordings only (a folder of morning
    readings, say) is read as the recordings it holds, so neither is a vendor archive here.
    """
    if not file.data.startswith(b"PK\x03\x04"):
        return False
    reader = daily_reader_for(file)
    if reader is not None and reader.name == "apple-health-daily":
        return False
    try:
        with zipfile.ZipFile(file.stream()) as archive:
            return any(_vendor_member(archive, member) for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return False


def _vendor_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    name = PurePosixPath(member.filename.replace("\\", "/"))
    if member.is_dir() or _junk(name):
        return False
    if name.suffix.lower() == ".zip":
        return True
    with archive.open(member) as source:
        head = source.read(4096)
    return daily_reader_sniffed(head, name.suffix) is not None


def import_daily_values(
    session: Session, user_id: int, path: OpenedFile, reader: DailyReaderInfo, shown: str
) -> tuple[str, int]:
    """Store a daily-summary file's nights; the sentence saying what was added, and how many nights."""
    export = reader.read(path)
    if not export.days:
        raise InsufficientData(f"{shown}: holds no daily or nightly values")
    stored = actions.store_export(session, user_id, export)
    if stored.added or stored.filled:
        actions.judge(session, user_id)
    source = SOURCE_NAMES.get(export.days[0].source, export.device)
    added = (
        f"{stored.added} days from {source} {stored.first} to {stored.last}"
        if stored.added
        else "no new days"
    )
    filled = f", {stored.filled} completed with values they lacked" if stored.filled else ""
    already = f", {stored.already} already imported from {source}" if stored.already else ""
    return f"{shown}: {added}{filled}{already}", stored.added + stored.filled


def import_archive(session: Session, user_id: int, path: OpenedFile, shown: str, import_one: Importer) -> str:
    """Import every member of a vendor's zip with ``import_one(session, user_id, file, name=...)``.

    Returns one sentence with the counts. Raises :class:`UnsupportedFormat` when nothing in it was understood.
    """
    counts: Counter[str] = Counter()
    folder = Path(tempfile.mkdtemp(prefix="fibrokit-export-"))
    try:
        with zipfile.ZipFile(path.stream()) as archive:
            for member in archive.infolist():
                name = PurePosixPath(member.filename.replace("\\", "/"))
                if member.is_dir() or _junk(name):
                    continue
                # Each member under its own name (readers and stored rows show it), in a folder of its own.
                target = folder / f"{counts.total():05d}" / name.name
                target.parent.mkdir()
                with archive.open(member) as source, target.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
                counts[_one(session, user_id, target, f"{shown}/{name.name}", import_one)] += 1
                target.unlink()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise CorruptFile(shown, f"is a damaged zip file ({error})") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not counts["imported"] and not counts["duplicate"]:
        raise UnsupportedFormat(shown, f"holds no file fibrokit reads ({counts['skipped']} skipped)")
    parts = [f"{counts['imported']} files imported"]
    if counts["duplicate"]:
        parts.append(f"{counts['duplicate']} already imported")
    parts.append(f"{counts['skipped']} skipped as not understood")
    if counts["failed"]:
        parts.append(f"{counts['failed']} could not be read")
    return f"{shown}: " + ", ".join(parts)


def _one(session: Session, user_id: int, file: Path, name: str, import_one: Importer) -> str:
    try:
        outcome = import_one(session, user_id, file, name=name, keep_location=False)
    except (UnsupportedFormat, InsufficientData):
        return "skipped"
    except FibrokitError:
        return "failed"
    return str(getattr(outcome, "status", "imported"))


def _junk(name: PurePosixPath) -> bool:
    """Hidden files and resource forks left by macOS, never a person's data."""
    return any(part.startswith((".", "__MACOSX")) for part in name.parts)
