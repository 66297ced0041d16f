"""Services: compose the readers and the scientific core into stored results, accounts and imports.

The web app and the command line call these; they hold no science of their own (that stays in the core
packages) and no page or command logic. Functions taking a ``Session`` never commit: the caller owns the
transaction.

:func:`write_turn` is the one home of the short, queued write-and-commit that callers owning a transaction use
for their busiest writes (the web app's access log and check-ins, the import worker's stored recordings). It is
defined with the engine in :mod:`fibrokit.store.db` and reached from here, so the web app never imports the
store for it. ``Engine``, ``Session`` and ``sessionmaker`` are the types callers annotate with, re-exported
for the same reason: SQLAlchemy itself is named only in the store and in each area's ``queries.py``.
"""

from fibrokit.store.db import Engine, Session, sessionmaker, write_turn

__all__ = ["Engine", "Session", "sessionmaker", "write_turn"]
