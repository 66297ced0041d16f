"""The server's own start: its data folder made owner-only, the password gate sized, the database migrated.

The web app calls :func:`open_server` once at start-up; everything after that goes through sessions from the
factory it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit._private import private_folder, secure_install
from fibrokit.config import Settings
from fibrokit.services.accounts import throttle
from fibrokit.services.accounts.queries import Engine, Session, sessionmaker
from fibrokit.store.db import make_engine, session_factory, sqlite_path, upgrade


@dataclass(frozen=True)
class Server:
    """The opened database, and how many files and folders of the data had to be made owner-only."""

    engine: Engine
    factory: sessionmaker[Session]
    tightened: int


def open_server(settings: Settings) -> Server:
    """Secure the data folder, size the password gate, and open the database brought up to the newest migration."""
    tightened = secure_install(settings.data_dir, sqlite_path(settings.database_url))
    private_folder(settings.data_dir / "staging")
    throttle.GATE.configure(settings.password_checks_at_once)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return Server(engine, session_factory(engine), tightened)
