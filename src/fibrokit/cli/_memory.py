"""Keep freed memory for reuse during long computations (glibc), instead of returning it to the system.

Windowed HRV makes and drops arrays of a few megabytes per chunk of windows. glibc's allocator hands blocks
that large to the kernel as separate mappings and gives them back when they are freed, so every chunk pays
for fresh pages again: about a quarter of the CPU time of ``fibrokit hrv --window`` was the kernel zeroing
pages. Raising the allocator's mapping and trimming thresholds (to 32 and 64 MiB, its own upper limits being
32 MiB for the first) keeps those blocks in the process for the next chunk; the peak memory is the same to a few MiB.
Elsewhere than Linux with glibc nothing is changed.
"""

from __future__ import annotations

import sys

_M_TRIM_THRESHOLD = -1  # mallopt parameters, from glibc's malloc.h
_M_MMAP_THRESHOLD = -3
_MMAP_BYTES = 32 * 1024 * 1024
_TRIM_BYTES = 64 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Ask glibc to reuse large freed blocks; True when the allocator accepted both settings."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM_BYTES))
