"""Cohort throughput: 24-hour RR recordings and FIT activities through ``cohort_run``, one worker and all.

Questions from the cohort issue:

1. 24-hour RR recordings (simulated days of typical and fibromyalgia-like people, written as RR text) through
   ``--analysis windows`` (5-minute windows side by side, Lipponen-Tarvainen artefact flagging, every metric):
   recordings per minute with one worker and with every core, and the scaling efficiency between them (goal:
   at least 1.7× on 2 cores). Times are wall-clock times of the whole ``cohort_run`` call, pool start-up,
   reading, hashing and the final table included.
2. FIT activities (copies of every FIT file in ``shared/data/fit``, including the broken and the non-activity
   ones, which become error rows) through ``--analysis hrv``: recordings per minute.
3. The peer: the same 24-hour cohort through a NeuroKit2 loop (``nk.hrv`` per 5-minute window, as one would
   write it in a notebook). ``nk.hrv`` is timed on a sample of windows spread over the cohort and the median
   multiplied by the number of windows (timing every window would take hours), plus the time to load the files.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIT = ROOT.parent / "shared" / "data" / "fit"
WINDOW_S = 300.0


def _write_days(folder: Path, count: int) -> list[Path]:
    from fibrokit.simulate import fibromyalgia_like, sample_population, simulate_day, typical

    people = sample_population(typical, count - count // 2, seed=1) + sample_population(
        fibromyalgia_like, count // 2, seed=2
    )
    files = []
    for number, person in enumerate(people, start=1):
        beats = simulate_day(person, seed=number).recording.beats
        assert beats is not None
        path = folder / f"day-{number:02d}.txt"
        path.write_text("\n".join(f"{rr:.0f}" for rr in beats.rr_ms) + "\n")
        files.append(path)
    return files


def _write_fits(folder: Path, copies: int) -> int:
    count = 0
    for source in sorted(FIT.glob("*.fit")):
        for copy in range(copies):
            shutil.copy(source, folder / f"{source.stem}-{copy}.fit")
            count += 1
    return count


def _idle_share(seconds: float = 1.0) -> float:
    """Share of the machine's CPU time that was idle over ``seconds`` (1.0 where /proc/stat is not there)."""

    def sample() -> tuple[int, int]:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]

    if not Path("/proc/stat").is_file():
        return 1.0
    total, idle = sample()
    time.sleep(seconds)
    total2, idle2 = sample()
    return (idle2 - idle) / max(1, total2 - total)


_BUSY_STARTS: list[str] = []


def _wait_until_quiet(limit_s: float = 300.0) -> None:
    """Scaling can only be measured on cores nobody else uses: wait (up to a limit) until the machine is idle."""
    deadline = time.monotonic() + limit_s
    while _idle_share() < 0.9:
        if time.monotonic() > deadline:
            _BUSY_STARTS.append("busy")
            return


def _run(folder: Path, analysis: str, workers: int) -> tuple[float, int, int]:
    """Wall time of one whole run, with its rows and failed files."""
    from fibrokit.cohort import CohortSettings, Executor, cohort_run

    _wait_until_quiet()
    start = time.perf_counter()
    summary = cohort_run(
        folder,
        folder.parent / f"{folder.name}-{workers}.parquet",
        analysis=analysis,
        settings=CohortSettings(window_s=WINDOW_S),
        executor=Executor("local", workers=workers),
        overwrite=True,
    )
    return time.perf_counter() - start, summary.rows, summary.failed


def _compare_workers(folder: Path, analysis: str, cores: int, repeats: int) -> tuple[float, float, int, int]:
    """Median wall times with one worker and with every core, runs interleaved so that any load from other
    processes on the machine falls on both alike; rows and failed files of a run."""
    _run(folder, analysis, 1)  # warm-up: the fork server starts once per process, not once per run
    one, every = [], []
    for _ in range(repeats):
        one.append(_run(folder, analysis, 1)[0])
        seconds, rows, failed = _run(folder, analysis, cores)
        every.append(seconds)
    return statistics.median(one), statistics.median(every), rows, failed


def _neurokit(files: list[Path], sample: int) -> tuple[float, int]:
    """Estimated seconds for NeuroKit2 to compute ``nk.hrv`` over every 5-minute window, and the window count."""
    import neurokit2 as nk

    start = time.perf_counter()
    series = [np.loadtxt(path) for path in files]
    loading = time.perf_counter() - start
    windows = [(i, k) for i, rr in enumerate(series) for k in range(int(rr.sum() / 1000 // WINDOW_S))]
    chosen = [windows[int(j)] for j in np.linspace(0, len(windows) - 1, sample)]
    per_window = []
    for index, k in chosen:
        rr = series[index]
        times = np.cumsum(rr) / 1000
        inside = (times >= k * WINDOW_S) & (times < (k + 1) * WINDOW_S)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            begin = time.perf_counter()
            nk.hrv({"RRI": rr[inside], "RRI_Time": times[inside]})
            per_window.append(time.perf_counter() - begin)
    return loading + statistics.median(per_window) * len(windows), len(windows)


def _neurokit_version() -> str:
    import neurokit2 as nk

    return str(nk.__version__)


def run(quick: bool = False) -> str:
    cores = os.cpu_count() or 1
    days, copies, repeats, sample = (4, 1, 1, 8) if quick else (8, 16, 3, 24)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "days").mkdir()
        (root / "fit").mkdir()
        files = _write_days(root / "days", days)
        fits = _write_fits(root / "fit", copies)
        one, every, rows, _ = _compare_workers(root / "days", "windows", cores, repeats)
        fit_one, fit_every, _, fit_failed = _compare_workers(root / "fit", "hrv", cores, repeats)
        peer, windows = _neurokit(files, sample)
    scaling = one / every
    lines = [
        "## Cohorts (issue 9)",
        "",
        f"24-hour RR recordings: {days} simulated days (half typical, half fibromyalgia-like), about 100,000 beats "
        f"each, written as RR text; `fibrokit cohort run --analysis windows` with 5-minute windows side by side "
        f"({rows} rows, every metric, Lipponen-Tarvainen artefact flagging). FIT: {fits} files ({copies} copies of "
        f"each FIT file in `shared/data/fit`, {fit_failed} of them error rows: broken, or without beat-to-beat "
        f"data) through `--analysis hrv`. Wall time of the whole run (pool start-up, reading, hashing, the final "
        f"table), median of {repeats} runs, one-worker and all-worker runs taking turns, after one warm-up run "
        "(the fork server that starts the workers is started once per process, about a second).",
        "",
        "| cohort | 1 worker | all workers | scaling |",
        "|---|---|---|---|",
        f"| 24-hour RR, windows | {one:.1f} s, **{60 * days / one:.1f} recordings/min** | {every:.1f} s with "
        f"{cores}, **{60 * days / every:.1f} recordings/min** | **{scaling:.2f}×** on {cores} cores "
        f"(goal ≥ 1.7×) |",
        f"| FIT activities, hrv | {fit_one:.1f} s, **{60 * fits / fit_one:.0f} recordings/min** | {fit_every:.1f} s, "
        f"**{60 * fits / fit_every:.0f} recordings/min** | {fit_one / fit_every:.2f}× |",
        "",
        f"Peer: NeuroKit2 {_neurokit_version()} `nk.hrv()` looped over the same {windows} windows, as a notebook "
        f"would (no artefact handling), timed on {sample} windows spread over the cohort and scaled: "
        f"{peer:.0f} s (estimated), **{peer / one:.0f}× slower** than fibrokit on one worker and "
        f"**{peer / every:.0f}×** slower than fibrokit on {cores}.",
        "",
        "Each timed run starts only once the machine has been idle for a second (other processes on the cores "
        "would make the scaling meaningless); "
        + (
            f"{len(_BUSY_STARTS)} run(s) had to start on a busy machine after waiting 5 minutes."
            if _BUSY_STARTS
            else "every run started on an idle machine."
        ),
    ]
    return "\n".join(lines)
