"""Opening a file for a reader: bytes, a name to show, and the hash that ties results to the input.

A file is opened once. :func:`open_file` reads it whole and hashes it; every step after that (recognising its
format, checking an archive, reading it, storing the original) takes the :class:`OpenedFile` and reads its
bytes, never the path again. Each reader accepts a path or an :class:`OpenedFile` (:data:`FileInput`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeAlias

from fibrokit.errors import ReaderError
from fibrokit.readers._archive import GZIP_MAGIC, gunzip


@dataclass(frozen=True, eq=False)
class OpenedFile:
    r"""A file read once: where it lies, its bytes as they are on disk and their SHA-256.

    ``path`` stays for what lies beside the file (a WFDB record's signal file, say) and for its name and
    suffix; the file itself is never opened again.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rest.txt"
    >>> _ = path.write_bytes(b"800\n810\n")
    >>> opened = open_file(path)
    >>> opened.name, opened.head(3), opened.sha256[:12]
    ('rest.txt', b'800', '7a55bc10ee4a')
    """

    path: Path
    data: bytes
    sha256: str

    @property
    def name(self) -> str:
        """The file's name (never the folder: paths can hold personal information)."""
        return self.path.name

    def head(self, size: int = 4096) -> bytes:
        """The first ``size`` bytes, as format recognition looks at them."""
        return self.data[:size]

    def stream(self) -> BinaryIO:
        """The bytes as a binary file object (for :mod:`zipfile` and streaming readers)."""
        return io.BytesIO(self.data)


#: What a reader accepts: a path, or a file already opened (and hashed) by :func:`open_file`.
FileInput: TypeAlias = str | Path | OpenedFile


def open_file(path: FileInput) -> OpenedFile:
    """Read a whole file once and hash it, turning operating-system errors into one-sentence :class:`ReaderError` s.

    An :class:`OpenedFile` is returned as it is.
    """
    if isinstance(path, OpenedFile):
        return path
    file = Path(path)
    with os_errors_named(file):
        data = file.read_bytes()
    return OpenedFile(file, data, hashlib.sha256(data).hexdigest())


@contextmanager
def os_errors_named(file: Path) -> Iterator[None]:
    """Turn an operating-system error met while reading ``file`` into a one-sentence :class:`ReaderError`."""
    try:
        yield
    except FileNotFoundError:
        raise ReaderError(file.name, "no such file") from None
    except IsADirectoryError:
        raise ReaderError(file.name, "is a folder, not a file") from None
    except PermissionError:
        raise ReaderError(file.name, "permission denied") from None
    except OSError as error:
        raise ReaderError(file.name, f"cannot be read ({error.strerror or error})") from None


def path_of(file: FileInput) -> Path:
    """Where a reader's input lies, whether it is given as a path or already opened."""
    return file.path if isinstance(file, OpenedFile) else Path(file)


@dataclass(frozen=True)
class Source:
    """The bytes of a file, its display name and SHA-256."""

    name: str
    data: bytes
    sha256: str


def load(path: FileInput) -> Source:
    """The content of a file (opened now, or already opened), its name and the hash of its bytes on disk.

    A gzip-compressed file is unpacked (within the limits of ``readers.zip.*``); the hash stays that of the
    file as it is on disk.
    """
    opened = open_file(path)
    data = opened.data
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, opened.name)
    return Source(opened.name, data, opened.sha256)


def sha256_of(path: FileInput) -> str:
    """SHA-256 of a file read in large blocks (for files too large to hold in memory); an opened file's own."""
    if isinstance(path, OpenedFile):
        return path.sha256
    digest = hashlib.sha256()
    try:
        with path_of(path).open("rb") as handle:
            while block := handle.read(1 << 24):
                digest.update(block)
    except OSError as error:
        raise ReaderError(path_of(path).name, f"cannot be read ({error.strerror or error})") from None
    return digest.hexdigest()
