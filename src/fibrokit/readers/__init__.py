"""Readers: each turns one file format into a :class:`~fibrokit.records.Recording` and computes nothing."""

from fibrokit.readers.fit import read_fit
from fibrokit.readers.mit_annotations import read_mit_annotations
from fibrokit.readers.registry import READERS, ReaderInfo, iter_read, read
from fibrokit.readers.rr_text import read_rr_text

__all__ = ["READERS", "ReaderInfo", "iter_read", "read", "read_fit", "read_mit_annotations", "read_rr_text"]
