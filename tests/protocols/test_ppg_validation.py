"""Validation of the camera reading: fingertip videos made from real 2-minute RR segments of ../shared/data.

Truth is the same morning-reading pipeline run on the RR series itself. A "clean" segment is one in sinus rhythm:
the artefact classifier keeps at least 98 % of its true intervals (with ectopic beats, the camera and the strap
can set aside different beats). Thresholds are those of the issue: mean heart rate within 1 bpm and ln RMSSD
within 0.1 of the truth for every clean segment, median ln RMSSD error at most 0.05; with movement or a
half-covered lens each reading is within those bounds or refused; a video without a finger is refused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from tests.conftest import shared_file

from fibrokit.errors import InsufficientData
from fibrokit.protocols import ProtocolResult, morning_reading, ppg_reading
from fibrokit.readers import read_camera_frames
from fibrokit.records import BeatSeries, Recording
from fibrokit.simulate import ppg_video_y4m, simulate_ppg_video

SEGMENT_S = 120.0
FloatArray = npt.NDArray[np.float64]


def _truth(rr: FloatArray) -> ProtocolResult:
    return morning_reading(Recording(beats=BeatSeries.from_rr(rr), source_name="truth"))


@cache
def clean_segments() -> tuple[tuple[str, FloatArray], ...]:
    """2-minute segments in sinus rhythm: 16 from a day-long healthy Holter record, the rest from a Polar rest file."""
    found: list[tuple[str, FloatArray]] = []
    for name, step_s, wanted in (("rr/healthy-000-ms.txt", 900.0, 16), ("polar/rest_rri.txt", SEGMENT_S, 6)):
        rr = np.loadtxt(shared_file(name), usecols=0)
        ends = np.cumsum(rr) / 1000.0
        start, taken = 0.0, 0
        while taken < wanted and start + SEGMENT_S <= ends[-1]:
            segment = rr[(ends >= start) & (ends < start + SEGMENT_S)]
            hrv = _truth(segment).hrv
            if hrv is not None and hrv.normal_share >= 0.98:
                found.append((f"{name}@{start:.0f}s", segment))
                taken += 1
            start += step_s
    return tuple(found)


def _errors(rr: FloatArray, seed: int, **video: float) -> tuple[float, float] | None:
    truth = _truth(rr)
    clip = simulate_ppg_video(rr, seed=seed, **video)  # type: ignore[arg-type]
    try:
        camera = ppg_reading(clip.times_s, clip.red, clip.green)
    except InsufficientData:
        return None
    return camera["resting_hr_bpm"] - truth["resting_hr_bpm"], camera["ln_rmssd"] - truth["ln_rmssd"]


def test_at_least_twenty_real_segments_are_used() -> None:
    assert len(clean_segments()) >= 20


def test_clean_videos_recover_heart_rate_and_ln_rmssd() -> None:
    ln_errors = []
    for seed, (name, rr) in enumerate(clean_segments()):
        errors = _errors(rr, seed)
        assert errors is not None, f"{name}: a clean video was refused"
        hr_error, ln_error = errors
        assert abs(hr_error) <= 1.0, name
        assert abs(ln_error) <= 0.1, name
        ln_errors.append(abs(ln_error))
    assert float(np.median(ln_errors)) <= 0.05


@pytest.mark.parametrize(
    "conditions",
    [{"motion_bursts": 1}, {"motion_bursts": 3}, {"coverage": 0.5}, {"coverage": 0.5, "motion_bursts": 2}],
)
def test_movement_or_a_half_covered_lens_stays_within_bounds_or_is_refused(
    conditions: dict[str, float],
) -> None:
    for seed, (name, rr) in enumerate(clean_segments()):
        errors = _errors(rr, 100 + seed, **conditions)
        if errors is not None:
            assert abs(errors[0]) <= 1.0, name
            assert abs(errors[1]) <= 0.1, name


def test_a_video_without_a_finger_is_refused() -> None:
    name, rr = clean_segments()[0]
    clip = simulate_ppg_video(rr, finger=False, seed=1)
    with pytest.raises(InsufficientData, match="No fingertip"):
        ppg_reading(clip.times_s, clip.red, clip.green, source_name=name)


def test_y4m_videos_read_back_give_the_same_accuracy(tmp_path: Path) -> None:
    """The whole off-line path: generator → Y4M file → reader → reading, on five sinus segments."""
    for seed, (name, rr) in enumerate(clean_segments()[:5]):
        clip = simulate_ppg_video(rr, jitter_ms=0.0, drop_share=0.0, seed=seed)
        path = tmp_path / f"segment-{seed}.y4m"
        path.write_bytes(ppg_video_y4m(clip, width=16, height=12, seed=seed))
        frames = read_camera_frames(path).channels
        camera = ppg_reading(frames["red"].times_s, frames["red"].values, frames["green"].values)
        truth = _truth(rr)
        assert abs(camera["resting_hr_bpm"] - truth["resting_hr_bpm"]) <= 1.0, name
        assert abs(camera["ln_rmssd"] - truth["ln_rmssd"]) <= 0.1, name
