"""The camera reading's uncertainty: timing noise plus intervals near a threshold of the artefact classification."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from fibrokit.beats import PpgBeats, classify_pulse_intervals
from fibrokit.protocols._ppg_uncertainty import reading_uncertainty, timing_effect
from fibrokit.records import BeatFlag, BeatSeries

FloatArray = npt.NDArray[np.float64]


def _found(rr_ms: FloatArray, timing_sd_ms: float) -> PpgBeats:
    beats = BeatSeries(np.cumsum(rr_ms) / 1000.0, rr_ms, np.zeros(rr_ms.size, dtype=np.uint8))
    return PpgBeats(beats, np.ones(rr_ms.size), 1.0, float(rr_ms.sum()) / 1000.0, 30.0, timing_sd_ms)


def _series(jump_ms: float) -> FloatArray:
    rng = np.random.default_rng(3)
    rr = 900.0 + 25.0 * np.sin(np.arange(130) * 2 * np.pi / 4.5) + rng.normal(0.0, 8.0, 130)
    rr[65] += jump_ms
    return rr


def _uncertainty(jump_ms: float, timing_sd_ms: float = 2.0) -> tuple[float, int, bool]:
    found = _found(_series(jump_ms), timing_sd_ms)
    classified = classify_pulse_intervals(found.beats)
    rr, normal = classified.rr_ms, classified.normal
    pairs = normal[1:] & normal[:-1]
    rmssd = float(np.sqrt(np.mean(np.diff(rr)[pairs] ** 2)))
    result = reading_uncertainty(found, classified, rmssd)
    return result.ln_rmssd, result.borderline_beats, _set_aside(jump_ms)


def _set_aside(jump_ms: float) -> bool:
    classified = classify_pulse_intervals(_found(_series(jump_ms), 0.0).beats)
    return bool(classified.flags[65] != BeatFlag.NORMAL)


def _threshold_jump_ms() -> float:
    """The smallest lengthening of one interval that the classifier sets aside (to 0.1 ms)."""
    low, high = 0.0, 400.0
    assert not _set_aside(low)
    assert _set_aside(high)
    while high - low > 0.1:
        middle = 0.5 * (low + high)
        low, high = (low, middle) if _set_aside(middle) else (middle, high)
    return high


def test_an_interval_at_a_classification_threshold_adds_to_the_uncertainty() -> None:
    """An interval just over the line counts as borderline and widens the uncertainty; well below it, not."""
    at_line = _threshold_jump_ms()
    borderline, count, _ = _uncertainty(at_line)
    far, far_count, _ = _uncertainty(0.0)
    assert count > far_count
    assert borderline > far
    assert math.isfinite(far)
    assert 0.0 < far < 0.1


def test_more_timing_noise_means_more_uncertainty() -> None:
    quiet, _, _ = _uncertainty(0.0, timing_sd_ms=1.0)
    noisy, _, _ = _uncertainty(0.0, timing_sd_ms=4.0)
    assert 0.0 < quiet < noisy


def test_timing_noise_as_large_as_the_beat_to_beat_changes_cannot_be_told_apart() -> None:
    value, _, _ = _uncertainty(0.0, timing_sd_ms=60.0)
    assert value == math.inf


def _timing_spread_by_drawing(rr_ms: FloatArray, timing_sd_ms: float, draws: int = 4000) -> float:
    """The spread of ln RMSSD when every pulse of ``rr_ms`` is moved by an independent error, by drawing."""
    rng = np.random.default_rng(11)
    times = np.concatenate(([0.0], np.cumsum(rr_ms)))
    moved = times + rng.normal(0.0, timing_sd_ms, (draws, times.size))
    differences = np.diff(moved, n=2, axis=1)
    return float(np.std(0.5 * np.log(np.mean(differences**2, axis=1))))


def test_the_timing_spread_follows_the_order_of_the_beat_to_beat_changes() -> None:
    """Differences alternating in sign (breathing-fast changes) scatter RMSSD more than the same ones shuffled.

    The spread is checked against drawing the timing errors; a spread that looked only at RMSSD and the count
    of differences (the same for both orders) would be about 1.6 times too small for the alternating series.
    """
    rng = np.random.default_rng(5)
    alternating = 900.0 + 30.0 * (-1.0) ** np.arange(120) + rng.normal(0.0, 3.0, 120)
    shuffled = 900.0 + np.cumsum(rng.permutation(np.diff(alternating, prepend=900.0)))
    for rr in (alternating, shuffled):
        normal = np.ones(rr.size, dtype=np.bool_)
        _, spread = timing_effect(4.0, rr, normal)
        drawn = _timing_spread_by_drawing(rr, 4.0)
        assert abs(spread / drawn - 1.0) < 0.1
    _, alternating_spread = timing_effect(4.0, alternating, np.ones(120, dtype=np.bool_))
    _, shuffled_spread = timing_effect(4.0, shuffled, np.ones(120, dtype=np.bool_))
    assert alternating_spread > 1.4 * shuffled_spread
