"""A server killed with SIGKILL in the middle of an import leaves a consistent database and a retryable import."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from tests.app.conftest import free_port
from tests.conftest import shared_file

from fibrokit.services.accounts import actions as accounts
from fibrokit.services.imports import actions as jobs
from fibrokit.services.imports.uploads import stage
from fibrokit.store.db import make_engine, session_factory, transaction
from fibrokit.store.tables import (
    DailySummary,
    ImportItem,
    RecordingBlob,
    RecordingRow,
    ResultRow,
    SourceFile,
)

HEALTH_TABLES = (RecordingRow, SourceFile, RecordingBlob, ResultRow, DailySummary)


def _server(command: list[str], environment: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(condition: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def _counts(factory: object) -> dict[str, int]:
    with transaction(factory) as session:  # type: ignore[arg-type]
        return {
            t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0 for t in HEALTH_TABLES
        }


def _item(factory: object) -> ImportItem:
    with transaction(factory) as session:  # type: ignore[arg-type]
        item = session.scalar(select(ImportItem))
        assert item is not None
        return item


@pytest.mark.slow
def test_a_killed_import_leaves_nothing_half_stored_and_is_retried(database_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    engine = make_engine(database_url)
    factory = session_factory(engine)
    with transaction(factory) as session:
        owner = accounts.create_user(session, "owner@example.org", "a long password").id
    with shared_file("polar/exercise_rri.hrm").open("rb") as handle:
        staged = stage(data / "staging", [("exercise_rri.hrm", handle)])
    with transaction(factory) as session:
        jobs.create_job(session, owner, staged)
    marker = tmp_path / "marker"
    environment = {
        **os.environ,
        "FIBROKIT_DATA_DIR": str(data),
        "FIBROKIT_DATABASE_URL": database_url,
        "FIBROKIT_ENV": "development",
        "FIBROKIT_TEST_MARKER": str(marker),
    }
    slow = _server(
        [sys.executable, str(Path(__file__).with_name("_slow_server.py")), str(free_port())], environment
    )
    try:
        _wait(marker.exists, 60, "the import to write its rows")
        assert _item(factory).status == "running"
    finally:
        os.kill(slow.pid, signal.SIGKILL)
        slow.wait(timeout=30)
    assert slow.returncode == -signal.SIGKILL

    # Consistent: nothing of the recording, the item still marked running, the staged file still there.
    assert _counts(factory) == dict.fromkeys((t.__tablename__ for t in HEALTH_TABLES), 0)
    assert _item(factory).status == "running"
    assert staged[0].path.is_file()
    if database_url.startswith("sqlite"):
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    # Retryable: a normal server puts the item back in the queue and imports it.
    port = free_port()
    server = _server([sys.executable, "-m", "fibrokit", "serve", "--port", str(port)], environment)
    try:
        _wait(lambda: _item(factory).status not in ("queued", "running"), 90, "the retried import")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    item = _item(factory)
    assert (item.status, item.attempts) == ("imported", 2), item.message
    counts = _counts(factory)
    assert counts["recordings"] == 1
    assert counts["source_files"] == 1
    assert counts["recording_blobs"] >= 2
    assert counts["results"] >= 3
    assert not staged[0].path.exists()
    engine.dispose()
