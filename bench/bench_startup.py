"""Start-up: what a person waits for before a command does anything, and a FIT file read from a fresh process.

Every row is a fresh process measured by :mod:`_measure` (its own CPU time, wall time and peak memory, medians of
several runs, bytecode already compiled as after ``pip install``). The FIT rows put ``fibrokit inspect`` on the
1 MB file beside garmin-fit-sdk decoding the same file in a fresh interpreter; the Python rows report the
interpreter and imports (start-up) apart from the decoding (work).
"""

from __future__ import annotations

import sys
from pathlib import Path

from _measure import REPORT, START, Figures, compile_source, load_note, measure, measure_in_turn, python

ROOT = Path(__file__).resolve().parent.parent
FIT_FILE = ROOT.parent / "shared" / "data" / "fit" / "activity-large-fenxi2-multisport.fit"
CLI = [sys.executable, "-m", "fibrokit"]

_SDK = (
    "import sys\nfrom garmin_fit_sdk import Decoder, Stream\n"
    + START
    + "messages, errors = Decoder(Stream.from_file(sys.argv[1])).read()\n"
    + "EXTRA = {'records': float(len(messages['record_mesgs']))}\n"
    + REPORT
)
_OURS = (
    "import sys\nfrom fibrokit.readers import read\n"
    + START
    + "recording = read(sys.argv[1])\n"
    + "EXTRA = {'records': float(next(iter(recording.channels.values())).values.size)}\n"
    + REPORT
)


def _row(name: str, f: Figures, note: str = "") -> str:
    return f"| {name} | {f.cpu_s:.3f} | {f.wall_s:.3f} | {f.peak_mib:.0f} |{note}"


def run(quick: bool = False) -> str:
    runs = 3 if quick else 7
    compile_source()
    floor = measure(python("pass"), runs)
    package = measure(python("import fibrokit"), runs)
    help_ = measure([*CLI, "--help"], runs)
    version = measure([*CLI, "--version"], runs)
    # The FIT rows take turns, so all three see the same load on the shared machine.
    sdk, ours, inspect = measure_in_turn(
        [python(_SDK, str(FIT_FILE)), python(_OURS, str(FIT_FILE)), [*CLI, "inspect", str(FIT_FILE)]], runs
    )
    assert sdk.report["records"] == ours.report["records"]
    size = FIT_FILE.stat().st_size / 1e6
    lines = [
        "## Start-up and a FIT file from a fresh process (issue 21)",
        "",
        f"Each row is a fresh process: CPU time (user + system), wall time and that process's own peak memory "
        f"(from `/usr/bin/time`, which a test shows does not inherit the benchmark's peak), medians of {runs} "
        "runs, bytecode compiled beforehand as `pip install` does. " + load_note(),
        "",
        "| command | CPU (s) | wall (s) | peak memory (MiB) |",
        "|---|---|---|---|",
        _row("`python -c pass` (the interpreter alone)", floor),
        _row("`python -c 'import fibrokit'`", package),
        _row("`fibrokit --version`", version),
        _row("`fibrokit --help`", help_),
        _row(f"`fibrokit inspect {FIT_FILE.name}` ({size:.2f} MB)", inspect),
        "",
        f"`import fibrokit` loads only the version: **{package.cpu_s - floor.cpu_s:.3f} s** of CPU beyond the "
        "bare interpreter. Every public name is imported on first use, SciPy inside the functions that need it, "
        "and each command imports its own work, so `--help` loads neither SciPy, matplotlib, SQLAlchemy, "
        "FastAPI, Plotly nor pandas (a test checks it).",
        "",
        f"### Reading `{FIT_FILE.name}` in a fresh process ({int(sdk.report['records']):,} records)",
        "",
        "| reader | CPU total (s) | start-up CPU (s) | decoding CPU (s) | decoding wall (s) | peak memory (MiB) |",
        "|---|---|---|---|---|---|",
        f"| garmin-fit-sdk `Decoder.read()` | {sdk.cpu_s:.3f} | {sdk.startup_cpu_s:.3f} | {sdk.work_cpu_s:.3f} | "
        f"{sdk.work_wall_s:.3f} | {sdk.peak_mib:.0f} |",
        f"| fibrokit `read()` | {ours.cpu_s:.3f} | {ours.startup_cpu_s:.3f} | {ours.work_cpu_s:.3f} | "
        f"{ours.work_wall_s:.3f} | {ours.peak_mib:.0f} |",
        f"| `fibrokit inspect` (the whole command, table printed) | {inspect.cpu_s:.3f} | — | — | — | "
        f"{inspect.peak_mib:.0f} |",
        "",
        f"In a fresh process, `fibrokit inspect` takes **{sdk.cpu_s / inspect.cpu_s:.1f}×** less CPU than the "
        f"SDK decoding the same file (wall time {sdk.wall_s / inspect.wall_s:.1f}×); reading alone from Python "
        f"is {sdk.cpu_s / ours.cpu_s:.1f}× (decoding alone {sdk.work_cpu_s / ours.work_cpu_s:.0f}×). The "
        "command imports its own module and the FIT reader only; Pydantic (which Typer would load to convert "
        "the file names) and Rich (the table is plain text when the output is not a terminal) are not loaded, "
        "and it ends as soon as its output is flushed, without the interpreter's teardown (so it takes less CPU "
        "than `read()` from a Python script, which has it). What remains of its start-up is the interpreter, "
        "NumPy and Typer.",
    ]
    return "\n".join(lines) + "\n"
