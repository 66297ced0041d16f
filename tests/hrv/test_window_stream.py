"""Windowed HRV of a stream of RR blocks: the windows of the whole series, holding about a byte a beat."""

from __future__ import annotations

import tracemalloc
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import BeatSeries, HrvTable, read, rr_flag_artifacts
from fibrokit.errors import InputError, InsufficientData
from fibrokit.hrv import HrvSettings
from fibrokit.hrv.hrv_window_chunks import hrv_window_chunks
from fibrokit.hrv.hrv_window_stream import STREAM_CHUNK_WINDOWS, StreamedWindows, hrv_window_stream
from fibrokit.readers.rr_column import rr_column


def _quietly(run: StreamedWindows) -> list[HrvTable]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # doubtful windows warn; the values are what is compared here
        return list(run.chunks())


def _held_whole(path: Path, settings: HrvSettings) -> tuple[BeatSeries, list[HrvTable]]:
    recording = read(path)
    assert recording.beats is not None
    beats = rr_flag_artifacts(recording.beats)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chunks = hrv_window_chunks(
            beats, window_s=300, step_s=30, settings=settings, chunk_windows=STREAM_CHUNK_WINDOWS
        )
        return beats, list(chunks)


def _assert_same_windows(streamed: list[HrvTable], whole: list[HrvTable]) -> None:
    assert [len(c) for c in streamed] == [len(c) for c in whole]
    for ours, theirs in zip(streamed, whole, strict=True):
        assert np.array_equal(ours.start_s, theirs.start_s)
        assert np.array_equal(ours.beats, theirs.beats)
        for symbol, column in theirs.columns.items():
            assert np.array_equal(ours[symbol], column, equal_nan=True), symbol


def _with_artefacts(folder: Path) -> Path:
    """The first 20,000 beats of the day-long record, in seconds under a header, with missed, ectopic and
    implausible beats put in."""
    rr = np.loadtxt(shared_file("rr/healthy-000-ms.txt"))[:20_000].copy()
    rng = np.random.default_rng(3)
    for i, kind in zip(rng.choice(rr.size - 2, 90, replace=False), rng.integers(3, size=90), strict=True):
        if kind == 0:
            rr[i] *= 2.0  # a missed beat
        elif kind == 1:
            rr[i], rr[i + 1] = rr[i] * 0.6, rr[i + 1] * 1.4  # a premature beat and its pause
        else:
            rr[i] = 3500.0  # beyond the plausible range
    path = folder / "artefacts.txt"
    np.savetxt(path, rr / 1000.0, fmt="%.4f", header="RR", comments="")
    return path


def test_the_day_long_record_streamed_gives_the_windows_of_the_series_held_whole() -> None:
    path = shared_file("rr/healthy-000-ms.txt")
    column = rr_column(path)
    assert column is not None
    run = hrv_window_stream(column.blocks, window_s=300, step_s=30)
    beats, whole = _held_whole(path, HrvSettings())
    assert run.beats == len(beats) == 80_441
    assert np.array_equal(run.flags, beats.flags)
    _assert_same_windows(_quietly(run), whole)


@pytest.mark.parametrize("preset", ["fibrokit", "pcst"])
def test_artefacts_seconds_and_small_blocks_give_the_same_windows(tmp_path: Path, preset: str) -> None:
    path = _with_artefacts(tmp_path)
    column = rr_column(path)
    assert column is not None
    assert column.skip_header
    settings = HrvSettings.preset_named(preset)
    # Blocks of about 600 beats: every stretch of windows spans several of them.
    run = hrv_window_stream(lambda: column.blocks(3_000), window_s=300, step_s=30, settings=settings)
    beats, whole = _held_whole(path, settings)
    assert run.unit.unit == "s"
    assert np.count_nonzero(run.flags) >= 90
    assert np.array_equal(run.flags, beats.flags)
    _assert_same_windows(_quietly(run), whole)


def test_how_the_values_are_split_into_blocks_does_not_matter() -> None:
    rr = np.loadtxt(shared_file("rr/healthy-000-ms.txt"))[:6_000]
    one = _quietly(hrv_window_stream(lambda: [rr], window_s=300, step_s=60))
    cuts = np.sort(np.random.default_rng(0).choice(rr.size, 40, replace=False))
    many = _quietly(hrv_window_stream(lambda: np.split(rr, cuts), window_s=300, step_s=60))
    _assert_same_windows(many, one)


def _synthetic_day(day: int) -> Iterator[np.ndarray]:
    """A day of beats made up block by block (never held whole): about 95,000 intervals."""
    rng = np.random.default_rng(day)
    for _ in range(24):
        t = np.arange(4_000)
        yield 900.0 + 60.0 * np.sin(2 * np.pi * t / 400.0) + rng.normal(0.0, 25.0, t.size)


def _traced_peak(days: int) -> tuple[int, int]:
    def blocks() -> Iterator[np.ndarray]:
        for day in range(days):
            yield from _synthetic_day(day)

    tracemalloc.start()
    try:
        run = hrv_window_stream(blocks, window_s=300, step_s=300, domains=("time",))
        for _ in run.chunks():
            pass
        return tracemalloc.get_traced_memory()[1], run.beats
    finally:
        tracemalloc.stop()


def test_memory_grows_by_about_a_byte_a_beat_not_by_the_series() -> None:
    day_peak, day_beats = _traced_peak(1)
    week_peak, week_beats = _traced_peak(7)
    # Holding the week as a BeatSeries would add 17 bytes a beat (10 MB here); the stream keeps one (the flags).
    assert week_peak - day_peak < 2 * (week_beats - day_beats) + 256 * 1024


def test_a_value_that_is_not_a_positive_interval_is_refused_with_its_position() -> None:
    rr = np.full(1_000, 800.0)
    rr[700] = 0.0
    with pytest.raises(InputError, match="RR value 701 \\(0\\) is not a positive interval"):
        hrv_window_stream(lambda: [rr[:500], rr[500:]])


def test_values_that_change_unit_along_the_stream_are_refused() -> None:
    blocks = [np.full(70_000, 800.0), np.full(2_000, 0.8)]
    with pytest.raises(InputError, match="change unit after value 70000"):
        hrv_window_stream(lambda: blocks)


def test_a_stream_that_changes_between_passes_is_refused() -> None:
    calls = iter(range(100))

    def growing() -> list[np.ndarray]:
        return [np.full(2_000 + next(calls), 800.0)]

    with pytest.raises(InputError, match="changed while they were being read"):
        hrv_window_stream(growing)


def test_too_little_for_a_window_and_an_empty_stream_say_so() -> None:
    with pytest.raises(InsufficientData, match="shorter than one window"):
        hrv_window_stream(lambda: [np.full(100, 800.0)])
    with pytest.raises(InsufficientData, match="no RR values"):
        hrv_window_stream(lambda: [])


def test_a_method_that_needs_the_whole_series_is_refused() -> None:
    with pytest.raises(ValueError, match="for a stream"):
        hrv_window_stream(lambda: [np.full(1_000, 800.0)], artifact_method="pcst")
