"""Engines and sessions: SQLite (one file, WAL) by default, PostgreSQL when a URL says so; migrations.

Query functions never commit: the caller opens a transaction with :func:`transaction` (commit on success,
roll back on any error) and passes the session down.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# The names callers annotate with are re-exported, so that SQLAlchemy is named only in the store and in the
# services areas' queries.py (tests/common/test_area_shape.py checks).
from sqlalchemy import Engine as Engine
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session as Session
from sqlalchemy.orm import sessionmaker as sessionmaker

from fibrokit._private import private_file
from fibrokit.errors import FibrokitError

try:
    import fcntl
except ImportError:  # Windows: threads of one process still queue; processes meet in SQLite's busy handler
    fcntl = None  # type: ignore[assignment]

_MIGRATIONS = str(Path(__file__).with_name("migrations"))


class DatabaseError(FibrokitError):
    """The database cannot be opened or upgraded."""


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def shown_url(url: str) -> str:
    """A database URL without its password, for messages.

    Examples
    --------
    >>> shown_url("postgresql+psycopg://ann:secret@db/fibrokit")
    'postgresql+psycopg://ann:***@db/fibrokit'
    """
    return make_url(url).render_as_string(hide_password=True)


def libpq_url(url: str) -> str:
    """A PostgreSQL URL as ``pg_dump`` and ``pg_restore`` take it (no driver name, the password kept)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def make_engine(url: str, **options: Any) -> Engine:
    """Create an engine; for SQLite make the folder and turn on WAL, foreign keys and a busy timeout.

    Examples
    --------
    >>> import tempfile
    >>> engine = make_engine(f"sqlite:///{tempfile.mkdtemp()}/x.db")
    >>> with engine.connect() as c:
    ...     c.exec_driver_sql("PRAGMA journal_mode").scalar()
    'wal'
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **options)
    database = sqlite_path(url)
    if database is not None and not database.exists():
        private_file(database)  # SQLite gives its -wal and -shm the database file's mode: 0600 too
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **options)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # WAL lets pages read while an import writes; NORMAL sync is durable at every checkpoint and safe in WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Deleted rows are overwritten with zeros, so a deleted account's data do not linger in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (pages render after the transaction ends).

    Every write through them bumps the data version of the person it belongs to (:mod:`fibrokit.store.versions`).
    """
    from fibrokit.store import versions

    factory = sessionmaker(engine, expire_on_commit=False)
    versions.watch(factory)
    return factory


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit when the block ends normally, roll back on any exception."""
    with factory.begin() as session:
        yield session


# SQLite has one writer at a time. Writers that all wait in its busy handler sleep in growing steps and the
# unlucky ones wait for seconds, so the threads of one process queue on a lock here first, and the processes
# (the server's workers) on an advisory lock of a file beside the database, which wakes the next in line at once.
_SQLITE_WRITER = threading.Lock()


@contextmanager
def _between_processes(session: Session) -> Iterator[None]:
    """Hold the database's write-turn file lock (POSIX); elsewhere, or for an in-memory database, no lock."""
    database = session.get_bind().engine.url.database or ""
    if fcntl is None or database in ("", ":memory:"):
        yield
        return
    descriptor = os.open(f"{database}.write-turn", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def write_turn(session: Session) -> Iterator[None]:
    """Run a short write in the block and commit it; on SQLite one writer at a time, in order of arrival.

    For the busiest writes of the web app (a check-in saved while pages are read). Nothing is committed when
    the block raises. PostgreSQL needs no queue: the block runs and commits at once.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        session.commit()
        return
    # Whatever the request already changed (a session renewed) is committed before queuing: a thread waiting
    # here must not hold SQLite's write lock, or the thread whose turn it is would wait on it for ever.
    session.commit()
    with _SQLITE_WRITER, _between_processes(session):
        yield
        session.commit()


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", _MIGRATIONS)
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (default the newest), creating it if it is empty."""
    from alembic import command

    try:
        command.upgrade(_alembic_config(engine), revision)
    except Exception as error:  # a database we cannot migrate must stop start-up with one sentence
        raise DatabaseError(
            f"the database could not be upgraded ({type(error).__name__}: {error})"
        ) from error


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it has never been migrated."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def session_revision(session: Session) -> str | None:
    """The revision of the database a session works on (read in the session's own transaction)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(session.connection()).get_current_revision()


def head_revision() -> str:
    """The newest migration shipped with this version of fibrokit."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(_MIGRATIONS).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every migration shipped with this version of fibrokit."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(_MIGRATIONS).walk_revisions()}


def snapshot(session: Session) -> None:
    """Make every later read of the session's new transaction see one consistent state of the database.

    Call first in a transaction that only reads (an export): PostgreSQL switches to repeatable read, SQLite
    opens its read transaction now instead of one per statement.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
    else:
        session.connection().exec_driver_sql("BEGIN")


def table_names(engine: Engine) -> set[str]:
    """Names of the tables that exist in the database."""
    return set(inspect(engine).get_table_names())
