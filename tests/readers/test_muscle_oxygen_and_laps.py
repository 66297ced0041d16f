"""Muscle oxygen under every known field name and sensor count; laps and markers from FIT, TCX and HRM.

No real FIT file with muscle-oxygen developer fields could be obtained with a licence (see shared/data's
MANIFEST), so these FIT files are written with garmin-fit-sdk's encoder, following the FIT protocol's
field_description message exactly; the CSV exports are the real Moxy and Train.Red files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file
from tests.readers._fit_builder import TWO_SENSORS, fit_with_muscle_oxygen, smo2_at

from fibrokit import read
from fibrokit.protocols import muscle_oxygen
from fibrokit.readers.fit._nirs import nirs_channel_names


def test_a_two_sensor_moxy_fit_gives_both_sensors_and_names_their_fields(tmp_path: Path) -> None:
    path = tmp_path / "two-sensors.fit"
    path.write_bytes(fit_with_muscle_oxygen())
    recording = read(path)
    assert {"smo2", "thb", "smo2_2", "thb_2"} <= set(recording.channels)
    assert "heart_rate" not in recording.channels
    for channel, sensor in (("smo2", 1), ("smo2_2", 2)):
        expected = [smo2_at(t, (120, 420), sensor) for t in recording.channels[channel].times_s]
        np.testing.assert_allclose(recording.channels[channel].values, expected, atol=0.006)
    assert recording.channels["thb_2"].unit == "g/dL"
    assert recording.metadata["smo2_2_field"] == "developer field 'SmO2 Sensor 2'"
    assert [m.label for m in recording.markers if m.kind == "lap"] == ["lap 1", "lap 2", "lap 3"]


@pytest.mark.parametrize(
    "fields",
    [
        (("SmO2", "smo2", 1), ("THb", "thb", 1)),
        (("Sat Hemo Percent", "smo2", 1), ("Lap Hemo Percent", "smo2", 9), ("Curr Hemo Conc", "thb", 1)),
        (("saturated_hemoglobin_percent", "smo2", 1), ("total_hemoglobin_conc", "thb", 1)),
        (("SmO2 1", "smo2", 1), ("SmO2 2", "smo2", 2)),
        (("SmO2 Left", "smo2", 1), ("SmO2 Right", "smo2", 2)),
        (("Muscle Oxygen", "smo2", 1), ("Total Hemoglobin", "thb", 1)),
    ],
)
def test_muscle_oxygen_fields_under_their_various_names_become_smo2(
    tmp_path: Path, fields: tuple[tuple[str, str, int], ...]
) -> None:
    path = tmp_path / "named.fit"
    path.write_bytes(fit_with_muscle_oxygen(fields, seconds=200, laps=(60, 120)))
    recording = read(path)
    assert recording.channels["smo2"].unit == "%"
    assert float(np.nanmax(recording.channels["smo2"].values)) == pytest.approx(70.0)
    sensors = {sensor for _, kind, sensor in fields if kind == "smo2" and sensor < 9}
    assert ("smo2_2" in recording.channels) == (len(sensors) == 2)


def test_lap_and_average_fields_are_not_taken_for_the_signal() -> None:
    names = ["lap_hemo_percent", "avg_smo2", "smo2_averaged", "session_thb", "smo2", "thb"]
    assert nirs_channel_names(names) == {"smo2": "smo2", "thb": "thb"}


def test_two_sensor_fit_scores_muscle_oxygen_from_its_laps_named_as_phases(tmp_path: Path) -> None:
    path = tmp_path / "two-sensors.fit"
    path.write_bytes(fit_with_muscle_oxygen())
    recording = read(path)
    from fibrokit.records import Marker

    phased = type(recording)(
        start=recording.start,
        channels=recording.channels,
        markers=(Marker(120.0, "exercise", "lap", 420.0), Marker(420.0, "recovery", "lap", 600.0)),
    )
    for channel in ("smo2", "smo2_2"):
        result = muscle_oxygen(phased, channel=channel)
        assert result["smo2_recovery_half_time_s"] == pytest.approx(30.0, abs=3.0)


@pytest.mark.parametrize(
    ("name", "sensors"),
    [("nirs/train.red_intervals.csv", 2), ("nirs/train.red-mre.csv", 2), ("nirs/moxy_intervals.csv", 1)],
)
def test_real_nirs_exports_give_one_smo2_channel_per_sensor(name: str, sensors: int) -> None:
    recording = read(shared_file(name))
    found = [c for c in recording.channels if c == "smo2" or (c.startswith("smo2_") and c[5:].isdigit())]
    assert len(found) == sensors
    smo2 = recording.channels["smo2"].values
    assert 20 < float(np.nanmedian(smo2)) < 90  # percent, not scaled 10 or 100 times


def test_polar_hrm_laps_become_markers() -> None:
    recording = read(shared_file("polar/exercise_rri.hrm"))
    laps = [(m.label, m.time_s, m.end_s) for m in recording.markers if m.kind == "lap"]
    assert laps == [
        ("lap 1", 0.0, 365.6),
        ("lap 2", 365.6, 2169.9),
        ("lap 3", 2169.9, 2537.8),
        ("lap 4", 2537.8, 2560.9),
    ]


def test_polar_hrm_lap_notes_name_the_laps(tmp_path: Path) -> None:
    text = shared_file("polar/exercise_rri.hrm").read_text(encoding="latin-1")
    text = text.replace("[IntNotes]\n", "[IntNotes]\n1\trest\n2\texercise\n3\trecovery\n", 1)
    path = tmp_path / "noted.hrm"
    path.write_text(text, encoding="latin-1")
    labels = [m.label for m in read(path).markers if m.kind == "lap"]
    assert labels == ["rest", "exercise", "recovery", "lap 4"]


_TCX = (
    '<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
    '<Activities><Activity Sport="Biking"><Id>2024-02-01T07:00:00Z</Id>{laps}</Activity></Activities>'
    "</TrainingCenterDatabase>"
)
_LAP = '<Lap StartTime="2024-02-01T07:{minute:02d}:00Z"><Track>{points}</Track></Lap>'
_POINT = "<Trackpoint><Time>2024-02-01T07:{minute:02d}:{second:02d}Z</Time><HeartRateBpm><Value>{hr}</Value></HeartRateBpm></Trackpoint>"


def test_fit_and_tcx_laps_become_markers(tmp_path: Path) -> None:
    fit = read(shared_file("fit/garmin-edge-820-bike.fit"))
    assert any(m.kind == "lap" and m.end_s is not None for m in fit.markers)
    # No real TCX file is in shared/data: this one follows Garmin's TCX v2 schema.
    laps = "".join(
        _LAP.format(
            minute=lap,
            points="".join(_POINT.format(minute=lap, second=s, hr=80 + 20 * lap) for s in range(0, 60, 5)),
        )
        for lap in range(3)
    )
    path = tmp_path / "laps.tcx"
    path.write_text(_TCX.format(laps=laps), encoding="utf-8")
    markers = [(m.label, m.time_s) for m in read(path).markers if m.kind == "lap"]
    assert markers == [("lap 1", 0.0), ("lap 2", 60.0), ("lap 3", 120.0)]


def test_given_two_sensor_fields_the_metadata_names_each_source(tmp_path: Path) -> None:
    path = tmp_path / "two.fit"
    path.write_bytes(fit_with_muscle_oxygen(TWO_SENSORS, seconds=100, laps=(30, 60)))
    metadata = read(path).metadata
    assert metadata["smo2_field"] == "developer field 'SmO2 Sensor 1'"
    assert metadata["thb_2_field"] == "developer field 'THb Sensor 2'"
