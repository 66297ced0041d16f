"""The reader registry: which formats fibrokit reads, how each is recognised, and :func:`read`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fibrokit._lazy import lazy_function
from fibrokit.errors import ReaderError, UnsupportedFormat
from fibrokit.readers._archive import Member, archive_kind, unpacked
from fibrokit.readers._dates import dated
from fibrokit.readers._source import FileInput, OpenedFile, os_errors_named, path_of, sha256_of
from fibrokit.records import Recording


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A stand-in for ``module.name`` that imports the module on its first call, so only the reader used loads."""
    return lazy_function("fibrokit.readers", module, name)


fit_header_ok = _lazy("fit._decode", "fit_header_ok")
edf_header_ok = _lazy("edf", "edf_header_ok")
read_apple_health = _lazy("apple_health", "read_apple_health")
read_fitbit_heart_rate = _lazy("daily_fitbit", "read_fitbit_heart_rate")
read_oura_heartrate = _lazy("daily_oura", "read_oura_heartrate")
read_edf = _lazy("edf", "read_edf")
read_fit = _lazy("fit", "read_fit")
read_mit_annotations = _lazy("mit_annotations", "read_mit_annotations")
read_moxy = _lazy("nirs", "read_moxy")
read_train_red = _lazy("nirs", "read_train_red")
read_polar_exercise = _lazy("polar_exercise", "read_polar_exercise")
read_polar_hrm = _lazy("polar_hrm", "read_polar_hrm")
read_rr_text = _lazy("rr_text", "read_rr_text")
read_tcx = _lazy("tcx", "read_tcx")
read_gpx = _lazy("tcx", "read_gpx")
read_wfdb = _lazy("wfdb", "read_wfdb")


@dataclass(frozen=True)
class ReaderInfo:
    """One supported format.

    Parameters
    ----------
    name : str
        Short format name, as recorded in ``Recording.source_format``.
    description : str
        What files these are, in plain words.
    sniff : callable
        ``sniff(head, suffix)`` is True when the first bytes (and the lower-case suffix) look like this format.
    read : callable
        ``read(path)`` returns the :class:`Recording` (``path`` a path or an already opened file).
    """

    name: str
    description: str
    sniff: Callable[[bytes, str], bool]
    read: Callable[[FileInput], Recording]


def _text_head(head: bytes) -> str:
    if b"\x00" in head:
        return ""
    for end in (len(head), len(head) - 1, len(head) - 2, len(head) - 3):
        # The 4096-byte head can split one multi-byte character at its end; nothing else may fail.
        try:
            return head[:end].decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
    return ""


_NUMERIC_LINE = re.compile(r"^\s*[-+\d.,;:\t /T]*\d[-+\d.,;:\t /T]*$")


def _looks_like_text_numbers(head: bytes, suffix: str) -> bool:
    text = _text_head(head)
    if not text or suffix in _ANNOTATION_SUFFIXES or text.lstrip().startswith("<"):
        return False
    return any(_NUMERIC_LINE.match(line) for line in text.splitlines()[:50])


_ANNOTATION_SUFFIXES = frozenset({".atr", ".ecg", ".qrs", ".ann"})


def _looks_like_annotations(head: bytes, suffix: str) -> bool:
    return suffix in _ANNOTATION_SUFFIXES and len(head) >= 2


def _looks_like_xml(root: bytes) -> Callable[[bytes, str], bool]:
    def sniff(head: bytes, suffix: str) -> bool:
        return root in head[:4096] and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")

    return sniff


def _looks_like_apple_health(head: bytes, suffix: str) -> bool:
    if head.startswith(b"PK\x03\x04"):
        return b"apple_health_export" in head or b"export.xml" in head
    return b"<HealthData" in head and head.lstrip().startswith(b"<")


def _json_head(head: bytes) -> str:
    text = _text_head(head).lstrip()
    return text if text[:1] in {"{", "["} else ""


def _looks_like_polar_exercise(head: bytes, suffix: str) -> bool:
    text = _json_head(head)
    return ("polaraccesslink" in text or "polar_user" in text) and '"sample_type"' in text


def _looks_like_oura_heartrate(head: bytes, suffix: str) -> bool:
    text = _json_head(head)
    return "usercollection/heartrate" in text or (
        '"bpm"' in text and '"source"' in text and '"timestamp"' in text
    )


def _looks_like_fitbit_heart_rate(head: bytes, suffix: str) -> bool:
    text = _json_head(head)
    return text.startswith("[") and '"dateTime"' in text and '"bpm"' in text and '"confidence"' in text


def _looks_like_wfdb(head: bytes, suffix: str) -> bool:
    if suffix == ".hea":
        return bool(_text_head(head))
    return suffix == ".dat"


READERS: tuple[ReaderInfo, ...] = (
    ReaderInfo(
        "fit",
        "FIT activity and monitoring files (Garmin, Wahoo, Coros, Suunto, Polar, Strava ...)",
        lambda head, suffix: fit_header_ok(head),
        lambda path: read_fit(path),
    ),
    ReaderInfo(
        "edf",
        "EDF and EDF+ recordings (ECG and other signals, annotations)",
        lambda head, suffix: edf_header_ok(head),
        lambda path: read_edf(path),
    ),
    ReaderInfo(
        "apple-health",
        "Apple Health export.zip or export.xml",
        _looks_like_apple_health,
        lambda path: read_apple_health(path),
    ),
    ReaderInfo(
        "tcx", "Garmin TCX activities", _looks_like_xml(b"<TrainingCenterDatabase"), lambda p: read_tcx(p)
    ),
    ReaderInfo("gpx", "GPX tracks with heart rate", _looks_like_xml(b"<gpx"), lambda p: read_gpx(p)),
    ReaderInfo(
        "polar-hrm",
        "Polar HRM files (R-R or heart-rate samples)",
        lambda head, suffix: "[Params]" in _text_head(head),
        lambda path: read_polar_hrm(path),
    ),
    ReaderInfo(
        "polar-exercise",
        "Polar AccessLink exercises with their sample streams (JSON)",
        _looks_like_polar_exercise,
        lambda path: read_polar_exercise(path),
    ),
    ReaderInfo(
        "oura-heartrate",
        "Oura API v2 heart-rate samples (JSON)",
        _looks_like_oura_heartrate,
        lambda path: read_oura_heartrate(path),
    ),
    ReaderInfo(
        "fitbit-heart-rate",
        "Fitbit Takeout heart-rate samples (heart_rate-YYYY-MM-DD.json)",
        _looks_like_fitbit_heart_rate,
        lambda path: read_fitbit_heart_rate(path),
    ),
    ReaderInfo(
        "moxy",
        "Moxy muscle-oxygen CSV exports",
        lambda head, suffix: "mm-dd,hh:mm:ss," in _text_head(head),
        lambda path: read_moxy(path),
    ),
    ReaderInfo(
        "train-red",
        "Train.Red muscle-oxygen CSV exports",
        lambda head, suffix: _text_head(head).lstrip().startswith("Train.Red Export"),
        lambda path: read_train_red(path),
    ),
    ReaderInfo(
        "wfdb",
        "PhysioNet WFDB records (.hea header with its signals and annotations)",
        _looks_like_wfdb,
        lambda path: read_wfdb(path),
    ),
    ReaderInfo(
        "mit-annotations",
        "PhysioNet (MIT format) beat annotations, e.g. nsr001.ecg, 100.atr",
        _looks_like_annotations,
        lambda path: read_mit_annotations(path),
    ),
    ReaderInfo(
        "rr-text",
        "RR intervals as text or CSV (Polar, Elite HRV, HRV4Training ...): ms or s, time and RR columns",
        _looks_like_text_numbers,
        lambda path: read_rr_text(path),
    ),
)


def read(path: FileInput) -> Recording:
    r"""Read any supported file, recognising its format from its content.

    A ``.gz`` file, or a ``.zip`` archive holding one recording, is unpacked first (within the limits of
    ``readers.zip.*``) and its content recognised as any file's; the recording keeps the archive's name and
    hash. An archive holding several recordings is read with :func:`iter_read`. A file already opened with
    :func:`~fibrokit.readers.open_file` is read from its bytes, not opened again.

    Raises
    ------
    UnsupportedFormat
        Naming the file and listing the formats fibrokit reads, when none recognises it.
    ReaderError
        When the file cannot be read, or is an archive of several recordings.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from fibrokit import read
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rest.txt"
    >>> _ = path.write_text("\n".join(str(800 + 25 * (i % 4)) for i in range(120)))  # one RR in ms per line
    >>> rec = read(path)
    >>> rec.source_format, len(rec.beats)
    ('rr-text', 120)
    """
    file = path_of(path)
    head = _head(path)
    kind = archive_kind(head)
    if not kind or _looks_like_apple_health(head, file.suffix.lower()):
        return _read_plain(path, head)
    found = _read_archive(path, kind, 0)
    if len(found) == 1:
        only = found[0]
        if isinstance(only, ReaderError):
            raise only
        return dataclasses.replace(only, source_sha256=sha256_of(path))
    names = ", ".join(r.source_name if isinstance(r, Recording) else r.source for r in found[:4])
    raise ReaderError(
        file.name,
        f"holds {len(found)} recordings ({names}{', ...' if len(found) > 4 else ''}); "
        "import the archive to bring in each, or read them with fibrokit.iter_read",
    )


def _head(given: FileInput) -> bytes:
    file = path_of(given)
    head = given.head() if isinstance(given, OpenedFile) else _head_on_disk(file)
    if not head:
        raise UnsupportedFormat(
            file.name, f"is empty, so its format is not recognised (fibrokit reads: {supported_formats()})"
        )
    return head


def _head_on_disk(file: Path) -> bytes:
    with os_errors_named(file), file.open("rb") as handle:
        return handle.read(4096)


def _read_plain(given: FileInput, head: bytes) -> Recording:
    file = path_of(given)
    suffix = file.suffix.lower()
    for reader in READERS:
        if reader.sniff(head, suffix):
            return dated(reader.read(given), file.name)
    raise UnsupportedFormat(
        file.name,
        f"is not in a format fibrokit reads, so its format is not recognised (fibrokit reads: {supported_formats()})",
    )


_MAX_NESTING = 2  # a .gz inside a .zip is read; deeper nesting is refused


def _read_archive(given: FileInput, kind: str, depth: int) -> list[Recording | ReaderError]:
    """Every recording an archive holds, or the error of each member that is a recording but cannot be read."""
    file = path_of(given)
    if depth >= _MAX_NESTING:
        raise UnsupportedFormat(file.name, "is an archive inside archives; unpack it first")
    found: list[Recording | ReaderError] = []
    with unpacked(file, kind, given.data if isinstance(given, OpenedFile) else None) as members:
        for member in _recording_members(members, kind):
            try:
                recording = _read_member(member, depth)
            except UnsupportedFormat as error:
                if kind == "gzip":
                    raise UnsupportedFormat(member.name, error.problem) from None
                continue  # a README or licence beside the recordings
            except ReaderError as error:
                # Named as the person knows the file; an error about another file (a missing companion) keeps its name.
                named = error.source == member.path.name
                found.append(type(error)(member.name, error.problem) if named else error)
                continue
            found.extend(recording)
    if not found:
        raise UnsupportedFormat(
            file.name, f"holds no file in a format fibrokit reads (fibrokit reads: {supported_formats()})"
        )
    return found


def _read_member(member: Member, depth: int) -> list[Recording | ReaderError]:
    head = _head(member.path)
    inner = archive_kind(head)
    if inner and not _looks_like_apple_health(head, member.path.suffix.lower()):
        return _read_archive(member.path, inner, depth + 1)
    recording = _read_plain(member.path, head)
    metadata = dict(recording.metadata) | {"unpacked_from": member.name.split("/", 1)[0]}
    return [dataclasses.replace(recording, source_name=member.name, metadata=metadata)]


def _recording_members(members: list[Member], kind: str) -> list[Member]:
    """Members to read: all but a WFDB record's signal and annotation files (its ``.hea`` reads them)."""
    if kind == "gzip":
        return members
    headers = {m.path.with_suffix("") for m in members if m.path.suffix.lower() == ".hea"}
    return [m for m in members if m.path.suffix.lower() == ".hea" or m.path.with_suffix("") not in headers]


def supported_formats() -> str:
    """The formats fibrokit reads, as one line for messages."""
    return "; ".join(r.description for r in READERS)


def iter_read(paths: Iterable[FileInput]) -> Iterator[Recording | ReaderError]:
    """Read many files in turn, yielding each recording or the error that stopped it.

    An archive (``.zip``, ``.gz``) yields every recording it holds, each named ``archive.zip/member``. A file
    already opened with :func:`~fibrokit.readers.open_file` is read from its bytes.
    """
    for path in paths:
        try:
            head = _head(path)
            kind = archive_kind(head)
            if kind and not _looks_like_apple_health(head, path_of(path).suffix.lower()):
                yield from _read_archive(path, kind, 0)
            else:
                yield _read_plain(path, head)
        except ReaderError as error:
            yield error
