"""Compressed files: a ``.gz`` file or a ``.zip`` archive is unpacked, with limits, before its content is sniffed.

A gzip file holds one file; a zip archive holds one recording or several (a WFDB record's ``.hea`` and ``.dat``
travel together; a folder of morning readings zipped at once). Members are unpacked into a private temporary
folder, read by the readers as any file is, and the folder is removed afterwards. Untrusted archives are held
to the limits of the evidence registry (``readers.zip.*``): no member may unpack to more than the largest
export fibrokit reads or inflate beyond the compression ratio of any real file, and no member may name a path
outside the archive.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from fibrokit.errors import CorruptFile
from fibrokit.evidence import fact

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
_BLOCK = 1 << 20
_SKIPPED_FOLDERS = ("__MACOSX",)


def archive_kind(head: bytes) -> str:
    """``"gzip"``, ``"zip"`` or ``""`` from a file's first bytes."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    return ""


@dataclass(frozen=True)
class Member:
    """One unpacked file: where it lies now and the name people know it by."""

    path: Path
    name: str


def _limits() -> tuple[float, float]:
    return fact("readers.zip.max_ratio").scalar(), fact("readers.zip.max_member_mb").scalar() * 1e6


def gunzip(data: bytes, name: str) -> bytes:
    """The content of gzip ``data`` (all its members), within the size and ratio limits."""
    out = bytearray()
    _inflate(data, name, out.extend)
    return bytes(out)


def _inflate(data: bytes, name: str, write: Callable[[bytes], object]) -> None:
    """Inflate every gzip member of ``data`` block by block, stopping at the limits."""
    ratio, largest = _limits()
    allowed = min(largest, ratio * max(len(data), 1) + _BLOCK)
    written = 0
    rest = data
    try:
        while rest.startswith(GZIP_MAGIC):
            inflater = zlib.decompressobj(wbits=31)
            chunk = inflater.decompress(rest, _BLOCK)
            while chunk:
                written += len(chunk)
                if written > allowed:
                    raise CorruptFile(name, _too_large(len(data), ratio))
                write(chunk)
                chunk = inflater.decompress(inflater.unconsumed_tail, _BLOCK)
            if not inflater.eof:
                raise CorruptFile(name, "is a truncated gzip file")
            rest = inflater.unused_data.lstrip(b"\x00")
    except zlib.error:
        raise CorruptFile(name, "is a damaged gzip file") from None


def _too_large(packed: int, ratio: float) -> str:
    return (
        f"unpacks to more than {ratio:g} times its {packed / 1e6:.1f} MB or beyond fibrokit's size limit: "
        "it looks like a zip bomb, so it was not read"
    )


@contextlib.contextmanager
def unpacked(path: Path, kind: str, data: bytes | None = None) -> Iterator[list[Member]]:
    """Unpack a gzip file or zip archive into a temporary folder; yield its files, remove them afterwards.

    ``data``, when given, are the archive's bytes already read (the file at ``path`` is then not opened).
    """
    import tempfile  # imported here: reading a plain file needs neither

    with tempfile.TemporaryDirectory(prefix="fibrokit-unpacked-") as folder:
        root = Path(folder)
        if kind == "gzip":
            yield [_gunzip_file(path, root, data)]
        else:
            yield _unzip(path, root, data)


def _gunzip_file(path: Path, root: Path, data: bytes | None) -> Member:
    inner = path.name[: -len(path.suffix)] if path.suffix.lower() in (".gz", ".gzip") else path.name
    target = root / (inner or "unpacked")
    try:
        data = path.read_bytes() if data is None else data
    except OSError as error:
        raise CorruptFile(path.name, f"cannot be read ({error.strerror or error})") from None
    with target.open("wb") as out:
        _inflate(data, path.name, out.write)
    return Member(target, path.name)


def _unzip(path: Path, root: Path, data: bytes | None) -> list[Member]:
    import io
    import zipfile

    ratio, largest = _limits()
    try:
        with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir() and _wanted(m.filename)]
            total = 0
            found = []
            for info in members:
                relative = _safe_relative(info.filename, path.name)
                total += info.file_size
                if info.file_size > ratio * max(info.compress_size, 1) or total > largest:
                    raise CorruptFile(path.name, _too_large(info.compress_size, ratio))
                target = root.joinpath(*relative.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, target.open("wb") as out:
                    _copy_limited(source, out, ratio * max(info.compress_size, 1) + _BLOCK, path.name, ratio)
                found.append(Member(target, f"{path.name}/{relative.as_posix()}"))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        NotImplementedError,
        zlib.error,
        ValueError,
    ) as error:
        raise CorruptFile(path.name, f"is a damaged or unsupported zip file ({error})") from None
    except RuntimeError as error:  # an encrypted member
        raise CorruptFile(path.name, f"cannot be unpacked ({error}); unpack it yourself first") from None
    return found


def _wanted(filename: str) -> bool:
    parts = filename.replace("\\", "/").split("/")
    return not (parts[0] in _SKIPPED_FOLDERS or parts[-1].startswith("."))


def _safe_relative(filename: str, archive: str) -> PurePosixPath:
    parts = filename.replace("\\", "/").split("/")
    if filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
        raise CorruptFile(archive, f"has a member with an unsafe path ({filename!r}), so it was not read")
    return PurePosixPath(*[p for p in parts if p])


def _copy_limited(source: IO[bytes], out: IO[bytes], allowed: float, name: str, ratio: float) -> None:
    """Copy a member, stopping when it inflates beyond what its header promised (a lying zip bomb)."""
    written = 0
    while block := source.read(_BLOCK):
        written += len(block)
        if written > allowed:
            raise CorruptFile(name, _too_large(int(allowed / ratio), ratio))
        out.write(block)
