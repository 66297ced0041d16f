"""``fibrokit hrv`` from a shell, as a person would run it: tables, CSV, JSON, and one-sentence errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

import fibrokit


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fibrokit", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_a_whole_recording_prints_a_table_and_notes_the_unit() -> None:
    done = _run("hrv", shared_file("polar/rest_rri.txt"))
    assert done.returncode == 0, done.stderr
    assert "RMSSD" in done.stdout
    assert "Mean HR" in done.stdout
    assert "milliseconds" in done.stderr


def test_windows_as_csv_have_one_row_per_window_and_every_metric() -> None:
    done = _run(
        "hrv", shared_file("rr/healthy-000-ms.txt"), "--window", "300", "--step", "300", "--format", "csv"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    header = lines[0].split(",")
    assert header[:4] == ["start_s", "end_s", "beats", "normal_share"]
    assert "rmssd_ms" in header
    assert len(lines) - 1 == 252  # 21.1 hours in 5-minute windows


def test_json_carries_provenance_and_settings() -> None:
    done = _run(
        "hrv",
        shared_file("polar/rest_rri.txt"),
        "--format",
        "json",
        "--preset",
        "pcst",
        "--artifacts",
        "pcst",
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["settings"]["preset"] == "pcst"
    assert document["artifact_method"] == "pcst"
    assert len(document["sha256"]) == 64
    assert document["result"]["values"]["rmssd_ms"] > 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty.txt: is empty"),
        ("words.txt", b"800\n810\nabc\n", "line 3: 'abc' is not a number"),
        ("negative.txt", b"800\n-810\n790\n", "zero or negative"),
        ("absurd.txt", b"800000\n810000\n790000\n", "neither a plausible RR interval"),
        ("hr.txt", b"72\n75\n71\n74\n", "look like heart rates"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not in a format fibrokit reads"),
    ],
)
def test_bad_input_gives_one_sentence_and_no_traceback(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    done = _run("hrv", path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2


def test_a_missing_file_is_named() -> None:
    done = _run("hrv", "no-such-file.txt")
    assert done.returncode == 1
    assert "no-such-file.txt: no such file" in done.stderr


def test_a_too_short_recording_for_windows_says_so(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("800\n" * 100)
    done = _run("hrv", path, "--window", "300")
    assert done.returncode == 1
    assert "shorter than one window" in done.stderr


@pytest.mark.parametrize("args", [("hrv",), ("hrv", "x.txt", "--format", "xml"), ("no-such-command",)])
def test_usage_mistakes_show_the_usage_and_no_traceback(args: tuple[str, ...]) -> None:
    done = _run(*args)
    assert done.returncode == 2
    assert "Usage:" in done.stderr
    assert "Traceback" not in done.stderr


def test_windows_stream_to_a_csv_file_with_one_plain_warning(tmp_path: Path) -> None:
    target = tmp_path / "windows.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "fibrokit",
            "hrv",
            str(shared_file("rr/healthy-000-ms.txt")),
            "--window",
            "300",
            "--step",
            "30",
            "--out",
            str(target),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(fibrokit.__file__).parent.parent), "COLUMNS": "300"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = target.read_text().splitlines()
    assert len(lines) == 2521
    assert lines[0].startswith("start_s,")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert "of 2520 windows" in warnings[0]
    assert ".py" not in done.stderr
    assert "FibrokitWarning" not in done.stderr
    assert not list(tmp_path.glob(".*partial"))


def _csv_table(path: Path) -> tuple[list[str], np.ndarray]:
    lines = path.read_text().splitlines()
    rows = [[float(cell) if cell else np.nan for cell in line.split(",")] for line in lines[1:]]
    return lines[0].split(","), np.array(rows)


def test_a_plain_column_is_streamed_and_gives_the_windows_of_the_file_read_whole(tmp_path: Path) -> None:
    rr = np.loadtxt(shared_file("rr/healthy-000-ms.txt"))[:12_000].copy()
    rr[::997] *= 2.0  # missed beats, for the artefact flagging to find
    plain, commented = tmp_path / "plain.txt", tmp_path / "commented.txt"
    np.savetxt(plain, rr, fmt="%g")
    # A comment line sends a file the usual way (read whole): the same values, the other path.
    commented.write_text("# exported by a Holter program\n" + plain.read_text())
    for source in (plain, commented):
        done = _run(
            "hrv", source, "--window", "300", "--step", "30", "--out", tmp_path / f"{source.stem}.csv"
        )
        assert done.returncode == 0, done.stderr
    streamed_header, streamed = _csv_table(tmp_path / "plain.csv")
    whole_header, whole = _csv_table(tmp_path / "commented.csv")
    assert streamed_header == whole_header
    assert streamed.shape == whole.shape
    assert streamed.shape[0] > 300
    # Equal to rounding: the two paths compute windows in chunks of different sizes (128 and 256).
    np.testing.assert_allclose(streamed, whole, rtol=1e-12, atol=1e-12)


def test_a_bad_line_deep_in_a_plain_column_is_named_by_its_line(tmp_path: Path) -> None:
    lines = ["812"] * 100_000
    lines[89_999] = "8l2"
    path = tmp_path / "week.txt"
    path.write_text("\n".join(lines) + "\n")
    done = _run("hrv", path, "--window", "300", "--step", "30", "--out", tmp_path / "windows.csv")
    assert done.returncode == 1
    assert "week.txt" in done.stderr
    assert "line 90000" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "windows.csv").exists()
