"""``fibrokit analyze``: score an autonomic test in a recording and, if asked, write a report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from fibrokit.cli._app import app, console_note, out
from fibrokit.cli._protocols import Protocol, analyse_recording
from fibrokit.protocols import ProtocolResult
from fibrokit.readers import read
from fibrokit.report import Item, Person, write_report


class Sex(StrEnum):
    """Sex, for the tests whose norms depend on it."""

    f = "f"
    m = "m"


class Hrmax(StrEnum):
    """Predicted maximal heart rate formulas."""

    fox = "fox"
    gellish = "gellish"
    tanaka = "tanaka"
    fibromyalgia = "fibromyalgia"


class CoolDown(StrEnum):
    """What the person did right after an exercise test."""

    active = "active"
    seated = "seated"
    supine = "supine"
    none = "none"
    unknown = "unknown"


@app.command("analyze")
def analyze_command(
    file: Annotated[
        Path, typer.Argument(help="A recording with beat-to-beat intervals (or a NIRS channel).")
    ],
    age: Annotated[
        float | None, typer.Option("--age", help="Age in years (needed for most tests' norms).")
    ] = None,
    sex: Annotated[Sex | None, typer.Option("--sex", help="Sex, f or m.")] = None,
    protocol: Annotated[
        Protocol, typer.Option("--protocol", help="Which test; auto recognises it.")
    ] = Protocol.auto,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a report: out.pdf or out.html.")
    ] = None,
    hrmax: Annotated[
        Hrmax, typer.Option("--hrmax", help="Predicted maximum formula (exercise test).")
    ] = Hrmax.fox,
    cool_down: Annotated[
        CoolDown | None,
        typer.Option(
            "--cool-down", help="After an exercise test: active (walked), seated, supine, none or unknown."
        ),
    ] = None,
    beta_blocker: Annotated[
        bool, typer.Option("--beta-blocker", help="Taking a β-blocker (norms then do not apply).")
    ] = False,
    peak_effort: Annotated[
        bool | None, typer.Option("--peak-effort/--no-peak-effort", help="Stopped at exhaustion?")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="Name to print on the report.")] = "",
) -> None:
    """Score the autonomic test in FILE against cited norms, explain it, and optionally write a report."""
    recording = read(file)
    result = analyse_recording(
        recording,
        protocol,
        age=age,
        hrmax=hrmax.value,
        cool_down=cool_down.value if cool_down else None,
        beta_blocker=beta_blocker,
        peak_effort=peak_effort,
    )
    print_result(result, recording.source_name)
    if report is not None:
        person = Person(name=name, age=age, sex=sex.value if sex else "")
        path = write_report(report, (Item(recording, result),), person)
        console_note(f"report written to {path}")


def print_result(result: ProtocolResult, source_name: str) -> None:
    """Print a result's findings, summary and caveats."""
    table = Table(title=f"{source_name}: {result.protocol}")
    for heading in ("finding", "value", "against"):
        table.add_column(heading)
    for finding in result.findings:
        value = (
            f"{finding.value:.3g} {finding.unit}".strip()
            if finding.value == finding.value
            else "not measured"
        )
        against = "; ".join(norm.label for norm in finding.norms)
        if finding.category and finding.category != "context":
            against = f"[bold]{finding.category}[/]" + (f": {against}" if against else "")
        table.add_row(finding.name, value, against)
    out.print(table)
    for line in result.summary:
        out.print(line, soft_wrap=True)
    for caveat in result.caveats:
        console_note(caveat)
