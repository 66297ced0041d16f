"""Measure the camera reading's accuracy on synthetic fingertip videos made from real RR segments.

Run from the project root: ``PYTHONPATH=src python bench/ppg_accuracy.py``. It prints a Markdown table of heart
rate and ln RMSSD errors against the truth (the same morning-reading pipeline on the RR series itself) for clean
videos and for videos with movement, a half-covered lens or more sensor noise; ``docs/camera-reading.md`` quotes
its output. Segments: 2-minute stretches of ``../shared/data`` (a day-long healthy Holter RR record, every 15
minutes, and a Polar rest file); "sinus" segments are those whose own intervals are at least 98 % normal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.protocols import morning_reading, ppg_reading
from fibrokit.records import BeatSeries, Recording
from fibrokit.simulate import simulate_ppg_video

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CONDITIONS: dict[str, dict[str, Any]] = {
    "clean": {},
    "sensor noise ×3": {"noise": 0.15},
    "1 movement burst": {"motion_bursts": 1},
    "3 movement bursts": {"motion_bursts": 3},
    "half-covered lens": {"coverage": 0.5},
    "half-covered + 2 bursts": {"coverage": 0.5, "motion_bursts": 2},
    "no finger": {"finger": False},
}


def segments() -> list[tuple[np.ndarray, float]]:
    """(RR segment, share of normal intervals in its truth)."""
    found = []
    for name, step in (("rr/healthy-000-ms.txt", 900.0), ("polar/rest_rri.txt", 120.0)):
        rr = np.loadtxt(DATA / name, usecols=0)
        ends = np.cumsum(rr) / 1000.0
        start = 0.0
        while start + 120.0 <= ends[-1]:
            segment = rr[(ends >= start) & (ends < start + 120.0)]
            hrv = morning_reading(Recording(beats=BeatSeries.from_rr(segment))).hrv
            found.append((segment, hrv.normal_share if hrv else 0.0))
            start += step
    return found


def main() -> None:
    chosen = segments()
    print(f"{len(chosen)} segments, {sum(ns >= 0.98 for _, ns in chosen)} in sinus rhythm (≥ 98 % normal)\n")
    print(
        "| condition | segments | refused | HR error, max (bpm) | ln RMSSD error, median | max | outside bounds |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, conditions in CONDITIONS.items():
        for group, members in (
            ("sinus", [s for s, ns in chosen if ns >= 0.98]),
            ("all", [s for s, _ in chosen]),
        ):
            hr, ln, refused = [], [], 0
            for seed, rr in enumerate(members):
                truth = morning_reading(Recording(beats=BeatSeries.from_rr(rr)))
                clip = simulate_ppg_video(rr, seed=seed, **conditions)
                try:
                    camera = ppg_reading(clip.times_s, clip.red, clip.green)
                except InsufficientData:
                    refused += 1
                    continue
                hr.append(abs(camera["resting_hr_bpm"] - truth["resting_hr_bpm"]))
                ln.append(abs(camera["ln_rmssd"] - truth["ln_rmssd"]))
            outside = sum(h > 1.0 or e > 0.1 for h, e in zip(hr, ln, strict=True))
            cells = (
                [f"{max(hr):.2f}", f"{np.median(ln):.3f}", f"{max(ln):.3f}", str(outside)]
                if hr
                else ["–"] * 4
            )
            print(f"| {label} ({group}) | {len(members)} | {refused} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
