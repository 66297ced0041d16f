"""A steady walk: sitting, walking at an even pace, sitting again."""

from __future__ import annotations

import numpy as np

from fibrokit.simulate import _truth
from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation


def simulate_walk(
    profile: Profile,
    *,
    before_s: float = 300.0,
    walk_s: float = 1800.0,
    after_s: float = 600.0,
    workload: float = 0.3,
    seed: int = 0,
) -> Simulation:
    """Simulate a steady walk at ``workload`` (a fraction of maximal effort) between two rests.

    Returns
    -------
    Simulation
        Markers ``rest``, ``walk``, ``recovery``; truth values ``walk_start_s``, ``walk_end_s``,
        ``steady_hr_bpm`` (mean heart rate over the last half of the walk) and ``resting_hr_bpm``.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_walk, typical
    >>> sim = simulate_walk(typical(), walk_s=600, seed=5)
    >>> sim.truth.values["steady_hr_bpm"] > sim.truth.values["resting_hr_bpm"] + 10
    True
    """
    if not 0.0 < workload <= 1.0:
        raise ValueError(f"`workload` must be in (0, 1], not {workload}")
    vagal, sympathetic = profile.drives_at(workload)
    end = before_s + walk_s
    phases = [
        Phase(0.0, profile.vagal_rest, profile.sympathetic_rest, 0.2, "rest"),
        Phase(before_s, vagal, sympathetic, 0.2 + 0.2 * workload, "walk"),
        Phase(end, profile.vagal_rest, profile.sympathetic_rest, 0.22, "recovery"),
    ]
    trajectory = run_model(profile, phases, end + after_s, np.random.default_rng(seed))
    beats = trajectory.beat_times_s
    values = {
        "walk_start_s": before_s,
        "walk_end_s": end,
        "steady_hr_bpm": _truth.mean_hr(beats, before_s + walk_s / 2, end),
        "resting_hr_bpm": _truth.mean_hr(beats, max(0.0, before_s - 120.0), before_s),
    }
    return build_simulation(profile, "walk", phases, trajectory, values)
