"""Wearables' exports in the app: one daily table for many sources, whole exports imported once, readiness."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from tests.conftest import shared_file
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.readers.daily_records import RMSSD, DailyExport, DailyValues
from fibrokit.services import nightly
from fibrokit.services.accounts import actions as accounts
from fibrokit.services.imports.file import import_file
from fibrokit.services.recordings import queries
from fibrokit.store.db import make_engine, session_factory, transaction
from fibrokit.store.tables import DailyValueRow, RecordingRow, SourceFile

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SAME_PERSON = "consumer/{}/mohdasti__Wearable-comparative-analysis/{}"
OURA = SAME_PERSON.format("oura", "oura_2026-05-22_2026-07-23_trends.csv")
WHOOP = SAME_PERSON.format("whoop", "physiological_cycles.csv")
WITHINGS = SAME_PERSON.format("withings", "sleep.csv")


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def owner(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        return accounts.create_user(session, "ring@example.org", "a long password").id


def _rows(factory: sessionmaker[Session], user_id: int) -> int:
    with transaction(factory) as session:
        return (
            session.scalar(
                select(func.count()).select_from(DailyValueRow).where(DailyValueRow.user_id == user_id)
            )
            or 0
        )


def _import(factory: sessionmaker[Session], user_id: int, path: Path) -> str:
    with transaction(factory) as session:
        outcome = import_file(session, user_id, path)
    return f"{outcome.status}: {outcome.message}"


def test_two_devices_on_one_night_are_both_kept_and_a_night_is_never_imported_twice(
    factory: sessionmaker[Session], owner: int, tmp_path: Path
) -> None:
    assert _import(factory, owner, shared_file(OURA)).startswith(
        "imported: oura_2026-05-22_2026-07-23_trends.csv: 58 days from Oura"
    )
    assert _import(factory, owner, shared_file(WHOOP)).startswith("imported")
    assert _rows(factory, owner) == 58 + 32
    # The same file again: a duplicate; a copy under another name with a changed byte: no night added.
    assert _import(factory, owner, shared_file(OURA)).startswith("duplicate")
    copy = tmp_path / "trends.csv"
    copy.write_bytes(shared_file(OURA).read_bytes() + b"\r\n")
    assert (
        _import(factory, owner, copy) == "duplicate: trends.csv: no new days, 58 already imported from Oura"
    )
    assert _rows(factory, owner) == 58 + 32
    with transaction(factory) as session:
        night = nightly.nights(session, owner, dt.date(2026, 7, 1), dt.date(2026, 7, 1))
        assert {(r.source, r.hrv_metric) for r in night} == {("oura", RMSSD), ("whoop", RMSSD)}
        whoop = nightly.by_day(night, "whoop")[dt.date(2026, 7, 1)]
        assert whoop.resting_hr_bpm == 66
        assert whoop.sleep_end_utc == dt.datetime(2026, 7, 1, 16, 38, 57)  # 09:38:57 at UTC-07:00


def test_a_vendor_zip_imports_what_it_understands_skips_the_rest_and_adds_nothing_twice(
    factory: sessionmaker[Session], owner: int, tmp_path: Path
) -> None:
    archive = tmp_path / "my_whoop_data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(shared_file(WHOOP), "my_whoop_data/physiological_cycles.csv")
        zipped.write(shared_file(WITHINGS), "my_whoop_data/sleep.csv")
        zipped.writestr("my_whoop_data/journal_entries.csv", "Cycle start time,Question text\n")
        zipped.writestr("my_whoop_data/README.txt", "Your data, as you asked.\n")
        zipped.writestr(
            "my_whoop_data/steps-2026-07-01.json", '[{"dateTime": "07/01/26 00:00:00", "value": "0"}]'
        )
        zipped.writestr("__MACOSX/._sleep.csv", b"\x00\x05\x16\x07")
    first = _import(factory, owner, archive)
    assert first == "imported: my_whoop_data.zip: 2 files imported, 3 skipped as not understood"
    assert _rows(factory, owner) == 32 + 38
    with transaction(factory) as session:
        names = set(session.scalars(select(DailyValueRow.source_name).where(DailyValueRow.user_id == owner)))
    assert names == {"physiological_cycles.csv", "sleep.csv"}
    with transaction(factory) as session:  # the zip and the two files read are kept; nothing of the skipped
        kept = set(session.scalars(select(SourceFile.name).where(SourceFile.user_id == owner)))
    assert kept == {
        "my_whoop_data.zip",
        "my_whoop_data.zip/physiological_cycles.csv",
        "my_whoop_data.zip/sleep.csv",
    }
    again = tmp_path / "again.zip"
    again.write_bytes(archive.read_bytes() + b"")
    with zipfile.ZipFile(again, "a") as zipped:
        zipped.writestr("my_whoop_data/notes.txt", "later\n")
    second = _import(factory, owner, again)
    assert second.startswith("imported: again.zip: 0 files imported, 2 already imported")
    assert _rows(factory, owner) == 32 + 38


def test_the_baseline_uses_the_most_complete_source_until_the_person_chooses(
    factory: sessionmaker[Session], owner: int
) -> None:
    for relative in (WITHINGS, WHOOP, OURA):
        _import(factory, owner, shared_file(relative))
    with transaction(factory) as session:
        found = nightly.sources(session, owner)
        assert [s.source for s in found] == ["oura", "whoop", "withings"]
        assert nightly.chosen_source(session, owner) == "oura"
        judged = nightly.latest_judged(session, owner)
        assert judged is not None
        assert judged.source == "oura"
        assert judged.readiness in {"stable", "watch", "out of balance"}
        assert judged.readiness_text.startswith("From Oura Ring's night (RMSSD): ")
        nightly.choose_source(session, owner, "whoop")
    with transaction(factory) as session:
        judged = nightly.latest_judged(session, owner)
        assert judged is not None
        assert judged.source == "whoop"
        oura_verdicts = session.scalar(
            select(func.count()).where(DailyValueRow.source == "oura", DailyValueRow.readiness != "")
        )
        assert oura_verdicts == 0
        with pytest.raises(ValueError, match="one of the person's sources"):
            nightly.choose_source(session, owner, "garmin")


def test_a_new_device_starts_a_new_baseline(factory: sessionmaker[Session], owner: int) -> None:
    start = dt.date(2026, 1, 1)

    def night(i: int, device: str) -> DailyValues:
        return DailyValues(
            start + dt.timedelta(days=i), "oura", device, 60.0 + i % 3, "", 40.0 + i % 5, RMSSD, ""
        )

    days = tuple(night(i, "Oura Gen3") for i in range(20)) + tuple(
        night(i, "Oura Ring 4") for i in range(20, 30)
    )
    with transaction(factory) as session:
        nightly.store_export(session, owner, DailyExport(days, "oura-trends", "t.csv", "0" * 64))
        nightly.judge(session, owner)
        rows = nightly.by_day(nightly.nights(session, owner, start, start + dt.timedelta(days=40)), "oura")
        assert rows[start + dt.timedelta(days=19)].baseline_days == 19
        new = rows[start + dt.timedelta(days=20)]
        assert (new.baseline_days, new.readiness) == (0, "building baseline")
        assert rows[start + dt.timedelta(days=29)].baseline_days == 9


def test_the_import_command_takes_an_export_folder_and_counts_what_it_skipped(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "oura_export"
    folder.mkdir()
    (folder / "trends.csv").write_bytes(shared_file(OURA).read_bytes())
    (folder / "profile.txt").write_text("not health data\n")
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    runner.invoke(cli, ["user", "add", "me@example.org", "--password-stdin"], input="a long password\n")
    first = runner.invoke(cli, ["import", str(folder)])
    assert first.exit_code == 0, first.output
    assert "imported: trends.csv: 58 days from Oura 2026-05-26 to 2026-07-22" in first.output
    assert "skipped: profile.txt: is not in a format fibrokit reads" in first.output
    second = runner.invoke(cli, ["import", str(folder)])
    assert "duplicate: trends.csv: already imported" in second.output


def test_diary_symptoms_are_compared_after_nights_with_less_sleep_than_usual(
    factory: sessionmaker[Session], owner: int
) -> None:
    import csv
    import statistics

    from fibrokit.services import diary
    from fibrokit.services.nightly import associations as nightly_diary

    _import(factory, owner, shared_file(OURA))
    with shared_file(OURA).open(encoding="utf-8-sig", newline="") as handle:
        raw = {r["date"]: r["Total Sleep Duration"] for r in csv.DictReader(handle)}
    sleep = {dt.date.fromisoformat(d): float(v) for d, v in raw.items() if v not in {"", "None"}}
    days = sorted(sleep)[-40:]
    usual = statistics.median(sleep[d] for d in days)  # the person's usual over the dates compared
    short = {d for d in days if sleep[d] < usual}
    with transaction(factory) as session:
        for day in days:
            pain = "7" if day in short else "4"
            diary.save_checkin(
                session, owner, dt.datetime.combine(day, dt.time(20)), {"pain": pain}, (), rejudge=False
            )
    with transaction(factory) as session:
        found = nightly_diary.device_associations(session, owner, days[0], days[-1])
    by_pair = {(a.factor, a.outcome): a for a in found}
    result = by_pair["less_sleep_than_usual", "pain"].result
    assert result is not None
    assert result.days_with == sum(d in short for d in days)
    assert result.days_with + result.days_without == len(days)
    assert result.difference == pytest.approx(3.0)
    assert "not a cause" in result.caution
    assert by_pair["less_sleep_than_usual", "fatigue"].result is None  # fatigue was never rated


def test_a_garmin_account_export_zip_with_fit_files_inside(
    factory: sessionmaker[Session], owner: int, tmp_path: Path
) -> None:
    """No real Garmin account export is public: this one is built by hand after Garmin's documented layout."""
    import json

    uds = [
        {
            "calendarDate": "2024-03-01",
            "restingHeartRate": 52,
            "totalSteps": 8012,
            "moderateIntensityMinutes": 20,
        },
        {
            "calendarDate": "2024-03-02",
            "restingHeartRate": 54,
            "totalSteps": 4020,
            "vigorousIntensityMinutes": 0,
        },
    ]
    sleep = [
        {
            "calendarDate": "2024-03-02",
            "sleepStartTimestampGMT": "2024-03-01T22:40:00.0",
            "sleepEndTimestampGMT": "2024-03-02T06:10:00.0",
            "deepSleepSeconds": 4800,
            "lightSleepSeconds": 15000,
            "remSleepSeconds": 5400,
            "awakeSleepSeconds": 1800,
        }
    ]
    inner = tmp_path / "UploadedFiles_0-_Part1.zip"
    with zipfile.ZipFile(inner, "w") as zipped:
        zipped.write(shared_file("fit/garmin-fenix-5-walk.fit"), "walk.fit")
    archive = tmp_path / "garmin_export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2024-03-01_2024-03-02.json", json.dumps(uds)
        )
        zipped.writestr(
            "DI_CONNECT/DI-Connect-Wellness/2024-03-01_2024-03-02_123_sleepData.json", json.dumps(sleep)
        )
        zipped.write(inner, "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip")
        zipped.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", '{"userName": "someone"}')
    assert (
        _import(factory, owner, archive)
        == "imported: garmin_export.zip: 3 files imported, 1 skipped as not understood"
    )
    with transaction(factory) as session:
        rows = nightly.nights(session, owner, dt.date(2024, 3, 1), dt.date(2024, 3, 2), "garmin")
        days = {(r.day, r.source_format): r for r in rows}
    # The daily summary and the sleep of 2 March fill one date of one source, neither value overwritten.
    assert {d for d, _ in days} == {dt.date(2024, 3, 1), dt.date(2024, 3, 2)}
    assert days[dt.date(2024, 3, 1), "garmin-daily"].resting_hr_bpm == 52
    second = next(r for (d, _), r in days.items() if d == dt.date(2024, 3, 2))
    assert (second.resting_hr_bpm, second.sleep_minutes, second.steps) == (
        54,
        (4800 + 15000 + 5400) / 60,
        4020,
    )
    with transaction(factory) as session:  # the walk inside is stored, but never where it went
        walk = session.scalars(select(RecordingRow).where(RecordingRow.user_id == owner)).one()
        stored = set(queries.blobs(session, walk.id))
    assert any("heart_rate" in n for n in stored)
    assert not any("latitude" in n or "longitude" in n for n in stored), stored
    assert _import(factory, owner, archive).startswith("duplicate")


def test_every_consumer_file_is_imported(factory: sessionmaker[Session], owner: int) -> None:
    from tests.conftest import SHARED_DATA

    files = [
        f
        for f in sorted((SHARED_DATA / "consumer").rglob("*"))
        if f.is_file() and not f.name.startswith("LICENSE") and f.suffix != ".md"
    ]
    outcomes = {}
    for file in files:
        with transaction(factory) as session:
            outcomes[f"{file.parent.name}/{file.name}"] = import_file(session, owner, file)
    statuses = {name: o.status for name, o in outcomes.items()}
    # The Apple export.xml and the export.zip around it hold the same nights: the second adds none.
    assert statuses.pop("alxdrcirilo__apple-health-parser/export.zip") == "imported"
    assert set(statuses.values()) == {"imported"}, statuses
    assert outcomes["axs192__polar-flow-platform-public/sample_data.json"].recording_id is not None
    assert outcomes[
        "petrroll__illbiometrics/usercollection_heartrate_2025-10-31_2025-11-29.json"
    ].recording_id
    with transaction(factory) as session:
        found = {s.source: s.days for s in nightly.sources(session, owner)}
    assert found == {
        "google-fit": 1061,
        "oura": 58 + 30,
        "whoop": 32,
        "withings": 38,
        "polar": 2,
        "fitbit": 4,
        "apple-health": 4,  # two hand-made and real files share 2024-01-01
    }


def test_a_diary_change_judges_the_nights_again(factory: sessionmaker[Session], owner: int) -> None:
    from fibrokit.services import diary

    _import(factory, owner, shared_file(OURA))
    first, bad = dt.date(2026, 6, 20), dt.date(2026, 7, 14)
    with transaction(factory) as session:
        before = nightly.by_day(nightly.nights(session, owner, bad, bad + dt.timedelta(days=1)), "oura")
        assert "symptoms" not in before[bad + dt.timedelta(days=1)].readiness_text
        day = first
        while day <= bad:
            rating = "10" if day == bad else "3"
            at = dt.datetime.combine(day, dt.time(20))
            diary.save_checkin(
                session, owner, at, {"pain": rating, "fatigue": rating}, (), rejudge=day == bad
            )
            day += dt.timedelta(days=1)
    with transaction(factory) as session:
        after = nightly.by_day(nightly.nights(session, owner, bad, bad + dt.timedelta(days=1)), "oura")
        morning = after[bad + dt.timedelta(days=1)]
        assert morning.readiness in {"watch", "out of balance"}
        assert "symptoms" in morning.readiness_text
