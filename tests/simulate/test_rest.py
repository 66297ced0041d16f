"""The resting scenario: deterministic, physiological, and the seesaw tilted in the fibromyalgia-like profile."""

from __future__ import annotations

import numpy as np

from fibrokit import hrv
from fibrokit.simulate import fibromyalgia_like, simulate_rest, typical


def test_the_same_seed_gives_the_same_recording() -> None:
    a = simulate_rest(typical(), duration_s=120, seed=4).recording.beats
    b = simulate_rest(typical(), duration_s=120, seed=4).recording.beats
    c = simulate_rest(typical(), duration_s=120, seed=5).recording.beats
    assert a is not None
    assert b is not None
    assert c is not None
    np.testing.assert_array_equal(a.rr_ms, b.rr_ms)
    assert not np.array_equal(a.rr_ms[:50], c.rr_ms[:50])


def test_breathing_sets_the_high_frequency_peak() -> None:
    for breaths in (12.0, 18.0):
        beats = simulate_rest(typical(), duration_s=600, breaths_per_min=breaths, seed=1).recording.beats
        assert beats is not None
        result = hrv(beats, domains=["welch"])
        assert abs(result["hf_welch_peak_hz"] - breaths / 60) < 0.01
        assert abs(result["lf_welch_peak_hz"] - 0.1) < 0.015  # the Mayer wave


def test_fibromyalgia_like_rest_has_a_faster_heart_and_less_vagal_variability() -> None:
    def group(profile_factory: object) -> tuple[float, float]:
        hr, rmssd = [], []
        for seed in range(8):
            beats = simulate_rest(profile_factory(), duration_s=300, seed=seed).recording.beats  # type: ignore[operator]
            assert beats is not None
            result = hrv(beats, domains=["time"])
            hr.append(result["mean_hr_bpm"])
            rmssd.append(result["rmssd_ms"])
        return float(np.mean(hr)), float(np.mean(rmssd))

    typical_hr, typical_rmssd = group(typical)
    fm_hr, fm_rmssd = group(fibromyalgia_like)
    assert fm_hr > typical_hr + 3
    assert fm_rmssd < 0.8 * typical_rmssd


def test_the_recording_carries_phases_a_heart_rate_channel_and_the_truth() -> None:
    simulation = simulate_rest(typical(age=30, sex="m"), duration_s=60, seed=2)
    recording = simulation.recording
    assert recording.markers[0].label == "rest"
    assert recording.channels["heart_rate"].unit == "bpm"
    assert recording.metadata["sex"] == "m"
    assert simulation.truth.values["resting_hr_bpm"] > 40
    assert typical(age=30, sex="m").intrinsic_hr_bpm == 118 - 0.55 * 30
