"""Shared fixtures: the real data in ../shared/data, which tests must find or fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_file(relative: str) -> Path:
    """Path of a file in ../shared/data; fails the test (never skips) when it is missing."""
    path = SHARED_DATA / relative
    if not path.is_file():
        pytest.fail(f"shared data file missing: {path} (tests need ../shared/data beside the project)")
    return path


@pytest.fixture
def shared() -> type:
    """Access to ``shared_file`` inside tests as ``shared.file(...)``."""

    class _Shared:
        file = staticmethod(shared_file)

    return _Shared
