"""``fibrokit analyze``: what a recording is, the test it holds (only if it is one), its heart rate and pacing."""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from fibrokit.choices import ArtifactMethod, CoolDown, HrmaxFormula, Sex
from fibrokit.cli._app import app, console_note, out
from fibrokit.cli._choices import ProtocolName
from fibrokit.cli._protocols import run_pipeline

if TYPE_CHECKING:
    from fibrokit.pipeline import RecordingAnalysis
    from fibrokit.protocols import ProtocolResult


class AnalysisFormat(StrEnum):
    """How ``analyze`` prints its result."""

    text = "text"
    json = "json"


PHASES_HELP = (
    "The test's phases as name=start-end (m:ss, h:mm:ss or seconds from the start), comma-separated: "
    "rest/exercise/recovery (exercise test, muscle oxygen), lying/standing (active stand), rest/breathing "
    "(deep breathing), rest/strain (Valsalva), reading (morning reading)."
)


@app.command("analyze")
def analyze_command(
    file: Annotated[Path, typer.Argument(help="A recording: beat-to-beat intervals, heart rate or SmO2.")],
    age: Annotated[
        float | None, typer.Option("--age", help="Age in years (needed for most tests' norms).")
    ] = None,
    sex: Annotated[Sex | None, typer.Option("--sex", help="Sex, f or m.")] = None,
    protocol: Annotated[
        ProtocolName,
        typer.Option("--protocol", help="Which test; auto recognises it, activity scores none."),
    ] = "auto",
    phases: Annotated[str | None, typer.Option("--phases", help=PHASES_HELP)] = None,
    rest_hr: Annotated[
        float | None, typer.Option("--rest-hr", help="Your usual resting heart rate, for the pacing lines.")
    ] = None,
    artifacts: Annotated[
        ArtifactMethod,
        typer.Option("--artifacts", help="Artefact detection method (beats are flagged once)."),
    ] = "lipponen2019",
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a report: out.pdf or out.html.")
    ] = None,
    hrmax: Annotated[
        HrmaxFormula, typer.Option("--hrmax", help="Predicted maximum formula (exercise test).")
    ] = "fox",
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
    output: Annotated[
        AnalysisFormat,
        typer.Option("--format", help="Output format: text, or json (every SmO2 sensor's result included)."),
    ] = AnalysisFormat.text,
) -> None:
    """Say what FILE is; score its test against cited norms only if it is one; show heart rate and pacing."""
    from fibrokit.pipeline import Person as AnalysedPerson
    from fibrokit.readers import read
    from fibrokit.report import Item, Person, write_report

    recording = read(file)
    done = run_pipeline(
        recording,
        protocol,
        AnalysedPerson(age=age, sex=sex, resting_hr_bpm=rest_hr),
        phases=phases,
        hrmax=hrmax,
        cool_down=cool_down,
        beta_blocker=beta_blocker,
        peak_effort=peak_effort,
        artifact_method=artifacts,
    )
    if output == AnalysisFormat.json:
        from fibrokit.cli._analysis_json import analysis_document

        document = analysis_document(done, recording.source_name, dict(recording.metadata))
        out.print_json(data=document)
    else:
        print_analysis(done, recording.source_name, dict(recording.metadata))
    if report is None:
        return
    if done.protocol is None:
        console_note("no report written: a report shows a scored test, and none was scored")
        return
    person = Person(name=name, age=age, sex=sex or "")
    path = write_report(report, (Item(recording, done.protocol),), person)
    console_note(f"report written to {path}")


def print_analysis(done: RecordingAnalysis, source_name: str, metadata: dict[str, Any] | None = None) -> None:
    """Print what the recording is, the scored test (or why none), heart rate, HRV quality and pacing.

    A muscle-oxygen file with several SmO2 sensors gets one table per sensor, each named.
    """
    from fibrokit.cli._analysis_json import sensor_label

    out.print(f"{source_name}: {done.kind_name} ({done.kind})", markup=False)
    if done.protocol is not None:
        if done.sensors:
            for result in (done.protocol, *done.sensors):
                label = sensor_label(result.settings.get("channel", "smo2"), metadata or {})
                print_result(result, f"{source_name}, {label}")
        else:
            print_result(done.protocol, source_name)
        if done.phases:
            used = ", ".join(
                f"{p.name} {_clock(p.start_s)}–{_clock(p.end_s)} ({p.origin})" for p in done.phases
            )
            out.print(f"Phases used: {used}", markup=False, soft_wrap=True)
    else:
        out.print(done.reason, markup=False, soft_wrap=True)
    _print_heart_rate(done)
    if done.pacing is not None:
        out.print("Pacing review:", markup=False)
        for sentence in done.pacing.summary:
            out.print(f"  {sentence}", markup=False, soft_wrap=True)
    for note in done.notes:
        console_note(note)


def _print_heart_rate(done: RecordingAnalysis) -> None:
    quality = done.quality
    if quality.heart_rate_input == "none":
        return
    source = (
        "beat-to-beat intervals" if quality.heart_rate_input == "beats" else "the device's heart-rate samples"
    )
    out.print(
        f"Heart rate: mean {quality.mean_hr_bpm:.0f} bpm, highest (15-s mean) {quality.peak_hr_bpm:.0f} bpm, "
        f"over {quality.duration_s / 60:.0f} min, from {source}.",
        markup=False,
        soft_wrap=True,
    )
    if quality.heart_rate_input != "beats":
        out.print("HRV: needs beat-to-beat (RR) intervals, which this recording does not hold.", markup=False)
    elif done.hrv is not None and quality.hrv_reliable:
        values = done.hrv.values
        out.print(
            f"HRV: RMSSD {values.get('rmssd_ms', math.nan):.1f} ms, SDNN {values.get('sdnn_ms', math.nan):.1f} ms "
            f"({quality.flagged_share:.1%} of beats flagged as artefacts).",
            markup=False,
        )
    elif done.hrv is not None and quality.irregular_beats:
        out.print(
            f"HRV: withheld, a run of {quality.irregular_beats} beats does not look like a normal heart rhythm.",
            markup=False,
        )
    elif done.hrv is not None:
        out.print(
            f"HRV: withheld, {quality.flagged_share:.0%} of beats flagged as artefacts (reliable up to 5 %).",
            markup=False,
        )


def _clock(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "end"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def print_result(result: ProtocolResult, source_name: str) -> None:
    """Print a result's findings (with what each category means), summary and caveats."""
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
            against = f"[bold]{finding.category_label}[/]" + (f": {against}" if against else "")
        table.add_row(finding.name, value, against)
    out.print(table)
    for line in result.summary:
        out.print(line, soft_wrap=True)
    for caveat in result.caveats:
        console_note(caveat)
