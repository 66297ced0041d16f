"""Cohort rows carry the irregular-rhythm flag beside the flagged share: the beats of the longest irregular run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fibrokit.cohort import CohortSettings, analyse_file
from fibrokit.cohort.columns import QUALITY, ordered_columns
from fibrokit.simulate import simulate_rest, typical


def _rr_file(path: Path, irregular_s: float) -> Path:
    """A 10-minute simulated resting reading whose beats from 100 s are replaced by an irregular rhythm."""
    beats = simulate_rest(typical(), duration_s=600.0, seed=4).recording.beats
    assert beats is not None
    rng = np.random.default_rng(1)
    before = beats.rr_ms[beats.times_s < 100.0]
    irregular: list[float] = []
    while sum(irregular) < irregular_s * 1000.0:  # independent intervals with a 20 % spread, as in AF
        irregular.append(float(np.clip(rng.normal(750.0, 150.0), 350.0, 1400.0)))
    after = beats.rr_ms[beats.times_s >= 100.0 + irregular_s]
    rr = np.concatenate((before, irregular, after))
    path.write_text("\n".join(f"{value:.0f}" for value in rr) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("analysis", ["hrv", "morning"])
def test_an_irregular_run_is_counted_and_hrv_marked_unreliable(tmp_path: Path, analysis: str) -> None:
    (row,) = analyse_file(
        _rr_file(tmp_path / "af.txt", 300.0), analysis, {"participant": "P1"}, CohortSettings()
    )
    assert row["status"] == "ok", row["error"]
    assert row["irregular_beats"] >= 120
    assert row["hrv_reliable"] is False


@pytest.mark.parametrize("analysis", ["hrv", "morning"])
def test_sinus_rhythm_has_no_irregular_run(tmp_path: Path, analysis: str) -> None:
    (row,) = analyse_file(
        _rr_file(tmp_path / "sinus.txt", 0.0), analysis, {"participant": "P1"}, CohortSettings()
    )
    assert row["status"] == "ok", row["error"]
    assert row["irregular_beats"] == 0
    assert row["hrv_reliable"] is True


def test_the_column_sits_beside_the_flagged_share() -> None:
    assert QUALITY.index("irregular_beats") == QUALITY.index("flagged_share") + 1
    names = ordered_columns(["hrv_reliable", "irregular_beats", "flagged_share", "rmssd_ms"], "hrv", [])
    assert names[:3] == ["flagged_share", "irregular_beats", "hrv_reliable"]
