"""Errors and warnings raised by fibrokit.

The hierarchy::

    FibrokitError                 anything fibrokit refuses to do, with a message meant for a person
    ├── ReaderError               a file could not be read; the message names the file
    │   ├── UnsupportedFormat     the content is not a format fibrokit reads
    │   └── CorruptFile           the format is known but the content is broken, truncated or inconsistent
    ├── InputError                the values handed in are not usable (ambiguous units, negative intervals, ...)
    └── InsufficientData          too little data for the requested analysis

    FibrokitWarning               computed, but doubtful (short window, many corrected beats, ...)

Caller mistakes in parameters (an unknown method name, a negative window) raise :class:`ValueError` naming the
parameter and its allowed values. "Not computable" is NaN, documented per metric.
"""

from __future__ import annotations


class FibrokitError(Exception):
    """Base class of every error fibrokit raises on purpose; its message is one plain sentence."""


class ReaderError(FibrokitError):
    """A file could not be read.

    Parameters
    ----------
    source : str
        The file name, as the person knows it.
    problem : str
        What is wrong, in plain words.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class UnsupportedFormat(ReaderError):
    """The file's content is not a format fibrokit can read."""


class CorruptFile(ReaderError):
    """The file's format is known, but its content is broken."""


class InputError(FibrokitError):
    """Values handed to fibrokit cannot be used as they are."""


class InsufficientData(FibrokitError):
    """There is too little usable data for the requested analysis."""


class FibrokitWarning(UserWarning):
    """A result was computed but should be read with care."""
