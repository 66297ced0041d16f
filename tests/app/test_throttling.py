"""Throttling that holds: per account across addresses, per address across accounts, known devices, a queue."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.app.conftest import PASSWORD, add_account, csrf_of

from fibrokit.services.accounts import actions, throttle
from fibrokit.services.accounts import auth as accounts
from fibrokit.store.db import transaction
from fibrokit.store.tables import User

WRONG = "not the password at all"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The throttle's clock stands still, so no wait runs out while a test runs, however slow the machine."""
    now = throttle.utcnow()
    monkeypatch.setattr(throttle, "utcnow", lambda: now)


class _CountingHasher:
    """The real hasher, counting verifications and the most that ever ran at once."""

    def __init__(self, real: Any, pause_s: float = 0.0) -> None:
        self.real, self.pause_s = real, pause_s
        self.verified = self.running = self.most = 0
        self._lock = threading.Lock()

    def verify(self, password_hash: str, password: str) -> bool:
        with self._lock:
            self.verified += 1
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(self.pause_s)  # long enough for others to pile up if nothing held them back
            return bool(self.real.verify(password_hash, password))
        finally:
            with self._lock:
                self.running -= 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _client(app: FastAPI, address: str) -> tuple[TestClient, str]:
    client = TestClient(app, follow_redirects=False, client=(address, 40000))
    return client, csrf_of(client.get("/login").text)


def _try(client: TestClient, token: str, email: str, password: str) -> int:
    sent = client.post("/login", data={"csrf_token": token, "email": email, "password": password})
    return sent.status_code


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_fifty_wrong_passwords_over_ten_addresses_and_five_accounts_are_slowed(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    emails = [add_account(app, f"person{n}@example.org").email for n in range(5)]
    counting = _CountingHasher(accounts._hasher())
    monkeypatch.setattr(accounts, "_hasher", lambda: counting)
    clients = [_client(app, f"198.51.100.{n + 1}") for n in range(10)]
    statuses = [_try(*clients[n % 10], emails[n % 5], WRONG) for n in range(50)]
    free = app.state.fibrokit.settings.login_free_attempts
    assert statuses.count(401) == 5 * free  # each account's free mistakes, from whichever address
    assert statuses.count(429) == 50 - 5 * free  # then each waits, whatever address the next try comes from
    assert counting.verified == 5 * free  # a refused try costs no argon2
    refused = clients[0][0].post(
        "/login", data={"csrf_token": clients[0][1], "email": emails[0], "password": WRONG}
    )
    assert "wait 1 second" in refused.text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_one_address_guessing_across_many_accounts_is_slowed(app: FastAPI) -> None:
    client, token = _client(app, "203.0.113.5")
    statuses = [_try(client, token, f"guess{n}@example.org", WRONG) for n in range(12)]
    free = app.state.fibrokit.settings.login_free_attempts
    assert statuses == [401] * free + [429] * (12 - free)
    elsewhere, other_token = _client(app, "203.0.113.6")
    assert _try(elsewhere, other_token, "guess99@example.org", WRONG) == 401  # other addresses are not held


def test_the_owner_still_logs_in_from_a_known_device_while_a_stranger_guesses(app: FastAPI) -> None:
    owner = add_account(app, "owner@example.org")
    device, token = _client(app, "192.0.2.10")
    assert _try(device, token, owner.email, PASSWORD) == 303
    assert device.cookies.get(throttle.DEVICE_COOKIE)
    device.post("/logout", data={"csrf_token": csrf_of(device.get("/account").text)})
    for n in range(8):  # a stranger hammers the owner's account from many addresses, the owner's one too
        stranger, stranger_token = _client(app, f"192.0.2.{10 + n % 2}")
        _try(stranger, stranger_token, owner.email, WRONG)
    unknown, unknown_token = _client(app, "192.0.2.99")
    assert _try(unknown, unknown_token, owner.email, PASSWORD) == 429  # an unknown device waits, even with it
    assert _try(device, csrf_of(device.get("/login").text), owner.email, PASSWORD) == 303


def test_a_known_device_is_throttled_on_its_own_and_only_for_its_account(app: FastAPI) -> None:
    owner = add_account(app, "owner@example.org")
    other = add_account(app, "other@example.org")
    device, token = _client(app, "192.0.2.20")
    assert _try(device, token, owner.email, PASSWORD) == 303
    device.post("/logout", data={"csrf_token": csrf_of(device.get("/account").text)})
    token = csrf_of(device.get("/login").text)
    free = app.state.fibrokit.settings.login_free_attempts
    statuses = [_try(device, token, owner.email, WRONG) for _ in range(free + 2)]
    assert statuses == [401] * free + [429] * 2
    assert _try(device, token, owner.email, PASSWORD) == 429  # a stolen device cookie gains no guesses
    for _ in range(free):
        _try(*_client(app, "192.0.2.30"), other.email, WRONG)
    assert _try(device, token, other.email, PASSWORD) == 429  # the cookie was made for the owner's address


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_hundred_logins_at_once_never_hold_more_argon2_checks_than_allowed(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    state = app.state.fibrokit
    with transaction(state.factory) as session:
        session.add_all(
            User(email=f"crowd{n}@example.org", password_hash=quick.hash(PASSWORD)) for n in range(100)
        )
    counting = _CountingHasher(quick, pause_s=0.01)
    monkeypatch.setattr(accounts, "_hasher", lambda: counting)
    allowed = state.settings.password_checks_at_once
    throttle.GATE.configure(allowed)
    results: list[str] = []
    start = threading.Barrier(100)

    def log_in(n: int) -> None:
        start.wait()
        with transaction(state.factory) as session:
            try:
                actions.authenticate(
                    session,
                    f"crowd{n}@example.org",
                    PASSWORD if n % 2 else WRONG,
                    address=f"10.0.{n // 250}.{n % 250}",
                    secret=state.secret,
                    free=5,
                )
                results.append("in")
            except accounts.AccountError:
                results.append("refused")

    threads = [threading.Thread(target=log_in, args=(n,)) for n in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results).count("in") == 50
    assert len(results) == 100
    assert counting.verified == 100
    assert counting.most == allowed == 2  # the rest queued
    assert throttle.GATE.peak == allowed
