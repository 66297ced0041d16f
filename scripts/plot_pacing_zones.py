"""Draw docs/images/pacing-zones.png: zones with and without hysteresis and dwell, and how load accrues.

Run after changing the zone or load model:
    .venv/bin/python scripts/plot_pacing_zones.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fibrokit.pacing import PaceZone, pace_load, pace_thresholds, pace_zones  # noqa: E402
from fibrokit.records import BeatSeries  # noqa: E402

OUT = ROOT / "docs" / "images" / "pacing-zones.png"
COLOURS = {PaceZone.REST: "#e8eef4", PaceZone.ACTIVE: "#9ec5e8", PaceZone.OVER: "#e8877d"}


def _beats(hr: np.ndarray, step_s: float = 0.05) -> BeatSeries:
    integral = np.concatenate(([0.0], np.cumsum(hr[:-1] / 60.0 * step_s)))
    times = np.interp(np.arange(1.0, integral[-1]), integral, np.arange(hr.size) * step_s)
    return BeatSeries.from_rr(np.round(np.diff(times) * 1000.0), start_s=float(times[0]))


def _trace() -> np.ndarray:
    t = np.arange(0.0, 600.0, 0.05)
    rng = np.random.default_rng(4)
    hr = (
        78
        + 14 * np.clip((t - 60) / 120, 0, 1)
        + 2.0 * np.sin(2 * np.pi * t / 9)
        + 1.2 * np.sin(2 * np.pi * t / 4)
    )
    hr += np.where(
        (t > 330) & (t < 480), 22 * np.clip((t - 330) / 30, 0, 1) * np.clip((480 - t) / 30, 0, 1), 0
    )
    return hr + np.convolve(rng.normal(0, 0.8, t.size), np.ones(40) / 40, mode="same")


def _shade(ax: plt.Axes, times: np.ndarray, zones: np.ndarray) -> None:
    for i in range(times.size - 1):
        ax.axvspan(times[i] / 60, times[i + 1] / 60, color=COLOURS[PaceZone(int(zones[i]))], lw=0)


def main() -> None:
    lines = pace_thresholds(80, threshold_bpm=92, ceiling_bpm=105)
    beats = _beats(_trace())
    naive = pace_zones(beats, lines, dwell_s=0.0, hysteresis_bpm=0.0)
    kept = pace_zones(beats, lines)
    fig, axes = plt.subplots(3, 1, figsize=(9, 8.5), sharex=False, gridspec_kw={"height_ratios": [1, 1, 1]})
    for ax, trace, title in (
        (
            axes[0],
            naive,
            f"Zones on a bare threshold: {len(naive.changes) - 1} changes (the flicker people complain of)",
        ),
        (axes[1], kept, f"fibrokit zones, 3-bpm hysteresis and 20-s dwell: {len(kept.changes) - 1} changes"),
    ):
        _shade(ax, trace.times_s, trace.zones)
        ax.plot(trace.times_s / 60, trace.hr_bpm, color="#222", lw=0.7)
        ax.axhline(92, color="#1f5fa0", lw=1.2, label="exertion threshold 92 bpm")
        ax.axhline(105, color="#b0281c", lw=1.2, label="ceiling 105 bpm")
        if trace is kept:
            ax.axhline(89, color="#1f5fa0", lw=0.8, ls="--", label="leave activity below 89 bpm")
            ax.axhline(102, color="#b0281c", lw=0.8, ls="--", label="leave over-ceiling below 102 bpm")
        ax.set_title(title, fontsize=10)
        ax.set_ylabel("heart rate (bpm)")
        ax.set_xlim(0, 10)
        ax.legend(loc="upper left", fontsize=7, ncol=2)
    load = pace_load(beats, lines)
    ax = axes[2]
    ax.plot(load.times_s / 60, load.points, color="#6a3d9a")
    ax.set_title(
        "Exertion load: nothing below the threshold, faster higher up and the longer it lasts", fontsize=10
    )
    ax.set_xlabel("minutes")
    ax.set_ylabel("load (points)")
    ax.set_xlim(0, 10)
    fig.tight_layout()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT, dpi=110)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
