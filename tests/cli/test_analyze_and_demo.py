"""``fibrokit analyze`` and ``fibrokit demo`` from a shell."""

from __future__ import annotations

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
    )


def test_analyze_recognises_the_exercise_and_writes_a_report(tmp_path: Path) -> None:
    report = tmp_path / "exercise.html"
    done = _run(
        "analyze", shared_file("polar/exercise_rri.hrm"), "--age", "40", "--sex", "m", "--report", report
    )
    assert done.returncode == 0, done.stderr
    assert "exercise-test" in done.stdout
    assert "Chronotropic reserve" in done.stdout
    assert "not a diagnosis" in done.stdout
    assert report.is_file()
    assert "Exercise test" in report.read_text(encoding="utf-8")


def test_analyze_without_an_age_says_so_in_one_sentence() -> None:
    done = _run("analyze", shared_file("polar/exercise_rri.hrm"))
    assert done.returncode == 1
    assert "give your age with --age" in done.stderr
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
