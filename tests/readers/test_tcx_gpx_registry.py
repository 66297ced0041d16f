"""TCX and GPX files, content sniffing, and the sentence for files fibrokit does not read."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import SHARED_DATA, shared_file

from fibrokit import (
    CorruptFile,
    ReaderError,
    Recording,
    UnsupportedFormat,
    iter_read,
    read,
    read_gpx,
    read_tcx,
)
from fibrokit.readers import READERS, supported_formats

TCX = """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
 <Activities>
  <Activity Sport="Running">
   <Id>2024-02-01T07:00:00Z</Id>
   <Lap StartTime="2024-02-01T07:00:00Z"><TotalTimeSeconds>2</TotalTimeSeconds>
    <Track>
     <Trackpoint><Time>2024-02-01T07:00:00Z</Time><Position><LatitudeDegrees>52.1</LatitudeDegrees>
      <LongitudeDegrees>4.3</LongitudeDegrees></Position><AltitudeMeters>3.0</AltitudeMeters>
      <DistanceMeters>0.0</DistanceMeters><HeartRateBpm><Value>80</Value></HeartRateBpm>
      <Extensions><ns3:TPX><ns3:Speed>2.5</ns3:Speed><ns3:Watts>180</ns3:Watts></ns3:TPX></Extensions></Trackpoint>
     <Trackpoint><Time>2024-02-01T07:00:01Z</Time><HeartRateBpm><Value>82</Value></HeartRateBpm></Trackpoint>
    </Track>
   </Lap>
   <Creator><Name>Forerunner 255</Name></Creator>
  </Activity>
  <Activity Sport="Biking"><Id>2024-02-01T08:00:00Z</Id>
   <Lap StartTime="2024-02-01T08:00:00Z"><Track><Trackpoint><Time>2024-02-01T08:00:00Z</Time>
    <HeartRateBpm><Value>100</Value></HeartRateBpm><Cadence>85</Cadence></Trackpoint></Track></Lap>
  </Activity>
 </Activities>
</TrainingCenterDatabase>
"""
GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Garmin Connect" xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <trk><name>Walk</name><trkseg>
  <trkpt lat="52.1" lon="4.3"><ele>1.5</ele><time>2024-02-01T07:00:00Z</time><extensions>
   <gpxtpx:TrackPointExtension><gpxtpx:hr>90</gpxtpx:hr><gpxtpx:cad>55</gpxtpx:cad>
   <gpxtpx:atemp>21</gpxtpx:atemp></gpxtpx:TrackPointExtension></extensions></trkpt>
  <trkpt lat="52.2" lon="4.4"><ele>1.7</ele><time>2024-02-01T07:00:05Z</time><extensions>
   <gpxtpx:TrackPointExtension><gpxtpx:hr>92</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
 </trkseg></trk>
</gpx>
"""


def test_tcx_multi_session_with_laps_and_extensions(tmp_path: Path) -> None:
    path = tmp_path / "run.tcx"
    path.write_text(TCX)
    recording = read(path)
    assert recording.source_format == "tcx"
    assert recording.device == "Forerunner 255"
    np.testing.assert_array_equal(recording.channels["heart_rate"].values, [80, 82, 100])
    np.testing.assert_array_equal(recording.channels["heart_rate"].times_s, [0, 1, 3600])
    assert recording.channels["power"].values[0] == 180
    assert recording.channels["speed"].values[0] == 2.5
    assert [m.label for m in recording.markers if m.kind == "session"] == [
        "session 1: Running",
        "session 2: Biking",
    ]
    assert recording.metadata["sport"] == "Running, Biking"


def test_gpx_with_garmin_trackpoint_extension(tmp_path: Path) -> None:
    path = tmp_path / "walk.gpx"
    path.write_text(GPX)
    recording = read_gpx(path)
    np.testing.assert_array_equal(recording.channels["heart_rate"].values, [90, 92])
    assert recording.channels["temperature"].unit == "°C"
    assert recording.channels["latitude"].values[1] == 52.2
    assert recording.device == "Garmin Connect"


def test_broken_xml_is_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.tcx"
    path.write_text(TCX[:600])
    with pytest.raises(CorruptFile, match=r"broken\.tcx: is not well-formed XML"):
        read_tcx(path)


_FOLDERS = ("fit", "polar", "wfdb", "nirs", "physionet-nsr2db")


@pytest.mark.parametrize(
    "path",
    [p for folder in _FOLDERS for p in sorted((SHARED_DATA / folder).iterdir()) if "LICENSE" not in p.name],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_shared_device_file_is_read_or_refused_in_one_sentence(path: Path) -> None:
    shared_file(f"{path.parent.name}/{path.name}")
    try:
        recording = read(path)
    except ReaderError as error:
        message = str(error)
    else:
        message = ""
    if message:
        assert message.startswith(f"{path.name}: ")
        assert "\n" not in message
        return
    assert isinstance(recording, Recording)
    # A WFDB signal file is read through its record's header, which names the recording.
    assert recording.source_name in (path.name, path.with_suffix(".hea").name)
    assert len(recording.source_sha256) == 64


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
        ("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        ("empty.txt", b""),
    ],
)
def test_foreign_files_say_the_format_is_not_recognised_and_list_the_supported_ones(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormat) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert "not recognised" in message
    assert supported_formats() in message


def test_content_decides_not_the_suffix(tmp_path: Path) -> None:
    disguised = tmp_path / "activity.txt"
    shutil.copy(shared_file("fit/garmin-fenix-5-run.fit"), disguised)
    assert read(disguised).source_format == "fit"


def test_iter_read_yields_recordings_and_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    results = list(
        iter_read([shared_file("polar/rest_rri.txt"), tmp_path / "empty.csv", tmp_path / "missing"])
    )
    assert isinstance(results[0], Recording)
    assert all(isinstance(r, ReaderError) for r in results[1:])


def test_every_reader_has_a_unique_name_and_a_description() -> None:
    names = [r.name for r in READERS]
    assert len(names) == len(set(names))
    assert all(r.description for r in READERS)
