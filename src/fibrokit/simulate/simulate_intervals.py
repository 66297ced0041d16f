"""An interval session: a rest, a warm-up, hard efforts with easy spells between them, and a cool-down."""

from __future__ import annotations

import numpy as np

from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation

# Breathing quickens with effort, as in the exercise test: about 12/min at rest to about 40/min at the maximum.
_REST_BREATHING_HZ = 0.2
_PEAK_BREATHING_HZ = 0.65


def simulate_intervals(
    profile: Profile,
    *,
    rest_s: float = 120.0,
    warm_up_s: float = 600.0,
    repeats: int = 5,
    work_s: float = 180.0,
    easy_s: float = 120.0,
    work_load: float = 0.85,
    easy_load: float = 0.3,
    cool_down_s: float = 600.0,
    seed: int = 0,
) -> Simulation:
    """Simulate an interval session, the everyday workout that must never be mistaken for an exercise test.

    Parameters
    ----------
    profile : Profile
        The person.
    rest_s, warm_up_s, cool_down_s : float
        Seconds sitting before, warming up at ``easy_load``, and cooling down at ``easy_load`` after.
    repeats : int
        Number of hard efforts.
    work_s, easy_s : float
        Seconds of each hard effort and of each easy spell between them.
    work_load, easy_load : float
        Workloads as fractions of the person's maximum.
    seed : int
        Seed of the random rhythms.

    Returns
    -------
    Simulation
        Markers ``rest``, ``warm-up``, ``work``, ``easy`` … ``cool-down``; truth values ``repeats`` and
        ``work_s``.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_intervals, typical
    >>> sim = simulate_intervals(typical(), repeats=3, seed=2)
    >>> [m.label for m in sim.recording.markers][:4]
    ['rest', 'warm-up', 'work', 'easy']
    """
    if repeats < 1 or not (0.0 < easy_load < work_load <= 1.0):
        raise ValueError("`repeats` must be at least 1 and 0 < `easy_load` < `work_load` <= 1")
    phases = [Phase(0.0, profile.vagal_rest, profile.sympathetic_rest, _REST_BREATHING_HZ, "rest")]
    moment = rest_s
    phases.append(_phase(profile, moment, easy_load, "warm-up"))
    moment += warm_up_s
    for repeat in range(repeats):
        phases.append(_phase(profile, moment, work_load, "work"))
        moment += work_s
        last = repeat == repeats - 1
        phases.append(_phase(profile, moment, easy_load, "cool-down" if last else "easy"))
        moment += cool_down_s if last else easy_s
    trajectory = run_model(profile, phases, moment, np.random.default_rng(seed))
    values = {"repeats": float(repeats), "work_s": work_s}
    return build_simulation(profile, "intervals", phases, trajectory, values)


def _phase(profile: Profile, start_s: float, workload: float, label: str) -> Phase:
    vagal, sympathetic = profile.drives_at(workload)
    breathing = _REST_BREATHING_HZ + (_PEAK_BREATHING_HZ - _REST_BREATHING_HZ) * workload
    return Phase(start_s, vagal, sympathetic, breathing, label)
