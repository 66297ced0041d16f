"""Artefact detection: each method on constructed cases, and Lipponen-Tarvainen against NeuroKit2."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from fibrokit import BeatFlag, BeatSeries, rr_flag_artifacts
from fibrokit.simulate import simulate_rest, typical


def _clean(seconds: float = 900.0, seed: int = 3) -> np.ndarray:
    beats = simulate_rest(typical(), duration_s=seconds, seed=seed).recording.beats
    assert beats is not None
    return beats.rr_ms.copy()


def test_lipponen_classifies_missed_extra_and_ectopic_beats() -> None:
    rr = _clean()
    missed = 200
    rr_missed = np.insert(np.delete(rr, [missed, missed + 1]), missed, rr[missed] + rr[missed + 1])
    extra = 400
    split = rr_missed[extra] * 0.35
    rr_both = np.insert(rr_missed, extra, split)
    rr_both[extra + 1] -= split
    ectopic = 600
    rr_both[ectopic] *= 0.7
    rr_both[ectopic + 1] += rr_both[ectopic] * 0.3 / 0.7
    flags = rr_flag_artifacts(BeatSeries.from_rr(rr_both)).flags
    assert flags[missed] == BeatFlag.MISSED
    assert BeatFlag.EXTRA in flags[extra : extra + 2]
    # A premature beat shows as a short interval and a compensatory long one; the rules call the long one
    # ectopic (its jump up is followed by a fall back) and the short one short. Both leave the NN series.
    assert flags[ectopic] == BeatFlag.SHORT
    assert flags[ectopic + 1] == BeatFlag.ECTOPIC
    assert np.mean(flags != BeatFlag.NORMAL) < 0.01  # and little else


def test_lipponen_agrees_with_neurokit2_on_injected_artefacts() -> None:
    rng = np.random.default_rng(12)
    rr = _clean(1800, seed=12)
    positions = np.sort(rng.choice(np.arange(50, rr.size - 50), 20, replace=False))
    positions = positions[np.diff(positions, prepend=0) > 5]
    for p in positions:  # premature beat followed by a compensatory pause
        shift = rr[p] * 0.3
        rr[p] -= shift
        rr[p + 1] += shift
    ours = np.flatnonzero(rr_flag_artifacts(BeatSeries.from_rr(rr)).flags != BeatFlag.NORMAL)
    import neurokit2 as nk

    peaks = np.concatenate(([0], np.cumsum(rr))).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        info, _ = nk.signal_fixpeaks(peaks, sampling_rate=1000, method="kubios", iterative=False)
    theirs = np.unique(np.concatenate([info[k] for k in ("ectopic", "missed", "extra", "longshort")]))
    # Every injected premature beat is found by both; NeuroKit2 indexes peaks, so an interval is one earlier.
    found_ours = np.isin(positions, ours) | np.isin(positions + 1, ours)
    found_theirs = np.isin(positions, theirs - 1) | np.isin(positions + 1, theirs - 1)
    assert found_ours.all()
    assert found_theirs.all()
    assert ours.size <= 3 * positions.size


def test_lipponen_leaves_a_steep_but_clean_heart_rate_rise_alone() -> None:
    rr = _clean(600)
    ramp = np.linspace(1.0, 0.45, rr.size)  # heart rate more than doubling
    flags = rr_flag_artifacts(BeatSeries.from_rr(rr * ramp)).flags
    assert np.mean(flags == BeatFlag.NORMAL) > 0.99


def test_hrv_toolkit_filter_uses_the_mean_of_twenty_each_side_without_the_centre() -> None:
    rr = np.full(100, 1000.0)
    rr[50] = 1210.0  # 21 % above its neighbours' mean
    rr[70] = 1190.0  # 19 %: kept
    rr[90] = 380.0  # out of range
    flags = rr_flag_artifacts(BeatSeries.from_rr(rr), "hrv_toolkit").flags
    assert flags[50] == BeatFlag.OUTLIER
    assert flags[70] == BeatFlag.NORMAL
    assert flags[90] == BeatFlag.OUT_OF_RANGE


def test_threshold_method_uses_the_last_accepted_interval() -> None:
    rr = np.array([1000.0, 1010.0, 1300.0, 1020.0, 1030.0, 300.0, 1000.0])
    flags = rr_flag_artifacts(BeatSeries.from_rr(rr), "threshold").flags
    assert flags.tolist() == [0, 0, BeatFlag.OUTLIER, 0, 0, BeatFlag.OUT_OF_RANGE, 0]
    loose = rr_flag_artifacts(BeatSeries.from_rr(rr), "threshold", max_change=0.5, low_ms=250).flags
    assert loose.tolist() == [0, 0, 0, 0, 0, BeatFlag.OUTLIER, 0]


def test_pcst_rule_needs_both_medians_and_counts_exactly_twenty_percent_as_the_toolbox_does() -> None:
    rr = np.array([800.0] * 6 + [960.0] + [800.0] * 6)
    flags = rr_flag_artifacts(BeatSeries.from_rr(rr), "pcst").flags
    assert flags[6] == BeatFlag.NORMAL  # 0.16 / 0.8 is just below 0.2 in floating point, as in the toolbox
    rr[6] = 980.0
    assert rr_flag_artifacts(BeatSeries.from_rr(rr), "pcst").flags[6] == BeatFlag.OUTLIER


def test_existing_flags_are_kept_unless_asked_otherwise() -> None:
    series = BeatSeries.from_rr(np.full(50, 800.0)).with_flags(np.r_[np.zeros(49), BeatFlag.ANNOTATED])
    assert rr_flag_artifacts(series).flags[-1] == BeatFlag.ANNOTATED
    assert rr_flag_artifacts(series, "pcst", keep_existing=False).flags[-1] == BeatFlag.NORMAL


def test_an_unknown_method_names_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="lipponen2019"):
        rr_flag_artifacts(BeatSeries.from_rr([800.0, 810.0]), "kubios")  # type: ignore[arg-type]


@pytest.mark.parametrize("chunk", [200, 777, 4096])
def test_lipponen_chunk_by_chunk_gives_the_flags_of_the_whole_series_at_once(chunk: int) -> None:
    from tests.conftest import shared_file

    from fibrokit.beats._lipponen import lipponen_flags

    rr = np.loadtxt(shared_file("rr/healthy-000-ms.txt"))[:30_000].copy()
    rng = np.random.default_rng(7)
    spoiled = rng.choice(
        rr.size, 400, replace=False
    )  # missed, extra, ectopic-like beats, some at chunk edges
    rr[spoiled] *= rng.choice([0.45, 0.7, 1.5, 2.0], spoiled.size)
    whole = lipponen_flags(rr, chunk_beats=rr.size)
    assert np.count_nonzero(whole) > 300  # the check would pass vacuously on clean data
    np.testing.assert_array_equal(lipponen_flags(rr, chunk_beats=chunk), whole)
