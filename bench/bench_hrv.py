"""HRV speed: fibrokit against NeuroKit2 on the 21-hour healthy-subject recording, in one run.

Two questions from the foundation issue:

1. The full windowed metric set (time + Welch + Lomb + Poincaré + SampEn + DFA α1) over 5-minute windows with a
   30-s step: fibrokit computes every window; NeuroKit2's ``hrv()`` is timed on an even sample of the same
   windows and the per-window median is multiplied by the number of windows (timing all 2,520 would take about
   13 minutes).
2. The whole-recording set (about 80,000 beats, SampEn and DFA included): fibrokit's time and peak memory, each
   measured in a fresh process; NeuroKit2's parts on the same input, each in its own process with a time limit.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

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
        start = time.perf_counter()
        beats = rr_flag_artifacts(recording.beats)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = hrv_windows(beats, window_s=300, step_s=30)
        timings.append(time.perf_counter() - start)
    for domain in ("time", "welch", "lomb", "nonlinear"):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hrv_windows(beats, window_s=300, step_s=30, domains=[domain])
        per_domain[domain] = time.perf_counter() - start
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
            begin = time.perf_counter()
            nk.hrv(intervals)
            full.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            nk.hrv_time(intervals)
            nk.hrv_frequency(intervals, psd_method="welch", interpolation_rate=4)
            nk.entropy_sample(rr[inside], dimension=2, tolerance=0.2 * np.std(rr[inside], ddof=1))
            nk.fractal_dfa(rr[inside], scale=np.arange(4, 17), overlap=False)
            subset.append(time.perf_counter() - begin)
    return statistics.median(full) * count, statistics.median(subset) * count


_WHOLE_FIBROKIT = """
import json, resource, time, warnings
from fibrokit import hrv, read, rr_flag_artifacts
beats = read({path!r}).beats
start = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    result = hrv(rr_flag_artifacts(beats))
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "beats": result.beats, "sampen": result["sampen"], "dfa_alpha1": result["dfa_alpha1"]}}))
"""

_WHOLE_NEUROKIT = """
import json, resource, time, warnings
import numpy as np
import neurokit2 as nk
rr = np.loadtxt({path!r})
intervals = {{"RRI": rr, "RRI_Time": np.cumsum(rr) / 1000}}
warnings.simplefilter("ignore")
start = time.perf_counter()
{call}
print(json.dumps({{"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

_NEUROKIT_PARTS = {
    "hrv_time": "nk.hrv_time(intervals)",
    "hrv_frequency (Welch, its default 100 Hz)": "nk.hrv_frequency(intervals)",
    "entropy_sample (m 2, r 0.2 SD)": "nk.entropy_sample(rr, dimension=2, tolerance=0.2 * np.std(rr, ddof=1))",
    "fractal_dfa (α1)": "nk.fractal_dfa(rr, scale=np.arange(4, 17), overlap=False)",
}


def _subprocess(code: str, limit_s: float) -> dict[str, float] | None:
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=limit_s, check=True
        )
    except subprocess.TimeoutExpired:
        return None
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(quick: bool = False) -> str:
    ours, windows, per_domain = _fibrokit_windows()
    neurokit_full, neurokit_subset = _neurokit_windows(windows, 8 if quick else 24)
    whole = _subprocess(_WHOLE_FIBROKIT.format(path=str(DATA)), 300)
    assert whole is not None
    lines = [
        "## HRV engine (issue: foundation)",
        "",
        f"Input: `shared/data/rr/healthy-000-ms.txt`, 80,441 RR intervals (21.1 h). Windows: 5 min, 30-s step: "
        f"{windows} windows. fibrokit computes every metric of every window (time, Welch, Lomb, Poincaré, "
        "sample and approximate entropy, DFA α1 and α2, stress), after Lipponen-Tarvainen artefact flagging; "
        f"median of 3 runs. NeuroKit2 {_neurokit_version()} is timed on {8 if quick else 24} windows spread over "
        "the recording and scaled to all windows.",
        "",
        "| windowed analysis | time | fibrokit is faster by |",
        "|---|---|---|",
        f"| fibrokit, every window, all metrics | {ours:.1f} s | — |",
        f"| NeuroKit2 `hrv()` looped over the windows | {neurokit_full:.0f} s (estimated) | "
        f"**{neurokit_full / ours:.0f}×** |",
        f"| NeuroKit2 matching subset looped (`hrv_time`, Welch at 4 Hz, `entropy_sample`, `fractal_dfa` α1) | "
        f"{neurokit_subset:.0f} s (estimated) | {neurokit_subset / ours:.0f}× |",
        "",
        "fibrokit per domain (all windows): "
        + ", ".join(f"{d} {t:.2f} s" for d, t in per_domain.items())
        + ".",
        "",
        "| whole recording (80,441 beats) | time | peak memory |",
        "|---|---|---|",
        f"| fibrokit `hrv()`, every metric incl. SampEn, ApEn, DFA, Lomb and Welch | {whole['seconds']:.2f} s | "
        f"{whole['peak_mb']:.0f} MB (whole process) |",
    ]
    for name, call in _NEUROKIT_PARTS.items():
        measured = _subprocess(_WHOLE_NEUROKIT.format(path=str(DATA), call=call), NEUROKIT_LIMIT_S)
        if measured is None:
            lines.append(f"| NeuroKit2 `{name}` | did not finish in {NEUROKIT_LIMIT_S} s | — |")
        else:
            lines.append(
                f"| NeuroKit2 `{name}` | {measured['seconds']:.2f} s | {measured['peak_mb']:.0f} MB |"
            )
    return "\n".join(lines) + "\n"


def _neurokit_version() -> str:
    import neurokit2

    return str(neurokit2.__version__)
