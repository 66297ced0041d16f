"""``fibrokit serve``: run the web app (SQLite in the data folder by default), optionally with a demo account."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from fibrokit.cli import _appdb
from fibrokit.cli._app import app, console_note, out
from fibrokit.cli.db import DatabaseUrl, DataDir


@app.command("serve")
def serve_command(
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default 8000).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Server processes (default 1).")] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Create a demo account holding two months of simulated data.")
    ] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Start the web app and print its address."""
    chosen = _appdb.settings(data_dir, database_url)
    # The server processes read their settings from the environment: pass on what the options changed.
    for name, value in (
        ("HOST", host),
        ("PORT", port),
        ("WORKERS", workers),
        ("DATA_DIR", data_dir),
        ("DATABASE_URL", database_url),
    ):
        if value is not None:
            os.environ[f"FIBROKIT_{name}"] = str(value)
    chosen = _appdb.settings(data_dir, database_url)
    with _appdb.open_database(chosen) as (_, factory):
        if demo:
            from fibrokit.services.demo.account import ensure_demo

            login = ensure_demo(
                factory, progress=lambda n: console_note(f"simulating the demo history: {n} recordings")
            )
            out.print(f"demo login: {login.email}  password: {login.password}")
    shown = "localhost" if chosen.host in ("127.0.0.1", "::1") else chosen.host
    out.print(
        f"fibrokit is running at http://{shown}:{chosen.port}/  (database: {_appdb.shown_url(chosen.database_url)}; "
        "stop with Ctrl+C)",
        soft_wrap=True,
    )
    _run(chosen.host, chosen.port, chosen.workers, chosen.log_level, chosen.forwarded_allow_ips)


def _run(host: str, port: int, workers: int, log_level: str, forwarded: str) -> None:
    import uvicorn

    uvicorn.run(
        "fibrokit.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        proxy_headers=bool(forwarded.strip()),
        forwarded_allow_ips=forwarded.strip() or None,
        server_header=False,
        access_log=False,  # request lines name people's record ids; errors are still logged
    )
