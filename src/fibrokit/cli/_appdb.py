"""Opening the app's database from the command line (settings from FIBROKIT_* and the options given)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fibrokit.errors import FibrokitError

if TYPE_CHECKING:
    from fibrokit.config import Settings
    from fibrokit.store.db import Engine, Session, sessionmaker


def settings(data_dir: Path | None = None, database_url: str | None = None) -> Settings:
    """The app settings, with command-line options taking precedence over the environment."""
    try:
        from fibrokit.config import load_settings
    except ImportError:
        raise FibrokitError(
            "the web app and its database need the app extra: pip install 'fibrokit[app]'"
        ) from None
    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url:
        overrides["database_url"] = database_url
    chosen = load_settings(**overrides)
    from fibrokit._private import secure_install
    from fibrokit.store.db import sqlite_path

    tightened = secure_install(chosen.data_dir, sqlite_path(chosen.database_url))
    if tightened:
        from fibrokit.cli._app import console_note

        console_note(f"made {tightened} files and folders of the data owner-only (0600/0700)")
    return chosen


@contextmanager
def open_database(chosen: Settings) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """An engine and session factory on a database brought up to the newest migration, closed afterwards."""
    from fibrokit.store.db import make_engine, session_factory, upgrade

    engine = make_engine(chosen.database_url)
    try:
        upgrade(engine)
        yield engine, session_factory(engine)
    finally:
        engine.dispose()


def shown_url(url: str) -> str:
    """A database URL without its password, for messages."""
    from fibrokit.store.db import shown_url as without_password

    return without_password(url)
