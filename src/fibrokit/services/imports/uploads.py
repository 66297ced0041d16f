"""Uploaded files before they are imported: safe names, atomic staging, and a check of every zip archive.

A zip is refused before any reader opens it when any member has an absolute or ``..`` path, when a member is
compressed beyond the evidence registry's ratio limit (a zip bomb), or when its members add up to more than the
largest export the readers accept.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fibrokit._private import FILE_MODE, private_folder
from fibrokit.errors import CorruptFile
from fibrokit.evidence import fact
from fibrokit.readers import OpenedFile


@dataclass(frozen=True)
class Staged:
    """A file waiting to be imported: the name people know and where its bytes are."""

    name: str
    path: Path
    size: int


_UNSAFE = re.compile(r"[^\w.\- ()+]")


def safe_name(name: str) -> str:
    r"""A file name without folders or odd characters, as shown to people and used for staging.

    Examples
    --------
    >>> safe_name("../../etc/passwd"), safe_name("C:\\x\\morning reading.txt"), safe_name("")
    ('passwd', 'morning reading.txt', 'upload')
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).lstrip(".").strip()[:200]
    return cleaned or "upload"


def stage(folder: Path, files: Iterable[tuple[str, BinaryIO]]) -> list[Staged]:
    """Copy uploads into a new folder of their own under ``folder``, each written atomically."""
    target = folder / uuid.uuid4().hex
    private_folder(folder)
    target.mkdir(mode=0o700)
    staged = []
    try:
        for index, (name, stream) in enumerate(files):
            clean = safe_name(name)
            path = target / clean
            if path.exists():  # two uploads with one name: keep both
                path = target / f"{index}-{clean}"
            temporary = target / f".{index}.part"
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(descriptor, "wb") as out:
                shutil.copyfileobj(stream, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
            staged.append(Staged(clean, path, path.stat().st_size))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return staged


def check_archive(file: OpenedFile, name: str) -> None:
    """Refuse an unsafe zip archive (paths leaving the archive, zip bombs); other files pass untouched."""
    if not file.data.startswith(b"PK\x03\x04"):
        return
    try:
        with zipfile.ZipFile(file.stream()) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise CorruptFile(name, f"is a damaged zip file ({error})") from None
    ratio = fact("readers.zip.max_ratio").scalar()
    total = 0
    for member in members:
        parts = member.filename.replace("\\", "/").split("/")
        if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise CorruptFile(
                name, f"has a member with an unsafe path ({member.filename!r}); it was not imported"
            )
        if member.file_size > ratio * max(member.compress_size, 1):
            raise CorruptFile(name, "is compressed beyond any real export: it looks like a zip bomb")
        total += member.file_size
    if total > fact("readers.zip.max_member_mb").scalar() * 1e6:
        raise CorruptFile(name, f"unpacks to {total / 1e9:.1f} GB, more than fibrokit reads")
