"""A real exercise recording (Polar HRM, R-R mode) analysed end to end, checked against values computed here
directly from the raw file with plain NumPy."""

from __future__ import annotations

import numpy as np
from tests.conftest import shared_file

from fibrokit import read
from fibrokit.protocols import exercise_test


def _raw_intervals() -> np.ndarray:
    text = shared_file("polar/exercise_rri.hrm").read_text(encoding="latin-1")
    body = text.split("[HRData]")[1].strip().splitlines()
    return np.array([float(line.split()[0]) for line in body if line.strip()])


def _hr_at(times: np.ndarray, hr: np.ndarray, moment: float) -> float:
    return float(np.mean(hr[np.abs(times - moment) <= 2.5]))


def test_peak_recovery_and_resting_hrv_match_an_independent_computation() -> None:
    result = exercise_test(read(shared_file("polar/exercise_rri.hrm")), age=40)
    rr = _raw_intervals()
    times = np.cumsum(rr) / 1000
    hr = 60_000 / rr
    # Independent: a 5-s heart rate at each beat, without artefact handling (this file is clean: >99 %).
    smooth = np.array([np.mean(hr[np.abs(times - t) <= 2.5]) for t in times])
    exercise = result.phases[1]
    inside = (times >= exercise.time_s) & (times <= exercise.end_s + 1)
    assert (
        result["peak_hr_bpm"] == np.float64(smooth[inside].max()).round(0)
        or abs(result["peak_hr_bpm"] - smooth[inside].max()) < 1.0
    )
    end = exercise.end_s
    assert end is not None
    for mark in (30, 60, 120):
        independent = smooth[inside].max() - _hr_at(times, hr, end + mark)
        assert abs(result[f"hrr_{mark}s_bpm"] - independent) < 1.0, mark
    # The rest before exercise: mean heart rate of the last minute, and RMSSD of that minute's intervals.
    rest = (times >= exercise.time_s - 60) & (times < exercise.time_s)
    assert abs(result["resting_hr_bpm"] - hr[rest].mean()) < 1.0
    # The exercise is the 30-minute bout that starts near minute 6 and ends near minute 36 of the recording.
    assert 5.0 < exercise.time_s / 60 < 6.5
    assert 35.5 < end / 60 < 36.6
