"""Export, import and deletion where people reach them: the account page's routes and the command line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from tests.app._people import manifest
from tests.app.conftest import Persona, Personas, run_imports
from tests.conftest import shared_file
from typer.testing import CliRunner

from fibrokit.cli import app as cli


def test_the_owner_downloads_an_export_and_another_account_brings_it_in(
    app: FastAPI, personas: Personas, tmp_path: Path
) -> None:
    owner, stranger = personas.owner, personas.stranger
    account = owner.client.get("/account")
    assert f'href="/p/{owner.user_id}/export.zip"' in account.text
    assert f'action="/p/{owner.user_id}/delete"' in account.text
    download = owner.client.get(f"/p/{owner.user_id}/export.zip")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    assert download.headers["content-disposition"].startswith('attachment; filename="fibrokit-export-')
    path = tmp_path / "export.zip"
    path.write_bytes(download.content)
    assert manifest(path)["rows"]["recordings"] == 1
    assert list((app.state.fibrokit.settings.data_dir / "exports").rglob("*.zip")) == []  # sent, then removed

    job = owner.client.post(
        f"/p/{owner.user_id}/imports",
        data={"csrf_token": owner.csrf},
        files={"files": ("export.zip", io.BytesIO(path.read_bytes()))},
    )
    run_imports(app)
    item = owner.client.get(job.headers["location"] + "/progress.json").json()["items"][0]
    assert item["status"] == "failed"
    assert item["message"].startswith(
        "export.zip: is a fibrokit export, not a recording: bring it in on the Account"
    )

    def upload(who: Persona, data: bytes) -> httpx.Response:
        files = {"upload": ("my export.zip", io.BytesIO(data), "application/zip")}
        return who.client.post(f"/p/{who.user_id}/restore", data={"csrf_token": who.csrf}, files=files)

    brought = upload(stranger, path.read_bytes())
    assert brought.status_code == 200
    assert "my export.zip: imported" in brought.text
    assert "recordings (1)" in brought.text
    assert "Morning reading, " in stranger.client.get(f"/p/{stranger.user_id}/recordings").text
    again = upload(stranger, path.read_bytes())
    assert again.status_code == 400
    assert "already holds data" in again.text

    clinician = personas.clinician
    cut = upload(clinician, path.read_bytes()[:2000])
    assert cut.status_code == 400
    assert "my export.zip: is not a zip file, or it is damaged or cut short" in cut.text
    assert "<p>0 recordings.</p>" in clinician.client.get(f"/p/{clinician.user_id}/recordings").text


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    return database_url


def _add(runner: CliRunner, email: str) -> None:
    added = runner.invoke(cli, ["user", "add", email, "--password-stdin"], input="a long password\n")
    assert added.exit_code == 0, added.output


def test_the_commands_export_delete_and_restore_an_account(env: str, tmp_path: Path) -> None:
    runner = CliRunner()
    _add(runner, "me@example.org")
    for name in ("polar/rest_rri.txt", "fit/garmin-fenix-5-walk.fit"):
        assert runner.invoke(cli, ["import", str(shared_file(name))]).exit_code == 0
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    made = runner.invoke(cli, ["export", str(first), "--user", "me@example.org"])
    assert made.exit_code == 0, made.output
    assert "and 2 original files to" in made.output

    kept = runner.invoke(cli, ["user", "delete", "me@example.org"], input="you@example.org\n")
    assert kept.exit_code == 1
    assert "nothing was deleted" in str(kept.exception)
    deleted = runner.invoke(cli, ["user", "delete", "ME@example.org"], input="me@example.org\n")
    assert deleted.exit_code == 0, deleted.output
    assert "deleted me@example.org and" in deleted.output

    _add(runner, "me@example.org")
    brought = runner.invoke(cli, ["restore-account", str(first), "--user", "me@example.org"])
    assert brought.exit_code == 0, brought.output
    assert "first.zip: imported" in brought.output
    assert runner.invoke(cli, ["export", str(second)]).exit_code == 0
    assert manifest(second)["members"] == manifest(first)["members"]
    refused = runner.invoke(cli, ["restore-account", str(first)])
    assert refused.exit_code == 1
    assert "already holds data" in str(refused.exception)

    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("hello.txt", "hello")
    foreign = runner.invoke(cli, ["restore-account", str(tmp_path / "other.zip")])
    assert foreign.exit_code == 1
    assert "other.zip: is not a fibrokit export" in str(foreign.exception)
