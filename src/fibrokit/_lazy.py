"""Names imported on first use: a package's public names (PEP 562) and a registry's stand-in functions.

Importing ``fibrokit`` or reading one file format should not load every detector, reader and plotting stack, so
packages and registries name their parts and import each only when it is first used.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, public: Mapping[str, str], namespaces: tuple[str, ...] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose public names are imported on first use.

    The package's module also keeps a public function when its module of the same name is imported (the import
    system would otherwise replace ``fibrokit.beats.rr_series``, the function, by the module).

    Parameters
    ----------
    package : str
        The package's ``__name__``; it must already be in ``sys.modules`` (call this from its ``__init__``).
    public : Mapping of str to str
        Every public name and the full name of the module that defines it.
    namespaces : tuple of str
        Subpackages reachable as attributes (``fibrokit.protocols``), imported on first use too.

    Returns
    -------
    tuple of (callable, callable)
        The package's ``__getattr__`` (imports a name and keeps it, so later lookups are plain attribute reads)
        and its ``__dir__``.

    Examples
    --------
    >>> import fibrokit.beats
    >>> "rr_series" in dir(fibrokit.beats)
    True
    """
    module = sys.modules[package]
    keep_functions(package, frozenset(public))

    def getattr_(name: str) -> Any:
        if name in namespaces:
            return importlib.import_module(f"{package}.{name}")
        where = public.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where), name)
        vars(module)[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*vars(module), *getattr(module, "__all__", ())})

    return getattr_, dir_


def keep_functions(package: str, names: frozenset[str]) -> None:
    """Make ``package`` keep each of ``names`` when a module of the same name is imported (again).

    ``fibrokit.beats.rr_series`` or ``fibrokit.protocols.ppg_reading`` is both a module and the function it
    defines; the import system sets the package's attribute to the module whenever that module is imported (a
    test runner collecting doctests by file, a reload), and the public name must stay the function.

    Examples
    --------
    >>> import fibrokit.protocols
    >>> callable(fibrokit.protocols.ppg_reading)
    True
    """

    class _Package(types.ModuleType):
        def __setattr__(self, name: str, value: object) -> None:
            if isinstance(value, types.ModuleType) and name in names:
                return
            super().__setattr__(name, value)

    sys.modules[package].__class__ = _Package


def lazy_function(package: str, module: str, name: str) -> Callable[..., Any]:
    """A stand-in for ``package.module.name`` that imports the module on its first call.

    Parameters
    ----------
    package : str
        The package the module is in, such as ``"fibrokit.readers"``.
    module : str
        The module's name inside it.
    name : str
        The function's name in that module; the stand-in carries it as its own.

    Returns
    -------
    callable
        Calls the function with the arguments it is given.

    Examples
    --------
    >>> read = lazy_function("fibrokit.readers", "rr_text", "read_rr_text")
    >>> read.__name__
    'read_rr_text'
    """

    def call(*args: Any) -> Any:
        return getattr(importlib.import_module(f"{package}.{module}"), name)(*args)

    call.__name__ = call.__qualname__ = name
    return call
