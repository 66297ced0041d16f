"""Runs of beats that do not look like a normal (sinus) rhythm are flagged in the quality; sinus rhythm is not."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import AnalysisSettings, analyse_recording, read, rr_flag_artifacts
from fibrokit.pipeline import Person
from fibrokit.pipeline._summary import heart_rate_summary
from fibrokit.records import BeatSeries, Recording
from fibrokit.simulate import (
    fibromyalgia_like,
    simulate_artefacts,
    simulate_deep_breathing,
    simulate_exercise_test,
    simulate_rest,
    typical,
)

PERSON = Person(age=45.0, resting_hr_bpm=65.0)


def _with_irregular_stretch(recording: Recording, start_s: float, length_s: float, seed: int) -> Recording:
    """The recording with its beats from ``start_s`` replaced by an irregular rhythm for ``length_s``.

    Intervals drawn independently around the local mean with a 20 % spread: no beat follows from the one
    before, as in atrial fibrillation.
    """
    beats = recording.beats
    assert beats is not None
    rng = np.random.default_rng(seed)
    before = beats.rr_ms[beats.times_s < start_s]
    irregular: list[float] = []
    while sum(irregular) < length_s * 1000.0:
        irregular.append(float(np.clip(rng.normal(750.0, 150.0), 350.0, 1400.0)))
    after = beats.rr_ms[beats.times_s >= start_s + length_s]
    rr = np.concatenate((before, irregular, after))
    times = np.cumsum(rr) / 1000.0
    series = BeatSeries(times, rr, np.zeros(rr.size, dtype=np.uint8))
    return dataclasses.replace(recording, beats=series, markers=())


@pytest.mark.parametrize("length_s", [150.0, 400.0])
def test_an_irregular_run_is_flagged_and_hrv_withheld(length_s: float) -> None:
    rest = simulate_rest(typical(), duration_s=600.0, seed=4).recording
    done = analyse_recording(
        _with_irregular_stretch(rest, 100.0, length_s, seed=1), PERSON, AnalysisSettings()
    )
    assert done.quality.irregular_beats >= 120
    assert not done.quality.hrv_reliable
    assert any("irregular" in note for note in done.notes)


def test_a_short_irregular_burst_is_not_a_run() -> None:
    rest = simulate_rest(typical(), duration_s=600.0, seed=4).recording
    done = analyse_recording(_with_irregular_stretch(rest, 200.0, 30.0, seed=2), PERSON, AnalysisSettings())
    assert done.quality.irregular_beats == 0


@pytest.mark.parametrize("seed", range(3))
def test_simulated_sinus_rhythm_is_never_flagged(seed: int) -> None:
    for profile in (typical(), fibromyalgia_like()):
        for recording in (
            simulate_rest(profile, duration_s=300.0, seed=seed).recording,
            simulate_deep_breathing(profile, seed=seed).recording,
            simulate_artefacts(simulate_exercise_test(profile, seed=seed).recording, share=0.03, seed=seed),
        ):
            done = analyse_recording(recording, PERSON, AnalysisSettings())
            assert done.quality.irregular_beats == 0, recording.source_name


@pytest.mark.parametrize(
    "relative",
    ["polar/rest_rri.txt", "polar/real_rri.txt", "polar/noisy_rri.hrm", "polar/exercise_rri.hrm"],
)
def test_real_polar_recordings_are_not_flagged(relative: str) -> None:
    done = analyse_recording(read(shared_file(relative)), PERSON, AnalysisSettings())
    assert done.quality.irregular_beats == 0
    assert not any("irregular" in note for note in done.notes)


def test_a_real_24_hour_record_is_not_flagged() -> None:
    recording = read(shared_file("rr/healthy-000-ms.txt"))
    assert recording.beats is not None
    flagged = dataclasses.replace(recording, beats=rr_flag_artifacts(recording.beats, "lipponen2019"))
    assert heart_rate_summary(flagged).irregular_beats == 0
