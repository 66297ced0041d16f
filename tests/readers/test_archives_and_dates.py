"""Compressed files open as their content does, within the zip-bomb limits; a recording's date and its source."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import iter_read, read, read_rr_text
from fibrokit.errors import CorruptFile, ReaderError, UnsupportedFormat
from fibrokit.readers._dates import date_from_name

REST = "polar/rest_rri.txt"


def _gz(source: Path, target: Path) -> Path:
    target.write_bytes(gzip.compress(source.read_bytes()))
    return target


def test_a_gzipped_rr_file_reads_as_the_plain_file(tmp_path: Path) -> None:
    packed = _gz(shared_file(REST), tmp_path / "rest_rri.txt.gz")
    plain, unpacked = read(shared_file(REST)), read(packed)
    assert unpacked.source_format == "rr-text"
    assert unpacked.source_name == "rest_rri.txt.gz"
    assert unpacked.source_sha256 == hashlib.sha256(packed.read_bytes()).hexdigest()
    assert plain.beats is not None
    assert unpacked.beats is not None
    np.testing.assert_array_equal(plain.beats.rr_ms, unpacked.beats.rr_ms)
    direct = read_rr_text(packed)  # each reader opens a gzip file by itself too
    assert direct.beats is not None
    assert len(direct.beats) == len(plain.beats)


@pytest.mark.parametrize(
    "name", ["fit/garmin-fenix-5-run.fit", "polar/exercise_rri.hrm", "nirs/moxy_intervals.csv"]
)
def test_gzipped_files_of_other_formats_are_recognised_by_content(tmp_path: Path, name: str) -> None:
    source = shared_file(name)
    recording = read(_gz(source, tmp_path / "x.gz"))  # no telling suffix: the content decides
    assert recording.source_format == read(source).source_format
    assert set(recording.channels) == set(read(source).channels)


def test_a_zip_with_one_recording_reads_as_it(tmp_path: Path) -> None:
    archive = tmp_path / "reading.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(shared_file(REST), "folder/rest_rri.txt")
        out.writestr("README.md", "notes beside the recording are skipped")
        out.writestr("__MACOSX/._rest_rri.txt", b"\x00\x05\x16\x07")
    recording = read(archive)
    assert recording.source_name == "reading.zip/folder/rest_rri.txt"
    assert recording.beats is not None
    assert len(recording.beats) == 910
    assert recording.metadata["unpacked_from"] == "reading.zip"


def test_a_zip_of_several_recordings_is_read_one_by_one(tmp_path: Path) -> None:
    archive = tmp_path / "mornings.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(shared_file(REST), "2025-03-19.txt")
        out.write(shared_file("polar/real_rri.txt"), "2025-03-20.txt")
        out.writestr("broken.hrm", "[Params]\nVersion=106\n")
    with pytest.raises(ReaderError, match=r"^mornings\.zip: holds 3 recordings .*iter_read$"):
        read(archive)
    found = list(iter_read([archive]))
    days = sorted(r.start.date() for r in found if not isinstance(r, ReaderError) and r.start is not None)
    assert days == [dt.date(2025, 3, 19), dt.date(2025, 3, 20)]
    errors = [r for r in found if isinstance(r, ReaderError)]
    assert len(errors) == 1
    assert str(errors[0]).startswith("mornings.zip/broken.hrm: ")


def test_a_zipped_wfdb_record_is_one_recording(tmp_path: Path) -> None:
    archive = tmp_path / "record.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for suffix in (".hea", ".dat", ".atr"):
            out.write(shared_file(f"wfdb/100{suffix}"), f"100{suffix}")
    recording = read(archive)
    assert recording.source_format == read(shared_file("wfdb/100.hea")).source_format
    assert recording.source_name == "record.zip/100.hea"


def test_a_gzip_bomb_is_refused_in_one_sentence(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"0" * 60_000_000, 9))
    for reader in (read, read_rr_text):
        with pytest.raises(CorruptFile, match=r"^bomb\.txt\.gz: unpacks to more than .* zip bomb"):
            reader(bomb)


def test_zip_bombs_unsafe_paths_and_damage_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("big.txt", b"1" * 30_000_000)
    with pytest.raises(CorruptFile, match="zip bomb"):
        read(bomb)
    unsafe = tmp_path / "unsafe.zip"
    with zipfile.ZipFile(unsafe, "w") as out:
        out.writestr("../outside.txt", "800\n810\n")
    with pytest.raises(CorruptFile, match="unsafe path"):
        read(unsafe)
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(gzip.compress(shared_file(REST).read_bytes())[:400])
    with pytest.raises(CorruptFile, match=r"^cut\.txt\.gz: is a (truncated|damaged) gzip file$"):
        read(truncated)
    nothing = tmp_path / "notes.zip"
    with zipfile.ZipFile(nothing, "w") as out:
        out.writestr("notes.md", "# only notes, no recording")
    with pytest.raises(UnsupportedFormat, match=r"^notes\.zip: holds no file in a format fibrokit reads"):
        read(nothing)


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("2025-03-19.txt", dt.date(2025, 3, 19)),
        ("morning 2025-03-19.txt", dt.date(2025, 3, 19)),
        ("20250319.txt", dt.date(2025, 3, 19)),
        ("HRV_19-03-2025.csv", dt.date(2025, 3, 19)),
        ("2025_03_19_morning.txt.gz", dt.date(2025, 3, 19)),
        ("rest_rri.txt", None),
        ("2025-02-30.txt", None),  # no such day
        ("reading-12345678.txt", None),  # digits, not a date
        ("1066-10-14.txt", None),  # before any heart-rate strap
    ],
)
def test_a_date_is_read_from_a_file_name_only_when_it_is_one(name: str, day: dt.date | None) -> None:
    assert date_from_name(name) == day


def test_an_undated_rr_file_takes_its_date_from_its_name_and_says_so(tmp_path: Path) -> None:
    named = tmp_path / "morning 2025-03-19.txt"
    shutil.copy(shared_file(REST), named)
    recording = read(named)
    assert recording.start == dt.datetime(2025, 3, 19)
    assert recording.metadata["date_source"] == "file name"
    assert "only the date is known" in recording.metadata["start_time"]
    zipped = read(_gz(named, tmp_path / "morning 2025-03-19.txt.gz"))
    assert zipped.start == dt.datetime(2025, 3, 19)
    assert zipped.metadata["date_source"] == "file name"
    undated = read(shared_file(REST))
    assert undated.start is None
    assert "date_source" not in undated.metadata


def test_a_date_in_the_content_wins_over_the_name(tmp_path: Path) -> None:
    named = tmp_path / "2020-01-01.hrm"
    shutil.copy(shared_file("polar/exercise_rri.hrm"), named)
    recording = read(named)
    assert recording.start is not None
    assert recording.start.date() != dt.date(2020, 1, 1)
    assert recording.metadata["date_source"] == "file content"


def test_a_zip_whose_member_data_is_damaged_is_refused_in_one_sentence(tmp_path: Path) -> None:
    archive = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(shared_file(REST), "rest.txt")
    data = bytearray(archive.read_bytes())
    for at in range(60, 400):  # inside the member's compressed data
        data[at] ^= 0x55
    archive.write_bytes(bytes(data))
    with pytest.raises(CorruptFile, match=r"^damaged\.zip: is a damaged or unsupported zip file"):
        read(archive)


# Every real file in shared/data that holds heart rate or beats, by format (the FIT files refused are damaged on
# purpose, the Strava one and the monitoring file hold no heart rate; consumer exports are read by their own
# readers). PhysioNet records need their companion files beside them, so they are not gzipped alone.
HEART_RATE_FILES = (
    "fit/garmin-fenix-5-run.fit",
    "fit/garmin-fenix-5-walk.fit",
    "fit/garmin-fenix-5-bike.fit",
    "fit/garmin-edge-820-bike.fit",
    "fit/garmin-edge-500-activity.fit",
    "fit/activity-large-fenxi2-multisport.fit",
    "polar/exercise_rri.hrm",
    "polar/noisy_rri.hrm",
    "polar/test_file_2.hrm",
    "polar/rest_rri.txt",
    "polar/real_rri.txt",
    "polar/rri_multiple_columns_datetime.csv",
    "rr/healthy-000-ms.txt",
    "wfdb/100.hea",
    "wfdb/100.atr",
    "physionet-nsr2db/nsr001.ecg",
    "consumer/apple_health/alxdrcirilo__apple-health-parser/export.zip",
)


@pytest.mark.parametrize("name", HEART_RATE_FILES)
def test_every_real_file_with_heart_rate_is_read_and_so_is_its_gzipped_copy(
    tmp_path: Path, name: str
) -> None:
    recording = read(shared_file(name))
    assert (recording.beats is not None and len(recording.beats) > 0) or "heart_rate" in recording.channels
    if shared_file(name).stat().st_size < 2_000_000 and name.split("/")[0] not in (
        "wfdb",
        "physionet-nsr2db",
    ):
        packed = read(_gz(shared_file(name), tmp_path / (Path(name).name + ".gz")))
        assert packed.source_format == recording.source_format
