"""``fibrokit live --replay`` from a shell: lines with their rules, zones, alerts, and a session file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from tests.conftest import shared_file
from tests.pacing.traces import beats_from_hr, over_exertion

from fibrokit import read


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fibrokit", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_replay_of_an_rr_file_prints_the_lines_and_writes_a_session(tmp_path: Path) -> None:
    out = tmp_path / "session.csv"
    source = shared_file("polar/rest_rri.txt")
    done = _run(
        "live", "--replay", source, "--speed", "1000", "--rest-hr", "60", "--age", "40", "--out", out,
        "--no-bell", "--no-desktop",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "resting HR 60 × 1.15 (Visible's default, citing the Workwell Foundation)" in done.stdout
    assert "0.55 × (220 − age)" in done.stdout
    assert "zone: rest" in done.stdout
    assert f"Session written to {out}" in done.stdout
    back, original = read(out).beats, read(source).beats
    assert back is not None
    assert original is not None
    np.testing.assert_allclose(back.rr_ms, original.rr_ms)


def test_replay_of_an_over_exertion_alerts(tmp_path: Path) -> None:
    hr = over_exertion(rest_bpm=70, peak_bpm=130, rest_s=20, ramp_s=20, hold_s=40, recover_s=60)
    beats = beats_from_hr(hr, seed=4)
    file = tmp_path / "effort.csv"
    file.write_text("\n".join(f"{t:.3f},{rr:.0f}" for t, rr in zip(beats.times_s, beats.rr_ms, strict=True)))
    done = _run(
        "live", "--replay", file, "--speed", "200", "--rest-hr", "70", "--ceiling", "100", "--dwell", "10",
        "--out", tmp_path / "s.csv", "--no-bell", "--no-desktop",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "ALERT: above your ceiling of 100 bpm for 10 s" in done.stdout
    assert "ok: back below the ceiling" in done.stdout
    assert "1 alert(s)" in done.stdout


def test_missing_lines_are_a_usage_error_naming_the_options(tmp_path: Path) -> None:
    done = _run("live", "--replay", shared_file("polar/rest_rri.txt"), "--out", tmp_path / "s.csv")
    assert done.returncode == 2
    assert "--rest-hr" in done.stderr
