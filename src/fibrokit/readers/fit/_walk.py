"""What walking a FIT file's headers finds: the definitions, and where each data message starts.

Kept apart from the walk itself (``_decode``) and from the column decoding (``_fields``), which both read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Definition:
    """A definition message: the layout of the data messages that use its local type."""

    number: int
    big_endian: bool
    fields: tuple[tuple[int, int, int], ...]  # (field number, size in bytes, base type)
    developer: tuple[tuple[int, int, int], ...]  # (field number, size in bytes, developer data index)
    size: int
    file_index: int


@dataclass
class Walk:
    """What the header walk found: definitions, and per data message its definition, offset and time offset.

    The hot loop appends two integers per message (plain lists append fastest): the offset, and a code
    ``definition index * 64 + compressed time offset + 1`` (0 when the header is not compressed);
    :func:`message_arrays` unpacks them.
    """

    definitions: list[Definition] = field(default_factory=list)
    message_code: list[int] = field(default_factory=list)
    message_pos: list[int] = field(default_factory=list)
    files: int = 0
    damage: str = ""


def message_arrays(walk: Walk) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The walk's per-message lists as NumPy arrays (definition index, byte offset, compressed time offset)."""
    codes = np.fromiter(walk.message_code, dtype=np.int64, count=len(walk.message_code))
    return (
        (codes >> 6).astype(np.int32),
        np.fromiter(walk.message_pos, dtype=np.int64, count=len(walk.message_pos)),
        ((codes & 63) - 1).astype(np.int8),
    )
