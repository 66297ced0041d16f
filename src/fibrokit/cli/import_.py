"""``fibrokit import``: import files and folders into the app's database, as the upload page does."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fibrokit.cli import _appdb
from fibrokit.cli._app import app, console_note, out, parse_day
from fibrokit.cli._choices import ImportKind
from fibrokit.cli.db import DatabaseUrl, DataDir, User
from fibrokit.errors import FibrokitError


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and not any(x.startswith(".") for x in p.parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FibrokitError(f"{path.name}: no such file or folder")
    return found


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files and folders (folders are searched recursively).")
    ],
    user: User = "",
    kind: Annotated[
        ImportKind, typer.Option("--kind", help="What the files are: auto, or a test such as active-stand.")
    ] = "auto",
    date: Annotated[
        str,
        typer.Option(
            "--date",
            help="The day the recordings were made, as YYYY-MM-DD, for files that state no date in their "
            "content or name (files that do keep theirs).",
        ),
    ] = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Import recordings and wearables' exports into the app's database, each file in its own transaction.

    A vendor's export is taken as it comes: its zip, or the folder it unpacks to. Every file fibrokit understands
    is imported (daily and nightly values, recordings); in an export the others are skipped and counted; a night
    already imported from the same source is never added again.
    """
    from fibrokit.services.imports.cli import import_paths, resolve_account

    day = parse_day(date) if date else None
    files = _files(paths)
    from fibrokit.readers.daily_registry import daily_reader_for

    export_folder = any(p.is_dir() for p in paths) and any(daily_reader_for(f) for f in files)
    counts: dict[str, int] = {}
    with _appdb.open_database(_appdb.settings(data_dir, database_url)) as (_, factory):
        account = resolve_account(factory, user)
        for index, outcome in enumerate(
            import_paths(factory, account, files, kind_hint=kind, day=day, skip_unknown=export_folder),
            start=1,
        ):
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            out.print(f"[{index}/{len(files)}] {outcome.status}: {outcome.message}", soft_wrap=True)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no files"
    console_note(f"{summary} (into the account {user or 'found'})")
    if counts.get("failed"):
        raise typer.Exit(1)
