"""The real day-long records, file by file: fibrokit's whole-record HRV beside what a NeuroKit2 user computes.

Records: the 21-hour healthy-subject RR file and the three 24-hour PhysioNet NSR2DB annotation files. Both sides
get the same intervals (every interval of the file as read, no artefact handling, since a NeuroKit2 user working
from RR intervals has none), each side in a fresh process, the two in turn; reading and imports are start-up,
the work is timed apart (CPU). NeuroKit2 computes the functions a user would call for the metrics both compute:
``hrv_time``, ``hrv_frequency`` (its defaults), ``entropy_sample`` and ``entropy_approximate`` (m 2, r 0.2 SD)
and ``fractal_dfa`` (α1 over 4-16 beats, α2 over 16-64). fibrokit computes ``hrv()``, every metric it has
(time, Welch and Lomb spectra, Poincaré, SampEn, ApEn, DFA α1 and α2, stress indices). Before the figures are
kept, the metrics defined alike are compared (SDNN, RMSSD, pNN50, SampEn, ApEn), and DFA α1 and α2 apart.
"""

from __future__ import annotations

import json
from pathlib import Path

from _measure import REPORT, START, compile_source, load_note, measure_in_turn, python

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
RECORDS = (
    SHARED / "rr" / "healthy-000-ms.txt",
    SHARED / "physionet-nsr2db" / "nsr001.ecg",
    SHARED / "physionet-nsr2db" / "nsr004.ecg",
    SHARED / "physionet-nsr2db" / "nsr009.ecg",
)
NEUROKIT_LIMIT_S = 900
# fibrokit symbol -> NeuroKit2's name for the same definition.
COMPARED = {
    "sdnn_ms": "HRV_SDNN",
    "rmssd_ms": "HRV_RMSSD",
    "pnn50_pct": "HRV_pNN50",
    "sampen": "SampEn",
    "apen": "ApEn",
}
# Defined alike except for one rule (see the section's text): NeuroKit2 drops boxes without fluctuation.
DFA = {"dfa_alpha1": "DFA_alpha1", "dfa_alpha2": "DFA_alpha2"}

_READ = "import sys, json, warnings\nfrom fibrokit import read\nrr = read(sys.argv[1]).beats.rr_ms\n"

_OURS = (
    _READ
    + "from fibrokit import BeatSeries, hrv\nimport numpy as np\n"
    + START
    + "with warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n"
    "    result = hrv(BeatSeries.from_rr(rr))\n"
    f"print(json.dumps({{k: float(result[k]) for k in {[*COMPARED, *DFA]!r}}}))\n"
    "EXTRA = {'beats': float(rr.size)}\n" + REPORT
)

_THEIRS = (
    _READ
    + "import numpy as np\nimport neurokit2 as nk\nwarnings.simplefilter('ignore')\n"
    + START
    + "intervals = {'RRI': rr, 'RRI_Time': np.cumsum(rr) / 1000}\n"
    "t = nk.hrv_time(intervals)\nf = nk.hrv_frequency(intervals)\n"
    "r = 0.2 * np.std(rr, ddof=1)\n"
    "sampen, _ = nk.entropy_sample(rr, dimension=2, tolerance=r)\n"
    "apen, _ = nk.entropy_approximate(rr, dimension=2, tolerance=r)\n"
    "alpha1, _ = nk.fractal_dfa(rr, scale=np.arange(4, 17), overlap=False)\n"
    "alpha2, _ = nk.fractal_dfa(rr, scale=np.arange(16, 65), overlap=False)\n"
    "values = {c: float(t[c].iloc[0]) for c in ('HRV_SDNN', 'HRV_RMSSD', 'HRV_pNN50')}\n"
    "values.update(SampEn=float(sampen), ApEn=float(apen), DFA_alpha1=float(alpha1), DFA_alpha2=float(alpha2))\n"
    "print(json.dumps(values))\n" + REPORT
)


def _values(stdout: str) -> dict[str, float]:
    lines = [line for line in stdout.strip().splitlines() if line.startswith("{")]
    return dict(json.loads(lines[-2]))


def _largest_difference(
    ours: dict[str, float], theirs: dict[str, float], names: dict[str, str]
) -> tuple[float, str]:
    def relative(k: str) -> float:
        return abs(ours[k] - theirs[names[k]]) / max(abs(theirs[names[k]]), 1e-300)

    worst = max(names, key=relative)
    return relative(worst), worst


def run(quick: bool = False) -> str:
    compile_source()
    records = RECORDS[:2] if quick else RECORDS
    rows = []
    total_ours = total_theirs = 0.0
    for record in records:
        ours, theirs = measure_in_turn(
            [python(_OURS, str(record)), python(_THEIRS, str(record))], 1, timeout=NEUROKIT_LIMIT_S
        )
        mine, other = _values(ours.stdout), _values(theirs.stdout)
        difference, worst = _largest_difference(mine, other, COMPARED)
        dfa, dfa_worst = _largest_difference(mine, other, DFA)
        total_ours += ours.work_cpu_s
        total_theirs += theirs.work_cpu_s
        rows.append(
            f"| `{record.name}` | {int(ours.report['beats']):,} | {ours.work_cpu_s:.2f} | {theirs.work_cpu_s:.2f} | "
            f"**{theirs.work_cpu_s / ours.work_cpu_s:.1f}×** | {ours.peak_mib:.0f} | {theirs.peak_mib:.0f} | "
            f"{difference:.0e} ({worst}) | {dfa:.1e} ({dfa_worst}) |"
        )
    lines = [
        "## Real day-long records against NeuroKit2, file by file (issue 21)",
        "",
        f"The 21-hour healthy-subject RR file and the three 24-hour PhysioNet NSR2DB records. Both sides get the "
        "same intervals (every interval as read, no artefact handling), each in a fresh process, the two in turn, "
        "one run each; the work's CPU time is timed apart from start-up (imports and reading). NeuroKit2 "
        f"{_neurokit_version()} computes what a user would call for the metrics both have: `hrv_time`, "
        "`hrv_frequency` (its defaults: Welch at 100 Hz), `entropy_sample` and `entropy_approximate` (m 2, "
        "r 0.2 SD), `fractal_dfa` α1 (4-16 beats) and α2 (16-64). fibrokit computes `hrv()`: every metric it "
        "has (time, Welch and Lomb spectra, Poincaré, SampEn, ApEn, DFA α1 and α2, stress indices). Peak memory "
        "is each process's own. The last two columns are the largest relative difference between the two over "
        "the metrics defined alike (SDNN, RMSSD, pNN50, SampEn, ApEn), and over DFA α1 and α2, where the "
        "definitions part in one rule: NeuroKit2 leaves out boxes whose detrended variance is (numerically) "
        "zero, while fibrokit, as Peng et al. (1995) define the method, keeps them as boxes without fluctuation. "
        "Day-long records in whole milliseconds hold runs of equal intervals that make such boxes, so there the "
        "exponents differ by a few thousandths; on records without them they agree to 1e-9 "
        "(tests/reference). " + load_note(),
        "",
        "| record | intervals | fibrokit CPU (s) | NeuroKit2 CPU (s) | fibrokit faster by | fibrokit peak (MiB) "
        "| NeuroKit2 peak (MiB) | largest difference | DFA difference |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Over the {len(records)} records: fibrokit {total_ours:.2f} s, NeuroKit2 {total_theirs:.2f} s of CPU "
        f"(**{total_theirs / total_ours:.1f}×**), fibrokit computing more metrics (Lomb spectra, Poincaré, "
        "stress indices) besides.",
    ]
    return "\n".join(lines) + "\n"


def _neurokit_version() -> str:
    import neurokit2

    return str(neurokit2.__version__)
