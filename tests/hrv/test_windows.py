"""Windowed analysis: every row equals the analysis of that window alone; edges and counts are right."""

from __future__ import annotations

import numpy as np
import pytest

from fibrokit import BeatFlag, BeatSeries, HrvSettings, InsufficientData, hrv, hrv_windows, rr_flag_artifacts
from fibrokit.simulate import fibromyalgia_like, simulate_rest


@pytest.fixture(scope="module")
def series() -> BeatSeries:
    beats = simulate_rest(fibromyalgia_like(), duration_s=1500, seed=21).recording.beats
    assert beats is not None
    rr = beats.rr_ms.copy()
    rr[[200, 900]] = [rr[200] * 0.55, rr[900] * 2]  # an ectopic-like and a missed beat
    return rr_flag_artifacts(BeatSeries.from_rr(rr))


@pytest.mark.parametrize("preset", ["fibrokit", "pcst"])
def test_each_window_equals_its_own_analysis(series: BeatSeries, preset: str) -> None:
    settings = HrvSettings.preset_named(preset)
    table = hrv_windows(series, window_s=300, step_s=90, settings=settings)
    assert len(table) >= 10
    for i in (0, 3, len(table) - 1):
        single = hrv(series, settings=settings, start_s=float(table.start_s[i]), end_s=float(table.end_s[i]))
        assert table.beats[i] == single.beats
        for symbol, value in single.values.items():
            if symbol.endswith("_welch_ms2") or "welch" in symbol:
                continue  # Welch windows share one spline of the whole series (documented); checked below
            np.testing.assert_allclose(
                table[symbol][i],
                value,
                rtol=1e-9,
                atol=1e-12,
                equal_nan=True,
                err_msg=f"{preset} window {i} {symbol}",
            )


def test_welch_windows_from_one_spline_are_close_to_per_window_splines(series: BeatSeries) -> None:
    table = hrv_windows(series, window_s=300, step_s=300, domains=["welch"])
    for i in range(len(table)):
        single = hrv(series, domains=["welch"], start_s=float(table.start_s[i]), end_s=float(table.end_s[i]))
        assert table["hf_welch_ms2"][i] == pytest.approx(single["hf_welch_ms2"], rel=1e-9)


def test_windows_cover_the_span_and_report_quality(series: BeatSeries) -> None:
    table = hrv_windows(series, window_s=300, step_s=30, domains=["time"])
    origin = series.times_s[0] - series.rr_ms[0] / 1000
    np.testing.assert_allclose(table.start_s, origin + 30 * np.arange(len(table)))
    assert table.end_s[-1] <= series.times_s[-1] + 1e-9
    assert table.end_s[-1] + 30 > series.times_s[-1]
    assert np.all((table.normal_share > 0.98) & (table.normal_share <= 1))
    flagged = series.flags != BeatFlag.NORMAL
    assert flagged.sum() >= 2


def test_a_series_shorter_than_one_window_is_refused() -> None:
    with pytest.raises(InsufficientData, match="shorter than one window"):
        hrv_windows(BeatSeries.from_rr(np.full(100, 800.0)), window_s=300)


def test_bad_window_parameters_name_the_parameter() -> None:
    with pytest.raises(ValueError, match="window_s"):
        hrv_windows(BeatSeries.from_rr(np.full(1000, 800.0)), window_s=0)
    with pytest.raises(ValueError, match="domains"):
        hrv(BeatSeries.from_rr(np.full(1000, 800.0)), domains=["spectral"])
