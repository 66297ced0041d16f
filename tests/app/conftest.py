"""Fixtures of the app's tests: a database on SQLite and on a real PostgreSQL server, the app, and personas.

``database_url`` runs a test once per backend. PostgreSQL comes from ``FIBROKIT_TEST_POSTGRES_URL``, which
``scripts/check`` sets after starting a throwaway server (``scripts/services``); without it the PostgreSQL half
fails with a sentence saying so, never skips. Each xdist worker migrates one PostgreSQL database and one SQLite
template once; each test gets them empty (truncated, or a fresh copy of the template).

The personas, after Healthchecks' Alice, Bob and Charlie: ``owner`` has a recording and an import, a check-in, a
FIQR and an LDN trial; ``clinician`` holds a share of the owner's tests, diary and treatments; ``stranger`` and
``admin`` hold nothing of the owner's.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from tests.conftest import shared_file

from fibrokit.config import Settings
from fibrokit.services import accounts, diary, instruments, jobs, sharing, trials
from fibrokit.services.uploads import stage
from fibrokit.store.db import make_engine, transaction, upgrade
from fibrokit.store.tables import Base, User
from fibrokit.web import create_app
from fibrokit.web.state import SESSION_COOKIE

POSTGRES_ENV = "FIBROKIT_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")
PASSWORD = "correct horse battery"
SECRET = "test-secret-" + "x" * 40


def postgres_server() -> str:
    """The test PostgreSQL server's URL, or a loud failure saying how to get one."""
    url = os.environ.get(POSTGRES_ENV, "")
    if not url:
        pytest.fail(
            f"no PostgreSQL test server: {POSTGRES_ENV} is unset. Run the tests through scripts/check, which "
            "installs PostgreSQL when missing and starts a throwaway server (scripts/services)."
        )
    return url


@pytest.fixture(scope="session")
def postgres_database(worker_id: str) -> Iterator[str]:
    """A migrated PostgreSQL database of this xdist worker, dropped at the end."""
    server = postgres_server()
    name = f"fibrokit_test_{worker_id}_{os.getpid()}"
    admin = make_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that tests copy."""
    path = tmp_path_factory.mktemp("template") / "fibrokit.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def empty_postgres(url: str) -> str:
    """Empty every table of the worker's PostgreSQL database (faster than creating one per test)."""
    engine = make_engine(url)
    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database: SQLite, then PostgreSQL."""
    if request.param == "postgresql":
        return empty_postgres(request.getfixturevalue("postgres_database"))
    return sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)


def sqlite_url(template: Path, folder: Path) -> str:
    """A fresh copy of the migrated SQLite template in ``folder``."""
    target = folder / "db" / "fibrokit.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, target)
    return f"sqlite:///{target}"


def settings_for(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings of a test instance (development cookies over the test client's plain HTTP)."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "env": "development",
        "secret_key": SECRET,
        "import_threads": 0,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    """The app on the test database, its importer run by the tests (``run_imports``)."""
    instance = create_app(settings_for(database_url, tmp_path / "data"), run_worker=False)
    yield instance
    instance.state.fibrokit.engine.dispose()


def run_imports(app: FastAPI) -> int:
    """Import every queued file now, in the test's thread."""
    count: int = app.state.fibrokit.worker.run_pending()
    return count


@cache
def password_hash() -> str:
    """One argon2 hash of PASSWORD for every persona (hashing is deliberately slow)."""
    return accounts.hash_password(PASSWORD)


@dataclass
class Persona:
    """An account with a signed-in test client and its CSRF token."""

    user_id: int
    email: str
    client: TestClient
    csrf: str

    def post(self, url: str, data: dict[str, str] | None = None, **kwargs: object) -> object:
        """Post a form with this persona's CSRF token."""
        return self.client.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)  # type: ignore[arg-type]


@dataclass
class Personas:
    """The owner, a clinician the owner shared tests with, a stranger, an admin; the owner's ids."""

    owner: Persona
    clinician: Persona
    stranger: Persona
    admin: Persona
    anonymous: TestClient
    ids: dict[str, object] = field(default_factory=dict)


def add_account(app: FastAPI, email: str, *, admin: bool = False) -> Persona:
    """Create an account directly and sign it in."""
    state = app.state.fibrokit
    with transaction(state.factory) as session:
        user = User(email=email, password_hash=password_hash(), is_admin=admin, name=email.split("@")[0])
        session.add(user)
        session.flush()
        signed = accounts.start_session(session, user, secret=state.secret, days=1)
        user_id = user.id
    client = TestClient(app, follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, signed.token)
    return Persona(user_id, email, client, signed.csrf)


@pytest.fixture
def personas(app: FastAPI, tmp_path: Path) -> Personas:
    """Four accounts; the owner has a recording (through an import job), a check-in, a FIQR and a trial, and
    shares tests, diary and treatments with the clinician."""
    owner = add_account(app, "owner@example.org")
    clinician = add_account(app, "clinician@example.org")
    stranger = add_account(app, "stranger@example.org")
    admin = add_account(app, "admin@example.org", admin=True)
    state = app.state.fibrokit
    with shared_file("polar/rest_rri.txt").open("rb") as handle:
        staged = stage(state.staging, [("rest_rri.txt", handle)])
    with transaction(state.factory) as session:
        sharing.grant(session, owner.user_id, clinician.user_id, ("tests", "diary", "treatments"))
        job = jobs.create_job(session, owner.user_id, staged)
        job_id = job.id
    run_imports(app)
    with transaction(state.factory) as session:
        progress = jobs.progress(session, owner.user_id, job_id)
        assert progress is not None
        recording_id = progress.items[0].recording_id
    assert recording_id is not None
    ids = {
        "person_id": owner.user_id,
        "recording_id": recording_id,
        "job_id": job_id,
        "kind": "morning-reading",
        **diary_and_trial(app, owner.user_id),
    }
    return Personas(owner, clinician, stranger, admin, TestClient(app, follow_redirects=False), ids)


def diary_and_trial(app: FastAPI, user_id: int) -> dict[str, object]:
    """A check-in, a FIQR and an LDN trial that began two weeks ago for ``user_id``; their ids."""
    today = dt.date.today()
    with transaction(app.state.fibrokit.factory) as session:
        checkin = diary.save_checkin(
            session, user_id, dt.datetime.now() - dt.timedelta(hours=1), {"pain": "6"}, ["stress"]
        )
        fiqr = instruments.save_fiqr(
            session,
            user_id,
            {"function": ["4"] * 9, "overall": ["5", "5"], "symptoms": ["6"] * 10},
            today=today,
        )
        first = (today - dt.timedelta(days=14)).isoformat()
        plan = trials.PlanForm("weekly_1_5", first, "1.5", "capsule", "4.5", "capsule", "no", state="NJ")
        trial = trials.plan_trial(session, user_id, plan, today)
        return {"checkin_id": checkin.id, "result_id": fiqr.id, "trial_id": trial.id}


def free_port() -> int:
    """A free TCP port on loopback."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
