"""A zip written member by member, streaming, with the SHA-256 and size of each member kept for the manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from fibrokit.services.portability.format import Member


class Sink:
    """Text or bytes into one member of the zip, hashed on the way (``csv.writer`` can write to it)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: str | bytes) -> int:
        """Append ``data`` (text is written as UTF-8)."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self._handle.write(raw)
        self.digest.update(raw)
        self.size += len(raw)
        return len(data)


class ZipOut:
    """The zip being written; :attr:`members` maps each member's name to its SHA-256 and size.

    Examples
    --------
    >>> import io
    >>> out = ZipOut(io.BytesIO(), dt.datetime(2024, 3, 1))
    >>> out.put("hello.txt", b"hello")
    >>> out.members["hello.txt"]["size"], out.members["hello.txt"]["sha256"][:12]
    (5, '2cf24dba5fb0')
    """

    def __init__(self, stream: IO[bytes], moment: dt.datetime) -> None:
        self.archive = zipfile.ZipFile(stream, "w", allowZip64=True)
        self.members: dict[str, Member] = {}
        self._stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)

    @contextmanager
    def member(self, name: str, *, compress: bool = True, fast: bool = False) -> Iterator[Sink]:
        """Write one member through the yielded :class:`Sink`.

        ``compress=False`` stores data that are compressed already; ``fast`` deflates at level 1, several times
        faster than the default level for a few percent more bytes (large files such as originals).
        """
        if name in self.members:
            raise ValueError(f"the zip already has a member {name!r}")
        info = zipfile.ZipInfo(name, self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        if fast:
            setattr(info, "_compresslevel", 1)  # noqa: B010 (ZipInfo's level has no public setter before 3.13)
        with self.archive.open(info, "w", force_zip64=True) as handle:
            sink = Sink(handle)
            yield sink
        self.members[name] = {"sha256": sink.digest.hexdigest(), "size": sink.size}

    def put(self, name: str, data: bytes, *, compress: bool = True, fast: bool = False) -> None:
        """Write one member whole."""
        with self.member(name, compress=compress, fast=fast) as sink:
            sink.write(data)

    def close(self, manifest: bytes, name: str) -> None:
        """Write the manifest (which lists every other member) and finish the zip."""
        info = zipfile.ZipInfo(name, self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        self.archive.writestr(info, manifest)
        self.archive.close()
