"""Deleting an account from the web page: every row naming it goes, in every table, and every file of it.

The owner also has shares both ways, account links made for and by them, a second login, an upload waiting to
be imported and an export left in the data folder. Afterwards no row in any table refers to the account (by a
foreign key to it or an owner column), the tables of health data are empty, the data folder holds nothing of it,
and on SQLite not even the database file's free space holds its bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import func, select, text
from tests.app._people import FILES, person_with_data
from tests.app.conftest import PASSWORD, Personas, run_imports
from tests.conftest import shared_file

from fibrokit.services.accounts import actions as accounts
from fibrokit.services.imports import actions as jobs
from fibrokit.services.imports.uploads import stage
from fibrokit.services.portability.export import export_for_download
from fibrokit.services.portability.queries import read_snapshot
from fibrokit.store.db import transaction
from fibrokit.store.ownership import OWNER_NAMES, carried_tables, owned
from fibrokit.store.tables import AccountToken, Base, Share, User


def _more_of_everything(app: FastAPI, personas: Personas) -> None:
    state = app.state.fibrokit
    owner = personas.owner.user_id
    with transaction(state.factory) as session:
        accounts.grant_share(
            session, personas.clinician.user_id, owner, ("tests",)
        )  # shared with the owner too
        accounts.issue_link(session, "reset", secret=state.secret, by=personas.admin.user_id, user_id=owner)
        accounts.issue_link(session, "invite", secret=state.secret, by=owner, email="friend@example.org")
        user = session.get(User, owner)
        assert user is not None
        accounts.start_session(session, user, secret=state.secret, days=1)
    for who, name in (
        (owner, "fit/garmin-fenix-5-walk.fit"),
        (personas.stranger.user_id, "polar/real_rri.txt"),
    ):
        with shared_file(name).open("rb") as handle:
            staged = stage(state.staging, [(Path(name).name, handle)])
        with transaction(state.factory) as session:
            jobs.create_job(session, who, staged)  # queued, not imported yet
    with read_snapshot(state.factory) as snapshot:
        export_for_download(snapshot, state.settings.data_dir, owner)


def _references(app: FastAPI, user_id: int) -> dict[str, int]:
    """Rows naming the account, by a foreign key to users or an owner column, in every table (plain SQL)."""
    found = {}
    with app.state.fibrokit.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                to_users = any(fk.column.table.name == "users" for fk in column.foreign_keys)
                if to_users or column.name in OWNER_NAMES or (table.name == "users" and column.name == "id"):
                    query = text(f'SELECT count(*) FROM "{table.name}" WHERE "{column.name}" = :id')
                    count = connection.execute(query, {"id": user_id}).scalar_one()
                    if count:
                        found[f"{table.name}.{column.name}"] = count
    return found


def test_deleting_an_account_leaves_no_row_referring_to_it_and_no_file(
    app: FastAPI, personas: Personas
) -> None:
    state = app.state.fibrokit
    owner = personas.owner
    _more_of_everything(app, personas)
    person_with_data(state.factory, "bystander@example.org", files=("polar/exercise_rri.hrm",))
    assert len(_references(app, owner.user_id)) >= 8
    exports = state.settings.data_dir / "exports" / str(owner.user_id)
    assert len(list(exports.iterdir())) == 1

    wrong = owner.post(f"/p/{owner.user_id}/delete", {"email": owner.email, "password": "not my password"})
    assert wrong.status_code == 400
    assert "wrong e-mail address or password" in wrong.text
    other = owner.post(f"/p/{owner.user_id}/delete", {"email": "someone@example.org", "password": PASSWORD})
    assert other.status_code == 400
    assert "nothing was deleted" in other.text
    assert owner.client.get(f"/p/{owner.user_id}/recordings").status_code == 200

    done = owner.post(f"/p/{owner.user_id}/delete", {"email": owner.email.upper(), "password": PASSWORD})
    assert done.status_code == 200
    assert "Your account is deleted" in done.text
    assert 'fibrokit_session=""' in done.headers["set-cookie"]
    assert owner.client.get(f"/p/{owner.user_id}").status_code == 303

    assert _references(app, owner.user_id) == {}
    with transaction(state.factory) as session:
        assert session.scalar(select(func.count()).select_from(Share)) == 0  # both directions
        invite = session.scalar(select(AccountToken).where(AccountToken.kind == "invite"))
        assert invite is not None
        assert invite.created_by is None  # the invitation stays for its receiver, without its maker
        bystander = session.scalar(select(User.id).where(User.email == "bystander@example.org"))
        assert bystander is not None
        tables = {entry.name: entry for entry in carried_tables()}
        for name, entry in tables.items():  # what is left of the health data is all the bystander's
            everyone = session.scalar(select(func.count()).select_from(entry.table))
            theirs = session.scalar(select(func.count()).where(owned(entry, bystander, tables)))
            assert everyone == theirs, name
    files = [
        p.relative_to(state.settings.data_dir) for p in state.settings.data_dir.rglob("*") if p.is_file()
    ]
    assert [(p.parts[0], p.name) for p in files] == [("staging", "real_rri.txt")]
    assert run_imports(app) == 1  # the stranger's upload is still there, and imports

    url = state.settings.database_url
    if url.startswith("sqlite"):
        database = Path(url.removeprefix("sqlite:///"))
        log = database.with_name(database.name + "-wal")
        stored = database.read_bytes() + (log.read_bytes() if log.exists() else b"")
        sha = hashlib.sha256(shared_file(FILES[0]).read_bytes()).hexdigest().encode()
        assert sha not in stored
        assert owner.email.encode() not in stored
