"""Polar HRM, NIRS exports, WFDB records, EDF+ and PhysioNet annotations: every shared file is read."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import SHARED_DATA, shared_file

from fibrokit import (
    CorruptFile,
    ReaderError,
    read,
    read_edf,
    read_moxy,
    read_polar_hrm,
    read_train_red,
    read_wfdb,
)


@pytest.mark.parametrize(
    ("name", "beats", "minutes"),
    [
        ("exercise_rri.hrm", 4117, 42 + 41.7 / 60),
        ("noisy_rri.hrm", 3581, 40 + 3 / 60),
        ("test_file_2.hrm", 4, None),
    ],
)
def test_polar_hrm_in_rr_mode(name: str, beats: int, minutes: float | None) -> None:
    recording = read(shared_file(f"polar/{name}"))
    assert recording.source_format == "polar-hrm"
    assert recording.metadata["mode"] == "R-R"
    assert recording.beats is not None
    assert len(recording.beats) == beats
    if minutes is not None:  # the header's Length agrees with the summed intervals within a beat
        assert abs(recording.beats.duration_s / 60 - minutes) < 2 / 60
    assert recording.start is not None


def test_malformed_hrm_gives_a_sentence() -> None:
    with pytest.raises(CorruptFile, match=r"test_file_mistake_2.hrm: has no heart-rate data"):
        read(shared_file("polar/test_file_mistake_2.hrm"))


def test_polar_hrm_in_sample_mode(tmp_path: Path) -> None:
    path = tmp_path / "samples.hrm"
    # SMode flags a (speed), b (cadence), c (altitude) set; Interval 5 s; speed in 0.1 km/h.
    path.write_text(
        "[Params]\nVersion=106\nMonitor=22\nSMode=111000000\nDate=20240201\nStartTime=07:00:00.0\n"
        "Interval=5\n\n[HRData]\n100\t360\t80\t12\n110\t180\t82\t13\n"
    )
    recording = read_polar_hrm(path)
    assert recording.metadata["mode"] == "samples"
    assert recording.channels["heart_rate"].fs_hz == 0.2
    np.testing.assert_allclose(recording.channels["speed"].values, [10.0, 5.0])
    np.testing.assert_allclose(recording.channels["altitude"].values, [12, 13])
    assert recording.start == dt.datetime(2024, 2, 1, 7, 0)


@pytest.mark.parametrize("name", ["rest_rri.txt", "real_rri.txt", "rri_multiple_columns_datetime.csv"])
def test_polar_text_exports(name: str) -> None:
    recording = read(shared_file(f"polar/{name}"))
    assert recording.source_format == "rr-text"
    assert recording.beats is not None
    assert "rr_unit_reason" in recording.metadata


def test_every_polar_file_is_covered() -> None:
    covered = {"exercise_rri.hrm", "noisy_rri.hrm", "test_file_2.hrm", "test_file_mistake_2.hrm"}
    covered |= {"rest_rri.txt", "real_rri.txt", "rri_multiple_columns_datetime.csv"}
    names = {p.name for p in (SHARED_DATA / "polar").iterdir() if not p.name.startswith("LICENSE")}
    assert names == covered


def test_moxy_export() -> None:
    recording = read(shared_file("nirs/moxy_intervals.csv"))
    assert recording.source_format == "moxy"
    smo2, thb = recording.channels["smo2"], recording.channels["thb"]
    assert (smo2.unit, thb.unit, smo2.fs_hz) == ("%", "g/dL", 0.5)
    assert len(smo2.values) == 931
    assert smo2.values[0] == 56
    assert thb.values[0] == 13.01
    assert recording.duration_s == 1860.0
    assert recording.metadata["first_sample"].startswith("06-Feb 13:17:13")


@pytest.mark.parametrize(("name", "rows"), [("train.red-mre.csv", 409), ("train.red_intervals.csv", 11995)])
def test_train_red_exports(name: str, rows: int) -> None:
    recording = read_train_red(shared_file(f"nirs/{name}"))
    assert len(recording.channels["smo2"].values) == rows
    assert {"smo2_2", "smo2"} <= set(recording.channels)
    assert recording.metadata["sensor_1"].startswith("Train.Red FYER")
    assert 0 < np.nanmedian(recording.channels["smo2"].values) < 100
    assert recording.start is not None


def test_train_red_thb_is_the_unfiltered_column() -> None:
    recording = read(shared_file("nirs/train.red-mre.csv"))
    assert recording.channels["thb"].unit == "a.u."
    assert (
        recording.channels["thb"].values[0] == 147.14 or np.isfinite(recording.channels["thb"].values).all()
    )


def test_a_moxy_reader_refuses_other_csv(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(Exception, match="not a Moxy export"):
        read_moxy(path)


def test_wfdb_record_100_signals_and_reference_beats() -> None:
    recording = read(shared_file("wfdb/100.hea"))
    ecg = recording.channels["ecg"]
    assert (ecg.unit, ecg.fs_hz, ecg.values.size) == ("mV", 360.0, 650_000)
    # First samples of record 100 as PhysioNet's tools print them (rdsamp -r mitdb/100 -P).
    assert ecg.values[0] == pytest.approx(-0.145)
    assert recording.channels["ecg_v5"].values[0] == pytest.approx(-0.065)
    assert recording.beats is not None
    assert len(recording.beats) == 2272  # 2273 beat annotations
    same = read(shared_file("wfdb/100.dat"))
    assert same.beats is not None
    assert len(same.beats) == 2272


def test_wfdb_other_annotator_and_annotation_files() -> None:
    qrs = read_wfdb(shared_file("wfdb/100.hea"), annotator="qrs")
    assert qrs.metadata["annotator"] == "qrs"
    for name in ("wfdb/100.atr", "wfdb/100.qrs"):
        assert read(shared_file(name)).beats is not None


@pytest.mark.parametrize("record", ["nsr001", "nsr004", "nsr009"])
def test_nsr2db_annotations_and_headers(record: str) -> None:
    annotations = read(shared_file(f"physionet-nsr2db/{record}.ecg"))
    assert annotations.beats is not None
    assert len(annotations.beats) > 80_000
    header = read(shared_file(f"physionet-nsr2db/{record}.hea"))
    assert header.source_format == "wfdb"
    assert not header.channels


def test_nsr2db_toolbox_csv_is_refused_with_a_sentence() -> None:
    # A table of HRV results, not a recording: refused in one sentence naming the file.
    with pytest.raises(ReaderError, match=r"NSR_HRV_allwindows_allpatients\.csv: "):
        read(shared_file("physionet-nsr2db/NSR_HRV_allwindows_allpatients.csv"))


def test_edf_plus_annotations() -> None:
    recording = read(shared_file("wfdb/test_edfann.edf"))
    assert recording.source_format == "edf"
    assert recording.metadata["edf_type"] == "EDF+C"
    assert recording.start == dt.datetime(2001, 1, 1, 23, 59, 30)
    assert recording.markers[0].label == "Sleep stage W"
    assert len(recording.markers) > 800


def _edf(path: Path, values: np.ndarray, fs: int) -> None:
    def cell(text: object, width: int) -> bytes:
        return str(text).ljust(width).encode("ascii")

    header = cell(0, 8) + cell("X X X X", 80) + cell("Startdate 01-FEB-2024 X X Polar_H10", 80)
    header += cell("01.02.24", 8) + cell("07.00.00", 8) + cell(512, 8) + cell("", 44)
    header += cell(values.size // fs, 8) + cell(1, 8) + cell(1, 4)
    header += cell("ECG", 16) + cell("chest strap", 80) + cell("mV", 8) + cell(-3.2768, 8) + cell(3.2767, 8)
    header += cell(-32768, 8) + cell(32767, 8) + cell("", 80) + cell(fs, 8) + cell("", 32)
    digital = np.round(values * 10_000).astype("<i2")
    path.write_bytes(header + digital.tobytes())


def test_edf_signal_values_and_rate(tmp_path: Path) -> None:
    path = tmp_path / "ecg.edf"
    values = np.sin(np.arange(1280) / 20.0)
    _edf(path, values, 256)
    recording = read_edf(path)
    ecg = recording.channels["ecg"]
    assert ecg.fs_hz == 256.0
    assert ecg.unit == "mV"
    np.testing.assert_allclose(ecg.values, values, atol=1e-4)
    assert recording.device == "Polar_H10"
    assert struct.calcsize("<h") == 2
