"""Storage on SQLite and PostgreSQL: migrations, whole-or-nothing imports, duplicates, stale results, the queue."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session, sessionmaker
from tests.app.conftest import empty_postgres
from tests.conftest import shared_file

from fibrokit.errors import ReaderError
from fibrokit.services import diary
from fibrokit.services.accounts import actions as accounts
from fibrokit.services.imports import actions as jobs
from fibrokit.services.imports.file import import_file
from fibrokit.services.imports.uploads import Staged
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.actions import recompute_stale
from fibrokit.services.recordings.stored import load_recording
from fibrokit.store.db import (
    current_revision,
    head_revision,
    make_engine,
    session_factory,
    table_names,
    transaction,
    upgrade,
)
from fibrokit.store.tables import (
    Base,
    DailySummary,
    ImportItem,
    RecordingBlob,
    RecordingRow,
    ResultRow,
    SourceFile,
    User,
)


@pytest.fixture
def factory(database_url: str) -> sessionmaker[Session]:
    engine = make_engine(database_url)
    yield session_factory(engine)  # type: ignore[misc]
    engine.dispose()


@pytest.fixture
def owner(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        return accounts.create_user(session, "owner@example.org", "a long password").id


def _count(factory: sessionmaker[Session], table: type[Base]) -> int:
    with transaction(factory) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no tables at all."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/blank.db"
    url = request.getfixturevalue("postgres_database")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _migrate_back(url: str) -> None:
    # The worker's PostgreSQL database is shared by the tests that follow: bring it back to head, empty.
    if url.startswith("postgresql"):
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        empty_postgres(url)


def test_it_migrates_an_empty_database_to_exactly_the_tables(blank_url: str) -> None:
    engine = make_engine(blank_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert {t.name for t in Base.metadata.sorted_tables} <= table_names(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    upgrade(engine)  # a second run changes nothing
    engine.dispose()
    _migrate_back(blank_url)


REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")


def test_it_knows_every_migration() -> None:
    assert head_revision() == REVISIONS[-1]


def test_it_upgrades_a_database_made_by_each_previous_migration(blank_url: str) -> None:
    engine = make_engine(blank_url)
    upgrade(engine, "0001")
    assert table_names(engine) >= {"users", "sessions"}
    assert "recordings" not in table_names(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (email, name, password_hash, is_admin, is_active, sex, created_at) "
                "VALUES ('early@example.org', 'Early', 'x', false, true, '', CURRENT_TIMESTAMP)"
            )
        )
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO daily_summaries (user_id, day, resting_hr_bpm, ln_rmssd, readings, activity_minutes, "
                "updated_at) VALUES (1, '2025-01-02', 60, 3.5, 1, 0, CURRENT_TIMESTAMP)"
            )
        )
    upgrade(engine, "0003")
    assert "diary_checkins" not in table_names(engine)
    upgrade(engine, "0004")
    assert {
        "diary_checkins",
        "diary_days",
        "trials",
        "trial_doses",
        "instrument_results",
        "opioid_records",
    } <= (table_names(engine))
    assert "pacing_reviews" not in table_names(engine)
    upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO opioid_records (user_id, used_on, detail, created_at) "
                "VALUES (1, '2025-01-02', 'tramadol', CURRENT_TIMESTAMP)"
            )
        )
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        # An opioid record made before the pattern was asked is handled as around the clock.
        assert connection.execute(text("SELECT pattern FROM opioid_records")).scalar() == "not_said"
    assert {
        "pacing_settings",
        "pacing_reviews",
        "share_links",
        "share_invitations",
        "access_log",
        "readiness_queue",
    } <= table_names(engine)
    factory = session_factory(engine)
    with transaction(factory) as session:
        user = session.scalar(select(User).where(User.email == "early@example.org"))
        assert user is not None
        day = session.get(DailySummary, (user.id, dt.date(2025, 1, 2)))
        assert day is not None
        assert (day.readiness, day.baseline_days) == ("", 0)
        outcome = import_file(session, user.id, shared_file("polar/rest_rri.txt"))
        checkin = diary.save_checkin(session, user.id, dt.datetime(2025, 1, 2, 21), {"pain": "6"}, ())
    assert outcome.status == "imported"
    assert checkin.local_day == dt.date(2025, 1, 2)
    engine.dispose()
    _migrate_back(blank_url)


def test_it_takes_the_diary_and_trial_tables_down_and_up_again(blank_url: str) -> None:
    from alembic import command

    from fibrokit.store.db import _alembic_config

    engine = make_engine(blank_url)
    upgrade(engine)
    command.downgrade(_alembic_config(engine), "0003")
    assert current_revision(engine) == "0003"
    assert not {"diary_checkins", "trials", "opioid_records"} & table_names(engine)
    upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()
    _migrate_back(blank_url)


def test_it_stores_a_file_whole_with_its_results_and_day(factory: sessionmaker[Session], owner: int) -> None:
    with transaction(factory) as session:
        outcome = import_file(session, owner, shared_file("polar/exercise_rri.hrm"))
    assert outcome.status == "imported"
    with transaction(factory) as session:
        row = session.get(RecordingRow, outcome.recording_id)
        assert row is not None
        assert row.source_format == "polar-hrm"
        assert row.beat_count > 1000
        assert set(queries.blobs(session, row.id)) >= {"beats", "flags"}
        stored = queries.results(session, row.id)
        assert {"hrv", "windows", "analysis"} <= set(stored)
        for result in stored.values():
            assert result.source_sha256 == row.sha256
            assert result.version
            assert result.settings["artifact_method"] == "lipponen2019"
        assert row.local_day == dt.date(2008, 2, 8)
        assert session.get(DailySummary, (owner, row.local_day)) is not None
        original = session.get(SourceFile, row.source_file_id)
        assert original is not None
        assert original.size == shared_file("polar/exercise_rri.hrm").stat().st_size
        rebuilt = load_recording(session, row)
    read_back = rebuilt.beats
    assert read_back is not None
    assert len(read_back) == row.beat_count
    assert np.all(np.diff(read_back.times_s) > 0)


def test_it_recognises_the_same_file_twice(
    factory: sessionmaker[Session], owner: int, tmp_path: Path
) -> None:
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(shared_file("polar/rest_rri.txt").read_bytes())
    with transaction(factory) as session:
        first = import_file(session, owner, shared_file("polar/rest_rri.txt"))
    with transaction(factory) as session:
        second = import_file(session, owner, copy)
    assert (first.status, second.status) == ("imported", "duplicate")
    assert second.message == "renamed.txt: already imported"
    assert second.recording_id == first.recording_id
    assert _count(factory, RecordingRow) == 1


def test_it_leaves_nothing_of_a_file_that_fails(
    factory: sessionmaker[Session], owner: int, tmp_path: Path
) -> None:
    foreign = tmp_path / "notes.docx"
    foreign.write_bytes(b"PK\x03\x04 this is not a recording")
    with pytest.raises(ReaderError, match=r"notes\.docx"), transaction(factory) as session:
        import_file(session, owner, foreign)
    for table in (RecordingRow, SourceFile, RecordingBlob, ResultRow, DailySummary):
        assert _count(factory, table) == 0


def test_it_recomputes_results_made_by_another_version(factory: sessionmaker[Session], owner: int) -> None:
    with transaction(factory) as session:
        outcome = import_file(session, owner, shared_file("polar/rest_rri.txt"))
        session.execute(update(ResultRow).values(version="0.0.1", computed_at=dt.datetime(2020, 1, 1)))
    with transaction(factory) as session:
        assert recompute_stale(session) == 1
    with transaction(factory) as session:
        assert recompute_stale(session) == 0
        versions = {r.version for r in queries.results(session, outcome.recording_id or 0).values()}
    assert "0.0.1" not in versions


def test_it_hands_each_queued_file_to_one_worker_and_requeues_a_dead_ones(
    factory: sessionmaker[Session], owner: int, tmp_path: Path
) -> None:
    staged = [Staged(f"f{i}.txt", tmp_path / f"f{i}.txt", 1) for i in range(2)]
    with transaction(factory) as session:
        jobs.create_job(session, owner, staged)
    with transaction(factory) as session:
        first = jobs.claim_next(session, "host-a:1")
    with transaction(factory) as session:
        second = jobs.claim_next(session, "host-a:2")
    with transaction(factory) as session:
        assert jobs.claim_next(session, "host-a:3") is None
    assert first is not None
    assert second is not None
    assert first.id != second.id
    with transaction(factory) as session:
        assert jobs.requeue_abandoned(session, alive=lambda worker: worker.endswith(":2")) == 1
    with transaction(factory) as session:
        statuses = dict(session.execute(select(ImportItem.id, ImportItem.status)).all())
    assert statuses == {first.id: "queued", second.id: "running"}


def test_it_keeps_daily_summaries_for_trends(factory: sessionmaker[Session], owner: int) -> None:
    from fibrokit.services.demo.simulated_history import Plan, store_history
    from fibrokit.services.home import queries as home_queries
    from fibrokit.services.home.views import dashboard

    store_history(
        factory, owner, Plan(days=10, walk_every=5, tests=0, reading_s=120), end=dt.date(2025, 3, 10)
    )
    with transaction(factory) as session:
        days = home_queries.days(session, owner, dt.date(2025, 1, 1))
        board = dashboard(session, owner)
    assert len(days) == 10
    assert all(d.ln_rmssd is not None for d in days)
    assert sum(d.activity_minutes > 0 for d in days) == 2
    assert board.morning is not None
    assert board.morning.day == dt.date(2025, 3, 10)
    assert board.morning.level in ("stable", "watch", "out of balance")


def test_it_round_trips_channels(factory: sessionmaker[Session], owner: int) -> None:
    with transaction(factory) as session:
        outcome = import_file(session, owner, shared_file("fit/garmin-fenix-5-run.fit"))
        row = session.get(RecordingRow, outcome.recording_id)
        assert row is not None
        rebuilt = load_recording(session, row)
    from fibrokit.readers import read

    original = read(shared_file("fit/garmin-fenix-5-run.fit"))
    assert set(rebuilt.channels) == set(original.channels)
    for name, channel in original.channels.items():
        np.testing.assert_array_equal(rebuilt.channels[name].values, channel.values)
    assert (
        dataclasses.asdict(rebuilt.markers[0]) == dataclasses.asdict(original.markers[0])
        if original.markers
        else True
    )
