"""The analysis pipeline: flagged once, honest kinds, given phases, heart-rate-only files, quality gate, guards."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import AnalysisSettings, analyse_recording, parse_phases, read, rr_flag_artifacts
from fibrokit.errors import InputError
from fibrokit.pipeline import Person
from fibrokit.records import Channel, Marker, Recording
from fibrokit.simulate import simulate_artefacts, simulate_exercise_test, simulate_rest, typical

_TCX = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def _write_tcx(path: Path, hr: np.ndarray) -> None:
    """A heart-rate-only TCX file, one trackpoint a second, as a watch writes it."""
    start = dt.datetime(2025, 3, 19, 9, 0, tzinfo=dt.UTC)
    points = "".join(
        f"<Trackpoint><Time>{(start + dt.timedelta(seconds=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</Time>"
        f"<HeartRateBpm><Value>{int(v)}</Value></HeartRateBpm></Trackpoint>"
        for i, v in enumerate(hr)
    )
    path.write_text(
        f'<TrainingCenterDatabase xmlns="{_TCX}"><Activities><Activity Sport="Biking">'
        f'<Id>{start:%Y-%m-%dT%H:%M:%SZ}</Id><Lap StartTime="{start:%Y-%m-%dT%H:%M:%SZ}"><Track>{points}'
        "</Track></Lap></Activity></Activities></TrainingCenterDatabase>",
        encoding="utf-8",
    )


def _raw_samples(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Times and heart rates straight from the XML, without fibrokit."""
    root = ET.parse(path).getroot()
    times, values = [], []
    for point in root.iter(f"{{{_TCX}}}Trackpoint"):
        moment = dt.datetime.strptime(point.findtext(f"{{{_TCX}}}Time") or "", "%Y-%m-%dT%H:%M:%SZ")
        times.append(moment.timestamp())
        values.append(float(point.findtext(f"{{{_TCX}}}HeartRateBpm/{{{_TCX}}}Value") or "nan"))
    t = np.array(times)
    return t - t[0], np.array(values)


def test_a_person_marked_exercise_test_on_a_heart_rate_only_file_matches_the_raw_samples(
    tmp_path: Path,
) -> None:
    simulation = simulate_exercise_test(typical(), rest_s=180, stages=8, stage_s=60, recovery_s=330, seed=5)
    path = tmp_path / "bike-test.tcx"
    _write_tcx(path, simulation.recording.channels["heart_rate"].values)
    recording = read(path)
    assert recording.beats is None
    phases = parse_phases("rest=2:00-3:00,exercise=3:00-11:00,recovery=11:00-16:30", "exercise-test")
    done = analyse_recording(recording, Person(age=41), AnalysisSettings(kind="exercise-test", phases=phases))
    assert done.protocol is not None, done.reason
    assert {p.name: p.origin for p in done.phases} == {
        "rest": "given",
        "exercise": "given",
        "recovery": "given",
    }
    # Independently: the 5-s centred mean of the raw samples, the peak while exercising, rest over its minute.
    t, hr = _raw_samples(path)
    smooth = np.array([hr[np.abs(t - moment) <= 2.5].mean() for moment in t])
    rest = hr[(t >= 120) & (t < 180)].mean()
    peak = smooth[(t >= 180) & (t <= 661)].max()
    assert done.protocol["resting_hr_bpm"] == pytest.approx(rest, abs=0.01)
    assert done.protocol["peak_hr_bpm"] == pytest.approx(peak, abs=0.01)
    reserve = 100 * (peak - rest) / (220 - 41 - rest)
    assert done.protocol["chronotropic_reserve_pct"] == pytest.approx(reserve, abs=0.01)
    for mark in (30, 60, 120, 180, 300):
        assert done.protocol[f"hrr_{mark}s_bpm"] == pytest.approx(peak - smooth[t == 660 + mark][0], abs=0.01)
    assert done.quality.heart_rate_input == "heart_rate"
    assert done.hrv is None
    assert any("heart-rate samples" in caveat for caveat in done.protocol.caveats)


def test_beats_are_flagged_once_with_the_chosen_method_and_handed_to_the_test() -> None:
    spoiled = simulate_artefacts(
        simulate_rest(typical(), duration_s=300, seed=3).recording, share=0.03, seed=3
    )
    for method in ("lipponen2019", "threshold"):
        done = analyse_recording(spoiled, settings=AnalysisSettings(artifact_method=method))  # type: ignore[arg-type]
        assert done.beats is not None
        expected = rr_flag_artifacts(spoiled.beats, method)  # type: ignore[arg-type]
        assert np.array_equal(done.beats.flags, expected.flags)
        assert done.protocol is not None
        assert done.protocol.settings["artifact_method"] == method
        assert done.protocol.hrv is not None
        assert done.protocol.hrv.normal_share == pytest.approx(expected.normal_share)


def test_too_many_flagged_beats_withhold_hrv_and_ask_for_a_repeat() -> None:
    spoiled = simulate_artefacts(
        simulate_rest(typical(), duration_s=300, seed=4).recording, share=0.12, seed=4
    )
    done = analyse_recording(spoiled, settings=AnalysisSettings(kind="morning-reading"))
    assert done.quality.flagged_share > 0.05
    assert not done.quality.hrv_reliable
    assert any("not reliable" in note for note in done.notes)
    assert done.protocol is not None
    assert any("repeat the reading" in caveat for caveat in done.protocol.caveats)


def test_a_resting_value_from_a_moving_person_is_refused(tmp_path: Path) -> None:
    recording = simulate_exercise_test(typical(), seed=6).recording
    times = recording.channels["heart_rate"].times_s
    speed = Channel("speed", "m/s", np.full(times.size, 2.5), times)
    moving = dataclasses.replace(recording, channels={**recording.channels, "speed": speed}, markers=())
    phases = {"rest": (60.0, 180.0), "exercise": (180.0, 780.0)}
    done = analyse_recording(moving, Person(age=41), AnalysisSettings(kind="exercise-test", phases=phases))
    assert done.protocol is None
    assert done.kind == "activity"
    assert "speed channel shows movement during the rest" in done.reason


def test_recovery_that_falls_back_is_withheld_from_that_lag_on() -> None:
    # Rest at 70, a climb to 160, recovery to 110 by 2 minutes, then renewed effort back to 150.
    t = np.arange(0.0, 1200.0)
    hr = np.select(
        [t < 180, t < 600, t < 720, t < 780],
        [70.0, 70 + 90 * (t - 180) / 420, 160 - 50 * (t - 600) / 120, 110.0],
        150.0,
    )
    recording = Recording(
        channels={"heart_rate": Channel("heart_rate", "bpm", hr, t)}, source_name="ride.tcx"
    )
    phases = {"rest": (60.0, 180.0), "exercise": (180.0, 600.0), "recovery": (600.0, 1200.0)}
    done = analyse_recording(recording, Person(age=40), AnalysisSettings(kind="exercise-test", phases=phases))
    assert done.protocol is not None
    symbols = {f.symbol for f in done.protocol.findings}
    assert {"hrr_30s_bpm", "hrr_60s_bpm", "hrr_120s_bpm"} <= symbols
    assert not {"hrr_300s_bpm", "hrr_600s_bpm"} & symbols
    assert any("rose again during the recovery" in caveat for caveat in done.protocol.caveats)


def test_an_interval_ride_with_heart_rate_only_is_an_activity_with_mean_heart_rate_and_a_review() -> None:
    done = analyse_recording(
        read(shared_file("fit/compressed-speed-distance.fit")), Person(age=40, resting_hr_bpm=60)
    )
    assert done.kind == "activity"
    assert done.protocol is None
    assert done.reason.startswith("compressed-speed-distance.fit is analysed as an activity")
    assert done.quality.heart_rate_input == "heart_rate"
    assert 100 < done.quality.mean_hr_bpm < 200
    assert done.pacing is not None
    assert done.pacing.points > 0


def test_phases_are_read_in_minutes_hours_or_seconds_and_refused_clearly() -> None:
    assert dict(parse_phases("standing=300-900", "active-stand")) == {"standing": (300.0, 900.0)}
    assert dict(parse_phases("exercise=1:02:03-1:10:00")) == {"exercise": (3723.0, 4200.0)}
    with pytest.raises(InputError, match="must end after it starts"):
        parse_phases("exercise=5:00-3:00")
    with pytest.raises(InputError, match="cannot read the phase 'standing=0-60'"):
        parse_phases("standing=0-60", "exercise-test")


def test_muscle_oxygen_phases_say_where_they_came_from_for_every_sensor(tmp_path: Path) -> None:
    from tests.readers._fit_builder import fit_with_muscle_oxygen

    path = tmp_path / "two-sensors.fit"
    path.write_bytes(fit_with_muscle_oxygen())
    recording = read(path)  # its laps are not named
    person = Person(age=45.0)
    named = dataclasses.replace(recording, markers=(Marker(120.0, "exercise"), Marker(420.0, "recovery")))
    marked = analyse_recording(named, person, AnalysisSettings(kind="muscle-oxygen"))
    given = analyse_recording(
        recording,
        person,
        AnalysisSettings(kind="muscle-oxygen", phases=parse_phases("exercise=2:00-7:00")),
    )
    assert marked.kind == given.kind == "muscle-oxygen"
    assert {p.origin for p in marked.phases} == {"markers"}
    assert {p.origin for p in given.phases} == {"given"}
    for done, origin in ((marked, "markers"), (given, "given")):
        assert done.sensors  # the second sensor is scored over the same phases, from the same origin
        assert {m.kind for result in done.sensors for m in result.phases} == {f"phase ({origin})"}
