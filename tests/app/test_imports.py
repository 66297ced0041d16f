"""Importing through the upload page and from the command line, and the pages of what was imported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi import FastAPI
from tests.app.conftest import Personas, run_imports
from tests.conftest import shared_file
from typer.testing import CliRunner

from fibrokit.cli import app as cli


def _upload(personas: Personas, *names: str, kind: str = "auto") -> str:
    owner = personas.owner
    files = [("files", (Path(n).name, io.BytesIO(shared_file(n).read_bytes()))) for n in names]
    response = owner.client.post(
        f"/p/{owner.user_id}/imports", data={"csrf_token": owner.csrf, "kind": kind}, files=files
    )
    assert response.status_code == 303
    return str(response.headers["location"])


def test_it_imports_many_files_in_the_background_with_a_message_each(
    app: FastAPI, personas: Personas
) -> None:
    job = _upload(personas, "fit/garmin-fenix-5-walk.fit", "polar/exercise_rri.hrm", "polar/rest_rri.txt")
    waiting = personas.owner.client.get(job + "/progress.json").json()
    assert waiting["done"] == 0
    assert waiting["total"] == 3
    assert run_imports(app) == 3
    progress = personas.owner.client.get(job + "/progress.json").json()
    statuses = {item["name"]: item["status"] for item in progress["items"]}
    assert statuses == {
        "garmin-fenix-5-walk.fit": "imported",
        "exercise_rri.hrm": "imported",
        "rest_rri.txt": "duplicate",
    }
    page = personas.owner.client.get(job)
    assert "already imported" in page.text
    assert "3 of 3" in page.text


def test_it_says_clearly_why_a_file_was_not_imported(
    app: FastAPI, personas: Personas, tmp_path: Path
) -> None:
    owner = personas.owner
    files = [("files", ("holiday.jpg", io.BytesIO(b"\xff\xd8\xff\xe0 not a recording")))]
    job = owner.client.post(f"/p/{owner.user_id}/imports", data={"csrf_token": owner.csrf}, files=files)
    run_imports(app)
    item = owner.client.get(job.headers["location"] + "/progress.json").json()["items"][0]
    assert item["status"] == "failed"
    assert item["message"].startswith("holiday.jpg: is not in a format fibrokit reads")


def test_it_shows_a_recording_with_its_test_norms_and_sources(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    assert owner.post("/account/profile", {"birth_year": "1970"}).status_code == 200
    job = _upload(personas, "polar/exercise_rri.hrm", kind="exercise-test")
    run_imports(app)
    item = owner.client.get(job + "/progress.json").json()["items"][0]
    assert item["status"] == "imported", item
    page = owner.client.get(f"/p/{owner.user_id}/recordings/{item['recording_id']}")
    assert page.status_code == 200
    for text in ("Exercise test", "Peak heart rate", "Sources", "data-chart-url"):
        assert text in page.text
    charts = owner.client.get(f"/p/{owner.user_id}/recordings/{item['recording_id']}/charts.json").json()
    assert set(charts) == {"hr", "beats", "windows"}
    assert len(charts["hr"]["data"][0]["x"]) > 100
    tests = owner.client.get(f"/p/{owner.user_id}/tests/exercise-test")
    assert tests.status_code == 200
    assert "Peak heart rate" in tests.text


def test_it_filters_the_recordings_list(app: FastAPI, personas: Personas) -> None:
    _upload(personas, "fit/garmin-fenix-5-walk.fit")
    run_imports(app)
    owner = personas.owner
    everything = owner.client.get(f"/p/{owner.user_id}/recordings")
    assert "2 recordings" in everything.text
    assert "Morning reading, " in everything.text  # named by what it is and when, not by its file
    fit_only = owner.client.get(f"/p/{owner.user_id}/recordings", params={"source_format": "fit"})
    assert "1 recording." in fit_only.text
    assert "Morning reading, " not in fit_only.text
    dated = owner.client.get(f"/p/{owner.user_id}/recordings", params={"since": "2030-01-01"})
    assert "0 recordings" in dated.text
    assert owner.client.get(f"/p/{owner.user_id}/recordings", params={"since": "soon"}).status_code == 400


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_the_import_command_imports_a_folder_into_the_same_database(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "files"
    (folder / "deeper").mkdir(parents=True)
    (folder / "rest.txt").write_bytes(shared_file("polar/rest_rri.txt").read_bytes())
    (folder / "deeper" / "walk.fit").write_bytes(shared_file("fit/garmin-fenix-5-walk.fit").read_bytes())
    (folder / "deeper" / "notes.md").write_text("# not a recording\n")
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    added = runner.invoke(
        cli, ["user", "add", "me@example.org", "--password-stdin"], input="a long password\n"
    )
    assert added.exit_code == 0, added.output
    first = runner.invoke(cli, ["import", str(folder)])
    assert first.exit_code == 1  # one file failed, and says so
    assert "imported: rest.txt: imported as morning reading" in first.output
    assert "failed: notes.md: is not in a format fibrokit reads" in first.output
    second = runner.invoke(cli, ["import", str(folder / "rest.txt"), "--user", "me@example.org"])
    assert second.exit_code == 0
    assert "duplicate: rest.txt: already imported" in second.output
