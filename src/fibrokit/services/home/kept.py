"""What pages compute from a day's data, kept per server process until the person's data change.

``kept(session, owner_id, name, key, compute)`` returns what ``compute()`` returned the last time for the same
person, page part and key (the day, the period, the filters…), as long as the person's data version
(:mod:`fibrokit.store.versions`) has not moved since; otherwise it computes again and keeps the new value. So a
dashboard, a diary history or a list of recordings is built once per change of the data (and per day), not once
per visit, and a write makes every page current at once: the write bumps the version in its own transaction.

Kept values are read by pages only, never changed. Each server process keeps its own, at most ``LIMIT`` of them
and ``BYTES_LIMIT`` bytes of chart data (then it starts afresh); nothing kept is ever written anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any, TypeVar

from fibrokit.services.home.queries import Session
from fibrokit.store.versions import version_key

T = TypeVar("T")
LIMIT = 4096
BYTES_LIMIT = 64_000_000  # chart data kept as JSON, in all (a year's walk is about 85 kB)
_BYTES = [0]
# (database, page part, person, key) → (the person's version key, the value)
_KEPT: dict[tuple[Hashable, ...], tuple[tuple[int, str], Any]] = {}
_LOCK = Lock()


def kept(session: Session, owner_id: int, name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s value for this person, page part and key, computed again only after their data changed.

    The version is read before computing, so a write that lands meanwhile leaves the value kept under the older
    version, and the next visit computes it again.
    """
    version = version_key(session, owner_id)
    bind = session.get_bind()
    slot = (id(bind), str(bind.engine.url), name, owner_id, key)  # one database's people are not another's
    found = _KEPT.get(slot)
    if found is not None and found[0] == version:
        value: T = found[1]
        return value
    value = compute()
    size = len(value) if isinstance(value, bytes) else 0
    with _LOCK:
        if len(_KEPT) >= LIMIT or _BYTES[0] + size > BYTES_LIMIT:
            _KEPT.clear()  # a simple bound: with many people on one server each page is built once again
            _BYTES[0] = 0
        _KEPT[slot] = (version, value)
        _BYTES[0] += size
    return value


def kept_json(session: Session, owner_id: int, name: str, key: Hashable, compute: Callable[[], Any]) -> bytes:
    """Like :func:`kept`, for chart data: ``compute()``'s value as compact JSON, encoded once per change."""
    return kept(
        session,
        owner_id,
        name,
        key,
        lambda: json.dumps(compute(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(),
    )


def forget() -> None:
    """Drop everything kept (tests, and a server that changed its settings)."""
    with _LOCK:
        _KEPT.clear()
        _BYTES[0] = 0
