"""Simulated heart-rate traces with a known truth, for pacing tests.

Beats come from an integral pulse-frequency-modulation generator (as in ``fibrokit.simulate``) driven by a
prescribed heart-rate curve plus breathing-related modulation, so the truth (the curve) is known exactly.
"""

from __future__ import annotations

import numpy as np

from fibrokit.records import BeatSeries, Channel, Recording

STEP_S = 0.05


def beats_from_hr(hr_bpm: np.ndarray, *, rsa_bpm: float = 1.0, seed: int = 0) -> BeatSeries:
    """Beats for a heart-rate curve sampled every STEP_S seconds, with ±rsa_bpm breathing modulation."""
    rng = np.random.default_rng(seed)
    t = np.arange(hr_bpm.size) * STEP_S
    modulated = hr_bpm + rsa_bpm * np.sin(2 * np.pi * 0.25 * t + rng.uniform(0, 2 * np.pi))
    integral = np.concatenate(([0.0], np.cumsum(modulated[:-1] / 60.0 * STEP_S)))
    crossings = np.arange(1.0, integral[-1])
    beat_times = np.interp(crossings, integral, t)
    rr = np.round(np.diff(beat_times) * 1000.0)
    return BeatSeries(beat_times[0] + np.cumsum(rr) / 1000.0, rr, np.zeros(rr.size, dtype=np.uint8))


def over_exertion(
    *,
    rest_bpm: float = 75.0,
    peak_bpm: float = 130.0,
    rest_s: float = 60.0,
    ramp_s: float = 30.0,
    hold_s: float = 60.0,
    recover_s: float = 60.0,
    recovery_tau_s: float = 40.0,
) -> np.ndarray:
    """Rest, a ramp up, a hold well above any ceiling, and an exponential recovery."""
    t = np.arange(0.0, rest_s + ramp_s + hold_s + recover_s, STEP_S)
    hr = np.full(t.size, rest_bpm)
    ramp = (t >= rest_s) & (t < rest_s + ramp_s)
    hr[ramp] = rest_bpm + (peak_bpm - rest_bpm) * (t[ramp] - rest_s) / ramp_s
    hold = (t >= rest_s + ramp_s) & (t < rest_s + ramp_s + hold_s)
    hr[hold] = peak_bpm
    after = t >= rest_s + ramp_s + hold_s
    hr[after] = rest_bpm + (peak_bpm - rest_bpm) * np.exp(
        -(t[after] - (rest_s + ramp_s + hold_s)) / recovery_tau_s
    )
    return hr


def first_crossing_s(hr_bpm: np.ndarray, line_bpm: float) -> float:
    """Time at which the true curve first reaches a line."""
    return float(np.argmax(hr_bpm >= line_bpm) * STEP_S)


def recording_of(beats: BeatSeries, name: str = "simulated-pacing") -> Recording:
    """Wrap beats as a recording, as a reader would return it."""
    hr = Channel("heart_rate", "bpm", 60000.0 / beats.rr_ms, beats.times_s)
    return Recording(beats=beats, channels={"heart_rate": hr}, source_format="simulated", source_name=name)
