"""What a simulation returns: the recording a device would have made, and the truth behind it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from fibrokit.records import BeatSeries, Channel, Marker, Recording
from fibrokit.simulate._model import FloatArray, Phase, Trajectory
from fibrokit.simulate.profiles import Profile


@dataclass(frozen=True, eq=False)
class GroundTruth:
    """The simulated person and what really happened.

    Attributes
    ----------
    profile : Profile
        Parameters of the person.
    scenario : str
        Name of the scenario.
    times_s, vagal, sympathetic, hr_bpm : array
        Model state, sampled once a second.
    phases : tuple of Phase
        The scenario's phases.
    values : mapping of str to float
        Quantities a protocol should recover (e.g. ``"resting_hr_bpm"``, ``"peak_hr_bpm"``), computed from the
        noise-free beat-to-beat heart rate at the moments the protocol's definition names.
    """

    profile: Profile
    scenario: str
    times_s: FloatArray
    vagal: FloatArray
    sympathetic: FloatArray
    hr_bpm: FloatArray
    phases: tuple[Phase, ...]
    values: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Simulation:
    """A simulated recording with its ground truth."""

    recording: Recording
    truth: GroundTruth

    def with_metadata(self, **items: str) -> Simulation:
        """The same simulation with more entries in the recording's metadata."""
        recording = dataclasses.replace(self.recording, metadata={**self.recording.metadata, **items})
        return Simulation(recording, self.truth)


def build_simulation(
    profile: Profile,
    scenario: str,
    phases: list[Phase],
    trajectory: Trajectory,
    values: Mapping[str, float],
) -> Simulation:
    """Package a model run as a :class:`Recording` and its :class:`GroundTruth`.

    The recording holds beats to the millisecond, a 1-Hz heart-rate channel and phase markers.
    """
    beat_times = trajectory.beat_times_s
    # Chest straps report RR intervals to the millisecond; beat times are rebuilt from the rounded intervals.
    rr_ms = np.round(np.diff(beat_times) * 1000.0)
    times = beat_times[0] + np.cumsum(rr_ms) / 1000.0
    beats = BeatSeries(times, rr_ms, np.zeros(rr_ms.size, dtype=np.uint8))
    every_second = slice(None, None, round(1.0 / (trajectory.times_s[1] - trajectory.times_s[0])))
    hr = Channel(
        "heart_rate", "bpm", np.round(trajectory.hr_bpm[every_second]), trajectory.times_s[every_second], 1.0
    )
    ends = [p.start_s for p in phases[1:]] + [float(trajectory.times_s[-1])]
    markers = tuple(Marker(p.start_s, p.label, "phase", end) for p, end in zip(phases, ends, strict=True))
    recording = Recording(
        channels={"heart_rate": hr},
        beats=beats,
        markers=markers,
        device="fibrokit simulator",
        source_format="simulated",
        source_name=f"simulated-{profile.name}-{scenario}",
        metadata={
            "profile": profile.name,
            "scenario": scenario,
            "age": f"{profile.age:g}",
            "sex": profile.sex,
        },
    )
    truth = GroundTruth(
        profile,
        scenario,
        trajectory.times_s[every_second],
        trajectory.vagal[every_second],
        trajectory.sympathetic[every_second],
        trajectory.hr_bpm[every_second],
        tuple(phases),
        dict(values),
    )
    return Simulation(recording, truth)
