"""Windows in chunks: the values of one run over all windows, and memory that does not grow with length."""

from __future__ import annotations

import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import BeatFlag, BeatSeries, HrvTable, hrv_windows, read, rr_flag_artifacts
from fibrokit.hrv.hrv_window_chunks import hrv_window_chunks

BEFORE = Path(__file__).parent / "data" / "windows-before-chunking.npz"


def _beats(count: int) -> BeatSeries:
    rr = read(shared_file("rr/healthy-000-ms.txt")).beats
    assert rr is not None
    return rr_flag_artifacts(BeatSeries.from_rr(rr.rr_ms[:count]))


def _windows(beats: BeatSeries, chunk: int) -> list[HrvTable]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # doubtful windows warn; the values are what is compared here
        return list(hrv_window_chunks(beats, window_s=300, step_s=30, chunk_windows=chunk))


def _column(chunks: list[HrvTable], symbol: str) -> np.ndarray:
    return np.concatenate([c[symbol] for c in chunks])


def test_chunked_windows_equal_the_values_of_the_implementation_before_chunking() -> None:
    # Saved from the all-windows-at-once implementation: 373 windows of the first 12,000 beats of the record.
    before = np.load(BEFORE)
    chunks = _windows(_beats(12_000), chunk=128)
    assert [len(c) for c in chunks] == [128, 128, 117]  # chunks of 128 asked for here
    assert np.array_equal(_column(chunks, "mean_nn_ms"), before["mean_nn_ms"])
    for symbol in before.files:
        if symbol == "start_s":
            assert np.array_equal(np.concatenate([c.start_s for c in chunks]), before[symbol])
        elif symbol.startswith("dfa_") or "_lomb_" in symbol or "_welch_" in symbol:
            # Three kernels round the last bits differently now: each window's DFA profile is summed within the
            # window alone (not as part of one running sum over all windows), the Lomb FFTs run in smaller
            # batches of windows, and Welch's periodogram is computed with NumPy instead of SciPy.
            np.testing.assert_allclose(_column(chunks, symbol), before[symbol], rtol=1e-10, atol=1e-12)
        else:
            assert np.array_equal(_column(chunks, symbol), before[symbol], equal_nan=True), symbol


@pytest.mark.parametrize("chunk", [1, 7, 100])
def test_any_chunk_size_gives_the_values_of_one_chunk(chunk: int) -> None:
    beats = _beats(4_000)
    whole = _windows(beats, chunk=10**9)
    assert len(whole) == 1
    parts = _windows(beats, chunk=chunk)
    assert sum(len(p) for p in parts) == len(whole[0])
    for symbol in whole[0].columns:
        # Batched FFTs and matrix products may round the last bit differently for a different batch.
        np.testing.assert_allclose(_column(parts, symbol), whole[0][symbol], rtol=1e-12, atol=1e-12)


def test_hrv_windows_joins_the_chunks() -> None:
    beats = _beats(4_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = hrv_windows(beats, window_s=300, step_s=30)
    parts = _windows(beats, chunk=128)
    assert len(table) == sum(len(p) for p in parts)
    assert np.array_equal(table["rmssd_ms"], _column(parts, "rmssd_ms"), equal_nan=True)
    assert sum(table.insufficient.values()) == sum(sum(p.insufficient.values()) for p in parts)


def test_memory_for_windows_does_not_grow_with_the_recording() -> None:
    def peak_mib(beats: BeatSeries) -> float:
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            baseline = tracemalloc.get_traced_memory()[0]
            for _ in _windows(beats, chunk=128):
                pass
            return (tracemalloc.get_traced_memory()[1] - baseline) / 2**20
        finally:
            tracemalloc.stop()

    short, long_ = _beats(8_000), _beats(32_000)
    # Four times the beats: the arrays of the series grow, the windows' working memory does not.
    assert peak_mib(long_) < 1.35 * peak_mib(short)


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="chunk_windows"):
        next(hrv_window_chunks(_beats(1_000), chunk_windows=0))


def test_welch_of_a_chunk_reaches_past_long_runs_of_artefacts() -> None:
    # Beside some windows lie hundreds of flagged beats: a chunk's spline then looks further for the normal
    # beats it runs through, and its Welch powers are those of the whole run.
    beats = _beats(4_000)
    flags = beats.flags.copy()
    flags[1_000:1_400] = BeatFlag.ECTOPIC
    flags[2_600:2_900] = BeatFlag.ECTOPIC
    marked = BeatSeries(beats.times_s, beats.rr_ms, flags)
    whole = _windows(marked, chunk=10**9)[0]
    parts = _windows(marked, chunk=3)
    for symbol in ("lf_welch_ms2", "hf_welch_ms2", "vlf_welch_ms2"):
        np.testing.assert_allclose(_column(parts, symbol), whole[symbol], rtol=1e-12, atol=1e-12)
