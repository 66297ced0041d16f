"""Paced deep breathing at six breaths a minute, the heart-rate variability test of the Ewing battery."""

from __future__ import annotations

import numpy as np

from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation

_DEEP_BREATH_SCALE = 2.0  # deep breaths modulate vagal outflow this many times more than quiet breathing


def simulate_deep_breathing(
    profile: Profile, *, rest_s: float = 60.0, breaths_per_min: float = 6.0, cycles: int = 6, seed: int = 0
) -> Simulation:
    """Simulate quiet rest followed by paced deep breathing.

    Each breathing cycle starts with inspiration: vagal drive is withdrawn and heart rate rises, then falls
    during expiration.

    Returns
    -------
    Simulation
        Markers ``rest`` and ``deep-breathing``; truth values ``breathing_start_s``, ``cycle_s``,
        ``max_min_hr_bpm`` (mean over cycles of the highest minus the lowest instantaneous heart rate) and
        ``ei_ratio`` (mean over cycles of the longest RR / mean of the shortest RR).

    Examples
    --------
    >>> from fibrokit.simulate import simulate_deep_breathing, typical
    >>> sim = simulate_deep_breathing(typical(), seed=3)
    >>> sim.truth.values["ei_ratio"] > 1.1
    True
    """
    hz = breaths_per_min / 60.0
    cycle = 1.0 / hz
    start = rest_s
    phases = [
        Phase(0.0, profile.vagal_rest, profile.sympathetic_rest, 0.2, "rest"),
        Phase(
            start,
            profile.vagal_rest,
            profile.sympathetic_rest,
            hz,
            "deep-breathing",
            rsa_scale=_DEEP_BREATH_SCALE,
        ),
    ]
    rng = np.random.default_rng(seed)
    trajectory = run_model(profile, phases, start + cycles * cycle + 5.0, rng, breath_origin_s=start)
    times = trajectory.beat_times_s[1:]
    rr = np.diff(trajectory.beat_times_s) * 1000.0
    longest, shortest, spans = [], [], []
    for k in range(cycles):
        inside = (times >= start + k * cycle) & (times < start + (k + 1) * cycle)
        longest.append(rr[inside].max())
        shortest.append(rr[inside].min())
        spans.append(60_000.0 / rr[inside].min() - 60_000.0 / rr[inside].max())
    values = {
        "breathing_start_s": start,
        "cycle_s": cycle,
        "max_min_hr_bpm": float(np.mean(spans)),
        "ei_ratio": float(np.mean(longest) / np.mean(shortest)),
    }
    return build_simulation(profile, "deep-breathing", phases, trajectory, values)
