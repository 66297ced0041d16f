"""RR validation: units detected with a reason, bad values refused with one sentence, gaps flagged."""

from __future__ import annotations

import numpy as np
import pytest

from fibrokit import BeatFlag, BeatSeries, InputError, rr_flag_artifacts, rr_series, rr_units


def test_units_are_detected_from_the_median_and_explained() -> None:
    assert rr_units([812.0, 790.0, 805.0]).unit == "ms"
    decision = rr_units([0.81, 0.79, 0.8])
    assert decision.unit == "s"
    assert "seconds" in decision.reason
    assert "0.8" in decision.reason


def test_heart_rates_are_refused_as_such() -> None:
    with pytest.raises(InputError, match="look like heart rates"):
        rr_units([72.0, 75.0, 71.0])


def test_a_stated_unit_that_does_not_fit_is_refused() -> None:
    with pytest.raises(InputError, match="not a plausible RR interval in s"):
        rr_units([800.0, 810.0], unit="s")


def test_values_fitting_neither_unit_are_refused() -> None:
    with pytest.raises(InputError, match="neither a plausible RR interval"):
        rr_units([5.0, 6.0, 7.0])


def test_empty_nan_and_negative_values_are_refused_with_their_position() -> None:
    with pytest.raises(InputError, match="no RR values"):
        rr_series([])
    with pytest.raises(InputError, match="value 2: nan"):
        rr_series([800.0, np.nan, 790.0])
    with pytest.raises(InputError, match=r"1 of 3 RR values are zero or negative.*value 3: -790"):
        rr_series([800.0, 810.0, -790.0])


def test_absurd_values_among_good_ones_are_flagged_not_dropped() -> None:
    series = rr_series([800.0, 810.0, 90_000.0, 790.0, 805.0])
    assert len(series) == 5
    assert series.flags[2] == BeatFlag.OUT_OF_RANGE
    assert series.normal.sum() == 4


def test_seconds_are_converted_and_times_built_from_the_intervals() -> None:
    series = rr_series([0.8, 0.82, 0.79])
    np.testing.assert_allclose(series.rr_ms, [800, 820, 790])
    np.testing.assert_allclose(series.times_s, [0.8, 1.62, 2.41])


def test_a_beat_after_a_gap_in_its_times_is_flagged() -> None:
    times = np.array([0.8, 1.6, 2.4, 10.0, 10.8])
    series = rr_series([800.0, 800.0, 800.0, 800.0, 800.0], times_s=times)
    assert series.flags.tolist() == [0, 0, 0, BeatFlag.GAP, 0]


def test_beat_times_that_go_backwards_are_refused() -> None:
    with pytest.raises(InputError, match="beat 3 is not later than beat 2"):
        rr_series([800.0, 800.0, 800.0], times_s=[1.0, 2.0, 2.0])


def test_a_series_copies_what_can_change_and_shares_what_cannot() -> None:
    rr = np.array([800.0, 810.0, 790.0, 805.0])
    series = BeatSeries.from_rr(rr)
    rr[0] = 1.0  # the caller's array stays the caller's
    assert series.rr_ms[0] == 800.0
    assert not series.rr_ms.flags.writeable
    flagged = rr_flag_artifacts(series)
    # The same beats with new flags: the frozen times and intervals are shared, not copied (a week is 10 MB).
    assert flagged.rr_ms is series.rr_ms
    assert flagged.times_s is series.times_s
    view = np.arange(4.0) + 800.0
    readonly_view = view[:]
    readonly_view.setflags(write=False)
    assert not np.shares_memory(BeatSeries.from_rr(readonly_view).rr_ms, view)
