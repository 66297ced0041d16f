"""Sign-up says nothing about who has an account: the same answer, after the same work, and it is throttled."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.app._hashing import count_hashes
from tests.app.conftest import PASSWORD, Personas, csrf_of

OTHER_PASSWORD = "another long password"


def _answer(client: TestClient, email: str) -> tuple[int, str, list[str]]:
    token = csrf_of(client.get("/signup").text)
    sent = client.post("/signup", data={"csrf_token": token, "email": email, "password": OTHER_PASSWORD})
    return sent.status_code, sent.text.replace(email, "ADDRESS"), sorted(sent.cookies.keys())


def test_sign_up_answers_alike_for_a_known_and_an_unknown_address(
    app: FastAPI, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = count_hashes(monkeypatch)
    client = TestClient(app, follow_redirects=False)
    known = _answer(client, personas.owner.email)
    hashes_known = counting.hashes
    unknown = _answer(client, "nobody-yet@example.org")
    assert known == unknown
    assert known[0] == 200
    assert hashes_known == 1  # one argon2 hash either way: the same time, within noise
    assert counting.hashes == 2
    token = csrf_of(client.get("/login").text)
    taken = client.post(
        "/login", data={"csrf_token": token, "email": personas.owner.email, "password": OTHER_PASSWORD}
    )
    assert taken.status_code == 401  # the owner's account and password are untouched
    made = client.post(
        "/login", data={"csrf_token": token, "email": "nobody-yet@example.org", "password": OTHER_PASSWORD}
    )
    assert made.status_code == 303


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sign_up_is_throttled_per_address_alike_for_known_and_unknown(
    app: FastAPI, personas: Personas
) -> None:
    client = TestClient(app, follow_redirects=False, client=("203.0.113.9", 40000))
    limit = app.state.fibrokit.settings.signups_per_hour
    statuses = [_answer(client, f"someone{n}@example.org")[0] for n in range(limit)]
    assert statuses == [200] * limit
    refused = [_answer(client, email) for email in (personas.owner.email, "new@example.org")]
    assert refused[0] == refused[1]
    assert refused[0][0] == 429
    assert "too many sign-ups" in refused[0][1]
    elsewhere = TestClient(app, follow_redirects=False, client=("198.51.100.7", 40000))
    assert _answer(elsewhere, "new@example.org")[0] == 200
    assert PASSWORD != OTHER_PASSWORD
