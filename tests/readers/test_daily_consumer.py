"""Daily and nightly summaries of the real consumer exports, checked against their raw columns read here."""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import SHARED_DATA, shared_file

from fibrokit.errors import CorruptFile, UnsupportedFormat
from fibrokit.readers import read
from fibrokit.readers.daily_records import RMSSD, SDNN, DailyValues
from fibrokit.readers.daily_registry import daily_reader_for, read_daily

OURA = "consumer/oura/mohdasti__Wearable-comparative-analysis/oura_2026-05-22_2026-07-23_trends.csv"
WHOOP = "consumer/whoop/mohdasti__Wearable-comparative-analysis/physiological_cycles.csv"
WITHINGS = "consumer/withings/mohdasti__Wearable-comparative-analysis/sleep.csv"
GOOGLE = "consumer/google_fit/ald0405__whoop-data/Daily activity metrics.csv"
POLAR = "consumer/polar/axs192__polar-flow-platform-public/"
OURA_API = "consumer/oura/petrroll__illbiometrics/"


def _rows(relative: str) -> list[dict[str, str]]:
    with shared_file(relative).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _by_day(relative: str) -> dict[dt.date, DailyValues]:
    return {d.day: d for d in read_daily(shared_file(relative)).days}


def _num(cell: str) -> float | None:
    return None if cell.strip() in {"", "None"} else float(cell)


def test_every_consumer_file_is_read_as_daily_values_or_a_recording() -> None:
    files = [
        f
        for f in sorted((SHARED_DATA / "consumer").rglob("*"))
        if f.is_file() and not f.name.startswith("LICENSE") and f.suffix != ".md"
    ]
    assert len(files) == 15
    for file in files:
        if daily_reader_for(file) is not None:
            export = read_daily(file)
            assert export.source_name == file.name
            assert len(export.source_sha256) == 64
        else:
            assert read(file).source_format in {"polar-exercise", "oura-heartrate"}, file.name


def test_oura_trends_match_the_raw_columns() -> None:
    days = _by_day(OURA)
    rows = {dt.date.fromisoformat(r["date"]): r for r in _rows(OURA)}
    assert set(days) == set(rows)  # the unsorted partial days at the end are read too
    checked = 0
    for day, row in rows.items():
        got = days[day]
        assert got.hrv_ms == _num(row["Average HRV"])
        assert got.resting_hr_bpm == _num(row["Average Resting Heart Rate"])
        assert got.night_hr_min_bpm == _num(row["Lowest Resting Heart Rate"])
        total = _num(row["Total Sleep Duration"])
        assert got.sleep_minutes == (None if total is None else total / 60)
        if got.hrv_ms is not None:
            assert got.hrv_metric == RMSSD
            checked += 1
    assert checked == 54


def test_whoop_nights_match_the_raw_columns_and_skip_unscored_cycles() -> None:
    days = _by_day(WHOOP)
    scored = [r for r in _rows(WHOOP) if r["Wake onset"].strip()]
    assert len(days) == len(scored) == 32
    for row in scored:
        wake = dt.datetime.fromisoformat(row["Wake onset"])
        got = days[wake.date()]  # every Whoop wake-up here is before 18:00
        assert got.resting_hr_bpm == float(row["Resting heart rate (bpm)"])
        assert got.hrv_ms == float(row["Heart rate variability (ms)"])
        assert got.hrv_metric == RMSSD
        assert got.sleep_minutes == float(row["Asleep duration (min)"])
        assert got.sleep_end is not None
        assert got.sleep_end.utcoffset() == dt.timedelta(hours=-7)


def test_whoop_night_that_starts_before_midnight_belongs_to_the_next_morning() -> None:
    got = _by_day(WHOOP)[dt.date(2026, 7, 13)]
    assert got.sleep_start is not None
    assert got.sleep_start.date() == dt.date(2026, 7, 12)


def test_withings_nights_keep_the_longer_of_two_sessions_and_read_zero_as_missing() -> None:
    export = read_daily(shared_file(WITHINGS))
    days = {d.day: d for d in export.days}
    raw = _rows(WITHINGS)
    assert len(raw) == 39
    assert len(days) == 38
    assert export.warnings
    night = [r for r in raw if r["to"].startswith("2026-06-26")]
    asleep = [sum(float(r[k]) for k in ("light (s)", "deep (s)", "rem (s)")) / 60 for r in night]
    assert len(night) == 2
    assert days[dt.date(2026, 6, 26)].sleep_minutes == max(asleep)
    assert days[dt.date(2026, 6, 20)].resting_hr_bpm is None  # the raw row says 0
    for row in raw:
        got = days[dt.datetime.fromisoformat(row["to"]).date()]
        if row["to"].startswith("2026-06-26"):
            continue
        asleep_s = sum(float(row[k]) for k in ("light (s)", "deep (s)", "rem (s)"))
        assert got.sleep_minutes == (pytest.approx(asleep_s / 60) if asleep_s else None)
        assert got.hrv_ms is None
    offsets = {d.sleep_end.utcoffset() for d in export.days if d.sleep_end is not None}
    assert offsets == {dt.timedelta(hours=-7), dt.timedelta(hours=-8)}  # daylight saving seen in the file


def test_google_fit_reads_steps_and_never_location() -> None:
    export = read_daily(shared_file(GOOGLE))
    raw = {r["Date"]: r for r in _rows(GOOGLE)}
    with_steps = [d for d in export.days if d.steps is not None]
    assert len(with_steps) == sum(1 for r in raw.values() if r["Step count"].strip())
    for day in with_steps[:100]:
        assert day.steps == float(raw[day.day.isoformat()]["Step count"])
    assert all(d.resting_hr_bpm is None and d.hrv_ms is None for d in export.days)
    text = repr(export)
    assert "latitude" not in text.lower()
    assert "longitude" not in text.lower()


def test_polar_nightly_recharge_sleep_and_samples_dated_across_midnight() -> None:
    export = read_daily(shared_file(POLAR + "health_extraction.json"))
    raw = json.loads(shared_file(POLAR + "health_extraction.json").read_text())
    (night,) = export.days
    assert night.day == dt.date(2025, 10, 1)
    assert night.hrv_ms == raw["recharge"]["heart_rate_variability_avg"]
    assert night.hrv_metric == RMSSD
    stages = raw["sleep"]["light_sleep"] + raw["sleep"]["deep_sleep"] + raw["sleep"]["rem_sleep"]
    assert night.sleep_minutes == stages / 60
    assert night.steps == raw["daily_activity"][0]["steps"]
    assert night.active_minutes == 7 * 60 + 22
    assert export.samples is not None
    hrv = export.samples.channels["nightly_hrv"]
    assert hrv.values.size == len(raw["recharge"]["hrv_samples"]) == 91
    assert np.all(np.diff(hrv.times_s) > 0)  # 23:55 then 00:00 is five minutes later, not a day earlier
    assert np.isclose(hrv.values.mean(), statistics.mean(raw["recharge"]["hrv_samples"].values()))
    continuous = export.samples.channels["heart_rate"]
    nonzero = [s for s in raw["heart_rate"]["heart_rates"][0]["heart_rate_samples"] if s["heart_rate"] > 0]
    assert continuous.values.size == len(nonzero)
    assert np.all(continuous.values > 0)


def test_polar_exercise_becomes_a_recording_with_one_second_streams() -> None:
    recording = read(shared_file(POLAR + "sample_data.json"))
    raw = json.loads(shared_file(POLAR + "sample_data.json").read_text())
    hr = next(s for s in raw["samples"] if s["sample_type"] == 0)["data"].split(",")
    assert recording.source_format == "polar-exercise"
    assert recording.device == "Polar Pacer Pro"
    assert recording.channels["heart_rate"].values.size == len(hr) == 8240
    assert recording.channels["heart_rate"].fs_hz == 1.0
    assert recording.start == dt.datetime(2026, 2, 22, 7, 50, 17, tzinfo=dt.UTC)
    assert recording.beats is None  # this run has no RR stream (sample type 11)


def test_polar_exercise_rr_stream_becomes_beats(tmp_path: Path) -> None:
    doc = {
        "polar_user": "https://www.polaraccesslink.com/v3/users/1",
        "device": "Polar H10",
        "start_time": "2026-01-05T07:00:00",
        "start_time_utc_offset": 60,
        "samples": [
            {"recording_rate": 1, "sample_type": 0, "data": "60,61,0,62"},
            {"recording_rate": 0, "sample_type": 11, "data": "1000,990,1010,1005,995"},
        ],
    }
    path = tmp_path / "exercise.json"
    path.write_text(json.dumps(doc))
    recording = read(path)
    assert recording.beats is not None
    assert recording.beats.rr_ms.tolist() == [1000, 990, 1010, 1005, 995]
    assert np.isnan(recording.channels["heart_rate"].values[2])
    assert recording.start is not None
    assert recording.start.utcoffset() == dt.timedelta(hours=1)


def test_oura_api_sleep_and_heart_rate() -> None:
    export = read_daily(shared_file(OURA_API + "usercollection_sleep_2025-10-31_2025-11-29.json"))
    raw = json.loads(shared_file(OURA_API + "usercollection_sleep_2025-10-31_2025-11-29.json").read_text())
    assert len(export.days) == len({d["day"] for d in raw["data"]}) == 30
    first = export.days[0]
    assert first.hrv_ms == raw["data"][0]["average_hrv"]
    assert first.hrv_metric == RMSSD
    assert first.sleep_minutes == raw["data"][0]["total_sleep_duration"] / 60
    recording = read(shared_file(OURA_API + "usercollection_heartrate_2025-10-31_2025-11-29.json"))
    assert recording.channels["heart_rate"].values.size == 20


def test_apple_health_daily_keeps_sdnn_apart_and_reads_zip_and_xml() -> None:
    tagbug = read_daily(shared_file("consumer/apple_health/tagbug__apple-health-analyzer/export.xml"))
    morning = tagbug.days[0]
    assert (morning.resting_hr_bpm, morning.hrv_ms, morning.hrv_metric) == (60.0, 45.0, SDNN)
    assert tagbug.days[1].day == dt.date(2024, 1, 2)
    assert tagbug.days[1].sleep_minutes == 450.0
    folder = "consumer/apple_health/alxdrcirilo__apple-health-parser/"
    xml, zipped = (
        read_daily(shared_file(folder + "export.xml")),
        read_daily(shared_file(folder + "export.zip")),
    )
    assert xml.days == zipped.days
    (day,) = xml.days
    assert day.sleep_minutes == pytest.approx(12.5)  # the core-sleep record; in-bed time is not sleep
    dogsheep = read_daily(shared_file("consumer/apple_health/dogsheep__healthkit-to-sqlite/export.xml"))
    assert [d.active_minutes for d in dogsheep.days] == [68.0, 39.0]


def test_fitbit_resting_heart_rate_dates_come_from_the_contents_not_the_name() -> None:
    export = read_daily(shared_file("consumer/fitbit/kev-m__FitOut/resting_heart_rate-2023-03-02.json"))
    raw = json.loads(
        shared_file("consumer/fitbit/kev-m__FitOut/resting_heart_rate-2023-03-02.json").read_text()
    )
    assert [d.day for d in export.days] == [dt.date(2024, 2, 28), dt.date(2024, 2, 29)]
    assert [d.resting_hr_bpm for d in export.days] == [e["value"]["value"] for e in raw]


def test_fitbit_hrv_and_sleep_and_garmin_summaries(tmp_path: Path) -> None:
    hrv = tmp_path / "Heart Rate Variability Summary - 2024-03-01.csv"
    hrv.write_text("timestamp,rmssd,nremhr,entropy\n2024-03-01T00:00:00,31.5,58.2,2.9\n")
    assert read_daily(hrv).days[0].hrv_ms == 31.5
    sleep = tmp_path / "sleep-2024-03-01.json"
    log = {
        "dateOfSleep": "2024-03-02",
        "minutesAsleep": 401,
        "isMainSleep": True,
        "startTime": "2024-03-01T23:10:00.000",
        "endTime": "2024-03-02T06:40:00.000",
        "levels": {
            "summary": {
                "deep": {"minutes": 70},
                "light": {"minutes": 250},
                "rem": {"minutes": 81},
                "wake": {"minutes": 49},
            }
        },
    }
    nap = {**log, "isMainSleep": False, "minutesAsleep": 30}
    sleep.write_text(json.dumps([log, nap]))
    (night,) = read_daily(sleep).days
    assert (night.day, night.sleep_minutes, night.deep_minutes) == (dt.date(2024, 3, 2), 401, 70)
    uds = tmp_path / "UDSFile_2024-03-01_2024-03-02.json"
    uds.write_text(
        json.dumps(
            [
                {
                    "calendarDate": "2024-03-01",
                    "restingHeartRate": 52,
                    "totalSteps": 8012,
                    "moderateIntensityMinutes": 20,
                    "vigorousIntensityMinutes": 5,
                }
            ]
        )
    )
    (day,) = read_daily(uds).days
    assert (day.resting_hr_bpm, day.steps, day.active_minutes, day.source) == (52, 8012, 25, "garmin")


def test_one_sentence_errors(tmp_path: Path) -> None:
    broken = tmp_path / "physiological_cycles.csv"
    broken.write_text("Cycle start time,Heart rate variability (ms)\n2026-07-01 01:00:00,30\n")
    with pytest.raises(CorruptFile, match=r"^physiological_cycles.csv: lacks the column"):
        read_daily(broken)
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(UnsupportedFormat, match=r"^notes.csv: is not a daily summary"):
        read_daily(other)
    bad_json = tmp_path / "recharge.json"
    bad_json.write_text('{"polar_user": "x", "hrv_samples": {')
    with pytest.raises(CorruptFile, match=r"^recharge.json: is not valid JSON"):
        read_daily(bad_json)


def test_oura_whoop_withings_nights_line_up_and_resting_heart_rates_agree() -> None:
    oura, whoop, withings = _by_day(OURA), _by_day(WHOOP), _by_day(WITHINGS)
    common = sorted(set(oura) & set(whoop) & set(withings))
    assert len(common) == 29
    for day in common:
        spans = [(s.sleep_start, s.sleep_end) for s in (oura[day], whoop[day], withings[day])]
        assert all(a is not None and b is not None for a, b in spans)
        # The three sleep periods of a date overlap: the same night, whatever zone each file wrote.
        assert max(a for a, _ in spans) < min(b for _, b in spans)  # type: ignore[type-var]
    pairs = {
        "oura": [oura[d].resting_hr_bpm - whoop[d].resting_hr_bpm for d in sorted(set(oura) & set(whoop))],  # type: ignore[operator]
        "withings": [
            withings[d].resting_hr_bpm - whoop[d].resting_hr_bpm  # type: ignore[operator]
            for d in sorted(set(withings) & set(whoop))
            if withings[d].resting_hr_bpm is not None
        ],
    }
    assert len(pairs["oura"]) == 32
    assert max(abs(x) for x in pairs["oura"]) <= 3.5
    assert len(pairs["withings"]) == 28
    assert statistics.median(abs(x) for x in pairs["withings"]) <= 2.0
    assert sum(abs(x) <= 3 for x in pairs["withings"]) >= 25
    # HRV: Oura and Whoop are both RMSSD and comparable; Apple's SDNN is kept apart by its metric.
    assert {oura[d].hrv_metric for d in common} == {whoop[d].hrv_metric for d in common} == {RMSSD}


def test_fitbit_heart_rate_samples_become_a_recording(tmp_path: Path) -> None:
    samples = [
        {"dateTime": "03/01/24 07:00:05", "value": {"bpm": 61, "confidence": 2}},
        {"dateTime": "03/01/24 07:00:00", "value": {"bpm": 60, "confidence": 3}},
        {"dateTime": "03/01/24 07:00:10", "value": {"bpm": 0, "confidence": 0}},
    ]
    path = tmp_path / "heart_rate-2024-03-01.json"
    path.write_text(json.dumps(samples))
    assert daily_reader_for(path) is None
    recording = read(path)
    assert recording.source_format == "fitbit-heart-rate"
    assert recording.channels["heart_rate"].values.tolist() == [60, 61]
    assert recording.channels["heart_rate"].times_s.tolist() == [0, 5]
    assert recording.start == dt.datetime(2024, 3, 1, 7, 0)


def _sleep(start: dt.datetime, end: dt.datetime, stage: str, source: str) -> str:
    from tests.readers._apple_builder import stamp

    return (
        f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="{source}" sourceVersion="10.1" '
        f'creationDate="{stamp(end)}" startDate="{stamp(start)}" endDate="{stamp(end)}" '
        f'value="HKCategoryValueSleepAnalysis{stage}"/>\n'
    )


def test_apple_health_nights_across_a_daylight_saving_change(tmp_path: Path) -> None:
    from tests.readers._apple_builder import DTD, record

    winter, summer = dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=2))
    parts = [DTD, '<HealthData locale="en_NL">\n']
    # The night of 30-31 March 2024 crosses the switch to summer time (02:00 +0100 became 03:00 +0200).
    for night, (zone_in, zone_out) in enumerate([(winter, winter), (winter, summer), (summer, summer)]):
        evening = dt.datetime(2024, 3, 29, 23, 30, tzinfo=zone_in) + dt.timedelta(days=night)
        morning = dt.datetime(2024, 3, 30, 7, 0, tzinfo=zone_out) + dt.timedelta(days=night)
        middle = evening + (morning - evening) / 2
        parts += [
            _sleep(evening, middle, "AsleepCore", "Watch"),
            _sleep(middle, morning - dt.timedelta(minutes=20), "AsleepDeep", "Watch"),
            _sleep(morning - dt.timedelta(minutes=20), morning, "Awake", "Watch"),
            _sleep(evening, morning, "InBed", "iPhone"),
            _sleep(evening, morning, "AsleepUnspecified", "iPhone"),  # a second source for the same night
        ]
        sdnn = "HKQuantityTypeIdentifierHeartRateVariabilitySDNN"
        parts.append(record(sdnn, "ms", str(40 + night), evening))  # 23:30: the coming morning's
        parts.append(record(sdnn, "ms", str(60 + night), morning))  # 07:00: that morning's
        parts.append(record(sdnn, "ms", "99", morning.replace(hour=15)))  # daytime: no night's
        parts.append(
            record("HKQuantityTypeIdentifierRestingHeartRate", "count/min", str(55 + night), morning)
        )
    parts.append("</HealthData>\n")
    path = tmp_path / "export.xml"
    path.write_text("".join(parts))
    days = {d.day: d for d in read_daily(path).days}
    assert sorted(days) == [dt.date(2024, 3, 30), dt.date(2024, 3, 31), dt.date(2024, 4, 1)]
    dst = days[dt.date(2024, 3, 31)]
    # 23:30 +0100 to 07:00 +0200 is 6.5 h, the last 20 min awake; the watch's stages, not the phone's "asleep".
    assert dst.sleep_minutes == pytest.approx(6.5 * 60 - 20)
    assert dst.deep_minutes is not None
    assert dst.awake_minutes == pytest.approx(20)
    assert dst.hrv_metric == SDNN
    assert dst.hrv_ms == pytest.approx((41 + 61) / 2)  # the evening's and the morning's, not the afternoon's
    assert dst.resting_hr_bpm == 56
    assert days[dt.date(2024, 3, 30)].hrv_ms == pytest.approx((40 + 60) / 2)
