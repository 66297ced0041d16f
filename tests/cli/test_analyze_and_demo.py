"""``fibrokit analyze`` and ``fibrokit demo`` from a shell."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_file


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fibrokit", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "250"},  # wide enough that a table cell's words stay on one line
    )


def test_a_steady_exercise_bout_is_an_activity_with_a_reason_unless_the_person_names_the_test(
    tmp_path: Path,
) -> None:
    # 30 minutes at an even ~105 bpm, then recovery: not a graded test, so nothing is scored on its own.
    done = _run("analyze", shared_file("polar/exercise_rri.hrm"), "--age", "40", "--rest-hr", "70")
    assert done.returncode == 0, done.stderr
    assert "Activity (activity)" in done.stdout
    assert "exercise_rri.hrm is analysed as an activity, not scored as a test, because" in done.stdout
    assert "--phases rest=" in done.stdout
    assert "Chronotropic reserve" not in done.stdout
    assert "Pacing review:" in done.stdout
    report = tmp_path / "exercise.html"
    named = _run(
        "analyze",
        shared_file("polar/exercise_rri.hrm"),
        "--protocol",
        "exercise",
        "--phases",
        "rest=4:30-5:36,exercise=5:36-36:03,recovery=36:03-42:00",
        "--age",
        "40",
        "--sex",
        "m",
        "--report",
        report,
    )
    assert named.returncode == 0, named.stderr
    assert "Chronotropic reserve" in named.stdout
    assert "below the usual range: a finding" in named.stdout
    assert "(given)" in named.stdout
    assert "not a diagnosis" in named.stdout
    assert "Exercise test" in report.read_text(encoding="utf-8")


def test_analyze_a_named_test_without_an_age_says_so_in_one_sentence() -> None:
    done = _run("analyze", shared_file("polar/exercise_rri.hrm"), "--protocol", "exercise")
    assert done.returncode == 1
    assert "give your age with --age" in done.stderr
    assert "Traceback" not in done.stderr


def test_analyze_a_heart_rate_only_ride_gives_heart_rate_and_pacing_not_a_test() -> None:
    done = _run("analyze", shared_file("fit/compressed-speed-distance.fit"), "--age", "40", "--rest-hr", "60")
    assert done.returncode == 0, done.stderr
    assert "Activity (activity)" in done.stdout
    assert "from the device's heart-rate samples" in done.stdout
    assert "HRV: needs beat-to-beat (RR) intervals" in done.stdout
    assert "Pacing review:" in done.stdout


def test_bad_phases_are_refused_in_one_sentence() -> None:
    done = _run(
        "analyze", shared_file("polar/exercise_rri.hrm"), "--protocol", "exercise", "--phases", "warmup=0-60"
    )
    assert done.returncode == 1
    assert "cannot read the phase 'warmup=0-60'" in done.stderr
    assert "Traceback" not in done.stderr


def test_analyze_a_resting_file_as_an_exercise_test_is_refused() -> None:
    done = _run("analyze", shared_file("polar/rest_rri.txt"), "--protocol", "exercise", "--age", "40")
    assert done.returncode == 1
    assert "no exercise found" in done.stderr


def test_the_demo_writes_both_reports_and_says_where(tmp_path: Path) -> None:
    done = _run("demo", "--out", tmp_path / "demo")
    assert done.returncode == 0, done.stderr
    for name in ("typical-report.html", "typical-report.pdf", "fibromyalgia-like-report.pdf"):
        assert (tmp_path / "demo" / name).is_file()
    assert "Chronotropic reserve" in done.stdout
    assert str(tmp_path / "demo") in done.stdout
