"""A free-living day: a night's sleep, a morning reading, and a day of sitting, standing and walking."""

from __future__ import annotations

import numpy as np

from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation

_HOUR_S = 3600.0
# During sleep vagal drive is higher and sympathetic drive lower than awake at rest, breathing slower.
_SLEEP_VAGAL = 1.25
_SLEEP_SYMPATHETIC = 0.6
_ACTIVITIES = (("sitting", 0.0), ("standing", 0.05), ("walking", 0.3), ("brisk walk", 0.45))


def simulate_day(
    profile: Profile, *, wake_hour: float = 7.0, sleep_hour: float = 23.0, seed: int = 0
) -> Simulation:
    """Simulate 24 hours from midnight: sleep, a quiet morning reading on waking, then everyday activity.

    Daytime is a random sequence of sitting, standing, walking and brisk walking bouts (5-40 min), seeded, so
    the same seed gives the same day. A 24-hour day takes well under a second.

    Returns
    -------
    Simulation
        Markers for each bout (``sleep``, ``morning reading``, ``sitting`` …); truth values ``wake_s``,
        ``sleep_s`` and ``active_minutes`` (minutes walking or faster).

    Examples
    --------
    >>> from fibrokit.simulate import simulate_day, typical
    >>> sim = simulate_day(typical(), seed=6)
    >>> round(sim.recording.duration_s / 3600)
    24
    """
    if not 0.0 <= wake_hour < sleep_hour <= 24.0:
        raise ValueError("need 0 <= `wake_hour` < `sleep_hour` <= 24")
    rng = np.random.default_rng(seed)
    wake, sleep = wake_hour * _HOUR_S, sleep_hour * _HOUR_S
    phases = [
        Phase(
            0.0,
            profile.vagal_rest * _SLEEP_VAGAL,
            profile.sympathetic_rest * _SLEEP_SYMPATHETIC,
            0.23,
            "sleep",
        )
    ]
    phases.append(Phase(wake, profile.vagal_rest, profile.sympathetic_rest, 0.2, "morning reading"))
    moment, active = wake + 600.0, 0.0
    while moment < sleep:
        label, workload = _ACTIVITIES[int(rng.choice(len(_ACTIVITIES), p=[0.5, 0.2, 0.22, 0.08]))]
        length = float(min(rng.uniform(300.0, 2400.0), sleep - moment))
        vagal, sympathetic = profile.drives_at(workload)
        if label == "standing":
            vagal, sympathetic = profile.stand_vagal, profile.stand_sympathetic
        phases.append(Phase(moment, vagal, sympathetic, 0.2 + 0.2 * workload, label))
        active += length / 60.0 if workload >= 0.3 else 0.0
        moment += length
    phases.append(
        Phase(
            sleep,
            profile.vagal_rest * _SLEEP_VAGAL,
            profile.sympathetic_rest * _SLEEP_SYMPATHETIC,
            0.23,
            "sleep",
        )
    )
    trajectory = run_model(profile, phases, 24 * _HOUR_S, rng)
    values = {"wake_s": wake, "sleep_s": sleep, "active_minutes": active}
    return build_simulation(profile, "day", phases, trajectory, values)
