"""``fibrokit db upgrade``: bring the app's database to the newest schema and recompute stale results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fibrokit.cli import _appdb
from fibrokit.cli._app import app, out

db_app = typer.Typer(help="The web app's database.", no_args_is_help=True)
app.add_typer(db_app, name="db")

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Data folder (default: FIBROKIT_DATA_DIR).")]
DatabaseUrl = Annotated[
    str | None,
    typer.Option("--database-url", help="Database URL (default: FIBROKIT_DATABASE_URL or SQLite)."),
]
# Whose data a command acts on; every command resolves it the same way (services.imports.cli.resolve_account).
User = Annotated[
    str,
    typer.Option(
        "--user", help="E-mail of the account (optional when there is only one that is not an admin)."
    ),
]


@db_app.command("upgrade")
def upgrade_command(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Apply every migration (creating the database if needed) and recompute stale results."""
    from fibrokit.services.recordings.actions import recompute_stale
    from fibrokit.services.recordings.after_store import after_recording_stored
    from fibrokit.store.db import current_revision, transaction

    chosen = _appdb.settings(data_dir, database_url)
    total = 0
    with _appdb.open_database(chosen) as (engine, factory):
        while True:
            with transaction(factory) as session:
                done = recompute_stale(session, limit=50, then=after_recording_stored)
            total += done
            if done < 50:
                break
        revision = current_revision(engine)
    out.print(
        f"{_appdb.shown_url(chosen.database_url)} is at revision {revision}; "
        f"{total} recording(s) recomputed.",
        soft_wrap=True,
    )
