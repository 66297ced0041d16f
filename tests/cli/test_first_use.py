"""What a new user meets first: each case a person tried, answered with one plain sentence and the right status."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_file

import fibrokit

SOURCE = str(Path(fibrokit.__file__).resolve().parent.parent)


def fibrokit_cli(
    *args: str | Path, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run this checkout's command line in a fresh process, as a person at a terminal would."""
    env = {**os.environ, "PYTHONPATH": SOURCE, "COLUMNS": "200", "NO_COLOR": "1"}
    for name in ("FIBROKIT_DATA_DIR", "FIBROKIT_DATABASE_URL", "FIBROKIT_DEBUG"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "fibrokit", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=300,
    )


def _plain(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr
    assert "bug in fibrokit" not in done.stderr
    assert ".py" not in done.stderr


def test_version() -> None:
    done = fibrokit_cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"fibrokit {fibrokit.__version__}"


def test_a_checkin_before_any_account_gives_the_exact_command(tmp_path: Path) -> None:
    done = fibrokit_cli("diary", "checkin", "-r", "pain=6", "--data-dir", tmp_path)
    assert done.returncode == 1
    _plain(done)
    assert "fibrokit user add you@example.org" in done.stderr
    added = fibrokit_cli(
        "user",
        "add",
        "me@example.org",
        "--password-stdin",
        "--data-dir",
        tmp_path,
        stdin="a long enough passphrase\n",
    )
    assert added.returncode == 0, added.stderr
    done = fibrokit_cli("diary", "checkin", "-r", "pain=6", "--data-dir", tmp_path)
    assert done.returncode == 0, done.stderr  # the only account: no --user needed


def test_restoring_a_file_that_is_not_a_backup_is_one_sentence(tmp_path: Path) -> None:
    for name, content in (("notes.txt", b"not a database at all\n" * 200), ("empty.db", b"")):
        (tmp_path / name).write_bytes(content)
        done = fibrokit_cli("restore", tmp_path / name, "--yes", "--data-dir", tmp_path / "data")
        assert done.returncode == 1
        _plain(done)
        assert f"{name} is not a fibrokit backup" in done.stderr


def test_a_cohort_run_where_every_file_failed_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for name in ("activity-unexpected-eof.fit", "activity-settings-corruptheader.fit"):
        shutil.copy(shared_file(f"fit/{name}"), folder / name)
    done = fibrokit_cli(
        "cohort", "run", folder, "--analysis", "hrv", "--out", tmp_path / "t.parquet", "--workers", "1"
    )
    assert done.returncode == 1, done.stdout + done.stderr
    _plain(done)
    assert "none of the 2 files could be analysed" in done.stderr


def test_errors_name_the_options_not_the_library_parameters() -> None:
    done = fibrokit_cli("pace", "plan", "--start", "0")
    assert done.returncode == 2
    assert "--start and --sessions must be positive" in done.stderr
    assert "start_minutes" not in done.stderr
    done = fibrokit_cli("pace", "thresholds")
    assert done.returncode == 2
    assert "resting_hr_bpm" not in done.stderr
    assert "--rest-hr" in done.stderr


def test_a_truncated_fit_file_says_what_a_command_line_user_can_do() -> None:
    fit = shared_file("fit/activity-unexpected-eof.fit")
    done = fibrokit_cli("inspect", fit)
    assert done.returncode == 1
    _plain(done)
    assert "--partial on the command line" in done.stderr
    kept = fibrokit_cli("inspect", "--partial", fit)
    assert kept.returncode == 0, kept.stderr
    assert "(partial)" in kept.stdout
