"""A Valsalva manoeuvre: blowing against a closed airway for 15 s, then release."""

from __future__ import annotations

import numpy as np

from fibrokit.simulate import _truth
from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation

# Straining lowers venous return and blood pressure: the baroreflex withdraws vagal drive and raises
# sympathetic drive (tachycardia). After release, pressure overshoots and the baroreflex answers with a
# surge of vagal drive (the longest intervals, within about 30 s), then the drives settle.
_STRAIN_VAGAL = 0.2
_STRAIN_SYMPATHETIC_RISE = 0.3
_OVERSHOOT_VAGAL = 1.3
_OVERSHOOT_S = 12.0
_AFTER_RELEASE_WINDOW_S = 30.0


def simulate_valsalva(
    profile: Profile, *, rest_s: float = 60.0, strain_s: float = 15.0, after_s: float = 60.0, seed: int = 0
) -> Simulation:
    """Simulate a Valsalva manoeuvre.

    Returns
    -------
    Simulation
        Markers ``rest``, ``strain``, ``release``; truth values ``strain_start_s``, ``release_s`` and
        ``valsalva_ratio`` (longest RR in the 30 s after release / shortest RR during the strain).

    Examples
    --------
    >>> from fibrokit.simulate import simulate_valsalva, typical
    >>> sim = simulate_valsalva(typical(), seed=4)
    >>> sim.truth.values["valsalva_ratio"] > 1.2
    True
    """
    release = rest_s + strain_s
    phases = [
        Phase(0.0, profile.vagal_rest, profile.sympathetic_rest, 0.2, "rest"),
        Phase(
            rest_s,
            profile.vagal_rest * _STRAIN_VAGAL,
            profile.sympathetic_rest + _STRAIN_SYMPATHETIC_RISE,
            0.2,
            "strain",
            vagal_tau_s=2.0,
            sympathetic_tau_s=5.0,
        ),
        Phase(
            release,
            profile.vagal_rest * _OVERSHOOT_VAGAL,
            profile.sympathetic_rest,
            0.2,
            "release",
            vagal_tau_s=3.0,
            sympathetic_tau_s=15.0,
        ),
        Phase(
            release + _OVERSHOOT_S,
            profile.vagal_rest,
            profile.sympathetic_rest,
            0.2,
            "release",
            vagal_tau_s=15.0,
        ),
    ]
    trajectory = run_model(profile, phases, release + after_s, np.random.default_rng(seed))
    beats = trajectory.beat_times_s
    times = beats[1:]
    rr = np.diff(beats) * 1000.0
    during = (times >= rest_s) & (times < release)
    after = (times >= release) & (times < release + _AFTER_RELEASE_WINDOW_S)
    values = {
        "strain_start_s": rest_s,
        "release_s": release,
        "valsalva_ratio": float(rr[after].max() / rr[during].min()),
        "strain_hr_bpm": _truth.mean_hr(beats, rest_s, release),
    }
    return build_simulation(profile, "valsalva", phases[:3], trajectory, values)
