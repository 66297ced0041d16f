"""Time-domain metrics on tiny arrays with values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from fibrokit import BeatFlag, BeatSeries, FibrokitWarning, HrvSettings, hrv, hrv_time


def _quiet_time(series: BeatSeries, settings: HrvSettings | None = None) -> dict[str, float]:
    # A few seconds of beats: the long-recording metrics do not apply and are left out without a warning.
    return dict(hrv(series, domains=["time"], settings=settings).values)


def test_it_computes_mean_sdnn_rmssd_and_pnn_by_hand() -> None:
    # rr 800, 850, 790, 860 ms: differences +50, -60, +70.
    values = _quiet_time(BeatSeries.from_rr([800.0, 850.0, 790.0, 860.0]))
    assert values["mean_nn_ms"] == pytest.approx(825.0)
    assert values["sdnn_ms"] == pytest.approx(math.sqrt((25**2 + 25**2 + 35**2 + 35**2) / 3))
    assert values["rmssd_ms"] == pytest.approx(math.sqrt((50**2 + 60**2 + 70**2) / 3))
    assert values["ln_rmssd"] == pytest.approx(math.log(values["rmssd_ms"]))
    assert values["sdsd_ms"] == pytest.approx(np.std([50, -60, 70], ddof=1))
    assert values["nn50_count"] == 2  # 50 is not more than 50
    assert values["pnn50_pct"] == pytest.approx(100 * 2 / 4)  # Task Force: divided by the NN intervals
    assert values["pnn20_pct"] == pytest.approx(100 * 3 / 4)
    assert values["mean_hr_bpm"] == pytest.approx(60_000 / 825)
    assert values["min_hr_bpm"] == pytest.approx(60_000 / 860)
    assert values["max_hr_bpm"] == pytest.approx(60_000 / 790)


def test_the_toolbox_conventions_count_50_and_divide_by_differences() -> None:
    settings = HrvSettings().replace(nn_threshold_inclusive=True, pnn_denominator="differences")
    values = _quiet_time(BeatSeries.from_rr([800.0, 850.0, 790.0, 860.0]), settings)
    assert values["pnn50_pct"] == pytest.approx(100 * 3 / 3)


def test_a_flagged_beat_breaks_the_differences_on_both_sides() -> None:
    rr = np.array([800.0, 810.0, 400.0, 1220.0, 805.0, 815.0])
    flags = np.array([0, 0, BeatFlag.ECTOPIC, BeatFlag.ECTOPIC, 0, 0], dtype=np.uint8)
    series = BeatSeries.from_rr(rr).with_flags(flags)
    values = _quiet_time(series)
    assert values["mean_nn_ms"] == pytest.approx(np.mean([800, 810, 805, 815]))
    # Only 800→810 and 805→815 are adjacent normal pairs.
    assert values["rmssd_ms"] == pytest.approx(10.0)
    concatenated = _quiet_time(series, HrvSettings().replace(pairs="concatenated"))
    assert concatenated["rmssd_ms"] == pytest.approx(math.sqrt((10**2 + 5**2 + 10**2) / 3))


def test_it_is_invariant_to_a_shift_in_time() -> None:
    rng = np.random.default_rng(1)
    rr = 900 + rng.normal(0, 40, 2000)
    first = hrv(BeatSeries.from_rr(rr), domains=["time", "welch", "lomb", "nonlinear", "stress"])
    later = hrv(
        BeatSeries.from_rr(rr, start_s=12_345.678), domains=["time", "welch", "lomb", "nonlinear", "stress"]
    )
    for symbol, value in first.values.items():
        np.testing.assert_allclose(later[symbol], value, rtol=1e-9, equal_nan=True, err_msg=symbol)


def test_too_little_data_gives_nan_and_a_warning_naming_the_metric() -> None:
    # Plenty of beats, but all except two flagged: a data problem, so the warning names the metric.
    series = BeatSeries.from_rr(np.full(50, 800.0)).with_flags(
        np.r_[np.zeros(2), np.full(48, BeatFlag.OUTLIER)]
    )
    with pytest.warns(FibrokitWarning, match="rmssd_ms"):
        result = hrv(series, domains=["time"])
    assert math.isnan(result["rmssd_ms"])
    assert "rmssd_ms" in result.insufficient
    assert result["mean_nn_ms"] == pytest.approx(800.0)


def test_two_beats_are_too_few_for_differences_without_a_warning() -> None:
    result = hrv(BeatSeries.from_rr([800.0, 810.0]), domains=["time"])
    assert math.isnan(result["rmssd_ms"])
    assert result["mean_nn_ms"] == pytest.approx(805.0)


def test_segment_statistics_need_two_complete_five_minute_segments() -> None:
    # 300 beats of 999 ms fill the first 5-minute segment (299.7 s); 800-ms beats fill the second (from
    # 300.5 s to 599.7 s) and run past it, so there are two complete segments with means 999 and 800.
    rr = np.concatenate([np.full(300, 999.0), np.full(380, 800.0)])
    result = hrv_time(BeatSeries.from_rr(rr))
    assert result["sdann_ms"] == pytest.approx(np.std([999.0, 800.0], ddof=1))
    assert result["sdnn_index_ms"] == pytest.approx(0.0)


def test_triangular_index_is_count_over_histogram_height() -> None:
    rng = np.random.default_rng(2)
    rr = np.round(850 + rng.normal(0, 50, 1800))
    result = hrv_time(BeatSeries.from_rr(rr))
    counts = np.bincount(np.floor(rr / (1000 / 128)).astype(int))
    assert result["triangular_index"] == pytest.approx(rr.size / counts.max())


def test_tinn_of_an_exact_triangle_is_its_base() -> None:
    # A histogram shaped exactly like a triangle from bin 100 to bin 140 peaking at 120 (bins of 1/128 s).
    bin_ms = 1000 / 128
    heights = np.concatenate([np.arange(0, 21), np.arange(19, -1, -1)]) * 5
    rr = np.repeat((np.arange(100, 141) + 0.5) * bin_ms, heights)
    rr = np.random.default_rng(0).permutation(rr)
    result = hrv_time(BeatSeries.from_rr(rr))
    assert result["tinn_ms"] == pytest.approx(40 * bin_ms)
