"""``fibrokit demo``: show what fibrokit does on simulated recordings, with no set-up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fibrokit.cli._app import app, out


@app.command("demo")
def demo_command(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the demo's files.")] = Path(
        "fibrokit-demo"
    ),
) -> None:
    """Simulate recordings, analyse them, and say where the results are."""
    from fibrokit.cli._demo_run import run_demo

    for line in run_demo(out_dir):
        out.print(line)
