"""From a shell: a gzipped RR file gives the same HRV as the plain one; muscle oxygen scored with --phases."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_file
from tests.readers._fit_builder import fit_with_muscle_oxygen


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fibrokit", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_hrv_of_a_gzipped_file_is_the_hrv_of_the_file(tmp_path: Path) -> None:
    packed = tmp_path / "x.txt.gz"
    packed.write_bytes(gzip.compress(shared_file("polar/rest_rri.txt").read_bytes()))
    plain = _run("hrv", shared_file("polar/rest_rri.txt"), "--format", "json")
    unpacked = _run("hrv", packed, "--format", "json")
    assert unpacked.returncode == 0, unpacked.stderr
    assert json.loads(unpacked.stdout)["result"] == json.loads(plain.stdout)["result"]


def test_inspect_reads_a_zip_of_two_recordings_as_a_one_sentence_refusal(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(shared_file("polar/rest_rri.txt"), "a.txt")
        out.write(shared_file("polar/real_rri.txt"), "b.txt")
    done = _run("hrv", archive)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "two.zip: holds 2 recordings" in done.stderr


def test_muscle_oxygen_is_scored_with_the_phases_given(tmp_path: Path) -> None:
    path = tmp_path / "moxy.fit"
    path.write_bytes(fit_with_muscle_oxygen())
    unmarked = _run("analyze", path, "--protocol", "oxygen")
    assert unmarked.returncode == 1
    assert "--phases" in unmarked.stderr
    phases = "rest=0:00-2:00,exercise=2:00-7:00,recovery=7:00-10:00"
    done = _run("analyze", path, "--protocol", "oxygen", "--phases", phases)
    assert done.returncode == 0, done.stderr
    assert "fell to 35 % during exercise" in done.stdout  # sensor 1 of the file falls from 70 to 35 %
    assert "recovered half-way in 30 s" in done.stdout  # its recovery has a 30-s half-time
    assert "exercise 2:00–7:00 (given)" in done.stdout  # the phases are labelled as given, not as markers
    assert "(markers)" not in done.stdout


def test_bad_phases_are_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "moxy.fit"
    path.write_bytes(fit_with_muscle_oxygen(seconds=100, laps=(30, 60)))
    for phases, problem in (
        ("exercise=3:00", "write name=start-end"),
        ("exercise=5:00-3:00", "must end after it starts"),
    ):
        done = _run("analyze", path, "--protocol", "oxygen", "--phases", phases)
        assert done.returncode == 1
        assert problem in done.stderr
        assert done.stderr.count("\n") == 1


def test_inspect_lists_every_recording_of_a_zip_and_where_a_date_came_from(tmp_path: Path) -> None:
    import os
    import zipfile

    archive = tmp_path / "mornings.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(shared_file("polar/rest_rri.txt"), "2025-03-19.txt")
        out.write(shared_file("polar/real_rri.txt"), "2025-03-20.txt")
    done = subprocess.run(
        [sys.executable, "-m", "fibrokit", "inspect", str(archive)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "COLUMNS": "250"},
    )
    assert done.returncode == 0, done.stderr
    assert "mornings.zip/2025-03-19.txt" in done.stdout
    assert "mornings.zip/2025-03-20.txt" in done.stdout
    assert "2025-03-20 (date from the file name)" in done.stdout


def test_every_smo2_sensor_of_a_two_sensor_file_is_scored_in_text_and_json() -> None:
    two = shared_file("nirs/train.red_intervals.csv")
    phases = ("--phases", "rest=34:45-35:50,exercise=35:50-52:48,recovery=52:48-54:55")
    text = _run("analyze", two, *phases)
    assert text.returncode == 0, text.stderr
    assert "sensor 1 (Train.Red FYER 0673)" in text.stdout
    assert "sensor 2 (Train.Red FYER 0702)" in text.stdout
    shown = _run("analyze", two, *phases, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    first, second = document["result"], document["sensors"][0]
    assert (first["channel"], second["channel"]) == ("smo2", "smo2_2")
    assert len(document["sensors"]) == 1
    # Each sensor is read from its own channel: their resting values differ, and each matches the library's.
    from fibrokit import read
    from fibrokit.protocols import muscle_oxygen

    recording = read(two)
    for channel, result in (("smo2", first), ("smo2_2", second)):
        expected = muscle_oxygen(recording, exercise_start_s=2150.0, exercise_end_s=3168.0, channel=channel)
        rest = next(f["value"] for f in result["findings"] if f["symbol"] == "smo2_rest_pct")
        assert abs(rest - expected["smo2_rest_pct"]) < 1e-9
    rests = [
        next(f["value"] for f in r["findings"] if f["symbol"] == "smo2_rest_pct") for r in (first, second)
    ]
    assert rests[0] != rests[1]
