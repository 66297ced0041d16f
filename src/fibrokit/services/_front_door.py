"""An area's front door: names importable from the area's package, each loaded from its module when first used.

``from fibrokit.services import diary`` then ``diary.save_checkin(...)`` reads well, but a package that imported
its modules eagerly would make every import of one of them (``diary.queries``, say, which other areas read)
load the whole area and, through its actions, the areas those call — a ring of imports that fails depending on
which module is imported first. The package keeps a table of where each name lives instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def front_door(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds each of ``homes``'s names in its module of ``package``.

    Examples
    --------
    >>> find = front_door("fibrokit", {"InputError": "errors"})
    >>> find("InputError").__name__
    'InputError'
    """

    def find(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{home}"), name)

    return find
