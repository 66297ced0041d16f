"""RR text and CSV files: every layout the foundation promises, and clear errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import CorruptFile, UnsupportedFormat, read, read_mit_annotations, read_rr_text


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_column_in_ms(tmp_path: Path) -> None:
    recording = read_rr_text(_write(tmp_path, "rr.txt", "800\n810\n790\n"))
    assert recording.beats is not None
    np.testing.assert_allclose(recording.beats.rr_ms, [800, 810, 790])
    assert recording.metadata["rr_unit"] == "ms"
    assert "milliseconds" in recording.metadata["rr_unit_reason"]
    assert recording.source_name == "rr.txt"
    assert len(recording.source_sha256) == 64


def test_one_column_in_seconds_with_a_header(tmp_path: Path) -> None:
    recording = read_rr_text(_write(tmp_path, "rr.csv", "RR (s)\n0.8\n0.81\n0.79\n"))
    assert recording.beats is not None
    np.testing.assert_allclose(recording.beats.rr_ms, [800, 810, 790])


def test_time_and_rr_columns_give_beat_times_and_gaps(tmp_path: Path) -> None:
    text = "time,rr\n0.8,800\n1.6,800\n2.4,800\n12.0,800\n12.8,800\n"
    recording = read_rr_text(_write(tmp_path, "rr.csv", text))
    assert recording.beats is not None
    np.testing.assert_allclose(recording.beats.times_s, [0.8, 1.6, 2.4, 12.0, 12.8])
    assert recording.beats.flags[3] != 0


def test_a_datetime_column_dates_the_recording() -> None:
    recording = read_rr_text(shared_file("polar/rri_multiple_columns_datetime.csv"))
    assert recording.start is not None
    assert recording.start.year == 2018
    assert recording.beats is not None
    assert len(recording.beats) == 4


def test_a_start_line_dates_and_times_the_recording_in_its_time_zone(tmp_path: Path) -> None:
    text = "# start: 2026-03-01T07:15:00.250+01:00\ntime_s,rr_ms\n0.8,800\n1.6,800\n2.41,810\n"
    recording = read(_write(tmp_path, "live-session-20260301-071500.csv", text))
    assert recording.start is not None
    assert recording.start.isoformat() == "2026-03-01T07:15:00.250000+01:00"
    assert recording.metadata["date_source"] == "file content"
    assert recording.beats is not None
    np.testing.assert_allclose(recording.beats.times_s, [0.8, 1.6, 2.41])
    with pytest.raises(CorruptFile, match=r"bad\.csv: line 1: 'yesterday' is not a start date and time"):
        read_rr_text(_write(tmp_path, "bad.csv", "# start: yesterday\n0.8,800\n1.6,800\n"))


def test_the_shared_rr_files_read() -> None:
    for name in ("polar/rest_rri.txt", "polar/real_rri.txt", "rr/healthy-000-ms.txt"):
        recording = read(shared_file(name))
        assert recording.beats is not None
        assert recording.beats.normal_share > 0.95


def test_a_trailing_zero_end_marker_is_dropped_with_a_warning() -> None:
    recording = read_rr_text(shared_file("polar/real_rri.txt"))
    assert recording.beats is not None
    assert recording.beats.rr_ms[-1] > 0
    assert any("trailing zero" in warning for warning in recording.warnings)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("800\n8x0\n790\n", "line 2: '8x0' is not a number"),
        ("800\n-810\n790\n", "zero or negative"),
        ("72\n75\n71\n74\n", "look like heart rates"),
        ("800,1\n810\n", "line 2 has a different number of columns"),
        ("rr\n", "header but no values"),
    ],
)
def test_bad_files_give_one_sentence_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, "bad.txt", text)
    with pytest.raises((CorruptFile, UnsupportedFormat)) as caught:
        read_rr_text(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith("bad.txt: ")
    assert "\n" not in str(caught.value)


def test_a_binary_file_is_not_rr_text(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnsupportedFormat, match="not in a format fibrokit reads"):
        read(path)


def test_mit_annotations_read_with_the_header_rate_and_label_flags() -> None:
    recording = read_mit_annotations(shared_file("physionet-nsr2db/nsr001.ecg"))
    assert recording.metadata["fs_hz"] == "128"
    assert recording.beats is not None
    assert 0.99 < recording.beats.normal_share < 1.0  # a few V and A beats are labelled
    every = read_mit_annotations(shared_file("physionet-nsr2db/nsr001.ecg"), annotations="all")
    assert every.beats is not None
    assert len(every.beats) > len(recording.beats)


def test_truncated_annotation_file_is_a_corrupt_file(tmp_path: Path) -> None:
    data = shared_file("physionet-nsr2db/nsr004.ecg").read_bytes()
    path = tmp_path / "nsr004.ecg"
    path.write_bytes(data[:1001])
    (tmp_path / "nsr004.hea").write_text("nsr004 0 128 0\n")
    with pytest.raises(CorruptFile, match="truncated"):
        read_mit_annotations(path)
