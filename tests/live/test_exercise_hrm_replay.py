"""To add as tests/live/test_exercise_hrm_replay.py once `fibrokit.read` reads Polar HRM (the readers issue)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from tests.conftest import shared_file

from fibrokit import read


def test_exercise_hrm_replay_prints_zones_and_alerts_and_the_session_reads_back(tmp_path: Path) -> None:
    source = shared_file("polar/exercise_rri.hrm")
    original = read(source).beats  # fails loudly (CorruptFile/UnsupportedFormat) while .hrm is not read
    assert original is not None
    hr = 60000.0 / original.rr_ms
    # Lines from the recording itself, so that the exercise certainly crosses both.
    threshold, ceiling = np.percentile(hr, [40, 75])
    out = tmp_path / "session.csv"
    done = subprocess.run(
        [
            sys.executable, "-m", "fibrokit", "live", "--replay", str(source), "--speed", "1000",
            "--threshold", f"{threshold:.0f}", "--ceiling", f"{ceiling:.0f}", "--dwell", "10",
            "--out", str(out), "--no-bell", "--no-desktop",
        ],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "zone: activity" in done.stdout
    assert "zone: over ceiling" in done.stdout
    assert "ALERT: above your ceiling" in done.stdout
    assert f"Session written to {out}" in done.stdout
    back = read(out).beats
    assert back is not None
    np.testing.assert_allclose(back.rr_ms, original.rr_ms)
    np.testing.assert_allclose(back.times_s, original.times_s, atol=1e-3)
