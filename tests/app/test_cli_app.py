"""The app's commands: db upgrade, user add, backup and restore on SQLite and PostgreSQL, and serve --demo."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import func, select
from tests.app.conftest import free_port
from tests.conftest import shared_file
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.store.db import head_revision, make_engine, session_factory, transaction
from fibrokit.store.tables import RecordingRow, User


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    return database_url


def _recordings(url: str) -> int:
    engine = make_engine(url)
    with transaction(session_factory(engine)) as session:
        count = session.scalar(select(func.count()).select_from(RecordingRow)) or 0
    engine.dispose()
    return count


def test_it_adds_accounts_and_upgrades_the_database(env: str) -> None:
    runner = CliRunner()
    upgraded = runner.invoke(cli, ["db", "upgrade"])
    assert upgraded.exit_code == 0
    assert f"is at revision {head_revision()}; 0 recording(s) recomputed" in upgraded.output
    added = runner.invoke(
        cli, ["user", "add", "root@example.org", "--admin", "--password-stdin"], input="a long password\n"
    )
    assert added.exit_code == 0
    assert "added admin root@example.org" in added.output
    again = runner.invoke(
        cli, ["user", "add", "root@example.org", "--password-stdin"], input="a long password\n"
    )
    assert again.exit_code == 1
    engine = make_engine(env)
    with transaction(session_factory(engine)) as session:
        assert session.scalar(select(User.is_admin).where(User.email == "root@example.org")) is True
    engine.dispose()


def test_it_backs_up_and_restores(env: str, tmp_path: Path) -> None:
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["user", "add", "me@example.org", "--password-stdin"], input="a long password\n"
        ).exit_code
        == 0
    )
    assert runner.invoke(cli, ["import", str(shared_file("polar/rest_rri.txt"))]).exit_code == 0
    backup = tmp_path / "backups" / "fibrokit.backup"
    made = runner.invoke(cli, ["backup", str(backup)])
    assert made.exit_code == 0, made.output
    assert backup.stat().st_size > 10_000
    assert runner.invoke(cli, ["import", str(shared_file("polar/exercise_rri.hrm"))]).exit_code == 0
    assert _recordings(env) == 2
    restored = runner.invoke(cli, ["restore", str(backup), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert _recordings(env) == 1


def test_restore_refuses_a_file_that_is_not_a_backup(env: str, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.backup"
    bogus.write_bytes(b"not a database at all" * 100)
    result = CliRunner().invoke(cli, ["restore", str(bogus), "--yes"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_serve_demo_prints_the_address_and_a_login_that_works(database_url: str, tmp_path: Path) -> None:
    port = free_port()
    environment = {**os.environ, "FIBROKIT_DATA_DIR": str(tmp_path / "data"), "FIBROKIT_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "-m", "fibrokit", "serve", "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    try:
        lines = []
        assert server.stdout is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            lines.append(server.stdout.readline())
            if "running at" in lines[-1]:
                break
        output = "".join(lines)
        assert f"http://localhost:{port}/" in output, output
        login = re.search(r"demo login: (\S+)\s+password: (\S+)", output)
        assert login is not None
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=False) as client:
            for _ in range(100):
                try:
                    page = client.get("/login")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
            signed = client.post(
                "/login", data={"csrf_token": token, "email": login[1], "password": login[2]}
            )
            assert signed.status_code == 303
            dashboard = client.get("/p/1")
            assert "Latest morning reading" in dashboard.text
            assert "ln RMSSD" in dashboard.text
            pacing = client.get("/p/1/pacing").text
            assert "Week 4 of 10." in pacing  # the demo's plan began three weeks ago
            assert "Load, day by day and week by week" in pacing
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()
    assert "Traceback" not in output
