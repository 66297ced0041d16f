"""Fixtures of the app's tests: a database on SQLite and on a real PostgreSQL server, the app, and personas.

``database_url`` runs a test once per backend. PostgreSQL comes from ``FIBROKIT_TEST_POSTGRES_URL``, which
``scripts/check`` sets after starting a throwaway server (``scripts/services``); without it the PostgreSQL half
fails with a sentence saying so, never skips. Each xdist worker migrates one PostgreSQL database and one SQLite
template once; each test gets them empty (truncated, or a fresh copy of the template).

The personas, after Healthchecks' Alice, Bob and Charlie: ``owner`` has a recording and an import, a check-in, a
FIQR and an LDN trial; ``clinician`` is a real account made through the sharing flow (the owner's invitation,
accepted by signing up) and holds a share of ``CLINICIAN_AREAS``; ``link`` is the URL of a read-only link to
``LINK_AREAS``; ``stranger`` and
``admin`` hold nothing of the owner's.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from tests.conftest import shared_file

from fibrokit.config import Settings
from fibrokit.services import diary, trials
from fibrokit.services.accounts import actions
from fibrokit.services.accounts import auth as accounts
from fibrokit.services.imports import actions as jobs
from fibrokit.services.imports import views as import_views
from fibrokit.services.imports.uploads import stage
from fibrokit.store.db import make_engine, transaction, upgrade
from fibrokit.store.tables import AREAS, Base, Share, ShareInvitation, ShareLink, User
from fibrokit.web import create_app
from fibrokit.web.state import ANON_CSRF_COOKIE, SESSION_COOKIE

POSTGRES_ENV = "FIBROKIT_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")
PASSWORD = "correct horse battery"
SECRET = "test-secret-" + "x" * 40
# The clinician's share and the link cover different areas, and each leaves some out, so that every area's
# routes (the diary's and treatments' too, once they exist) are checked both shared and not shared.
CLINICIAN_AREAS = ("tests", "diary")
LINK_AREAS = ("pacing", "treatments")


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
    """The owner, a clinician the owner shared some areas with, a stranger, an admin; the owner's ids."""

    owner: Persona
    clinician: Persona
    stranger: Persona
    admin: Persona
    anonymous: TestClient
    ids: dict[str, object] = field(default_factory=dict)
    link: str = ""


def add_account(app: FastAPI, email: str, *, admin: bool = False) -> Persona:
    """Create an account directly and sign it in."""
    state = app.state.fibrokit
    with transaction(state.factory) as session:
        user = User(email=email, password_hash=password_hash(), is_admin=admin, name=email.split("@")[0])
        session.add(user)
        session.flush()
        signed = actions.start_session(session, user, secret=state.secret, days=1)
        user_id = user.id
    client = TestClient(app, follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, signed.token)
    return Persona(user_id, email, client, signed.csrf)


def shown_link(page: str) -> str:
    """The one-time invitation or link URL a sharing page shows."""
    found = re.search(r'id="new-link">([^<]+)<', page)
    assert found, "the sharing page shows no new link"
    return found.group(1)


def csrf_of(page: str) -> str:
    """The CSRF token in a page's forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no form"
    return found.group(1)


def invite_clinician(app: FastAPI, owner: Persona, email: str, areas: tuple[str, ...]) -> Persona:
    """The sharing flow: the owner invites ``email``, who opens the link, creates their account, logs in, accepts."""
    page = owner.post(f"/p/{owner.user_id}/sharing/invitations", {"email": email, "areas": list(areas)})
    assert page.status_code == 200, page.text  # type: ignore[attr-defined]
    path = shown_link(page.text).removeprefix("http://testserver")  # type: ignore[attr-defined]
    client = TestClient(app, follow_redirects=False)
    form = client.get(path)
    assert form.status_code == 200
    joined = client.post(
        path, data={"csrf_token": csrf_of(form.text), "name": email.split("@")[0], "password": PASSWORD}
    )
    assert joined.status_code == 200, joined.text
    logged_in = client.post(
        "/login",
        data={"csrf_token": csrf_of(joined.text), "email": email, "password": PASSWORD, "next": path},
    )
    assert logged_in.headers["location"] == path  # back to the invitation, to accept it
    accepted = client.post(path, data={"csrf_token": csrf_of(client.get(path).text)})
    assert accepted.status_code == 303, accepted.text
    with transaction(app.state.fibrokit.factory) as session:
        user_id = session.scalar(select(User.id).where(User.email == email))
    assert user_id is not None
    return Persona(user_id, email, client, csrf_of(client.get("/account").text))


def make_link(owner: Persona, areas: tuple[str, ...], *, days: int = 7) -> str:
    """The owner makes a read-only link to ``areas``; its URL (path only)."""
    page = owner.post(
        f"/p/{owner.user_id}/sharing/links",
        {"label": "for a second opinion", "areas": list(areas), "days": str(days)},
    )
    assert page.status_code == 200, page.text  # type: ignore[attr-defined]
    return shown_link(page.text).removeprefix("http://testserver")  # type: ignore[attr-defined]


def link_holder(app: FastAPI, url: str) -> tuple[TestClient, str]:
    """A visitor without an account who opened a link: their client and CSRF token."""
    client = TestClient(app, follow_redirects=False)
    assert client.get(url).status_code == 200
    return client, client.cookies.get(ANON_CSRF_COOKIE) or ""


@pytest.fixture
def personas(app: FastAPI, tmp_path: Path) -> Personas:
    """The owner has an imported recording (through an import job), a check-in, a FIQR and a trial, a
    clinician holding a share of CLINICIAN_AREAS and a read-only link to LINK_AREAS."""
    owner = add_account(app, "owner@example.org")
    stranger = add_account(app, "stranger@example.org")
    admin = add_account(app, "admin@example.org", admin=True)
    clinician = invite_clinician(app, owner, "clinician@example.org", CLINICIAN_AREAS)
    link = make_link(owner, LINK_AREAS)
    owner.post(f"/p/{owner.user_id}/sharing/invitations", {"email": "later@example.org", "areas": ["pacing"]})
    state = app.state.fibrokit
    with shared_file("polar/rest_rri.txt").open("rb") as handle:
        staged = stage(state.staging, [("rest_rri.txt", handle)])
    with transaction(state.factory) as session:
        job = jobs.create_job(session, owner.user_id, staged)
        job_id = job.id
    run_imports(app)
    with transaction(state.factory) as session:
        progress = import_views.progress(session, owner.user_id, job_id)
        assert progress is not None
        recording_id = progress.items[0].recording_id
        share_id = session.scalar(select(Share.id).where(Share.grantee_id == clinician.user_id))
        invitation_id = session.scalar(
            select(ShareInvitation.id).where(ShareInvitation.accepted_at.is_(None))
        )
        link_id = session.scalar(select(ShareLink.id))
    assert recording_id is not None
    ids = {
        "person_id": owner.user_id,
        "recording_id": recording_id,
        "job_id": job_id,
        "kind": "morning-reading",
        **diary_and_trial(app, owner.user_id),
        "share_id": share_id,
        "invitation_id": invitation_id,
        "link_id": link_id,
    }
    anonymous = TestClient(app, follow_redirects=False)
    return Personas(owner, clinician, stranger, admin, anonymous, ids, link)


def other_areas(areas: tuple[str, ...]) -> tuple[str, ...]:
    """Every area not in ``areas``."""
    return tuple(area for area in AREAS if area not in areas)


def diary_and_trial(app: FastAPI, user_id: int) -> dict[str, object]:
    """A check-in, a FIQR and an LDN trial that began two weeks ago for ``user_id``; their ids."""
    today = dt.date.today()
    with transaction(app.state.fibrokit.factory) as session:
        checkin = diary.save_checkin(
            session, user_id, dt.datetime.now() - dt.timedelta(hours=1), {"pain": "6"}, ["stress"]
        )
        fiqr = diary.save_fiqr(
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
