"""Pulse intervals from a fingertip-camera series: timing between frames, quality flags and refusals."""

from __future__ import annotations

import numpy as np
import pytest

from fibrokit.beats import ppg_beats
from fibrokit.errors import InputError
from fibrokit.records import BeatFlag
from fibrokit.simulate import simulate_ppg_video


def test_pulses_are_timed_between_frames() -> None:
    rr = np.full(100, 857.0)  # 70 bpm; a frame every 33 ms
    video = simulate_ppg_video(rr, seed=4)
    found = ppg_beats(video.times_s, video.red, video.green)
    assert found.problem == ""
    normal = found.beats.rr_ms[found.beats.normal]
    assert normal.size >= 95
    # Frame-bound timing would scatter intervals by tens of ms; between-frame timing keeps them within a few.
    assert float(np.std(normal)) < 3.0
    assert abs(float(np.mean(normal)) - 857.0) < 1.0
    assert 28.0 < found.frame_rate_hz < 31.0


def test_uneven_frame_times_are_used_as_they_are() -> None:
    rr = 800.0 + 40.0 * np.sin(np.arange(150) / 3.0)
    video = simulate_ppg_video(rr, jitter_ms=8.0, drop_share=0.05, seed=5)
    found = ppg_beats(video.times_s, video.red, video.green)
    clean = found.beats.normal
    true_rr = rr[-len(found.beats) :]
    assert float(np.median(np.abs(found.beats.rr_ms[clean] - true_rr[clean]))) < 5.0


def test_movement_is_flagged_not_used() -> None:
    rr = np.full(150, 900.0)
    video = simulate_ppg_video(rr, motion_bursts=2, seed=6)
    found = ppg_beats(video.times_s, video.red, video.green)
    flagged = ~found.beats.normal
    assert flagged.any()
    assert BeatFlag.GAP in set(found.beats.flags.tolist())
    assert np.all(np.abs(found.beats.rr_ms[found.beats.normal] - 900.0) < 20.0)
    assert found.pulse_quality.shape == found.beats.rr_ms.shape


def test_no_finger_is_refused_in_one_sentence() -> None:
    video = simulate_ppg_video(np.full(100, 900.0), finger=False, seed=7)
    found = ppg_beats(video.times_s, video.red, video.green)
    assert found.problem.startswith("No fingertip covered the camera")
    assert found.problem.count(".") <= 1
    assert len(found.beats) == 0


def test_overexposure_and_slow_cameras_are_refused() -> None:
    video = simulate_ppg_video(np.full(100, 900.0), seed=8)
    bright = ppg_beats(video.times_s, np.full(video.red.size, 255.0), video.green)
    assert "overexposed" in bright.problem
    slow = simulate_ppg_video(np.full(100, 900.0), fps=12.0, seed=8)
    assert "frames per second" in ppg_beats(slow.times_s, slow.red, slow.green).problem


def test_too_little_clean_pulse_is_refused() -> None:
    video = simulate_ppg_video(np.full(50, 900.0), seed=9)  # 45 s: under the 60 s needed
    assert "of clean pulse were recorded" in ppg_beats(video.times_s, video.red, video.green).problem


def test_caller_mistakes_raise_input_errors() -> None:
    with pytest.raises(InputError, match="same length"):
        ppg_beats([0.0, 0.1, 0.2], [1.0, 2.0])
    with pytest.raises(InputError, match="2 seconds"):
        ppg_beats([0.0, 0.1, 0.2], [1.0, 2.0, 3.0])
    with pytest.raises(InputError, match="numbers"):
        ppg_beats([0.0, 1.0, np.nan], [1.0, 2.0, 3.0])


@pytest.mark.parametrize("seed", range(6))
def test_any_series_gives_a_result_or_a_refusal_never_a_crash(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(60, 4000))
    times = np.cumsum(rng.uniform(0.005, 0.08, n))
    level = rng.uniform(0, 255)
    red = np.clip(level + rng.normal(0, rng.uniform(0, 40), n), 0, 255)
    green = np.clip(rng.uniform(0, 1) * red + rng.normal(0, 2, n), 0, 255)
    found = ppg_beats(times, red, green)
    assert found.problem or len(found.beats) > 0
    if found.problem:
        assert found.problem.endswith(".")
    constant = ppg_beats(times, np.full(n, 180.0), np.full(n, 20.0))
    assert constant.problem


@pytest.mark.parametrize(("noise", "coverage"), [(0.05, 1.0), (0.15, 1.0), (0.05, 0.5)])
def test_timing_uncertainty_is_read_from_the_frames_own_noise(noise: float, coverage: float) -> None:
    rr = np.full(140, 850.0)  # steady beats: every change of interval is timing error
    video = simulate_ppg_video(rr, noise=noise, coverage=coverage, seed=12)
    found = ppg_beats(video.times_s, video.red, video.green)
    measured = float(np.std(found.beats.rr_ms[found.beats.normal])) / np.sqrt(2.0)  # two pulse times each
    assert 0.7 * measured < found.timing_sd_ms < 1.4 * measured


def test_more_sensor_noise_means_more_timing_uncertainty() -> None:
    rr = np.full(140, 850.0)
    quiet, loud = (simulate_ppg_video(rr, noise=n, seed=13) for n in (0.05, 0.2))
    assert (
        ppg_beats(quiet.times_s, quiet.red, quiet.green).timing_sd_ms * 2
        < ppg_beats(loud.times_s, loud.red, loud.green).timing_sd_ms
    )
