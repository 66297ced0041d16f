"""Recordings that do not hold the test asked for get a clear sentence, never a made-up number."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from fibrokit import BeatSeries, InsufficientData, Recording
from fibrokit.protocols import active_stand, deep_breathing, exercise_test, morning_reading, muscle_oxygen
from fibrokit.simulate import simulate_rest, simulate_stand, typical


def test_a_resting_recording_is_not_an_exercise_test() -> None:
    recording = simulate_rest(typical(), duration_s=900, seed=1).recording
    with pytest.raises(InsufficientData, match=r"no exercise found.*rose only"):
        exercise_test(recording, age=40)


def test_a_two_minute_stand_is_refused() -> None:
    simulation = simulate_stand(typical(), supine_s=120, standing_s=120, seed=2)
    with pytest.raises(InsufficientData, match=r"only 1[12][0-9] s of standing.*at least 180 s"):
        active_stand(simulation.recording, age=40)


def test_a_recording_without_beats_is_refused_by_name() -> None:
    empty = Recording(source_name="watch.fit")
    with pytest.raises(
        InsufficientData,
        match=r"watch\.fit: an exercise test needs heart rate \(beat-to-beat intervals or heart-rate samples\)",
    ):
        exercise_test(empty, age=40)


def test_an_implausible_age_is_a_caller_error() -> None:
    recording = simulate_rest(typical(), seed=3).recording
    with pytest.raises(ValueError, match="age"):
        exercise_test(recording, age=float("nan"))


def test_a_reading_under_a_minute_is_refused() -> None:
    beats = BeatSeries.from_rr(np.full(50, 900.0))
    with pytest.raises(InsufficientData, match="at least 60 s"):
        morning_reading(Recording(beats=beats, source_name="short.txt"))


def test_deep_breathing_without_three_cycles_is_refused() -> None:
    beats = BeatSeries.from_rr(np.full(40, 900.0))
    with pytest.raises(InsufficientData, match="fewer than 3 complete breathing cycles"):
        deep_breathing(Recording(beats=beats, source_name="b.txt"), age=40, start_s=10.0)


def test_muscle_oxygen_needs_a_nirs_channel_and_phases() -> None:
    recording = simulate_rest(typical(), seed=4).recording
    with pytest.raises(InsufficientData, match="no 'smo2' channel"):
        muscle_oxygen(recording)


def test_a_noisy_reading_asks_for_a_repeat() -> None:
    beats = simulate_rest(typical(), duration_s=300, seed=5).recording.beats
    assert beats is not None
    rr = beats.rr_ms.copy()
    rr[::12] *= 0.5  # an extra beat in every twelfth interval
    noisy = dataclasses.replace(simulate_rest(typical(), seed=5).recording, beats=BeatSeries.from_rr(rr))
    result = morning_reading(noisy)
    assert any("repeat the reading" in caveat for caveat in result.caveats)
