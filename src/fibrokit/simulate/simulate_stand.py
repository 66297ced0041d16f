"""An active stand: lying quietly, then standing up and staying still."""

from __future__ import annotations

import numpy as np

from fibrokit.evidence import fact
from fibrokit.simulate import _truth
from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation

_BREATHING_HZ = 0.2
# On standing, blood pools in the legs: vagal drive is withdrawn almost at once (heart rate peaks around the
# 15th beat), then the baroreflex restores part of it within seconds (relative slowing around the 30th beat),
# before the drives settle at their standing levels.
_INITIAL_WITHDRAWAL = 0.3
_INITIAL_S = 10.0
_REBOUND = 0.95
_REBOUND_S = 14.0
_REFLEX_TAU_S = 3.0
# The baroreflex raises sympathetic drive to the sinus node within seconds of standing: far faster than the
# tens of seconds of an effort's rise (``simulate.stand_sympathetic_tau_s``).


def simulate_stand(
    profile: Profile, *, supine_s: float = 300.0, standing_s: float = 600.0, seed: int = 0
) -> Simulation:
    """Simulate an active stand test.

    Parameters
    ----------
    profile : Profile
        The person; ``stand_vagal`` and ``stand_sympathetic`` set the standing drives.
    supine_s, standing_s : float
        Time lying, then standing.
    seed : int
        Seed of the random rhythms.

    Returns
    -------
    Simulation
        Markers ``supine`` and ``standing``; truth values ``stand_s``, ``supine_hr_bpm`` (mean of the last
        minute lying), ``hr_rise_min{k}_bpm`` for k = 1…10 (mean heart rate of minute k standing minus the
        supine mean), ``max_rise_bpm`` (largest of those) and ``ratio_30_15`` (longest RR of beats 20–40 after
        standing / shortest RR of beats 5–25, Ewing's definition).

    Examples
    --------
    >>> from fibrokit.simulate import simulate_stand, typical
    >>> sim = simulate_stand(typical(), seed=2)
    >>> 1.0 < sim.truth.values["ratio_30_15"] < 1.6
    True
    """
    stand = supine_s
    rebound_vagal = min(profile.vagal_rest, profile.stand_vagal * _REBOUND)
    sympathetic_tau = fact("simulate.stand_sympathetic_tau_s").scalar()
    phases = [
        Phase(0.0, profile.vagal_rest, profile.sympathetic_rest, _BREATHING_HZ, "supine"),
        Phase(
            stand,
            profile.vagal_rest * _INITIAL_WITHDRAWAL,
            profile.stand_sympathetic,
            _BREATHING_HZ,
            "standing",
            vagal_tau_s=_REFLEX_TAU_S / 2,
            sympathetic_tau_s=sympathetic_tau,
        ),
        Phase(
            stand + _INITIAL_S,
            rebound_vagal,
            profile.stand_sympathetic,
            _BREATHING_HZ,
            "standing",
            vagal_tau_s=_REFLEX_TAU_S,
            sympathetic_tau_s=sympathetic_tau,
        ),
        Phase(
            stand + _INITIAL_S + _REBOUND_S,
            profile.stand_vagal,
            profile.stand_sympathetic,
            _BREATHING_HZ,
            "standing",
            vagal_tau_s=20.0,
            sympathetic_tau_s=sympathetic_tau,
        ),
    ]
    trajectory = run_model(profile, phases, supine_s + standing_s, np.random.default_rng(seed))
    beats = trajectory.beat_times_s
    baseline = _truth.mean_hr(beats, stand - 60.0, stand)
    values = {"stand_s": stand, "supine_hr_bpm": baseline}
    rises = []
    for minute in range(1, int(standing_s // 60) + 1):
        rise = _truth.mean_hr(beats, stand + 60.0 * (minute - 1), stand + 60.0 * minute) - baseline
        values[f"hr_rise_min{minute}_bpm"] = rise
        rises.append(rise)
    values["max_rise_bpm"] = max(rises)
    after = _truth.rr_after(beats, stand)
    values["ratio_30_15"] = float(np.max(after[19:40]) / np.min(after[4:25]))
    return build_simulation(profile, "active-stand", phases[:2], trajectory, values)
