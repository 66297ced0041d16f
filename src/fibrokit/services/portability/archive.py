"""Open an export and check all of it before anything is stored: zip, manifest, versions, every checksum.

An export from a newer fibrokit (a newer export format, or a database schema this fibrokit does not know) is
refused with one sentence saying to upgrade; a damaged, cut-short or foreign zip with one sentence naming the
file and the problem. Members are read in chunks, so checking a large export needs little memory; a member
cannot inflate beyond the size its manifest declares.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from fibrokit.evidence import fact
from fibrokit.services.portability.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    ExportError,
    Manifest,
    table_member,
)
from fibrokit.store.db import known_revisions
from fibrokit.store.ownership import carried_tables

CHUNK = 1 << 20
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError)


@dataclass
class ExportArchive:
    """An export whose manifest, versions and checksums were checked, open for reading.

    Attributes
    ----------
    name : str
        The file's name, as the person knows it (for messages).
    manifest : Manifest
        The parsed ``manifest.json``.
    """

    name: str
    manifest: Manifest
    archive: zipfile.ZipFile

    def read(self, member: str) -> bytes:
        """A member's bytes."""
        try:
            return self.archive.read(member)
        except KeyError:
            raise ExportError(self.name, f"has no {member}") from None
        except _DAMAGED:
            raise ExportError(self.name, f"is damaged ({member} cannot be read)") from None

    def lines(self, member: str) -> Generator[str, None, None]:
        """A text member line by line (tables are written one row per line)."""
        try:
            with self.archive.open(member) as raw, io.TextIOWrapper(raw, encoding="utf-8") as text:
                yield from text
        except KeyError:
            raise ExportError(self.name, f"has no {member}") from None
        except (*_DAMAGED, UnicodeDecodeError):
            raise ExportError(self.name, f"is damaged ({member} cannot be read)") from None

    @property
    def tables(self) -> dict[str, int]:
        """Rows per table, as the manifest counts them."""
        return self.manifest["rows"]

    @property
    def files(self) -> int:
        """Original files, as the manifest counts them (0 when it does not say)."""
        return int(self.manifest.get("files", 0))


def looks_like_export(path: Path | IO[bytes]) -> bool:
    """True when a file is a zip holding a fibrokit export's manifest (so an upload page can say where it goes)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return MANIFEST in archive.namelist() and FORMAT.encode() in archive.read(MANIFEST)[:200]
    except (*_DAMAGED, KeyError):
        return False


@contextmanager
def open_export(source: Path | IO[bytes], name: str) -> Iterator[ExportArchive]:
    """Open and check an export; yields it for reading and closes it afterwards.

    Raises
    ------
    ExportError
        When the file is not a fibrokit export, is damaged or incomplete, or comes from a newer fibrokit.
    """
    try:
        archive = zipfile.ZipFile(source)
    except _DAMAGED:
        raise ExportError(name, "is not a zip file, or it is damaged or cut short") from None
    with archive:
        manifest = _manifest(archive, name)
        _check_members(archive, manifest, name)
        yield ExportArchive(name, manifest, archive)


def _manifest(archive: zipfile.ZipFile, name: str) -> Manifest:
    infos = archive.infolist()
    if not infos or min(info.header_offset for info in infos) != 0:
        # What was found is a zip inside a cut-off one (the data bundles are zips themselves).
        raise ExportError(name, "is not a zip file, or it is damaged or cut short")
    if MANIFEST not in archive.namelist():
        raise ExportError(name, "is not a fibrokit export (it has no manifest.json)")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (*_DAMAGED, UnicodeDecodeError):
        raise ExportError(name, "is damaged (its manifest.json cannot be read)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ExportError(name, "is not a fibrokit export (its manifest.json is not one)")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ExportError(name, "is damaged (its manifest.json has no valid format version)")
    if version > FORMAT_VERSION:
        raise ExportError(
            name,
            f"was written by a newer fibrokit (export format {version}; this fibrokit {_ours()} reads format "
            f"{FORMAT_VERSION}): upgrade fibrokit to import it",
        )
    revision = manifest.get("schema_revision")
    if revision not in known_revisions():
        raise ExportError(
            name,
            f"comes from a database schema this fibrokit does not know (revision {revision!r}; it was exported "
            f"by fibrokit {manifest.get('fibrokit_version')}): upgrade fibrokit to import it",
        )
    members, rows = manifest.get("members"), manifest.get("rows")
    if not isinstance(members, dict) or not isinstance(rows, dict):
        raise ExportError(name, "is damaged (its manifest.json lists no members)")
    known = {entry.name for entry in carried_tables()}
    for table, count in rows.items():
        if table not in known:
            raise ExportError(
                name, f"holds a table {table!r} this fibrokit does not know: upgrade fibrokit to import it"
            )
        if not isinstance(count, int) or table_member(table) not in members:
            raise ExportError(name, f"is damaged (its manifest.json does not describe {table} properly)")
    # Its members' entries are checked one by one against the zip (_check_members) before any is read.
    return cast(Manifest, manifest)


def _ours() -> str:
    from fibrokit._version import __version__

    return __version__


def _check_members(archive: zipfile.ZipFile, manifest: Manifest, name: str) -> None:
    listed: dict[str, object] = dict(manifest["members"])
    present = {info.filename: info for info in archive.infolist() if info.filename != MANIFEST}
    limit = fact("readers.zip.max_member_mb").scalar() * 1e6
    for member in present:
        parts = member.split("/")
        if member.startswith(("/", "\\")) or ".." in parts or "\\" in member:
            raise ExportError(name, f"has a member with an unsafe path ({member!r}); nothing was imported")
        if member not in listed:
            raise ExportError(
                name, f"has a member its manifest does not list ({member}); nothing was imported"
            )
    for member, expected in listed.items():
        info = present.get(member)
        if info is None:
            raise ExportError(name, f"is incomplete: {member} is missing")
        if not isinstance(expected, dict) or info.file_size != expected.get("size") or info.file_size > limit:
            raise ExportError(name, f"is damaged ({member} does not have the size its manifest says)")
        if _sha256(archive, info, name) != expected.get("sha256"):
            raise ExportError(name, f"is damaged or was changed ({member} does not match its checksum)")


def _sha256(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> str:
    digest = hashlib.sha256()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
    except _DAMAGED:
        raise ExportError(name, f"is damaged ({info.filename} cannot be read)") from None
    return digest.hexdigest()
