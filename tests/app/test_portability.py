"""Export and import of an account on SQLite and PostgreSQL: lossless round trip, every table covered, refusals.

The round trip is the issue's definition of done: export → delete → import into a fresh instance (whose ids
are all different) → export again gives the same content, member for member.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    exists,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session, sessionmaker
from tests.app._people import FILES, manifest, person_with_data, rewrite
from tests.app.conftest import empty_postgres, sqlite_url
from tests.conftest import shared_file

from fibrokit.services.accounts import actions as accounts
from fibrokit.services.portability.actions import delete_account, restore_account
from fibrokit.services.portability.archive import open_export
from fibrokit.services.portability.deletion import remove_leftovers
from fibrokit.services.portability.export import export_account
from fibrokit.services.portability.format import ExportError
from fibrokit.services.portability.queries import column_kind, read_snapshot
from fibrokit.services.portability.views import ExportSummary
from fibrokit.store.db import head_revision, make_engine, session_factory, transaction
from fibrokit.store.ownership import (
    ACCOUNT_COLUMNS_NOT_CARRIED,
    NOT_CARRIED,
    NOT_PERSONAL,
    PROFILE_COLUMNS,
    carried_tables,
    owned,
    unclassified,
)
from fibrokit.store.tables import Base, User

NEW_PASSWORD = "a different long password"


def _export(factory: sessionmaker[Session], user_id: int, target: Path) -> ExportSummary:
    """The account's export, read in a snapshot of its own as the app and the command open it."""
    with read_snapshot(factory) as snapshot:
        return export_account(snapshot, user_id, target)


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield session_factory(engine)
    engine.dispose()


def _fresh_instance(database_url: str, request: pytest.FixtureRequest, folder: Path) -> str:
    """Another, empty instance of the same backend."""
    if database_url.startswith("postgresql"):
        return empty_postgres(database_url)
    return sqlite_url(request.getfixturevalue("sqlite_template"), folder)


def _restore(factory: sessionmaker[Session], user_id: int, path: Path) -> dict[str, int]:
    with open_export(path, path.name) as export, transaction(factory) as session:
        return restore_account(session, user_id, export).rows


def _held(factory: sessionmaker[Session], user_id: int) -> list[str]:
    tables = {entry.name: entry for entry in carried_tables()}
    with transaction(factory) as session:
        return [
            name
            for name, entry in tables.items()
            if session.scalar(select(exists().where(owned(entry, user_id, tables))))
        ]


def _new_account(factory: sessionmaker[Session], email: str) -> int:
    with transaction(factory) as session:
        return accounts.create_user(session, email, NEW_PASSWORD).id


def test_export_delete_import_into_a_fresh_instance_then_export_gives_the_same_content(
    database_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    factory = session_factory(engine)
    person = person_with_data(factory, "robin@example.org")
    first = _export(factory, person, tmp_path / "first.zip")
    with transaction(factory) as session:
        leftovers = delete_account(session, person, tmp_path / "data")
    remove_leftovers(leftovers, engine)
    engine.dispose()

    engine = make_engine(_fresh_instance(database_url, request, tmp_path / "fresh"))
    factory = session_factory(engine)
    bystander = person_with_data(factory, "sam@example.org", files=("polar/real_rri.txt",))  # every id shifts
    before = _export(factory, bystander, tmp_path / "bystander-before.zip")
    target = _new_account(factory, "robin@example.org")
    rows = _restore(factory, target, first.path)
    second = _export(factory, target, tmp_path / "second.zip")
    after = _export(factory, bystander, tmp_path / "bystander-after.zip")

    assert target != person
    assert manifest(second.path)["members"] == manifest(first.path)["members"]
    assert manifest(second.path)["rows"] == manifest(first.path)["rows"] == rows
    assert rows["recordings"] == len(FILES) + 4 + 2 + 2  # files, mornings, walks, tests
    assert rows["source_files"] == len(FILES)
    assert rows["recording_blobs"] > rows["recordings"]
    for table in ("diary_checkins", "diary_days", "diary_items", "trial_doses", "pacing_reviews"):
        assert rows[table] > 1, table
    for table in ("trials", "trial_side_effects", "opioid_records", "clinician_confirmations"):
        assert rows[table] == 1, table
    assert rows["instrument_results"] == 2  # the FIQR, and the PGIC naming the trial
    assert rows["pacing_settings"] == 1
    assert manifest(after.path)["members"] == manifest(before.path)["members"]
    with zipfile.ZipFile(second.path) as archive:
        for number, name in enumerate(FILES, start=1):
            assert archive.read(f"files/{number:06d}-{Path(name).name}") == shared_file(name).read_bytes()
    with transaction(factory) as session:
        user = session.get(User, target)
        assert user is not None
        assert (user.name, user.birth_year, user.sex, user.email) == (
            "Robin Example",
            1979,
            "f",
            "robin@example.org",
        )
    engine.dispose()


def test_the_export_says_what_it_holds_and_opens_in_spreadsheets(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    person = person_with_data(factory, "robin@example.org")
    summary: ExportSummary = _export(factory, person, tmp_path / "export.zip")
    listing = manifest(summary.path)
    assert (listing["format"], listing["format_version"], listing["schema_revision"]) == (
        "fibrokit-export",
        1,
        head_revision(),
    )
    assert listing["fibrokit_version"]
    assert listing["files"] == summary.files == len(FILES)
    with zipfile.ZipFile(summary.path) as archive:
        names = set(archive.namelist())
        assert names == set(listing["members"]) | {"manifest.json"}
        assert {"account.json", "README.txt", "csv/recordings.csv", "csv/daily_summaries.csv"} <= names
        recordings = archive.read("csv/recordings.csv").decode().splitlines()
        assert recordings[0].startswith("id,source_file_id,sha256,source_name")
        assert "mean_hr_bpm,rmssd_ms,ln_rmssd" in recordings[0]
        assert len(recordings) == 1 + listing["rows"]["recordings"]
        findings = archive.read("csv/test_findings.csv").decode()
        assert "exercise-test" in findings
        assert "resting_hr_bpm" in findings
        table = json.loads(archive.read("tables/recordings.json"))
        assert len(table["rows"]) == listing["rows"]["recordings"]
        assert table["columns"]["start_utc"] == "datetime"
        assert "user_id" not in table["columns"]
        starts = [row["start_utc"] for row in table["rows"] if row["start_utc"]]
        assert all(start.endswith("+00:00") for start in starts)
        assert [row["id"] for row in table["rows"]] == list(range(1, len(table["rows"]) + 1))
        assert any(name.startswith("blobs/recording_blobs/") and name.endswith(".npz") for name in names)


def test_every_table_is_exported_or_listed_as_staying_with_a_reason() -> None:
    assert unclassified() == {}, "decide for each new table: exported, or listed with a reason"
    tables = {table.name for table in Base.metadata.sorted_tables}
    assert set(NOT_CARRIED) | set(NOT_PERSONAL) <= tables
    assert all(reason for reason in (*NOT_CARRIED.values(), *NOT_PERSONAL.values()))
    carried = {entry.name for entry in carried_tables()}
    assert {"recordings", "recording_blobs", "results", "source_files", "daily_summaries"} <= carried
    assert carried.isdisjoint(NOT_CARRIED)
    for entry in carried_tables():
        for column in entry.table.columns:
            assert column_kind(column)  # raises for a type the export cannot write
    users = {column.name for column in Base.metadata.tables["users"].columns}
    assert users == set(PROFILE_COLUMNS) | set(ACCOUNT_COLUMNS_NOT_CARRIED)


def test_tables_other_branches_add_are_covered_or_flagged() -> None:
    schema = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(schema)
    person = Column("person_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    Table("checkins", schema, Column("id", Integer, primary_key=True), person, Column("answers", JSON))
    Table(
        "checkin_notes",
        schema,
        Column("id", Integer, primary_key=True),
        Column("checkin_id", ForeignKey("checkins.id")),
    )
    Table("dose_logs", schema, Column("id", Integer, primary_key=True), Column("owner_id", Integer))
    Table(
        "page_views",
        schema,
        Column("id", Integer, primary_key=True),
        Column("owner_id", ForeignKey("users.id")),
        Column("viewer_id", ForeignKey("users.id")),
    )
    Table("instruments", schema, Column("id", Integer, primary_key=True), Column("name", Text))
    carried = {entry.name: entry for entry in carried_tables(schema)}
    assert {"checkins", "checkin_notes", "dose_logs"} <= set(carried)
    assert carried["checkins"].owner == "person_id"
    assert carried["checkin_notes"].owner is None
    assert set(unclassified(schema)) == {"page_views", "instruments"}


@pytest.fixture
def added_tables() -> Iterator[tuple[Table, Table]]:
    """Two tables as another branch might add them, present only during the test."""
    checkins = Table(
        "test_checkins",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        Column("day", Date),
        Column("at", DateTime),
        Column("pain", Float),
        Column("answers", JSON),
    )
    notes = Table(
        "test_checkin_notes",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("checkin_id", ForeignKey("test_checkins.id", ondelete="CASCADE"), nullable=False),
        Column("text", Text),
    )
    try:
        yield checkins, notes
    finally:
        Base.metadata.remove(notes)
        Base.metadata.remove(checkins)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_table_added_later_travels_and_is_deleted_without_changes(
    database_url: str, added_tables: tuple[Table, Table], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    import datetime as dt

    checkins, notes = added_tables
    engine = make_engine(database_url)
    checkins.create(engine)
    notes.create(engine)
    factory = session_factory(engine)
    person = person_with_data(factory, "robin@example.org", files=FILES[:1])
    with transaction(factory) as session:
        for day, pain in ((1, 4.5), (2, float("inf")), (3, None)):
            at = dt.datetime(2024, 3, day, 20, 15, 30, 250)
            values = {
                "person_id": person,
                "day": at.date(),
                "at": at,
                "pain": pain,
                "answers": {"sleep": day},
            }
            checkin = session.execute(insert(checkins).values(**values).returning(checkins.c.id)).scalar_one()
            text = f"note {day}" + ("\nzweite Zeile – müde\u2028\r" if day == 3 else "")
            session.execute(insert(notes).values(checkin_id=checkin, text=text))
    first = _export(factory, person, tmp_path / "first.zip")
    assert manifest(first.path)["rows"]["test_checkins"] == 3
    assert manifest(first.path)["rows"]["test_checkin_notes"] == 3
    with transaction(factory) as session:
        remove_leftovers(delete_account(session, person, tmp_path / "data"), engine)
    with transaction(factory) as session:
        assert session.scalar(select(func.count()).select_from(checkins)) == 0
        assert session.scalar(select(func.count()).select_from(notes)) == 0
    target = _new_account(factory, "robin@example.org")
    _restore(factory, target, first.path)
    second = _export(factory, target, tmp_path / "second.zip")
    assert manifest(second.path)["members"] == manifest(first.path)["members"]
    with zipfile.ZipFile(second.path) as archive:
        assert "2,2,note 2" in archive.read("csv/test_checkin_notes.csv").decode()
        assert "zweite Zeile – müde" in archive.read("tables/test_checkin_notes.json").decode()
        assert '"pain": "Infinity"' in archive.read("tables/test_checkins.json").decode()
    engine.dispose()


def _damage_a_row(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        lines = archive.read("tables/recordings.json").decode().splitlines(keepends=True)
    lines[2] = ',{"id": 2, "start_utc": "not a time"}\n'
    return "".join(lines).encode()


def _newer(path: Path, **changes: object) -> bytes:
    listing = manifest(path)
    listing.update(changes)
    return json.dumps(listing).encode()


REFUSALS = {
    "cut short": "is not a zip file, or it is damaged or cut short",
    "not a zip": "is not a zip file, or it is damaged or cut short",
    "foreign zip": "is not a fibrokit export (it has no manifest.json)",
    "newer format": "was written by a newer fibrokit (export format 2",
    "newer schema": "comes from a database schema this fibrokit does not know",
    "changed member": "is damaged or was changed (csv/recordings.csv does not match its checksum)",
    "unlisted member": "has a member its manifest does not list (files/extra.txt)",
    "missing member": "is incomplete: README.txt is missing",
    "damaged row": "is damaged (tables/recordings.json, line 3, is not a row fibrokit wrote)",
    "unknown table": "holds a table 'diary_dreams' this fibrokit does not know: upgrade fibrokit",
}


def _broken(kind: str, good: Path, folder: Path) -> Path:
    target = folder / "broken.zip"
    if kind == "cut short":
        target.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "not a zip":
        target.write_bytes(shared_file("polar/rest_rri.txt").read_bytes())
    elif kind == "foreign zip":
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("apple_health_export/export.xml", "<HealthData/>")
    elif kind == "newer format":
        rewrite(good, target, {"manifest.json": _newer(good, format_version=2)})
    elif kind == "newer schema":
        rewrite(good, target, {"manifest.json": _newer(good, schema_revision="9999")})
    elif kind == "changed member":
        with zipfile.ZipFile(good) as archive:
            data = archive.read("csv/recordings.csv")
        rewrite(
            good,
            target,
            {"csv/recordings.csv": data.replace(b"activity", b"activitx", 1)},
            fix_manifest=False,
        )
    elif kind == "unlisted member":
        rewrite(good, target, {"files/extra.txt": b"hello"}, fix_manifest=False)
    elif kind == "missing member":
        rewrite(good, target, {"README.txt": None}, fix_manifest=False)
    elif kind == "damaged row":
        rewrite(good, target, {"tables/recordings.json": _damage_a_row(good)})
    else:
        rows = {**manifest(good)["rows"], "diary_dreams": 0}
        rewrite(good, target, {"manifest.json": _newer(good, rows=rows)})
    return target


@pytest.fixture
def good_export(factory: sessionmaker[Session], tmp_path: Path) -> Path:
    person = person_with_data(factory, "robin@example.org", files=FILES[:2])
    return _export(factory, person, tmp_path / "good.zip").path


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("kind", sorted(REFUSALS))
def test_a_bad_zip_gets_one_sentence_and_stores_nothing(
    kind: str, factory: sessionmaker[Session], good_export: Path, tmp_path: Path
) -> None:
    broken = _broken(kind, good_export, tmp_path)
    target = _new_account(factory, "new@example.org")
    with pytest.raises(ExportError) as caught:
        _restore(factory, target, broken)
    message = str(caught.value)
    assert message.startswith("broken.zip: ")
    assert REFUSALS[kind] in message
    assert "\n" not in message
    assert _held(factory, target) == []


def test_a_row_the_database_refuses_rolls_back_everything(
    factory: sessionmaker[Session], good_export: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(good_export) as archive:
        lines = archive.read("tables/source_files.json").decode().splitlines(keepends=True)
    copy = json.loads(
        lines[1]
    )  # the same original twice breaks the one-file-once rule, after days were stored
    copy["id"] = 99
    lines.insert(-1, "," + json.dumps(copy) + "\n")
    listing = manifest(good_export)
    listing["rows"]["source_files"] += 1
    broken = rewrite(
        good_export,
        tmp_path / "broken.zip",
        {"tables/source_files.json": "".join(lines).encode(), "manifest.json": json.dumps(listing).encode()},
    )
    target = _new_account(factory, "new@example.org")
    with pytest.raises(ExportError, match=r"^broken\.zip: could not be stored \(tables/source_files\.json"):
        _restore(factory, target, broken)
    assert _held(factory, target) == []
    with transaction(factory) as session:
        user = session.get(User, target)
        assert user is not None
        assert user.birth_year is None  # the profile went back too


def test_an_account_holding_data_is_refused(factory: sessionmaker[Session], good_export: Path) -> None:
    holder = person_with_data(factory, "holder@example.org", files=("polar/real_rri.txt",))
    before = _held(factory, holder)
    with pytest.raises(ExportError, match=r"already holds data .*nothing was imported"):
        _restore(factory, holder, good_export)
    assert _held(factory, holder) == before
