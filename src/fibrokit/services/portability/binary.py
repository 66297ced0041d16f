"""Binary values in an export: original files under ``files/``, other bundles under ``blobs/``, one member each.

A zip is written one member at a time, so a table's binary values are written in a pass of their own before its
rows; the row then names the member holding each value, and both passes compute that name from the row.
"""

from __future__ import annotations

from typing import Any

from fibrokit.services.imports.uploads import safe_name
from fibrokit.services.portability.format import ORIGINAL_FILES, blob_member, original_from_store
from fibrokit.services.portability.writer import ZipOut
from fibrokit.store.ownership import PersonalTable

CODEC_COLUMN = "codec"  # a table's column saying how its binary values are encoded gives their file extension


def naming_columns(entry: PersonalTable) -> list[str]:
    """The columns besides the binary ones that a member's name is made from."""
    original = ORIGINAL_FILES.get(entry.name)
    names = [entry.key, *(original[1:] if original else ()), CODEC_COLUMN]
    return [name for name in names if name is not None and name in entry.table.c]


def _is_original(entry: PersonalTable, column: str) -> bool:
    return ORIGINAL_FILES.get(entry.name, ("",))[0] == column


def member_name(
    entry: PersonalTable, index: int, column: str, row: Any, numbers: dict[int, int] | None
) -> str:
    """The member holding one binary value: ``files/000012-name.fit`` for originals, else under ``blobs/``."""
    if _is_original(entry, column):
        name_column = ORIGINAL_FILES[entry.name][2]
        number = numbers[row[entry.key]] if numbers is not None and entry.key else index
        return f"files/{number:06d}-{safe_name(str(row[name_column]))}"
    codec = row[CODEC_COLUMN] if CODEC_COLUMN in entry.table.c else None
    return blob_member(entry.name, index, column, codec)


def reference(
    entry: PersonalTable, index: int, column: str, row: Any, numbers: dict[int, int] | None
) -> dict[str, str]:
    """What a row holds for a binary value: the member it is in."""
    kind = "file" if _is_original(entry, column) else "blob"
    return {kind: member_name(entry, index, column, row, numbers)}


def write(
    out: ZipOut,
    entry: PersonalTable,
    index: int,
    column: str,
    row: Any,
    numbers: dict[int, int] | None,
    shown: str,
) -> None:
    """Write one binary value as its member: an original as uploaded, a bundle as stored."""
    value = bytes(row[column])
    name = member_name(entry, index, column, row, numbers)
    if _is_original(entry, column):
        codec = str(row[ORIGINAL_FILES[entry.name][1]])
        # The store left raw the files that do not compress; the others are deflated quickly.
        out.put(name, original_from_store(codec, value, shown), compress=codec != "raw", fast=True)
    else:  # data bundles come compressed already
        out.put(name, value, compress=False)
