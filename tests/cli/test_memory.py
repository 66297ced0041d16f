"""The windowed ``hrv`` command asks the allocator to keep freed memory for reuse (glibc)."""

from __future__ import annotations

from fibrokit.cli._memory import keep_freed_memory


def test_glibc_accepts_the_thresholds() -> None:  # fibrokit's machines run Linux with glibc
    assert keep_freed_memory() is True
