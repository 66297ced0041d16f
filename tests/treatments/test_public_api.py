from __future__ import annotations

import doctest
import importlib
import pkgutil
import types

import pytest

import fibrokit
from fibrokit import diary, treatments
from fibrokit.evidence import FACTS, SOURCES

MODULES = [
    *sorted(
        name
        for package in (diary, treatments)
        for _, name, _ in pkgutil.iter_modules(package.__path__, package.__name__ + ".")
    ),
    "fibrokit.evidence.cite",
]


@pytest.mark.parametrize("package", [diary, treatments])
def test_all_is_complete_sorted_and_reexported(package: object) -> None:
    names = package.__all__  # type: ignore[attr-defined]
    assert names == sorted(names, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    public = {
        n
        for n in vars(package)
        if not n.startswith("_") and not isinstance(getattr(package, n), types.ModuleType)
    }
    assert public == set(names)
    assert set(names) <= set(fibrokit.__all__)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_public_function_has_an_example() -> None:
    for package in (diary, treatments):
        for name in package.__all__:
            obj = getattr(package, name)
            if callable(obj) and not isinstance(obj, type):
                assert ">>>" in (obj.__doc__ or ""), name


def test_every_fact_of_these_domains_names_a_source_with_a_date_or_is_a_convention() -> None:
    prefixes = ("diary.", "fiqr.", "acr.", "psd.", "pgic.", "immpact.", "ldn.", "trial.", "price.")
    facts = [f for f in FACTS.values() if f.key.startswith(prefixes)]
    assert len(facts) > 50
    for item in facts:
        citation = SOURCES[item.source].citation
        assert item.convention == (item.source == "fibrokit"), item.key
        assert item.convention or any(str(year) in citation for year in range(1950, 2030)), item.key
