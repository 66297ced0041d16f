"""Read a long one-column RR text file a block at a time, for analyses that never hold the whole recording.

A week of beats from a Holter or an armband is 600,000 lines. :func:`~fibrokit.readers.read_rr_text` holds them
all (and briefly several copies while parsing); windowed HRV only ever needs the beats of the windows in hand.
:func:`rr_column` recognises the plain layout (one number per line, an optional header line, nothing else) and
hands out its values block by block, as many times as an analysis needs to go through them. Anything else (other
columns, comments, a value that is not a number, a compressed file) is left to :func:`~fibrokit.read`, which
names the line of a bad value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from warnings import catch_warnings, simplefilter

import numpy as np
import numpy.typing as npt

from fibrokit.errors import UnsupportedFormat
from fibrokit.readers._archive import archive_kind
from fibrokit.readers._source import os_errors_named
from fibrokit.readers.registry import READERS

FloatArray = npt.NDArray[np.float64]

BLOCK_BYTES = 1 << 16  # text parsed at a time: about 15,000 beats (a few hours), well under a MB held
_FOREIGN = re.compile(rb"[,;\t#\x00]")  # what only the general reader handles (other columns, comments)
_TWO_CELLS = re.compile(rb"\S[ \f\v]+\S")


class NotAPlainColumn(UnsupportedFormat):
    """Part of the file is not one number per line; read it whole with :func:`~fibrokit.read` instead."""


@dataclass(frozen=True)
class RrColumn:
    """A plain one-column RR text file, read a block at a time.

    Attributes
    ----------
    path : Path
        The file.
    skip_header : bool
        Whether its first line is a header (a word, not a number).
    """

    path: Path
    skip_header: bool

    @property
    def name(self) -> str:
        """The file's name (never the folder: paths can hold personal information)."""
        return self.path.name

    def blocks(self, block_bytes: int = BLOCK_BYTES) -> Iterator[FloatArray]:
        """The values in the file's own unit, in order, a block of whole lines at a time.

        Raises
        ------
        NotAPlainColumn
            When a block holds more than one number on a line or something that is not a number.
        """
        with os_errors_named(self.path), self.path.open("rb") as handle:
            rest = b""
            header = self.skip_header
            while chunk := handle.read(block_bytes):
                text = rest + chunk
                cut = text.rfind(b"\n") + 1
                text, rest = text[:cut], text[cut:]
                if header and text:
                    text, header = text.lstrip().partition(b"\n")[2], False
                if text.strip():
                    yield self._parsed(text)
            if header:
                rest = rest.lstrip().partition(b"\n")[2]
            if rest.strip():
                yield self._parsed(rest)

    def _parsed(self, text: bytes) -> FloatArray:
        if _FOREIGN.search(text) or _TWO_CELLS.search(text):
            raise NotAPlainColumn(self.name, "is not one RR value per line throughout")
        with catch_warnings():
            # NumPy stops at the first cell that is not a number and says so with a DeprecationWarning.
            simplefilter("error", DeprecationWarning)
            try:
                text.decode("ascii")
                values = np.fromstring(text, dtype=np.float64, sep=" ")
            except (ValueError, DeprecationWarning):
                raise NotAPlainColumn(self.name, "holds a value that is not a number") from None
        return values


def rr_column(path: Path) -> RrColumn | None:
    r"""The file as a plain one-column RR text file to read block by block, or None when it is not one.

    Only the beginning is looked at (the format a reader recognises, and the first lines); a later line that
    breaks the layout raises :class:`NotAPlainColumn` when the blocks are read, before any value is used.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rr.txt"
    >>> _ = path.write_text("RR\n800\n810\n790\n")
    >>> column = rr_column(path)
    >>> [block.tolist() for block in column.blocks()]
    [[800.0, 810.0, 790.0]]
    """
    with os_errors_named(path), path.open("rb") as handle:
        head = handle.read(4096)
    recognised = next((reader.name for reader in READERS if reader.sniff(head, path.suffix.lower())), None)
    # Anything but plain ASCII (a byte-order mark, say) is left to the reader that decodes text.
    if archive_kind(head) or recognised != "rr-text" or _FOREIGN.search(head) or not head.isascii():
        return None
    lines = head.lstrip().split(b"\n")
    first = lines[0].strip()
    if not first or len(first.split()) != 1:
        return None
    return RrColumn(path, skip_header=not _is_number(first))


def _is_number(cell: bytes) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
