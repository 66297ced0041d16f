"""Accounts through the pages: sign-up modes, login and logout, password change, admin links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.app.conftest import PASSWORD, Personas, add_account, settings_for

from fibrokit.web import create_app


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def _anonymous(app: FastAPI, url: str = "/login") -> tuple[TestClient, str]:
    client = TestClient(app, follow_redirects=False)
    return client, _token(client.get(url).text)


def test_it_signs_up_logs_out_and_logs_in(app: FastAPI) -> None:
    client, token = _anonymous(app, "/signup")
    made = client.post(
        "/signup", data={"csrf_token": token, "email": "New@Example.org", "password": PASSWORD}
    )
    assert made.status_code == 200
    assert "log in with the password you chose" in made.text
    assert client.get("/").status_code == 303  # not signed in by the sign-up itself
    logged = client.post(
        "/login", data={"csrf_token": token, "email": "new@example.org", "password": PASSWORD}
    )
    assert logged.status_code == 303
    home = client.get("/")
    assert home.status_code == 303
    assert home.headers["location"].startswith("/p/")
    dashboard = client.get(home.headers["location"])
    assert dashboard.status_code == 200
    assert "Where to start" in dashboard.text  # a first-week dashboard says what to do, no empty chart
    assert "data-chart-url" not in dashboard.text
    assert client.post("/logout", data={"csrf_token": _token(dashboard.text)}).status_code == 303
    assert client.get(home.headers["location"]).headers["location"] == "/login"
    client, token = _anonymous(app)
    back = client.post("/login", data={"csrf_token": token, "email": "new@example.org", "password": PASSWORD})
    assert back.status_code == 303


def test_it_refuses_a_short_password_alike_for_a_taken_address(app: FastAPI, personas: Personas) -> None:
    client, token = _anonymous(app, "/signup")
    answers = []
    for email in ("x@example.org", personas.owner.email):
        short = client.post("/signup", data={"csrf_token": token, "email": email, "password": "short"})
        assert short.status_code == 400
        assert "at least 10 characters" in short.text
        answers.append(short.text.replace(email, "ADDRESS"))
    assert answers[0] == answers[1]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_it_signs_up_only_by_invitation_when_told(database_url: str, tmp_path: Path) -> None:
    instance = create_app(settings_for(database_url, tmp_path / "data", signup="invite"), run_worker=False)
    admin = add_account(instance, "admin@example.org", admin=True)
    client, token = _anonymous(instance, "/login")  # the sign-up page shows no form without an invitation
    refused = client.post(
        "/signup", data={"csrf_token": token, "email": "a@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 400
    assert "invitation" in refused.text
    page = admin.post("/admin/invitations", {"email": "a@example.org"})
    link = re.search(r"\?invite=([\w-]+)", page.text).group(1)  # type: ignore[attr-defined,union-attr]
    data = {"csrf_token": token, "email": "a@example.org", "password": PASSWORD, "invite": link}
    made = client.post("/signup", data=data)
    assert made.status_code == 200
    assert "log in with the password you chose" in made.text
    again = TestClient(instance, follow_redirects=False)
    token = _token(again.get("/login").text)
    reused = again.post("/signup", data={**data, "csrf_token": token, "email": "b@example.org"})
    assert reused.status_code == 400  # an invitation works once
    instance.state.fibrokit.engine.dispose()


def test_it_changes_a_password_and_ends_other_sessions(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    wrong = owner.post("/account/password", {"current": "not it at all", "new": "a brand new password"})
    assert wrong.status_code == 400
    assert "not right" in wrong.text
    done = owner.post("/account/password", {"current": PASSWORD, "new": "a brand new password"})
    assert done.status_code == 303
    assert owner.client.get("/account").headers["location"] == "/login"
    client, token = _anonymous(app)
    login = client.post(
        "/login", data={"csrf_token": token, "email": owner.email, "password": "a brand new password"}
    )
    assert login.status_code == 303


def test_it_lets_an_admin_reset_a_password_with_a_one_time_link(app: FastAPI, personas: Personas) -> None:
    page = personas.admin.post(f"/admin/accounts/{personas.owner.user_id}/reset")
    assert page.status_code == 200
    path = re.search(r"http://testserver(/reset/[\w-]+)", page.text).group(1)  # type: ignore[union-attr]
    assert PASSWORD not in page.text
    client, token = _anonymous(app, path)
    assert client.post(path, data={"csrf_token": token, "password": "chosen by the owner"}).status_code == 200
    assert client.get(path).status_code == 404  # used up
    assert personas.owner.client.get("/account").status_code == 303  # logged out everywhere
    client, token = _anonymous(app)
    data = {"csrf_token": token, "email": personas.owner.email, "password": "chosen by the owner"}
    assert client.post("/login", data=data).status_code == 303


def test_it_lets_an_admin_disable_an_account(app: FastAPI, personas: Personas) -> None:
    assert personas.admin.post(f"/admin/accounts/{personas.stranger.user_id}/active").status_code == 200
    assert personas.stranger.client.get("/account").status_code == 303
    client, token = _anonymous(app)
    data = {"csrf_token": token, "email": personas.stranger.email, "password": PASSWORD}
    assert client.post("/login", data=data).status_code == 401
    mine = personas.admin.post(f"/admin/accounts/{personas.admin.user_id}/active")
    assert mine.status_code == 400
    assert "your own account" in mine.text


def test_it_saves_the_year_of_birth_the_norms_need(personas: Personas) -> None:
    saved = personas.owner.post("/account/profile", {"name": "Alice", "birth_year": "1979", "sex": "f"})
    assert saved.status_code == 200
    assert 'value="1979"' in saved.text
    bad = personas.owner.post("/account/profile", {"birth_year": "79"})
    assert bad.status_code == 400
    assert "year of birth" in bad.text
