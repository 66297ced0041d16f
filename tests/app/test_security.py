"""Security: CSRF on every form post, login throttling, headers, cookies, body limits and unsafe archives."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.app.conftest import PASSWORD, Personas, add_account, run_imports, settings_for
from tests.readers._apple_builder import small_export

from fibrokit.services.accounts import throttle
from fibrokit.store.db import transaction
from fibrokit.store.tables import RecordingRow, SourceFile
from fibrokit.web import create_app
from fibrokit.web.app import api_routes
from fibrokit.web.assets import plotly_style_hashes
from fibrokit.web.security import content_security_policy

START = dt.datetime(2024, 3, 1, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _filled(path: str, ids: dict[str, object]) -> str:
    return path.format(**{**ids, "account_id": ids["person_id"], "token": "x"})


def test_it_refuses_every_form_post_without_its_csrf_token(app: FastAPI, personas: Personas) -> None:
    posts = [route for route in api_routes(app) if "POST" in route.methods]
    assert len(posts) >= 10
    for route in posts:
        url = _filled(route.path, personas.ids)
        for client in (personas.owner.client, personas.admin.client, personas.anonymous):
            assert client.post(url, data={}).status_code == 403, url
            assert client.post(url, data={"csrf_token": "forged"}).status_code == 403, url


def test_it_refuses_an_anonymous_post_whose_token_does_not_match_its_cookie(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    other = TestClient(app, follow_redirects=False)  # no cookie: the token alone is not enough
    assert (
        other.post("/login", data={"csrf_token": token, "email": "a@b.org", "password": "x"}).status_code
        == 403
    )
    assert (
        client.post("/login", data={"csrf_token": token, "email": "a@b.org", "password": "x"}).status_code
        == 401
    )


def _login_form(app: FastAPI) -> tuple[TestClient, str]:
    client = TestClient(app, follow_redirects=False)
    page = client.get("/login").text
    return client, re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_it_makes_the_sixth_wrong_password_wait(
    app: FastAPI, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = throttle.utcnow()
    monkeypatch.setattr(throttle, "utcnow", lambda: now)  # no wait runs out during the test
    client, token = _login_form(app)
    email = personas.owner.email
    statuses = [
        client.post(
            "/login", data={"csrf_token": token, "email": email, "password": f"wrong {i}"}
        ).status_code
        for i in range(6)
    ]
    assert statuses == [401] * 5 + [429]
    # Even the right password waits now, from a device that never logged in: the wait is per account.
    right = client.post("/login", data={"csrf_token": token, "email": email, "password": PASSWORD})
    assert right.status_code == 429
    assert "wait 1 second before trying again" in right.text
    # And per address: this address waits for another account too; other addresses do not.
    other = client.post(
        "/login", data={"csrf_token": token, "email": personas.stranger.email, "password": PASSWORD}
    )
    assert other.status_code == 429
    elsewhere = TestClient(app, follow_redirects=False, client=("192.0.2.44", 40000))
    token = re.search(r'name="csrf_token" value="([^"]+)"', elsewhere.get("/login").text).group(1)  # type: ignore[union-attr]
    assert (
        elsewhere.post(
            "/login", data={"csrf_token": token, "email": personas.stranger.email, "password": PASSWORD}
        ).status_code
        == 303
    )


def test_it_sets_safe_session_cookies_and_headers(app: FastAPI, personas: Personas) -> None:
    client, token = _login_form(app)
    response = client.post(
        "/login", data={"csrf_token": token, "email": personas.owner.email, "password": PASSWORD}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    page = personas.owner.client.get(f"/p/{personas.owner.user_id}")
    csp = page.headers["content-security-policy"]
    assert csp == content_security_policy(plotly_style_hashes())
    assert "script-src 'self';" in csp
    assert "default-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert "<script>" not in page.text
    assert " on" + "click=" not in page.text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_it_marks_cookies_secure_in_production(database_url: str, tmp_path: Path) -> None:
    instance = create_app(
        settings_for(database_url, tmp_path / "data", env="production", secret_key="p" * 48), run_worker=False
    )
    add_account(instance, "owner@example.org")
    client = TestClient(instance, base_url="https://fibrokit.example.org", follow_redirects=False)
    page = client.get("/login")
    assert "secure" in page.headers["set-cookie"].lower()
    assert "strict-transport-security" in page.headers
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    login = client.post(
        "/login", data={"csrf_token": token, "email": "owner@example.org", "password": PASSWORD}
    )
    assert "secure" in login.headers["set-cookie"].lower()
    instance.state.fibrokit.engine.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_it_refuses_uploads_over_the_size_limit(database_url: str, tmp_path: Path) -> None:
    instance = create_app(settings_for(database_url, tmp_path / "data", max_upload_mb=1), run_worker=False)
    owner = add_account(instance, "owner@example.org")
    big = io.BytesIO(b"800\n" * 400_000)  # 1.6 MB
    response = owner.client.post(
        f"/p/{owner.user_id}/imports", data={"csrf_token": owner.csrf}, files={"files": ("big.txt", big)}
    )
    assert response.status_code == 413
    assert "larger than this server accepts" in response.text
    assert not list((tmp_path / "data").glob("staging/*/*"))
    instance.state.fibrokit.engine.dispose()


def _zip(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _upload_and_import(app: FastAPI, personas: Personas, name: str, data: bytes) -> dict[str, object]:
    owner = personas.owner
    response = owner.client.post(
        f"/p/{owner.user_id}/imports",
        data={"csrf_token": owner.csrf},
        files={"files": (name, io.BytesIO(data))},
    )
    assert response.status_code == 303
    run_imports(app)
    item = owner.client.get(response.headers["location"] + "/progress.json").json()["items"][0]
    assert isinstance(item, dict)
    return item


def _stored(app: FastAPI) -> tuple[int, int]:
    with transaction(app.state.fibrokit.factory) as session:
        recordings = session.scalar(select(func.count()).select_from(RecordingRow)) or 0
        files = session.scalar(select(func.count()).select_from(SourceFile)) or 0
    return recordings, files


def test_it_refuses_a_zip_with_paths_leaving_the_archive(app: FastAPI, personas: Personas) -> None:
    before = _stored(app)
    export = small_export(START).encode()
    data = _zip({"apple_health_export/export.xml": export, "../../evil.sh": b"rm -rf /"})
    item = _upload_and_import(app, personas, "export.zip", data)
    assert item["status"] == "failed"
    assert "unsafe path" in str(item["message"])
    assert "evil.sh" in str(item["message"])
    assert _stored(app) == before


def test_it_refuses_a_zip_bomb(app: FastAPI, personas: Personas) -> None:
    before = _stored(app)
    data = _zip({"apple_health_export/export.xml": b"<HealthData>" + b" " * 30_000_000 + b"</HealthData>"})
    assert len(data) < 100_000  # compressed more than 300:1
    item = _upload_and_import(app, personas, "export.zip", data)
    assert item["status"] == "failed"
    assert "zip bomb" in str(item["message"])
    assert _stored(app) == before


def test_it_imports_a_real_apple_health_export_zip(app: FastAPI, personas: Personas) -> None:
    export = small_export(START, heart_rates=200).encode()
    item = _upload_and_import(app, personas, "export.zip", _zip({"apple_health_export/export.xml": export}))
    assert item["status"] == "imported", item
    page = personas.owner.client.get(f"/p/{personas.owner.user_id}/recordings/{item['recording_id']}")
    assert page.status_code == 200
    assert "apple-health" in page.text
