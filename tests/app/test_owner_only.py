"""Health data on disk are readable by their owner only: every file 0600 and folder 0700, whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.app.conftest import SECRET, add_account, csrf_of, run_imports
from tests.conftest import shared_file
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.config import Settings
from fibrokit.services.portability.export import export_for_download
from fibrokit.services.portability.queries import read_snapshot
from fibrokit.web import create_app


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The mask a shell usually has (files 0644, folders 0755); the test's original mask is put back after."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def _modes(*roots: Path) -> dict[str, tuple[str, str]]:
    """Each path under ``roots``: its mode and the mode it should have (0700 for a folder, 0600 for a file)."""
    found = {}
    for root in roots:
        for path in (root, *root.rglob("*")):
            info = path.lstat()
            wanted = "0o700" if stat.S_ISDIR(info.st_mode) else "0o600"
            found[str(path)] = (oct(stat.S_IMODE(info.st_mode)), wanted)
    return found


def _loose(modes: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {path: (mode, wanted) for path, (mode, wanted) in modes.items() if mode != wanted}


def test_every_file_of_a_new_install_is_its_owners_alone(
    loose_umask: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "new" / "data"
    settings = Settings(data_dir=data, env="development", import_threads=0)  # type: ignore[call-arg]
    app = create_app(settings, run_worker=False)
    os.umask(0o022)  # whatever the app did to the mask, files are made by code that sets their modes itself
    owner = add_account(app, "owner@example.org")
    form = owner.client.get(f"/p/{owner.user_id}/imports")
    with shared_file("polar/rest_rri.txt").open("rb") as handle:
        sent = owner.client.post(
            f"/p/{owner.user_id}/imports",
            data={"csrf_token": csrf_of(form.text)},
            files={"files": ("rest_rri.txt", handle, "text/plain")},
        )
    assert sent.status_code == 303, sent.text
    assert list((data / "staging").rglob("rest_rri.txt")), "the upload waits in the staging folder"
    staged = _modes(data)
    run_imports(app)
    with read_snapshot(app.state.fibrokit.factory) as snapshot:
        export = export_for_download(snapshot, data, owner.user_id)
    app.state.fibrokit.engine.dispose()

    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(data))
    monkeypatch.setenv("FIBROKIT_SECRET_KEY", SECRET)
    monkeypatch.delenv("FIBROKIT_DATABASE_URL", raising=False)
    os.umask(0o022)
    runner = CliRunner()
    backups = tmp_path / "backups" / "nightly"
    made = runner.invoke(cli, ["backup", str(backups / "fibrokit.backup")])
    assert made.exit_code == 0, made.output
    os.umask(0o022)
    exports = tmp_path / "exports" / "mine"
    written = runner.invoke(cli, ["export", "--user", "owner@example.org", str(exports / "me.zip")])
    assert written.exit_code == 0, written.output

    names = {Path(path).name for path in (*staged, *_modes(data))}
    assert {"fibrokit.db", "fibrokit.db-wal", "fibrokit.db-shm", "secret_key", "staging", "exports"} <= names
    assert export.is_file()
    for place in (staged, _modes(data, backups, exports)):
        assert _loose(place) == {}
    assert (backups / "fibrokit.backup").is_file()
    assert (exports / "me.zip").is_file()
    assert oct(stat.S_IMODE((tmp_path / "backups").stat().st_mode)) == "0o700"


def test_an_older_install_is_tightened_at_start_with_one_line_naming_no_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    (data / "staging" / "abc").mkdir(parents=True, mode=0o755)
    os.chmod(data, 0o755)
    os.chmod(data / "staging", 0o755)
    os.chmod(data / "staging" / "abc", 0o755)
    leftover = data / "staging" / "abc" / "walk 3 December.fit"
    leftover.write_bytes(b"x")
    os.chmod(leftover, 0o644)
    unrelated = data / "someone else's notes.txt"  # not fibrokit's: left as it is
    unrelated.write_text("x")
    os.chmod(unrelated, 0o644)
    settings = Settings(data_dir=data, env="development", import_threads=0, secret_key=SECRET)  # type: ignore[call-arg]
    with caplog.at_level(logging.WARNING, logger="fibrokit.web"):
        app = create_app(settings, run_worker=False)
    app.state.fibrokit.engine.dispose()
    assert _loose(_modes(data)) == {str(unrelated): ("0o644", "0o600")}
    lines = [record.getMessage() for record in caplog.records if record.name == "fibrokit.web"]
    assert lines == [
        "made 4 files and folders of the data owner-only (0600/0700); they were readable by others"
    ]
    assert all("walk" not in line and "abc" not in line for line in lines)
    assert TestClient(create_app(settings, run_worker=False)).get("/login").status_code == 200
