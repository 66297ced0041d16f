"""Apple Health exports, built to follow the export's DTD exactly (no real export has a usable licence)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pytest
from lxml import etree
from tests.readers._apple_builder import small_export

from fibrokit import BeatFlag, CorruptFile, UnsupportedFormat, read, read_apple_health

_START = dt.datetime(2024, 2, 1, 7, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def export_xml(tmp_path: Path) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(small_export(_START), encoding="utf-8")
    return path


def test_heart_rate_hrv_resting_rate_beats_and_workouts(export_xml: Path) -> None:
    recording = read(export_xml)
    assert recording.source_format == "apple-health"
    assert recording.start == _START
    heart_rate = recording.channels["heart_rate"]
    assert heart_rate.unit == "bpm"
    assert heart_rate.values.size == 51
    assert recording.channels["resting_heart_rate"].values.tolist() == [55.0]
    assert recording.channels["hrv_sdnn"].values.tolist() == [48.5]
    assert recording.device == "Apple Watch (Watch6,1)"
    assert recording.metadata["sources"] == "Apple Watch, iPhone"
    beats = recording.beats
    assert beats is not None
    np.testing.assert_allclose(beats.times_s, 3600 + np.array([1.0, 1.97, 2.99, 4.05]))
    np.testing.assert_allclose(beats.rr_ms, [1000.0, 970.0, 1020.0, 1060.0], atol=1e-3)
    assert beats.flags.tolist() == [BeatFlag.NORMAL] * 4
    (walk,) = recording.markers
    assert (walk.label, walk.time_s, walk.end_s) == ("workout: Walking", 3 * 3600.0, 3 * 3600.0 + 1800.0)


def test_the_scanner_agrees_with_lxml(export_xml: Path) -> None:
    ours = read_apple_health(export_xml)
    theirs = []
    for _, element in etree.iterparse(str(export_xml), events=("end",), tag="Record"):
        if element.get("type") == "HKQuantityTypeIdentifierHeartRate":
            moment = dt.datetime.strptime(element.get("startDate"), "%Y-%m-%d %H:%M:%S %z")
            theirs.append((moment.timestamp(), float(element.get("value"))))
        element.clear()
    theirs.sort()
    assert ours.start is not None
    channel = ours.channels["heart_rate"]
    np.testing.assert_array_equal(channel.times_s + ours.start.timestamp(), [t for t, _ in theirs])
    np.testing.assert_array_equal(channel.values, [v for _, v in theirs])


def test_a_zip_export_is_read_from_its_export_xml(tmp_path: Path, export_xml: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
        zipped.write(export_xml, "apple_health_export/export.xml")
    recording = read(archive)
    assert recording.source_name == "export.zip"
    assert recording.channels["heart_rate"].values.size == 51


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("apple_health_export/export.xml", "<HealthData>" + " " * 5_000_000 + "</HealthData>")
    with pytest.raises(CorruptFile, match="zip bomb"):
        read_apple_health(archive)


def test_an_unsafe_member_path_is_refused(tmp_path: Path, export_xml: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(export_xml, "../../export.xml")
    with pytest.raises(CorruptFile, match="unsafe path"):
        read_apple_health(archive)


def test_a_zip_without_an_export_is_unsupported(tmp_path: Path) -> None:
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("apple_health_export/notes.txt", "nothing")
    with pytest.raises(UnsupportedFormat, match=r"without an Apple Health export\.xml"):
        read_apple_health(archive)


def test_an_export_without_heart_data_says_so(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(small_export(_START).split(" <Record", 1)[0] + "</HealthData>\n")
    with pytest.raises(CorruptFile, match="holds no heart-rate"):
        read_apple_health(path)


def test_chunk_boundaries_do_not_lose_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fibrokit.readers.apple_health as module

    path = tmp_path / "export.xml"
    path.write_text(small_export(_START, heart_rates=400), encoding="utf-8")
    whole = read_apple_health(path)
    monkeypatch.setattr(module, "_CHUNK", 997)
    chunked = read_apple_health(path)
    np.testing.assert_array_equal(whole.channels["heart_rate"].values, chunked.channels["heart_rate"].values)
    assert whole.beats is not None
    assert chunked.beats is not None
    np.testing.assert_array_equal(whole.beats.rr_ms, chunked.beats.rr_ms)
