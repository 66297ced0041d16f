"""Read an Apple Health export (``export.zip`` or its ``export.xml``), streamed.

The export is one XML document whose layout its own DTD states (``HealthKit Export Version`` 11-14): a
``HealthData`` root holding ``Record`` elements (attributes ``type``, ``sourceName``, ``device``, ``unit``,
``startDate``, ``value`` ...), ``Workout`` elements and others. Heart-rate variability records may hold a
``HeartRateVariabilityMetadataList`` of ``InstantaneousBeatsPerMinute`` elements (``bpm``, ``time`` of day):
the beat-to-beat data Apple Watch measured during the reading.

Exports reach several gigabytes, so the file is never parsed into a tree. A scanner looks in large chunks
for the few record types fibrokit reads and extracts their attributes; everything else is skipped at the speed
of a byte search (see ``docs/benchmarks.md``). The test suite checks the scanner against lxml on exports that
follow the DTD. From a zip only the ``export.xml`` member is read, with size and compression-ratio limits.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from fibrokit.errors import CorruptFile, ReaderError, UnsupportedFormat
from fibrokit.evidence import fact
from fibrokit.readers._apple_records import AppleData, apple_recording
from fibrokit.readers._source import FileInput, OpenedFile, path_of, sha256_of
from fibrokit.records import Recording

_CHUNK = 1 << 22


def read_apple_health(path: FileInput) -> Recording:
    """Read heart rate, resting heart rate, HRV (SDNN), beat-to-beat readings and workouts.

    Parameters
    ----------
    path : str, Path or OpenedFile
        ``export.zip`` as the Health app shares it, or the ``export.xml`` inside it (streamed from disk when
        given as a path; read from its bytes when already opened).

    Returns
    -------
    Recording
        Channels ``heart_rate`` (bpm), ``resting_heart_rate`` (bpm) and ``hrv_sdnn`` (ms, Apple's SDNN
        readings); ``beats`` from the instantaneous beats-per-minute lists (each reading a segment, flagged
        ``GAP`` at its start); workouts as markers; the device that measured most heart-rate samples as
        ``device`` and every source in ``metadata["sources"]``.

    Raises
    ------
    UnsupportedFormat
        When the file is neither an Apple Health export nor a zip holding one.
    CorruptFile
        When the zip is unsafe (a member too large or compressed beyond the limits in
        ``readers.zip.*``) or the XML holds no record fibrokit reads.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "export.xml"
    >>> _ = path.write_text(
    ...     '<?xml version="1.0" encoding="UTF-8"?><HealthData locale="en_GB">'
    ...     '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" '
    ...     'creationDate="2024-03-01 08:00:05 +0100" startDate="2024-03-01 08:00:00 +0100" '
    ...     'endDate="2024-03-01 08:00:00 +0100" value="64"/></HealthData>')
    >>> read_apple_health(path).channels["heart_rate"].values.tolist()
    [64.0]
    """
    data = AppleData()
    with _opened(path) as stream:
        for chunk in _complete_chunks(stream, path_of(path).name):
            data.scan(chunk)
    return apple_recording(data, path_of(path).name, sha256_of(path))


class _Opened:
    """Context manager yielding the export.xml byte stream of a zip or an XML file."""

    def __init__(self, file: FileInput) -> None:
        self.file = path_of(file)
        self.opened = file if isinstance(file, OpenedFile) else None
        self.handles: list[BinaryIO] = []

    def __enter__(self) -> BinaryIO:
        try:
            raw: BinaryIO = self.opened.stream() if self.opened else self.file.open("rb")
        except OSError as error:
            raise ReaderError(self.file.name, f"cannot be read ({error.strerror or error})") from None
        self.handles.append(raw)
        try:
            return self._member_or_file(raw)
        except BaseException:
            self.__exit__()
            raise

    def _member_or_file(self, raw: BinaryIO) -> BinaryIO:
        head = raw.read(4)
        raw.seek(0)
        if head != b"PK\x03\x04":
            return raw
        try:
            archive = zipfile.ZipFile(raw)
            self.handles.append(archive)  # type: ignore[arg-type]
            member = _export_member(archive, self.file.name)
            stream: BinaryIO = archive.open(member)  # type: ignore[assignment]
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise CorruptFile(self.file.name, f"is a damaged zip file ({error})") from None
        self.handles.append(stream)
        return _Capped(stream, member, self.file.name)  # type: ignore[return-value]

    def __exit__(self, *exc: object) -> None:
        for handle in reversed(self.handles):
            handle.close()
        self.handles.clear()


def _opened(file: FileInput) -> _Opened:
    return _Opened(file)


def _export_member(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    """The ``export.xml`` member, after checking its name, size and compression ratio."""
    members = [m for m in archive.infolist() if m.filename.rsplit("/", 1)[-1] == "export.xml"]
    if not members:
        raise UnsupportedFormat(name, "is a zip file without an Apple Health export.xml inside")
    member = members[0]
    if member.filename.startswith(("/", "\\")) or ".." in member.filename.replace("\\", "/").split("/"):
        raise CorruptFile(name, f"has a member with an unsafe path ({member.filename!r})")
    max_bytes = fact("readers.zip.max_member_mb").scalar() * 1e6
    if member.file_size > max_bytes:
        raise CorruptFile(name, f"declares an export.xml of {member.file_size / 1e9:.1f} GB, over the limit")
    if (
        member.compress_size
        and member.file_size / member.compress_size > fact("readers.zip.max_ratio").scalar()
    ):
        raise CorruptFile(
            name, "has an export.xml compressed beyond any real export: it looks like a zip bomb"
        )
    return member


class _Capped:
    """A member stream that stops with an error when it inflates beyond its declared size or ratio limit."""

    def __init__(self, stream: BinaryIO, member: zipfile.ZipInfo, name: str) -> None:
        self.stream, self.name, self.read_bytes = stream, name, 0
        ratio_limit = fact("readers.zip.max_ratio").scalar() * max(member.compress_size, 1)
        self.limit = min(member.file_size, ratio_limit)

    def read(self, size: int) -> bytes:
        try:
            block = self.stream.read(size)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise CorruptFile(self.name, f"is a damaged zip file ({error})") from None
        self.read_bytes += len(block)
        if self.read_bytes > self.limit:
            raise CorruptFile(self.name, "inflates beyond its declared size: it looks like a zip bomb")
        return block


def _complete_chunks(stream: BinaryIO, name: str) -> Iterator[bytes]:
    """Chunks of the XML that end after a complete element (the rest is carried into the next chunk)."""
    tail = b""
    first = True
    while True:
        block = stream.read(max(_CHUNK, 1 << 16) if first else _CHUNK)
        if first:
            if b"<HealthData" not in block[:65536]:
                raise UnsupportedFormat(name, "is not an Apple Health export (no <HealthData> element)")
            first = False
        if not block:
            if tail.strip():
                yield tail
            return
        buffer = tail + block
        cut = _safe_cut(buffer)
        tail = buffer[cut:]
        yield buffer[:cut]


def _safe_cut(buffer: bytes) -> int:
    """Where to cut: after the last ``>``, but before an unfinished Record that holds child elements."""
    cut = buffer.rfind(b">") + 1
    open_record = buffer.rfind(b"<Record", 0, cut)
    if open_record >= 0 and buffer.find(b"</Record>", open_record, cut) < 0:
        tag_end = buffer.find(b">", open_record, cut)
        if tag_end < 0 or buffer[tag_end - 1 : tag_end] != b"/":
            return open_record
    return cut
