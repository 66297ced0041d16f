"""``fibrokit report``: a report over chosen dates and areas, from the app's database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fibrokit.cli import _appdb
from fibrokit.cli._app import app, console_note
from fibrokit.cli.db import DatabaseUrl, DataDir, User


@app.command("report")
def report_command(
    output: Annotated[Path, typer.Argument(help="The report file: .pdf or .html.")],
    start: Annotated[
        str, typer.Option("--from", help="First day, YYYY-MM-DD (default: 90 days before --to).")
    ] = "",
    end: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD (default: today).")] = "",
    areas: Annotated[
        list[str] | None,
        typer.Option("--area", help="tests, diary, treatments or pacing; repeat it (default: all)."),
    ] = None,
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Write a report of what is stored, for a chosen period and chosen areas, as the app's report page does."""
    from fibrokit.report import write_content
    from fibrokit.services.home.reports import ReportRequest, period_report
    from fibrokit.services.imports.cli import resolve_account
    from fibrokit.store.db import transaction

    request = ReportRequest.parse(start, end, areas or ())
    if output.suffix.lower() not in (".pdf", ".html", ".htm"):
        raise typer.BadParameter("the report file must end in .pdf or .html", param_hint="OUTPUT")
    with _appdb.open_database(_appdb.settings(data_dir, database_url)) as (_, factory):
        account = resolve_account(factory, user)
        with transaction(factory) as session:
            content = period_report(session, account, request)
    write_content(output, content)
    console_note(
        f"wrote {output} ({request.start} to {request.end}; {', '.join(sorted(request.areas))}); "
        "fibrokit informs, it does not diagnose"
    )
