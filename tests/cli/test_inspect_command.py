"""``fibrokit inspect`` on sample files and on foreign files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_file

import fibrokit

# The source under test (not another installed copy) runs in the subprocess.
SOURCE = str(Path(fibrokit.__file__).resolve().parent.parent)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from fibrokit.cli import main; main()", "inspect", *args],
        capture_output=True,
        text=True,
        env={"COLUMNS": "250", "PATH": "", "PYTHONPATH": SOURCE},
        check=False,
    )


def test_inspect_summarises_each_sample_file() -> None:
    files = [
        "fit/garmin-fenix-5-run.fit",
        "polar/exercise_rri.hrm",
        "wfdb/100.hea",
        "nirs/moxy_intervals.csv",
        "physionet-nsr2db/nsr001.ecg",
    ]
    result = _run(*(str(shared_file(f)) for f in files))
    assert result.returncode == 0, result.stderr
    for expected in (
        "garmin-fenix-5-run.fit",
        "fit",
        "heart_rate (bpm)",
        "113",
        "100.0 %",
        "4117",
        "0:42:42",
    ):
        assert expected in result.stdout
    assert "Moxy Monitor" in result.stdout
    assert "smo2 (%)" in result.stdout
    # Not a terminal: plain text, a title line, headings and one tab-separated line per file.
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "# What the files hold",
        "\t".join(
            ("file", "format", "device", "start", "duration", "channels", "beats", "valid beats", "warnings")
        ),
    ]
    assert lines[2].split("\t")[:2] == ["garmin-fenix-5-run.fit", "fit"]


def test_inspect_reports_a_foreign_file_in_one_sentence(tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = _run(str(picture))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "picture.png: is not in a format fibrokit reads, so its format is not recognised (fibrokit reads: FIT"
        in " ".join(result.stderr.split())
    )


def test_inspect_of_a_damaged_file_among_good_ones_reports_it_and_fails(tmp_path: Path) -> None:
    result = _run(str(shared_file("fit/activity-filecrc.fit")), str(shared_file("polar/rest_rri.txt")))
    assert result.returncode == 1
    assert "rest_rri.txt" in result.stdout
    assert "activity-filecrc.fit: its checksum does not match" in " ".join(result.stderr.split())


def test_inspect_ends_at_once_with_its_output_and_exit_status_intact(tmp_path: Path) -> None:
    # inspect ends with os._exit once its output is flushed (fibrokit.cli.READ_ONLY): nothing may be lost.
    ok = _run(str(shared_file("fit/garmin-fenix-5-run.fit")))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[-1].startswith("garmin-fenix-5-run.fit\tfit")
    bad = _run(str(tmp_path / "missing.fit"))
    assert bad.returncode == 1
    assert bad.stderr.strip().endswith("missing.fit: no such file")
