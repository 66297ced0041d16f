"""No ring of imports among services, web and CLI: each of their modules imports first, on its own.

Which module is imported first decides whether a ring fails (a name asked of a half-loaded module), so a test
that imports everything once in one order can pass while ``fibrokit import`` fails. Here every module is the
first one imported, each in turn, with the services, web and CLI modules forgotten between them.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import fibrokit.cli
import fibrokit.services
import fibrokit.web

_LAYERS = ("fibrokit.services", "fibrokit.web", "fibrokit.cli")


def _modules() -> list[str]:
    names = []
    for package in (fibrokit.services, fibrokit.web, fibrokit.cli):
        names.append(package.__name__)
        names += [found.name for found in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    return sorted(names)


def test_each_module_imports_first_on_its_own() -> None:
    kept = dict(sys.modules)
    failed = []
    try:
        for name in _modules():
            for loaded in [key for key in sys.modules if key.startswith(_LAYERS)]:
                del sys.modules[loaded]
            try:
                importlib.import_module(name)
            except ImportError as error:
                failed.append(f"{name}: {error}")
    finally:
        # Put back the modules other tests hold, so their patches and classes stay the same objects.
        for loaded in [key for key in sys.modules if key.startswith(_LAYERS)]:
            del sys.modules[loaded]
        sys.modules.update(kept)
        for name, module in kept.items():  # and each parent's attribute, which the fresh imports replaced
            parent, _, child = name.rpartition(".")
            if name.startswith(_LAYERS) and parent in sys.modules:
                setattr(sys.modules[parent], child, module)
    assert failed == []


def test_the_front_doors_list_what_they_export() -> None:
    for area in ("diary", "nightly"):
        package = importlib.import_module(f"fibrokit.services.{area}")
        assert sorted(package._PUBLIC) == sorted(package.__all__), area
        for name in package.__all__:
            assert getattr(package, name) is not None


def test_the_modules_other_tests_hold_are_put_back() -> None:
    import fibrokit
    import fibrokit.services.diary.actions as held

    test_each_module_imports_first_on_its_own()
    assert fibrokit.services is sys.modules["fibrokit.services"]
    assert sys.modules["fibrokit.services.diary.actions"] is held
    assert importlib.import_module("fibrokit.services.diary").actions is held
