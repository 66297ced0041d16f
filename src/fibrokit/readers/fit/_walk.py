"""What walking a FIT file's headers finds: the definitions, and where each data message starts.

Kept apart from the walk itself (``_decode``) and from the column decoding (``_fields``), which both read it.
"""

from __future__ import annotations

from array import array
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
    """What the header walk found: definitions, and per data message its definition, offset and time offset."""

    definitions: list[Definition] = field(default_factory=list)
    message_def: array[int] = field(default_factory=lambda: array("i"))
    message_pos: array[int] = field(default_factory=lambda: array("q"))
    compressed: array[int] = field(default_factory=lambda: array("b"))
    files: int = 0
    damage: str = ""


def message_arrays(walk: Walk) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The walk's per-message lists as NumPy arrays (definition index, byte offset, compressed time offset)."""
    return (
        np.frombuffer(walk.message_def, dtype=np.int32) if walk.message_def else np.zeros(0, np.int32),
        np.frombuffer(walk.message_pos, dtype=np.int64) if walk.message_pos else np.zeros(0, np.int64),
        np.frombuffer(walk.compressed, dtype=np.int8) if walk.compressed else np.zeros(0, np.int8),
    )
