"""``fibrokit pace …`` from a shell: every line names its rule and source; review, readiness and plan."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
from tests.conftest import shared_file
from tests.pacing.traces import beats_from_hr, over_exertion

from fibrokit.simulate import fibromyalgia_like, simulate_rest


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fibrokit", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_thresholds_name_the_rule_and_source_of_every_line() -> None:
    done = _run("pace", "thresholds", "--rest-hr", "72", "--age", "46", "--peak-hr", "150")
    assert done.returncode == 0, done.stderr
    assert (
        "Exertion threshold 83 bpm: resting HR 72 × 1.15 (Visible's default, citing the Workwell"
        in done.stdout
    )
    assert "Lemos 2010" in done.stdout
    assert "exercise test is used before any age formula" in done.stdout
    for source in ("visible_hr_zones", "cfsselfhelp_pacing", "lemos_2010", "villafaina_2022"):
        assert source in done.stdout
    vt1 = _run("pace", "thresholds", "--rest-hr", "72", "--vt1", "112")
    assert "Ceiling 112 bpm" in vt1.stdout
    assert "priority over any formula" in vt1.stdout


def test_review_of_an_activity_file(tmp_path: Path) -> None:
    hr = over_exertion(rest_bpm=70, peak_bpm=125, rest_s=60, ramp_s=30, hold_s=180, recover_s=120)
    beats = beats_from_hr(hr, seed=9)
    file = tmp_path / "walk.txt"
    file.write_text("\n".join(f"{v:.0f}" for v in beats.rr_ms))
    done = _run("pace", "review", file, "--rest-hr", "70", "--ceiling", "100")
    assert done.returncode == 0, done.stderr
    assert "over the ceiling (100 bpm)" in done.stdout
    assert re.search(r"Highest heart rate 12[4-6] bpm", done.stdout)


def test_readiness_over_dated_files_names_the_flagged_factor(tmp_path: Path) -> None:
    person = fibromyalgia_like()
    for day in range(10):
        profile = person if day != 9 else person.replace(vagal_rest=0.5, sympathetic_rest=0.35)
        beats = simulate_rest(profile, duration_s=120, seed=day).recording.beats
        assert beats is not None
        date = dt.date(2025, 3, 1) + dt.timedelta(days=day)
        (tmp_path / f"morning-{date}.txt").write_text("\n".join(f"{v:.0f}" for v in beats.rr_ms))
    files = sorted(tmp_path.glob("morning-*.txt"))
    done = _run("pace", "readiness", *files)
    assert done.returncode == 0, done.stderr
    last = done.stdout[done.stdout.index("2025-03-10") :]
    assert "resting HR" in last
    assert "above your usual" in last
    assert "building baseline" in done.stdout
    assert "does not diagnose" in done.stderr


def test_readiness_refuses_an_undated_file(tmp_path: Path) -> None:
    file = tmp_path / "reading.txt"
    file.write_text("\n".join(["800"] * 100))
    done = _run("pace", "readiness", file)
    assert done.returncode == 1
    assert "no date" in done.stderr


def test_plan_prints_and_writes_with_the_safety_framing(tmp_path: Path) -> None:
    out = tmp_path / "plan.txt"
    done = _run("pace", "plan", "--activity", "warm_water", "--start", "12", "--weeks", "12", "--out", out)
    assert done.returncode == 0, done.stderr
    assert "Week 12" in done.stdout
    assert "warm pool" in done.stdout
    assert "discuss with your clinician or physiotherapist" in out.read_text()
    bad = _run("pace", "plan", "--weeks", "30")
    assert bad.returncode == 2
    assert "between 8 and 12" in bad.stderr


def test_flat_rest_recording_gives_no_load(tmp_path: Path) -> None:
    file = tmp_path / "rest.txt"
    file.write_text("\n".join(f"{v:.0f}" for v in np.full(300, 1000.0)))
    done = _run("pace", "review", file, "--rest-hr", "60", "--age", "40")
    assert done.returncode == 0, done.stderr
    assert "Load 0 points" in done.stdout


def test_review_of_a_heart_rate_only_ride() -> None:
    done = _run(
        "pace", "review", shared_file("fit/garmin-edge-500-activity.fit"), "--rest-hr", "60", "--age", "40"
    )
    assert done.returncode == 0, done.stderr
    assert "(from the device's heart-rate samples)" in done.stdout
    assert "over the ceiling" in done.stdout
    # A pause in the ride breaks a stretch over the ceiling: no stretch is longer than the ride itself.
    minutes = float(re.search(r"longest stretch over the ceiling ([0-9.]+) min", done.stdout).group(1))  # type: ignore[union-attr]
    assert minutes < 178
