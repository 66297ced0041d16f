"""``fibrokit backup`` and ``fibrokit restore``: a consistent copy of the app's database, and back.

SQLite uses its online backup API, so a backup can be taken while the server runs and is never a half-written
file. PostgreSQL uses ``pg_dump``/``pg_restore`` (custom format), which must be installed.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Annotated

import typer

from fibrokit._private import private_file, private_folder, tighten
from fibrokit.cli import _appdb
from fibrokit.cli._app import app, out
from fibrokit.cli.db import DatabaseUrl, DataDir
from fibrokit.errors import FibrokitError

Target = Annotated[Path, typer.Argument(help="The backup file.")]


def _sqlite_path(url: str) -> Path | None:
    from fibrokit.store.db import sqlite_path

    return sqlite_path(url)


def _libpq_url(url: str) -> str:
    from fibrokit.store.db import libpq_url

    return libpq_url(url)


def _run(command: list[str], what: str) -> None:
    if shutil.which(command[0]) is None:
        raise FibrokitError(f"{command[0]} is not installed; it is needed to {what} a PostgreSQL database")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise FibrokitError(f"{command[0]} failed: {last}")


def _copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    copy.close()
    origin.close()


@app.command("backup")
def backup_command(target: Target, data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Write a consistent copy of the app's database to TARGET (safe while the server runs)."""
    chosen = _appdb.settings(data_dir, database_url)
    database = _sqlite_path(chosen.database_url)
    private_folder(target.parent)
    if database is not None:
        if not database.is_file():
            raise FibrokitError(f"there is no database at {database} yet")
        partial = target.with_name(target.name + ".part")
        partial.unlink(missing_ok=True)
        private_file(partial)
        _copy_sqlite(database, partial)
        partial.replace(target)
    else:
        _run(["pg_dump", "--format=custom", f"--file={target}", _libpq_url(chosen.database_url)], "back up")
        tighten(target)
    out.print(f"backed up {_appdb.shown_url(chosen.database_url)} to {target}", soft_wrap=True)


def _check_backup(source: Path) -> None:
    """Refuse, in a sentence, a file that is not an intact SQLite backup of a fibrokit database."""
    not_backup = f"{source.name} is not a fibrokit backup: give a file made by fibrokit backup"
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as check:
            intact = check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        check.close()
    except sqlite3.DatabaseError:
        raise FibrokitError(not_backup + " (it is not an SQLite database)") from None
    if not intact:
        raise FibrokitError(f"{source.name} is damaged (SQLite's integrity check fails): use another backup")
    if "alembic_version" not in tables:
        raise FibrokitError(not_backup + " (it is an SQLite database of something else)")


@app.command("restore")
def restore_command(
    source: Annotated[Path, typer.Argument(help="A file made by fibrokit backup.")],
    yes: Annotated[bool, typer.Option("--yes", help="Replace the current data without asking.")] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Replace the app's database with a backup (stop the server first)."""
    chosen = _appdb.settings(data_dir, database_url)
    if not source.is_file():
        raise FibrokitError(f"{source.name}: no such backup file")
    if not yes and not typer.confirm(f"Replace everything in {_appdb.shown_url(chosen.database_url)}?"):
        raise typer.Exit(1)
    database = _sqlite_path(chosen.database_url)
    if database is not None:
        _check_backup(source)
        database.parent.mkdir(parents=True, exist_ok=True)
        _copy_sqlite(source, database)
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={_libpq_url(chosen.database_url)}",
                str(source),
            ],
            "restore",
        )
    with _appdb.open_database(chosen):  # a backup from an older version is brought up to date
        pass
    out.print(f"restored {source} into {_appdb.shown_url(chosen.database_url)}", soft_wrap=True)
