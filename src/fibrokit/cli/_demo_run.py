"""The demo: simulate a typical and a fibromyalgia-like person, write their recordings, analyse them."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from fibrokit._atomic import write_text_atomic
from fibrokit.beats import rr_flag_artifacts
from fibrokit.hrv import METRICS, hrv
from fibrokit.readers import read
from fibrokit.simulate import fibromyalgia_like, simulate_rest, typical

_SHOWN = (
    "mean_hr_bpm",
    "rmssd_ms",
    "ln_rmssd",
    "sdnn_ms",
    "hf_welch_ms2",
    "lf_welch_ms2",
    "sd1_ms",
    "sampen",
    "dfa_alpha1",
    "pns_style_index",
)


def run_demo(out_dir: Path) -> Iterator[str]:
    """Run the demo, yielding the lines to show; files go to ``out_dir``."""
    yield "fibrokit demo: two simulated people, a 5-minute resting reading each (simulated, not real people)."
    results = {}
    for profile in (typical(), fibromyalgia_like()):
        simulation = simulate_rest(profile, duration_s=300.0, seed=7)
        assert simulation.recording.beats is not None
        path = out_dir / f"{profile.name}-rest-rr.txt"
        write_text_atomic(path, "\n".join(f"{v:.0f}" for v in simulation.recording.beats.rr_ms) + "\n")
        recording = read(path)  # analyse the file as a person's own export would be analysed
        assert recording.beats is not None
        results[profile.name] = hrv(rr_flag_artifacts(recording.beats), artifact_method="lipponen2019")
        yield f"  wrote {path}"
    names = list(results)
    rows = ["metric," + ",".join(names)]
    yield ""
    yield f"{'metric':34s}" + "".join(f"{n:>20s}" for n in names)
    for symbol in _SHOWN:
        info = METRICS[symbol]
        values = [results[n][symbol] for n in names]
        shown = "".join(f"{v:>20.3g}" if math.isfinite(v) else f"{'–':>20s}" for v in values)
        yield f"{info.name + (f' ({info.unit})' if info.unit else ''):34s}{shown}"
        rows.append(f"{symbol}," + ",".join(repr(v) for v in values))
    summary = write_text_atomic(out_dir / "hrv-summary.csv", "\n".join(rows) + "\n")
    yield ""
    yield f"Summary table: {summary}"
    yield "Analyse your own RR file with:  fibrokit hrv YOUR_FILE.txt  (add --window 300 for 5-minute windows)"
    yield "fibrokit informs; it does not diagnose. Group differences in the literature are not a diagnosis."
