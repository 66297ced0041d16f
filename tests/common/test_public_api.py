"""The curated public API: complete, sorted, importable — checked by walking the package, not what it imports.

Every public subpackage and module of fibrokit is in exactly one class below, so a new one fails here until
someone decides how users reach it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

import fibrokit

# Every name of these packages' __all__ is also a name of fibrokit itself.
AT_THE_TOP = ("beats", "diary", "hrv", "treatments")
# Top-level modules whose public classes are all at the top (they have no __all__).
MODULES_AT_THE_TOP = ("errors", "records")
# Namespaces of the API: `fibrokit.<package>` is in fibrokit.__all__; their main names may also be at the top.
NAMESPACES = ("pacing", "pipeline", "protocols", "readers", "simulate")
# Library packages imported by their own path (`from fibrokit.cohort import cohort_run`): they pull in
# optional or heavier dependencies (matplotlib, pyarrow, Dask, Bluetooth) or are a registry, not an action.
OWN_PATH = ("choices", "cohort", "evidence", "live", "report")
# The app and the command line: not a library API.
APPLICATION = ("cli", "config", "services", "store", "web")
# Public modules whose namesake function is a helper for other packages, not part of the API.
HELPER_MODULES = {
    "fibrokit.evidence.cite": "formats evidence keys into citation lines for results and reports"
}

LIBRARY = (*AT_THE_TOP, *MODULES_AT_THE_TOP, *NAMESPACES, *OWN_PATH)


def _isort_key(name: str) -> tuple[int, str]:
    # The order ruff keeps (RUF022): CONSTANTS, then Classes, then functions and the rest.
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


def _public_submodules() -> list[str]:
    return sorted(name for _, name, _ in pkgutil.iter_modules(fibrokit.__path__) if not name.startswith("_"))


def _package(name: str) -> ModuleType:
    return importlib.import_module(f"fibrokit.{name}")


def _walk(package: str) -> list[str]:
    """The public modules of a library package, at any depth (none of whose parts starts with ``_``)."""
    module = _package(package)
    if not hasattr(module, "__path__"):
        return []
    found = pkgutil.walk_packages(module.__path__, module.__name__ + ".")
    return sorted(info.name for info in found if not any(p.startswith("_") for p in info.name.split(".")[2:]))


def test_all_is_sorted_and_unique() -> None:
    names = list(fibrokit.__all__)
    assert names == sorted(names, key=_isort_key)
    assert len(names) == len(set(names))


def test_every_public_subpackage_is_classified_once() -> None:
    classes = (*LIBRARY, *APPLICATION)
    assert len(classes) == len(set(classes))
    assert sorted(classes) == _public_submodules()


def test_every_name_of_all_exists() -> None:
    for name in fibrokit.__all__:
        assert hasattr(fibrokit, name), name


@pytest.mark.parametrize("package", AT_THE_TOP)
def test_packages_at_the_top_are_there_whole(package: str) -> None:
    module = _package(package)
    for name in module.__all__:
        assert name in fibrokit.__all__, f"fibrokit.{package}.{name} is not exported by fibrokit"
        assert getattr(fibrokit, name) is getattr(module, name), name


@pytest.mark.parametrize("module_name", MODULES_AT_THE_TOP)
def test_public_classes_of_the_base_modules_are_at_the_top(module_name: str) -> None:
    module = _package(module_name)
    for name, value in vars(module).items():
        if inspect.isclass(value) and value.__module__ == module.__name__ and not name.startswith("_"):
            assert name in fibrokit.__all__, f"fibrokit.{module_name}.{name} is not exported by fibrokit"


@pytest.mark.parametrize("package", NAMESPACES)
def test_namespaces_are_reachable_from_the_package(package: str) -> None:
    module = _package(package)
    assert package in fibrokit.__all__
    assert getattr(fibrokit, package) is module
    for name in module.__all__:
        assert hasattr(module, name), f"fibrokit.{package}.{name}"
        if name in fibrokit.__all__:
            assert getattr(fibrokit, name) is getattr(module, name), name


@pytest.mark.parametrize("package", OWN_PATH)
def test_own_path_packages_are_not_in_all_and_declare_their_api(package: str) -> None:
    assert package not in fibrokit.__all__
    assert _package(package).__all__


@pytest.mark.parametrize("package", [p for p in LIBRARY if p not in MODULES_AT_THE_TOP])
def test_every_module_s_namesake_is_exported_by_its_package(package: str) -> None:
    # "One public function per core module, named after its file": `hrv/hrv_time.py` → `hrv_time`, readers
    # `readers/tcx.py` → `read_tcx`. Walking the files finds what was written but never exported.
    exported = set(_package(package).__all__)
    missing = []
    for module_name in _walk(package):
        if module_name in HELPER_MODULES:
            continue
        module = importlib.import_module(module_name)
        leaf = module_name.rsplit(".", 1)[1]
        for name in (leaf, f"read_{leaf}"):
            value = vars(module).get(name)
            if getattr(value, "__module__", None) == module_name and name not in exported:
                missing.append(f"{module_name}.{name}")
    assert missing == []


def test_no_public_callable_of_the_top_is_left_out() -> None:
    public = {n for n in dir(fibrokit) if not n.startswith("_") and callable(getattr(fibrokit, n))}
    # Attributes that are submodules loaded as a side effect are classified above, not exported.
    submodules = set(_public_submodules())
    assert public - set(fibrokit.__all__) - submodules == set()
