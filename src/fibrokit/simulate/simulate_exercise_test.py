"""A graded exercise test to exhaustion, then recovery with a chosen cool-down."""

from __future__ import annotations

from typing import Literal

import numpy as np

from fibrokit.simulate import _truth
from fibrokit.simulate._model import Phase, run_model
from fibrokit.simulate.profiles import Profile
from fibrokit.simulate.result import Simulation, build_simulation

CoolDown = Literal["none", "active"]

# Breathing quickens with effort: about 12/min at rest to about 40/min at maximal effort.
_REST_BREATHING_HZ = 0.2
_PEAK_BREATHING_HZ = 0.65
# An active cool-down (walking or easy pedalling) is held at this share of maximal workload.
_ACTIVE_COOL_DOWN_WORKLOAD = 0.15
_RECOVERY_MARKS_S = (30, 60, 120, 180, 300, 600)


def simulate_exercise_test(
    profile: Profile,
    *,
    rest_s: float = 180.0,
    stages: int = 10,
    stage_s: float = 60.0,
    recovery_s: float = 600.0,
    cool_down: CoolDown = "none",
    seed: int = 0,
) -> Simulation:
    """Simulate a ramped maximal exercise test (rest, equal stages to exhaustion, recovery).

    Workload rises in ``stages`` equal steps to the person's maximum; central command withdraws vagal drive
    first and sympathetic drive climbs with workload; at exhaustion the workload stops (``cool_down="none"``)
    or falls to an easy walk (``"active"``), vagal drive returns with the profile's reactivation time constant
    and sympathetic drive decays more slowly.

    Parameters
    ----------
    profile : Profile
        The person.
    rest_s, stage_s, recovery_s : float
        Durations of the rest, of each stage, and of the recorded recovery.
    stages : int
        Number of workload steps up to the maximum.
    cool_down : {"none", "active"}
        Recovery sitting still, or walking slowly; heart-rate recovery is compared only with norms for the
        same cool-down.
    seed : int
        Seed of the random rhythms.

    Returns
    -------
    Simulation
        Markers ``rest``, ``exercise``, ``recovery``; truth values ``resting_hr_bpm`` (mean of the last minute
        of rest), ``peak_hr_bpm`` (highest 5-s heart rate while exercising) and ``hrr_{n}s_bpm`` for n in 30,
        60, 120, 180, 300 and 600 s (peak minus the 5-s heart rate n seconds after exercise stopped), plus
        ``exercise_end_s``.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_exercise_test, typical
    >>> sim = simulate_exercise_test(typical(), seed=1)
    >>> sim.truth.values["peak_hr_bpm"] > 160
    True
    """
    if cool_down not in ("none", "active"):
        raise ValueError(f"`cool_down` must be 'none' or 'active', not {cool_down!r}")
    phases = [Phase(0.0, profile.vagal_rest, profile.sympathetic_rest, _REST_BREATHING_HZ, "rest")]
    for stage in range(1, stages + 1):
        workload = stage / stages
        vagal, sympathetic = profile.drives_at(workload)
        breathing = _REST_BREATHING_HZ + (_PEAK_BREATHING_HZ - _REST_BREATHING_HZ) * workload
        phases.append(Phase(rest_s + (stage - 1) * stage_s, vagal, sympathetic, breathing, "exercise"))
    end = rest_s + stages * stage_s
    recovery_load = _ACTIVE_COOL_DOWN_WORKLOAD if cool_down == "active" else 0.0
    vagal, sympathetic = profile.drives_at(recovery_load)
    phases.append(Phase(end, vagal, sympathetic, _REST_BREATHING_HZ * 1.3, "recovery"))
    trajectory = run_model(profile, phases, end + recovery_s, np.random.default_rng(seed))
    beats = trajectory.beat_times_s
    peak = _truth.peak_hr(beats, rest_s, end)
    values = {
        "resting_hr_bpm": _truth.mean_hr(beats, rest_s - 60.0, rest_s),
        "peak_hr_bpm": peak,
        "exercise_end_s": end,
    }
    for mark in _RECOVERY_MARKS_S:
        if mark <= recovery_s - _truth.HR_WINDOW_S:
            values[f"hrr_{mark}s_bpm"] = peak - _truth.hr_at(beats, end + mark)
    simulation = build_simulation(profile, "exercise-test", _merged(phases), trajectory, values)
    return simulation.with_metadata(cool_down=cool_down)


def _merged(phases: list[Phase]) -> list[Phase]:
    """Phases with consecutive stages of the same label joined, for the recording's markers."""
    merged: list[Phase] = []
    for phase in phases:
        if not merged or merged[-1].label != phase.label:
            merged.append(phase)
    return merged
