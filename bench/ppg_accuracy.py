"""Measure the camera reading's accuracy on synthetic fingertip videos made from real RR segments.

Run from the project root: ``PYTHONPATH=src python bench/ppg_accuracy.py``. For each condition (clean video,
more sensor noise, movement, a half-covered lens, no finger) it prints a Markdown table of refusals and of
heart-rate and ln RMSSD errors of the readings that were accepted, compared two ways with the truth:

* **same beats**: the true RR series and the camera series, each through the morning reading's artefact
  classification, with the same heartbeats set aside on both sides (``ppg_video_truth``). This is the
  camera's own error on the beats it reports, and the bound the tests hold.
* **whole segment**: the stored camera reading against the morning reading of the whole true segment, each with
  its own artefact classification. It adds what the camera leaves out (movement) and borderline beats (often
  around an ectopic beat) that the classifier keeps on one side and sets aside on the other.

Two sets of segments, chosen before any threshold was set (two flaws of the analysis were found on the held-out
set, see docs/camera-reading.md; no threshold was tuned on it):

* **bench**: 2-minute stretches of ``../shared/data``'s day-long healthy Holter RR record (every 15 minutes) and
  its Polar rest file (every 2 minutes); seeds 0, 1, 2, ...
* **held out**: three other people's 24-hour records (PhysioNet nsr2db nsr001, nsr004, nsr009, every 45 minutes)
  and the Holter record half-way between the bench's segments (7.5 minutes later, every 30 minutes); seeds from
  1000.

"Sinus" segments are those whose own intervals are at least 98 % normal. "Outside" counts accepted readings off
by more than 1 bpm or 0.1 in ln RMSSD.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from fibrokit.beats import ppg_beats
from fibrokit.errors import FibrokitWarning, InsufficientData
from fibrokit.protocols import ProtocolResult, morning_reading, ppg_reading
from fibrokit.readers import read_mit_annotations
from fibrokit.records import BeatSeries, Recording
from fibrokit.simulate import ppg_video_truth, simulate_ppg_video

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEGMENT_S = 120.0
CONDITIONS: dict[str, dict[str, Any]] = {
    "clean": {},
    "sensor noise ×3": {"noise": 0.15},
    "1 movement burst": {"motion_bursts": 1},
    "3 movement bursts": {"motion_bursts": 3},
    "half-covered lens": {"coverage": 0.5},
    "half-covered + 2 bursts": {"coverage": 0.5, "motion_bursts": 2},
    "no finger": {"finger": False},
}


def _cut(rr: np.ndarray, first_s: float, step_s: float) -> Iterator[np.ndarray]:
    ends = np.cumsum(rr) / 1000.0
    start = first_s
    while start + SEGMENT_S <= ends[-1]:
        yield rr[(ends >= start) & (ends < start + SEGMENT_S)]
        start += step_s


def _scored(rr: np.ndarray) -> ProtocolResult:
    return morning_reading(Recording(beats=BeatSeries.from_rr(rr), source_name="truth"))


def bench_segments() -> list[tuple[np.ndarray, float]]:
    """(RR segment, share of normal intervals in its truth) of the bench set."""
    found = []
    for name, step in (("rr/healthy-000-ms.txt", 900.0), ("polar/rest_rri.txt", 120.0)):
        for segment in _cut(np.loadtxt(DATA / name, usecols=0), 0.0, step):
            hrv = _scored(segment).hrv
            found.append((segment, hrv.normal_share if hrv else 0.0))
    return found


def held_out_segments() -> list[tuple[np.ndarray, float]]:
    """(RR segment, normal share) of the held-out set: other people, and Holter stretches the bench never saw."""
    found = []
    sources: list[tuple[np.ndarray, float, float]] = [
        (np.loadtxt(DATA / "rr" / "healthy-000-ms.txt", usecols=0), 450.0, 1800.0)
    ]
    for record in ("nsr001", "nsr004", "nsr009"):
        beats = read_mit_annotations(DATA / "physionet-nsr2db" / f"{record}.ecg").beats
        if beats is not None:
            sources.append((np.asarray(beats.rr_ms), 0.0, 2700.0))
    for rr, first, step in sources:
        for segment in _cut(rr, first, step):
            if segment.size and segment.min() > 250.0 and segment.max() < 2500.0:
                hrv = _scored(segment).hrv
                found.append((segment, hrv.normal_share if hrv else 0.0))
    return found


def _errors(rr: np.ndarray, seed: int, conditions: dict[str, Any]) -> tuple[float, ...] | None:
    """(HR, ln RMSSD) errors on the same beats, then against the whole segment; None when refused."""
    clip = simulate_ppg_video(rr, seed=seed, **conditions)
    try:
        camera = ppg_reading(clip.times_s, clip.red, clip.green)
    except InsufficientData:
        return None
    truth_beats, camera_beats = ppg_video_truth(clip, ppg_beats(clip.times_s, clip.red, clip.green).beats)
    same_truth = morning_reading(Recording(beats=truth_beats), artifact_method="none")
    same_camera = morning_reading(Recording(beats=camera_beats), artifact_method="none")
    whole = _scored(rr)
    return (
        same_camera["resting_hr_bpm"] - same_truth["resting_hr_bpm"],
        same_camera["ln_rmssd"] - same_truth["ln_rmssd"],
        camera["resting_hr_bpm"] - whole["resting_hr_bpm"],
        camera["ln_rmssd"] - whole["ln_rmssd"],
    )


def _cells(errors: list[tuple[float, ...]], first: int) -> list[str]:
    if not errors:
        return ["–"] * 4
    hr = np.abs([e[first] for e in errors])
    ln = np.abs([e[first + 1] for e in errors])
    outside = int(np.sum((hr > 1.0) | (ln > 0.1)))
    return [f"{hr.max():.2f}", f"{np.median(ln):.3f}", f"{ln.max():.3f}", str(outside)]


def table(label: str, chosen: list[tuple[np.ndarray, float]], first_seed: int) -> None:
    sinus = sum(ns >= 0.98 for _, ns in chosen)
    print(f"\n**{label}**: {len(chosen)} segments, {sinus} in sinus rhythm (≥ 98 % normal)\n")
    print(
        "| condition | segments | refused | same beats: HR error max (bpm) | ln RMSSD error median | max "
        "| outside | whole segment: HR error max | ln RMSSD median | max | outside |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, conditions in CONDITIONS.items():
        results = [(ns >= 0.98, _errors(rr, first_seed + i, conditions)) for i, (rr, ns) in enumerate(chosen)]
        for group, keep in (("sinus", True), ("all", False)):
            chosen_results = [e for s, e in results if s or not keep]
            accepted = [e for e in chosen_results if e is not None]
            refused = len(chosen_results) - len(accepted)
            cells = _cells(accepted, 0) + _cells(accepted, 2)
            print(f"| {name} ({group}) | {len(chosen_results)} | {refused} | " + " | ".join(cells) + " |")


def main() -> None:
    warnings.simplefilter("ignore", FibrokitWarning)  # short segments: entropy measures are NaN, as expected
    which = sys.argv[1:] or ["bench", "held-out"]
    if "bench" in which:
        table("Bench set", bench_segments(), 0)
    if "held-out" in which:
        table("Held-out set", held_out_segments(), 1000)


if __name__ == "__main__":
    main()
