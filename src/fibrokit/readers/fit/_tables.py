"""Decoded FIT messages as columns: one :class:`MessageTable` per global message type, in stream order."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from fibrokit.readers.fit._profile import MESSAGES

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z), FIT protocol "date_time" type.
FIT_EPOCH_UNIX_S = 631_065_600


@dataclass
class DeveloperColumn:
    """Values of one developer field, as its ``field_description`` message describes it."""

    name: str
    units: str
    values: FloatArray
    texts: list[str] | None = None
    native_field: int | None = None


@dataclass
class MessageTable:
    """Every message of one global message number, field by field.

    ``numeric`` holds raw values as float64 of shape (messages, elements), NaN where the field is invalid or
    absent; ``text`` holds string fields; ``timestamp`` holds each message's time in FIT seconds (NaN when the
    message has none), with compressed-header timestamps already resolved.
    """

    number: int
    seq: IntArray
    numeric: dict[int, FloatArray] = field(default_factory=dict)
    text: dict[int, list[str]] = field(default_factory=dict)
    developer: dict[tuple[int, int, int], DeveloperColumn] = field(default_factory=dict)
    timestamp: FloatArray = field(default_factory=lambda: np.zeros(0))

    def __len__(self) -> int:
        return int(self.seq.size)

    @property
    def name(self) -> str:
        """Profile name of the message, or ``mesg_<number>`` for messages fibrokit does not interpret."""
        known = MESSAGES.get(self.number)
        return known[0] if known else f"mesg_{self.number}"

    def _spec(self, name: str) -> tuple[int, float, float]:
        for number, (field_name, scale, offset, _units) in MESSAGES[self.number][1].items():
            if field_name == name:
                return number, scale, offset
        raise KeyError(f"{self.name} has no field {name!r} in fibrokit's FIT profile")

    def raw(self, name: str) -> FloatArray:
        """All elements of a field as stored (no scale or offset), shape (messages, elements)."""
        number, _, _ = self._spec(name)
        column = self.numeric.get(number)
        return column if column is not None else np.full((len(self), 1), np.nan)

    def values(self, name: str) -> FloatArray:
        """First element of a field in physical units (``raw / scale - offset``), NaN where invalid."""
        _, scale, offset = self._spec(name)
        raw = self.raw(name)[:, 0]
        # The same arithmetic, in the same order, as the FIT SDKs, so that values agree to the last bit.
        scaled = raw / scale if scale != 1 else raw
        return scaled - offset if offset else scaled

    def has(self, name: str) -> bool:
        """Whether any message holds a valid value of the field."""
        number, _, _ = self._spec(name)
        if number in self.text:
            return any(self.text[number])
        column = self.numeric.get(number)
        return column is not None and bool(np.isfinite(column).any())

    def strings(self, name: str) -> list[str]:
        """A string field, ``""`` where absent."""
        number, _, _ = self._spec(name)
        return self.text.get(number, [""] * len(self))


@dataclass
class FitData:
    """Everything decoded from one FIT file (or chain of files)."""

    tables: dict[int, MessageTable]
    messages: int
    files: int
    damage: str = ""
    warnings: list[str] = field(default_factory=list)

    def table(self, number: int) -> MessageTable:
        """The table of a global message number (empty when the file has no such message)."""
        found = self.tables.get(number)
        return found if found is not None else MessageTable(number, np.zeros(0, dtype=np.int64))
