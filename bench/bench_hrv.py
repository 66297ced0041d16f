"""HRV speed: fibrokit against NeuroKit2 on the 21-hour healthy-subject recording, in one run.

Two questions from the foundation issue:

1. The full windowed metric set (time + Welch + Lomb + Poincaré + SampEn + DFA α1) over 5-minute windows with a
   30-s step: fibrokit computes every window; NeuroKit2's ``hrv()`` is timed on an even sample of the same
   windows and the per-window median is multiplied by the number of windows (timing all 2,520 would take about
   13 minutes).
2. The whole-recording set (about 80,000 beats, SampEn and DFA included): fibrokit's time and peak memory, each
   measured in a fresh process; NeuroKit2's parts on the same input, each in its own process with a time limit.
3. Windows as a command and from 6 hours to 7 days, each in a fresh process whose peak memory is its own.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from _measure import REPORT, START, compile_source, load_note, measure, python
from fibrokit.hrv.hrv_window_chunks import CHUNK_WINDOWS
from fibrokit.hrv.hrv_window_stream import STREAM_CHUNK_WINDOWS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "rr" / "healthy-000-ms.txt"
NEUROKIT_LIMIT_S = 600


def _fibrokit_windows() -> tuple[float, int, dict[str, float]]:
    from fibrokit import hrv_windows, read, rr_flag_artifacts

    recording = read(DATA)
    assert recording.beats is not None
    timings = []
    per_domain: dict[str, float] = {}
    for _ in range(3):
        start = time.process_time()
        beats = rr_flag_artifacts(recording.beats)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = hrv_windows(beats, window_s=300, step_s=30)
        timings.append(time.process_time() - start)
    for domain in ("time", "welch", "lomb", "nonlinear"):
        start = time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hrv_windows(beats, window_s=300, step_s=30, domains=[domain])
        per_domain[domain] = time.process_time() - start
    return statistics.median(timings), len(table), per_domain


def _neurokit_windows(count: int, sample: int) -> tuple[float, float]:
    import neurokit2 as nk

    rr = np.loadtxt(DATA)
    times = np.cumsum(rr) / 1000
    starts = np.linspace(0, (count - 1) * 30, sample)
    full, subset = [], []
    for start in starts:
        inside = (times >= start) & (times < start + 300)
        intervals = {"RRI": rr[inside], "RRI_Time": times[inside]}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            begin = time.process_time()
            nk.hrv(intervals)
            full.append(time.process_time() - begin)
            begin = time.process_time()
            nk.hrv_time(intervals)
            nk.hrv_frequency(intervals, psd_method="welch", interpolation_rate=4)
            nk.entropy_sample(rr[inside], dimension=2, tolerance=0.2 * np.std(rr[inside], ddof=1))
            nk.fractal_dfa(rr[inside], scale=np.arange(4, 17), overlap=False)
            subset.append(time.process_time() - begin)
    return statistics.median(full) * count, statistics.median(subset) * count


_WHOLE_FIBROKIT = (
    "import sys, warnings\nfrom fibrokit import hrv, read, rr_flag_artifacts\nbeats = read(sys.argv[1]).beats\n"
    "import scipy.spatial\n"  # imports belong to start-up, not to the work (its entropies of long series)
    + START
    + "with warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n"
    "    result = hrv(rr_flag_artifacts(beats))\n"
    "EXTRA = {'beats': float(result.beats), 'sampen': result['sampen'], 'dfa_alpha1': result['dfa_alpha1']}\n"
    + REPORT
)


def _whole_neurokit(call: str) -> str:
    return (
        "import sys, warnings\nimport numpy as np\nimport neurokit2 as nk\nrr = np.loadtxt(sys.argv[1])\n"
        "intervals = {'RRI': rr, 'RRI_Time': np.cumsum(rr) / 1000}\nwarnings.simplefilter('ignore')\n"
        + START
        + call
        + "\n"
        + REPORT
    )


_NEUROKIT_PARTS = {
    "hrv_time": "nk.hrv_time(intervals)",
    "hrv_frequency (Welch, its default 100 Hz)": "nk.hrv_frequency(intervals)",
    "entropy_sample (m 2, r 0.2 SD)": "nk.entropy_sample(rr, dimension=2, tolerance=0.2 * np.std(rr, ddof=1))",
    "fractal_dfa (α1)": "nk.fractal_dfa(rr, scale=np.arange(4, 17), overlap=False)",
}

# Windows of one recording in a fresh process, as `fibrokit hrv FILE --window 300 --step 30 --out` computes them:
# the file read as a stream of blocks (checked, artefacts flagged, the NN range found, then the windows), holding
# a byte a beat. A short stream is analysed once before the clock starts, so first-call costs (imports inside
# functions) count as start-up; what is timed is everything done with the file, reading included.
_WINDOWS = (
    "import sys, warnings\nfrom pathlib import Path\nimport numpy as np\n"
    "from fibrokit.hrv.hrv_window_stream import hrv_window_stream\n"
    "from fibrokit.readers.rr_column import rr_column\n"
    "warm = 800 + 40 * np.sin(np.arange(3000) / 4)\n"
    "with warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n"
    "    for _ in hrv_window_stream(lambda: [warm], window_s=300, step_s=30).chunks():\n        pass\n"
    + START
    + "n = 0\nwith warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n"
    "    run = hrv_window_stream(rr_column(Path(sys.argv[1])).blocks, window_s=300, step_s=30)\n"
    "    for chunk in run.chunks():\n        n += len(chunk)\n"
    "EXTRA = {'windows': float(n), 'beats': float(run.beats)}\n" + REPORT
)


def _lengths(folder: Path) -> dict[str, Path]:
    """6 hours (the record's start), the 21-hour record, and 7 days (eight copies of it end to end)."""
    rr = np.loadtxt(DATA)
    six = folder / "rr-6h.txt"
    np.savetxt(six, rr[np.cumsum(rr) / 1000 <= 6 * 3600], fmt="%g")
    week = folder / "rr-7days.txt"
    week.write_text(DATA.read_text(encoding="utf-8") * 8, encoding="utf-8")
    return {"6 h": six, "21 h": DATA, "7 days": week}


def run(quick: bool = False) -> str:
    compile_source()
    ours, windows, per_domain = _fibrokit_windows()
    neurokit_full, neurokit_subset = _neurokit_windows(windows, 8 if quick else 24)
    with tempfile.TemporaryDirectory() as folder:
        lengths = _lengths(Path(folder))
        command = measure(
            [
                sys.executable,
                "-m",
                "fibrokit",
                "hrv",
                str(DATA),
                "--window",
                "300",
                "--step",
                "30",
                "--out",
                str(Path(folder) / "windows.csv"),
            ],
            1 if quick else 3,
        )
        scaling = {name: measure(python(_WINDOWS, str(path)), 1) for name, path in lengths.items()}
    whole = measure(python(_WHOLE_FIBROKIT, str(DATA)), 1 if quick else 3, timeout=300)
    lines = [
        "## HRV engine (issues: foundation, 21)",
        "",
        f"Input: `shared/data/rr/healthy-000-ms.txt`, 80,441 RR intervals (21.1 h). Windows: 5 min, 30-s step: "
        f"{windows} windows. fibrokit computes every metric of every window (time, Welch, Lomb, Poincaré, "
        "sample and approximate entropy, DFA α1 and α2, stress), after Lipponen-Tarvainen artefact flagging, "
        f"{CHUNK_WINDOWS} windows at a time; CPU time, median of 3 runs. NeuroKit2 {_neurokit_version()} is "
        "timed (CPU) on "
        f"{8 if quick else 24} windows spread over the recording and scaled to all windows. " + load_note(),
        "",
        "| windowed analysis | time | fibrokit is faster by |",
        "|---|---|---|",
        f"| fibrokit, every window, all metrics (in one process) | {ours:.1f} s | — |",
        f"| NeuroKit2 `hrv()` looped over the windows | {neurokit_full:.0f} s (estimated) | "
        f"**{neurokit_full / ours:.0f}×** |",
        f"| NeuroKit2 matching subset looped (`hrv_time`, Welch at 4 Hz, `entropy_sample`, `fractal_dfa` α1) | "
        f"{neurokit_subset:.0f} s (estimated) | {neurokit_subset / ours:.0f}× |",
        "",
        "fibrokit per domain (all windows): "
        + ", ".join(f"{d} {t:.2f} s" for d, t in per_domain.items())
        + ".",
        "",
        "As a command, `fibrokit hrv healthy-000-ms.txt --window 300 --step 30 --out windows.csv` (start-up, "
        f"the file read as a stream, artefact flagging, every window, the CSV written as the windows come): **{command.cpu_s:.2f} s** "
        f"of CPU ({command.wall_s:.2f} s wall), peak memory **{command.peak_mib:.0f} MiB**.",
        "",
        "Length against cost, each in a fresh process, as the command reads a one-column RR file: as a stream of "
        "blocks, gone through four times (values checked, artefacts flagged, the range of NN intervals, then the "
        f"windows, {STREAM_CHUNK_WINDOWS} at a time), holding one byte a beat (its flag). CPU of everything done "
        "with the file, reading included; peak of the whole process:",
        "",
        "| recording | beats | windows | CPU (s) | per window (ms) | peak memory (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in scaling.items():
        per = 1000 * f.work_cpu_s / f.report["windows"]
        lines.append(
            f"| {name} | {int(f.report['beats']):,} | {int(f.report['windows']):,} | {f.work_cpu_s:.2f} | "
            f"{per:.3f} | {f.peak_mib:.0f} |"
        )
    first, day, last = scaling["6 h"], scaling["21 h"], scaling["7 days"]
    ratio = (last.work_cpu_s / last.report["windows"]) / (first.work_cpu_s / first.report["windows"])
    lines += [
        "",
        f"Cost per window from 6 hours to 7 days: ×{ratio:.2f} (a short stream is analysed once before the clock "
        "starts, so first-call costs count as start-up). Memory: the blocks read, the beats the windows in hand "
        "cover and each chunk's working memory are the same for any length; what grows is the flags, one byte a "
        f"beat ({last.report['beats'] / 2**20:.1f} MiB for the week against {day.report['beats'] / 2**20:.1f} MiB "
        f"for the 21 hours). 7 days peak {last.peak_mib - day.peak_mib:.0f} MiB above the 21-hour run "
        f"(×{last.peak_mib / day.peak_mib:.2f}).",
        "",
        "| whole recording (80,441 beats) | start-up CPU (s) | work CPU (s) | work wall (s) | peak memory (MiB) |",
        "|---|---|---|---|---|",
        f"| fibrokit `hrv()`, every metric incl. SampEn, ApEn, DFA, Lomb and Welch | {whole.startup_cpu_s:.2f} | "
        f"{whole.work_cpu_s:.2f} | {whole.work_wall_s:.2f} | {whole.peak_mib:.0f} |",
    ]
    for name, call in _NEUROKIT_PARTS.items():
        try:
            f = measure(python(_whole_neurokit(call), str(DATA)), 1, timeout=NEUROKIT_LIMIT_S)
        except subprocess.TimeoutExpired:
            lines.append(f"| NeuroKit2 `{name}` | did not finish in {NEUROKIT_LIMIT_S} s | — | — | — |")
            continue
        lines.append(
            f"| NeuroKit2 `{name}` | {f.startup_cpu_s:.2f} | {f.work_cpu_s:.2f} | {f.work_wall_s:.2f} | "
            f"{f.peak_mib:.0f} |"
        )
    lines += [
        "",
        "Peak memory is each process's own, imports included (Python, NumPy and, for fibrokit's whole-record "
        "entropies, SciPy's spatial module; NeuroKit2 imports more).",
    ]
    return "\n".join(lines) + "\n"


def _neurokit_version() -> str:
    import neurokit2

    return str(neurokit2.__version__)
