"""``fibrokit export`` and ``fibrokit restore-account``: one person's data to a zip, and into another instance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fibrokit.cli import _appdb
from fibrokit.cli._app import app, out
from fibrokit.cli.db import DatabaseUrl, DataDir, User
from fibrokit.errors import FibrokitError


@app.command("export")
def export_command(
    target: Annotated[Path, typer.Argument(help="The zip to write, e.g. fibrokit-export.zip.")],
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Export everything an account stored (JSON, CSV and the original files) into one zip."""
    from fibrokit.services.imports.cli import resolve_account
    from fibrokit.services.portability.export import export_account
    from fibrokit.services.portability.queries import read_snapshot

    with _appdb.open_database(_appdb.settings(data_dir, database_url)) as (_, factory):
        user_id = resolve_account(factory, user)
        with read_snapshot(factory) as snapshot:
            summary = export_account(snapshot, user_id, target)
    rows = sum(summary.rows.values())
    size = f"{summary.size / 1e6:.1f} MB" if summary.size >= 1e6 else f"{summary.size / 1e3:.0f} kB"
    out.print(f"exported {rows} rows and {summary.files} original files to {target} ({size})", soft_wrap=True)


@app.command("restore-account")
def restore_account_command(
    source: Annotated[
        Path, typer.Argument(help="A zip made by fibrokit export (or the app's Export my data).")
    ],
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Bring an export into an account that holds no data yet (add it first with fibrokit user add).

    Checked whole first, then stored in one transaction: a damaged or foreign zip stores nothing.
    """
    from fibrokit.services.imports.cli import resolve_account
    from fibrokit.services.portability.actions import restore_account
    from fibrokit.services.portability.archive import open_export
    from fibrokit.store.db import transaction

    if not source.is_file():
        raise FibrokitError(f"{source.name}: no such file")
    with _appdb.open_database(_appdb.settings(data_dir, database_url)) as (_, factory):
        account = resolve_account(factory, user)
        with open_export(source, source.name) as export, transaction(factory) as session:
            summary = restore_account(session, account, export)
    out.print(summary.sentence(source.name), soft_wrap=True)
