"""A resting reading: lying or sitting quietly, breathing at a chosen rate."""

from __future__ import annotations

import numpy as np

from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation


def simulate_rest(
    profile: Profile, *, duration_s: float = 300.0, breaths_per_min: float = 12.0, seed: int = 0
) -> Simulation:
    """Simulate a resting reading (a morning reading, the rest phase before a test).

    Parameters
    ----------
    profile : Profile
        The person (see :func:`fibrokit.simulate.typical`, :func:`fibrokit.simulate.fibromyalgia_like`).
    duration_s : float
        Length of the reading.
    breaths_per_min : float
        Breathing rate; slow breathing deepens respiratory sinus arrhythmia.
    seed : int
        Seed of the random rhythms; the same seed gives the same recording.

    Returns
    -------
    Simulation
        The recording and the truth; ``truth.values["resting_hr_bpm"]`` is the mean model heart rate.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_rest, typical
    >>> sim = simulate_rest(typical(), duration_s=120, seed=1)
    >>> 50 < sim.truth.values["resting_hr_bpm"] < 80
    True
    """
    if duration_s <= 0 or breaths_per_min <= 0:
        raise ValueError("`duration_s` and `breaths_per_min` must be positive")
    phases = [Phase(0.0, profile.vagal_rest, profile.sympathetic_rest, breaths_per_min / 60.0, "rest")]
    trajectory = run_model(profile, phases, duration_s, np.random.default_rng(seed))
    values = {"resting_hr_bpm": float(np.mean(trajectory.hr_bpm))}
    return build_simulation(profile, "rest", phases, trajectory, values)
