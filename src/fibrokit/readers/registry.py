"""The reader registry: which formats fibrokit reads, how each is recognised, and :func:`read`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fibrokit.errors import ReaderError, UnsupportedFormat
from fibrokit.readers.mit_annotations import read_mit_annotations
from fibrokit.readers.rr_text import read_rr_text
from fibrokit.records import Recording


@dataclass(frozen=True)
class ReaderInfo:
    """One supported format.

    Parameters
    ----------
    name : str
        Short format name, as recorded in ``Recording.source_format``.
    description : str
        What files these are, in plain words.
    sniff : callable
        ``sniff(head, suffix)`` is True when the first bytes (and the lower-case suffix) look like this format.
    read : callable
        ``read(path)`` returns the :class:`Recording`.
    """

    name: str
    description: str
    sniff: Callable[[bytes, str], bool]
    read: Callable[[Path], Recording]


def _looks_like_text_numbers(head: bytes, suffix: str) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return any(ch.isdigit() for ch in text) and suffix not in _ANNOTATION_SUFFIXES


_ANNOTATION_SUFFIXES = frozenset({".atr", ".ecg", ".qrs", ".ann"})


def _looks_like_annotations(head: bytes, suffix: str) -> bool:
    return suffix in _ANNOTATION_SUFFIXES and len(head) >= 2


READERS: tuple[ReaderInfo, ...] = (
    ReaderInfo(
        "mit-annotations",
        "PhysioNet (MIT format) beat annotations, e.g. nsr001.ecg, 100.atr",
        _looks_like_annotations,
        lambda path: read_mit_annotations(path),
    ),
    ReaderInfo(
        "rr-text",
        "RR intervals as text or CSV: one column (ms or s), or time and RR columns",
        _looks_like_text_numbers,
        lambda path: read_rr_text(path),
    ),
)


def read(path: str | Path) -> Recording:
    """Read any supported file, recognising its format from its content.

    Raises
    ------
    UnsupportedFormat
        Naming the file and listing the formats fibrokit reads, when none recognises it.
    ReaderError
        When the file cannot be read.

    Examples
    --------
    >>> from fibrokit import read
    >>> rec = read("../shared/data/polar/rest_rri.txt")
    >>> rec.source_format, len(rec.beats)
    ('rr-text', 910)
    """
    file = Path(path)
    try:
        with file.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise ReaderError(file.name, "no such file") from None
    except IsADirectoryError:
        raise ReaderError(file.name, "is a folder, not a file") from None
    except OSError as error:
        raise ReaderError(file.name, f"cannot be read ({error.strerror or error})") from None
    if not head:
        raise UnsupportedFormat(file.name, "is empty")
    suffix = file.suffix.lower()
    for reader in READERS:
        if reader.sniff(head, suffix):
            return reader.read(file)
    supported = "; ".join(r.description for r in READERS)
    raise UnsupportedFormat(file.name, f"is not in a format fibrokit reads (it reads: {supported})")


def iter_read(paths: Iterable[str | Path]) -> Iterator[Recording | ReaderError]:
    """Read many files in turn, yielding each recording or the error that stopped it."""
    for path in paths:
        try:
            yield read(path)
        except ReaderError as error:
            yield error
