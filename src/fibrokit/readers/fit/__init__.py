"""FIT files: a fast decoder of the binary protocol and the recording built from its messages."""

from fibrokit.readers.fit.read_fit import read_fit

__all__ = ["read_fit"]
