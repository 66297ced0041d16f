"""Opening a file for a reader: bytes, a name to show, and the hash that ties results to the input."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from fibrokit.errors import ReaderError
from fibrokit.readers._archive import GZIP_MAGIC, gunzip


@dataclass(frozen=True)
class Source:
    """The bytes of a file, its display name and SHA-256."""

    name: str
    data: bytes
    sha256: str


def load(path: str | Path) -> Source:
    """Read a whole file, turning operating-system errors into one-sentence :class:`ReaderError` s.

    A gzip-compressed file is unpacked (within the limits of ``readers.zip.*``); the hash stays that of the
    file as it is on disk.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise ReaderError(file.name, "no such file") from None
    except IsADirectoryError:
        raise ReaderError(file.name, "is a folder, not a file") from None
    except PermissionError:
        raise ReaderError(file.name, "permission denied") from None
    except OSError as error:
        raise ReaderError(file.name, f"cannot be read ({error.strerror or error})") from None
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, file.name)
    return Source(file.name, data, digest)


def sha256_of(path: Path) -> str:
    """SHA-256 of a file read in large blocks (for files too large to hold in memory)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 24):
                digest.update(block)
    except OSError as error:
        raise ReaderError(path.name, f"cannot be read ({error.strerror or error})") from None
    return digest.hexdigest()
