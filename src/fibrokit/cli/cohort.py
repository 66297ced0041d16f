"""``fibrokit cohort …``: one analysis over a whole cohort, group comparisons, and a simulated cohort."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from fibrokit.choices import ArtifactMethod, CohortScenario, CoolDown, Correction, HrmaxFormula, HrvPreset
from fibrokit.cli._app import app, console_note, out
from fibrokit.cli._choices import CohortAnalysis
from fibrokit.cli._cohort_show import ProgressBar, print_comparison
from fibrokit.errors import InputError

cohort_app = typer.Typer(
    help="Cohorts at research scale: one analysis over many recordings (locally or on a Dask cluster) into "
    "one Parquet table, group comparisons, and a simulated cohort to try it on.",
    no_args_is_help=True,
)
app.add_typer(cohort_app, name="cohort")


def _cohort() -> ModuleType:
    """The cohort package, or one sentence saying how to install it (it needs pyarrow, Dask, matplotlib)."""
    try:
        return importlib.import_module("fibrokit.cohort")
    except ModuleNotFoundError as error:
        raise InputError(
            f"fibrokit cohort needs {error.name}, which comes with the cohort extra: pip install 'fibrokit[cohort]'"
        ) from None


@cohort_app.command("run")
def run_command(
    source: Annotated[
        Path, typer.Argument(help="A manifest CSV (file, participant, group, age, …) or a folder.")
    ],
    analysis: Annotated[CohortAnalysis, typer.Option("--analysis", help="What to compute for each file.")],
    table: Annotated[Path, typer.Option("--out", help="The Parquet table to write.")] = Path(
        "results.parquet"
    ),
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Local worker processes (default: one per core).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run on the Dask scheduler at this address (tcp://host:port)."),
    ] = None,
    dask_local: Annotated[
        int | None,
        typer.Option("--dask-local", min=1, help="Start a local Dask cluster of N worker processes."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip files an earlier run of this table did.")
    ] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing table.")] = False,
    window: Annotated[float, typer.Option("--window", help="Window length in seconds (windows).")] = 300.0,
    step: Annotated[
        float | None, typer.Option("--step", help="Step between windows in seconds (default: the window).")
    ] = None,
    artifacts: Annotated[
        ArtifactMethod, typer.Option("--artifacts", help="Artefact detection (hrv, windows).")
    ] = "lipponen2019",
    preset: Annotated[
        HrvPreset, typer.Option("--preset", help="HRV settings preset (hrv, windows).")
    ] = "fibrokit",
    hrmax: Annotated[
        HrmaxFormula, typer.Option("--hrmax", help="Predicted maximum formula (exercise).")
    ] = "fox",
    cool_down: Annotated[
        CoolDown, typer.Option("--cool-down", help="What people did after the exercise test (exercise).")
    ] = "unknown",
) -> None:
    """Run one analysis over every file of SOURCE into one table: a row per file (or window), every metric."""
    cohort = _cohort()
    if scheduler and dask_local:
        raise InputError("give either --scheduler or --dask-local, not both")
    if scheduler:
        executor = cohort.Executor("dask", address=scheduler)
    else:
        executor = cohort.Executor("dask-local" if dask_local else "local", workers=dask_local or workers)
    settings = cohort.CohortSettings(
        artifact_method=artifacts,
        preset=preset,
        window_s=window,
        step_s=step,
        hrmax_formula=hrmax,
        cool_down=cool_down,
    )
    with ProgressBar(analysis, f"analysing on {executor.describe()}") as bar:
        summary = cohort.cohort_run(
            source,
            table,
            analysis=analysis,
            settings=settings,
            executor=executor,
            resume=resume,
            overwrite=overwrite,
            progress=bar.update,
        )
    skipped = f", {summary.skipped} already done" if summary.skipped else ""
    out.print(
        f"{summary.files} files: {summary.analysed} analysed{skipped}, {summary.failed} with an error "
        f"(see the error column); {summary.rows} rows written to {summary.table}",
        markup=False,
        soft_wrap=True,
    )
    if summary.failed and summary.failed >= summary.analysed and not summary.skipped:
        # The table records each file's error, so some errors are a result; none analysed at all is a failure.
        raise InputError(
            f"none of the {summary.files} files could be analysed: see the error column of {summary.table}"
        )


@cohort_app.command("compare")
def compare_command(
    table: Annotated[Path, typer.Argument(help="A table written by `fibrokit cohort run`.")],
    by: Annotated[str, typer.Option("--by", help="The column holding the groups.")] = "group",
    reference: Annotated[
        str | None, typer.Option("--reference", help="The group others are compared with (default: first).")
    ] = None,
    correction: Annotated[
        Correction, typer.Option("--correction", help="Multiple-comparison correction.")
    ] = "holm",
    prefix: Annotated[
        Path | None, typer.Option("--out", help="Write PREFIX.csv and PREFIX.html (default: TABLE-compare).")
    ] = None,
    figures: Annotated[int, typer.Option("--figures", min=0, help="Figures on the page.")] = 12,
) -> None:
    """Compare every metric between groups: summaries, effect sizes with CIs, corrected tests, figures."""
    cohort = _cohort()
    comparison = cohort.cohort_compare(table, by=by, reference=reference, correction=correction)
    stem = prefix if prefix is not None else table.with_name(table.stem + "-compare")
    csv_path, html_path = stem.with_name(stem.name + ".csv"), stem.with_name(stem.name + ".html")
    cohort.write_comparison(comparison, csv_path, html_path, figures=figures)
    print_comparison(comparison)
    console_note(f"every metric is in {csv_path}; the page with figures is {html_path}")


@cohort_app.command("simulate")
def simulate_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the recordings and manifest.csv to.")],
    scenario: Annotated[CohortScenario, typer.Option("--scenario", help="What everyone does.")] = "exercise",
    typical_count: Annotated[int, typer.Option("--typical", min=0, help="People in the typical group.")] = 20,
    fibromyalgia_count: Annotated[
        int, typer.Option("--fibromyalgia", min=0, help="People in the fibromyalgia-like group.")
    ] = 20,
    seed: Annotated[int, typer.Option("--seed", help="The same seed writes the same cohort.")] = 0,
) -> None:
    """Write a simulated cohort (typical and fibromyalgia-like people, RR files and a manifest)."""
    manifest = _cohort().cohort_simulate(
        out_dir,
        scenario=scenario,
        typical_count=typical_count,
        fibromyalgia_count=fibromyalgia_count,
        seed=seed,
    )
    analysis = {"day": "windows", "rest": "morning"}.get(scenario, scenario)
    extra = " --cool-down none" if scenario == "exercise" else ""
    results = out_dir / "results.parquet"
    out.print(f"wrote {typical_count + fibromyalgia_count} simulated recordings and {manifest}", markup=False)
    out.print(
        f"next: fibrokit cohort run {manifest} --analysis {analysis}{extra} --out {results}",
        markup=False,
        soft_wrap=True,
    )
    out.print(
        f"      fibrokit cohort compare {results} --by group --reference typical",
        markup=False,
        soft_wrap=True,
    )
    console_note(
        "these are simulated people, not patients; their differences are those the simulator was built with"
    )
