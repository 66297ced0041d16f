"""A password hasher that counts its argon2 hashes, for the tests that an answer costs the same either way."""

from __future__ import annotations

from typing import Any

import pytest

from fibrokit.services.accounts import auth as accounts


class CountingHasher:
    """The real hasher, counting the hashes it makes."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.hashes = 0

    def hash(self, password: str) -> str:
        self.hashes += 1
        return str(self.real.hash(password))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def count_hashes(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    """Put a counting hasher in place of the app's for the rest of the test, and return it."""
    counting = CountingHasher(accounts._hasher())
    monkeypatch.setattr(accounts, "_hasher", lambda: counting)
    return counting
