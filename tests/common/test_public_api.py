"""The curated public API: complete, sorted, importable."""

from __future__ import annotations

import fibrokit


def _isort_key(name: str) -> tuple[int, str]:
    # The order ruff keeps (RUF022): CONSTANTS, then Classes, then functions and the rest.
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


def test_all_is_sorted_and_unique() -> None:
    names = list(fibrokit.__all__)
    assert names == sorted(names, key=_isort_key)
    assert len(names) == len(set(names))


def test_all_names_exist_and_public_callables_are_listed() -> None:
    for name in fibrokit.__all__:
        assert hasattr(fibrokit, name), name
    public = {n for n in dir(fibrokit) if not n.startswith("_") and callable(getattr(fibrokit, n))}
    modules = {"beats", "cli", "errors", "evidence", "hrv", "pacing", "readers", "records", "simulate"}
    assert public - set(fibrokit.__all__) - modules == set()
