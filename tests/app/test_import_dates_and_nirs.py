"""Through the store: dated morning readings, compressed uploads, and muscle oxygen on the recording page."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from tests.app.conftest import Personas, run_imports
from tests.conftest import shared_file
from tests.readers._fit_builder import fit_with_muscle_oxygen
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.store.db import make_engine, session_factory, transaction
from fibrokit.store.tables import DailySummary, ImportItem, RecordingRow


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    added = runner.invoke(
        cli, ["user", "add", "me@example.org", "--password-stdin"], input="a long password\n"
    )
    assert added.exit_code == 0, added.output
    return database_url


def _rows(url: str) -> list[tuple[str, str, dt.date | None, dict[str, object]]]:
    engine = make_engine(url)
    with transaction(session_factory(engine)) as session:
        rows = session.scalars(select(RecordingRow).order_by(RecordingRow.id)).all()
        found = [(r.source_name, r.kind, r.local_day, dict(r.details or {})) for r in rows]
    engine.dispose()
    return found


def _mornings(url: str) -> dict[dt.date, float | None]:
    engine = make_engine(url)
    with transaction(session_factory(engine)) as session:
        days = session.scalars(select(DailySummary)).all()
        found = {d.day: d.resting_hr_bpm for d in days}
    engine.dispose()
    return found


def test_an_rr_file_named_by_its_date_is_that_days_morning_reading(env: str, tmp_path: Path) -> None:
    named = tmp_path / "2025-03-19.txt"
    shutil.copy(shared_file("polar/rest_rri.txt"), named)
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", str(named)])
    assert imported.exit_code == 0, imported.output
    assert "imported as morning reading of 2025-03-19, dated by its file name" in imported.output
    [(name, kind, day, details)] = _rows(env)
    assert (name, kind, day) == ("2025-03-19.txt", "morning-reading", dt.date(2025, 3, 19))
    assert details["metadata"]["date_source"] == "file name"  # type: ignore[index]
    assert _mornings(env)[dt.date(2025, 3, 19)] is not None
    today = runner.invoke(cli, ["pace", "today", "--date", "2025-03-19"])
    assert today.exit_code == 0, today.output
    assert "Readiness: no morning reading yet" not in today.output  # what it says without the date
    assert "Readiness: building baseline. 0 of 7 mornings" in today.output
    assert "no reading that day" not in today.output


def test_import_date_gives_an_undated_gzipped_reading_its_day(env: str, tmp_path: Path) -> None:
    packed = tmp_path / "reading.txt.gz"
    packed.write_bytes(gzip.compress(shared_file("polar/real_rri.txt").read_bytes()))
    runner = CliRunner()
    # Without a day, the command says how to give one from the shell.
    plain = tmp_path / "plain.txt"
    plain.write_bytes(shared_file("polar/real_rri.txt").read_bytes())
    undated = runner.invoke(cli, ["import", str(plain)])
    assert undated.exit_code == 0, undated.output
    assert "import again with --date" in " ".join(undated.output.split())
    refused = runner.invoke(cli, ["import", "--date", "19/03/2025", str(packed)])
    assert refused.exit_code == 1
    assert "is not a day: write it as YYYY-MM-DD" in str(refused.exception)
    imported = runner.invoke(cli, ["import", "--date", "2025-03-21", str(packed)])
    assert imported.exit_code == 0, imported.output
    [(name, _, day, details)] = [row for row in _rows(env) if row[0] != "plain.txt"]
    assert (name, day) == ("reading.txt.gz", dt.date(2025, 3, 21))
    assert details["metadata"]["date_source"] == "given by the person"  # type: ignore[index]


def test_a_zip_of_mornings_imports_each_on_its_day(env: str, tmp_path: Path) -> None:
    archive = tmp_path / "mornings.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(shared_file("polar/rest_rri.txt"), "morning 2025-03-19.txt")
        out.write(shared_file("polar/real_rri.txt"), "morning 2025-03-20.txt")
    imported = CliRunner().invoke(cli, ["import", str(archive)])
    assert imported.exit_code == 0, imported.output
    assert "mornings.zip: imported 2 recordings" in imported.output
    days = {day for _, kind, day, _ in _rows(env) if kind == "morning-reading"}
    assert days == {dt.date(2025, 3, 19), dt.date(2025, 3, 20)}


def _upload(personas: Personas, name: str, data: bytes) -> None:
    owner = personas.owner
    response = owner.client.post(
        f"/p/{owner.user_id}/imports",
        data={"csrf_token": owner.csrf, "kind": "auto"},
        files=[("files", (name, io.BytesIO(data)))],
    )
    assert response.status_code == 303


def _recording_id(app: FastAPI, name: str) -> int:
    with transaction(app.state.fibrokit.factory) as session:
        found = session.scalar(select(RecordingRow.id).where(RecordingRow.source_name == name))
    assert found is not None, f"{name} was not imported"
    return int(found)


@pytest.mark.parametrize(
    ("name", "traces"),
    [("nirs/moxy_intervals.csv", 2), ("nirs/train.red_intervals.csv", 2), ("two-sensor moxy.fit", 4)],
)
def test_muscle_oxygen_is_charted_on_the_recording_page(
    app: FastAPI, personas: Personas, name: str, traces: int
) -> None:
    data = fit_with_muscle_oxygen() if name.endswith(".fit") else shared_file(name).read_bytes()
    shown = Path(name).name
    _upload(personas, shown, data)
    assert run_imports(app) == 1
    owner = personas.owner
    recording = _recording_id(app, shown)
    page = owner.client.get(f"/p/{owner.user_id}/recordings/{recording}")
    assert page.status_code == 200
    assert 'id="chart-smo2"' in page.text
    assert 'data-chart-key="beats"' not in page.text  # no beats: no empty beat chart
    figure = owner.client.get(f"/p/{owner.user_id}/recordings/{recording}/charts.json").json()["smo2"]
    assert len(figure["data"]) == traces
    assert figure["layout"]["yaxis"]["title"]["text"] == "SmO2 (%)"
    assert all(min(t["y"]) >= 0 and max(t["y"]) <= 100 for t in figure["data"] if "yaxis" not in t)


def test_the_person_sets_the_day_of_an_undated_reading_on_its_page(app: FastAPI, personas: Personas) -> None:
    _upload(personas, "rest.txt", shared_file("polar/real_rri.txt").read_bytes())
    run_imports(app)
    owner = personas.owner
    recording = _recording_id(app, "rest.txt")
    url = f"/p/{owner.user_id}/recordings/{recording}"
    assert "When was this recorded?" in owner.client.get(url).text
    with transaction(app.state.fibrokit.factory) as session:
        said = session.scalar(select(ImportItem.message).where(ImportItem.recording_id == recording))
    # In the app the import points to the upload form's day field, not to a command-line flag.
    assert said is not None
    assert "it has no date" in said
    assert "upload form" in said
    assert "--date" not in said
    wrong = owner.post(url + "/date", {"day": "next tuesday"})
    assert wrong.status_code == 400  # type: ignore[attr-defined]
    assert "is not a day" in wrong.text  # type: ignore[attr-defined]
    moved = owner.post(url + "/date", {"day": "2025-03-19"})
    assert moved.status_code == 303  # type: ignore[attr-defined]
    page = owner.client.get(url).text
    assert "When was this recorded?" not in page
    assert "date set by hand" in page
    with transaction(app.state.fibrokit.factory) as session:
        row = session.get(RecordingRow, recording)
        assert row is not None
        assert row.local_day == dt.date(2025, 3, 19)
        summary = session.scalar(
            select(DailySummary).where(
                DailySummary.user_id == owner.user_id, DailySummary.day == row.local_day
            )
        )
        assert summary is not None
        assert summary.resting_hr_bpm is not None


def test_import_date_leaves_a_file_that_states_its_date_alone(env: str, tmp_path: Path) -> None:
    named = tmp_path / "2025-03-19.txt"
    shutil.copy(shared_file("polar/rest_rri.txt"), named)
    imported = CliRunner().invoke(cli, ["import", "--date", "2025-04-01", str(named)])
    assert imported.exit_code == 0, imported.output
    [(_, _, day, details)] = _rows(env)
    assert day == dt.date(2025, 3, 19)
    assert details["metadata"]["date_source"] == "file name"  # type: ignore[index]


def test_the_upload_form_dates_an_undated_file_and_nothing_else(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    form = owner.client.get(f"/p/{owner.user_id}/imports")
    assert 'name="day" type="date"' in form.text
    files = [
        # Beats of a real reading, one changed so that the file is new to the account (not a duplicate).
        ("files", ("reading.txt", io.BytesIO(shared_file("polar/rest_rri.txt").read_bytes() + b"1001\n"))),
        ("files", ("2025-03-19.txt", io.BytesIO(shared_file("polar/rest_rri.txt").read_bytes() + b"1002\n"))),
    ]
    response = owner.client.post(
        f"/p/{owner.user_id}/imports",
        data={"csrf_token": owner.csrf, "kind": "auto", "day": "2025-04-02"},
        files=files,
    )
    assert response.status_code == 303
    assert run_imports(app) == 2
    with transaction(app.state.fibrokit.factory) as session:
        rows = session.execute(select(RecordingRow.source_name, RecordingRow.local_day)).all()
    days = {name: day for name, day in rows if name in ("reading.txt", "2025-03-19.txt")}
    # The undated file takes the day given; the file named by its date keeps its own.
    assert days == {"reading.txt": dt.date(2025, 4, 2), "2025-03-19.txt": dt.date(2025, 3, 19)}


def test_the_upload_form_refuses_a_day_that_is_not_one(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    response = owner.client.post(
        f"/p/{owner.user_id}/imports",
        data={"csrf_token": owner.csrf, "kind": "auto", "day": "19/03/2025"},
        files=[("files", ("reading.txt", io.BytesIO(b"800\n810\n")))],
    )
    assert response.status_code == 400
    assert "is not a day" in response.text
    assert run_imports(app) == 0
