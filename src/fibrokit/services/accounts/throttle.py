"""Throttling that holds: growing waits per account and per address, known devices, and a queue for argon2.

Every wrong password is counted three ways, each under a keyed hash (HMAC with the instance secret) so the table
says nothing about who tried from where: for the account typed (from any address), for the address it came from
(whatever account), and for the device when it carries a known-device cookie. A few mistakes are free; after
them each further one doubles the wait before the next try counts (1 s, 2 s, 4 s … up to 15 minutes), and a
try during the wait is refused at once without checking the password. Nothing is ever locked for good.

A stranger guessing someone's password slows that account's logins from unknown devices, not the owner's: a
successful login leaves a signed cookie on the device (:func:`device_token`), and a login from a device whose
cookie was made for the address typed is judged by that device's own count only.

Password hashing and checking (argon2, deliberately slow and memory-hungry) run through :data:`GATE`, which lets
only a few run at once; a flood of logins queues there instead of taking every core and all memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from fibrokit.services.accounts import queries
from fibrokit.services.accounts.queries import Session
from fibrokit.store.tables import utcnow

WINDOW = dt.timedelta(hours=1)
MAX_WAIT_S = 900.0
DEVICE_COOKIE = "fibrokit_device"


def keyed(secret: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` under the instance secret, as hex."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


class PasswordGate:
    """At most ``limit`` password hashes or checks at once; the others wait their turn."""

    def __init__(self, limit: int) -> None:
        self._count = threading.Lock()
        self.configure(limit)

    def configure(self, limit: int) -> None:
        """Set how many may run at once (at start-up, before any request) and forget the peak."""
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit)
        self.active = 0
        self.peak = 0

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold one of the slots for the block."""
        with self._slots:
            with self._count:
                self.active += 1
                self.peak = max(self.peak, self.active)
            try:
                yield
            finally:
                with self._count:
                    self.active -= 1


GATE = PasswordGate(2)


def wait_after(failures: int, free: int) -> float:
    """Seconds to wait after ``failures`` wrong passwords when the first ``free`` cost nothing.

    Examples
    --------
    >>> [wait_after(n, 5) for n in (4, 5, 6, 9)], wait_after(40, 5)
    ([0.0, 1.0, 2.0, 16.0], 900.0)
    """
    if failures < free:
        return 0.0
    return min(MAX_WAIT_S, 2.0 ** min(failures - free, 20))


def now() -> dt.datetime:
    """The throttle's clock (UTC): attempts are stamped and waits measured by it (the tests hold it still)."""
    return utcnow()


def seconds_to_wait(session: Session, keys: Sequence[str], *, free: int) -> float:
    """How long the most-failed of ``keys`` must still wait before a try counts (0: it may try now)."""
    now = utcnow()
    rows = queries.recent_failures(session, keys, now - WINDOW)
    waits = [
        (last + dt.timedelta(seconds=wait_after(count, free)) - now).total_seconds()
        for _, count, last in rows
    ]
    return max([0.0, *waits])


def count_recent(session: Session, key: str) -> int:
    """How many attempts were recorded under ``key`` within the window (an hour)."""
    return queries.failures_since(session, key, utcnow() - WINDOW)


def device_token(secret: str, email: str) -> str:
    """A known-device cookie for the account with address ``email``: a random name and its signature."""
    name = secrets.token_urlsafe(16)
    return f"{name}.{keyed(secret, f'device|{name}|{email}')}"


def known_device(secret: str, email: str, token: str) -> str | None:
    """The device's name when ``token`` was made by this server for ``email``; otherwise None."""
    name, _, signature = token.partition(".")
    if not name or not hmac.compare_digest(signature, keyed(secret, f"device|{name}|{email}")):
        return None
    return name


def wait_sentence(seconds: float) -> str:
    """The refusal, saying how long to wait.

    Examples
    --------
    >>> wait_sentence(0.2), wait_sentence(130)
    ('too many wrong passwords: wait 1 second before trying again', 'too many wrong passwords: wait 3 minutes before trying again')
    """
    whole = max(1, math.ceil(seconds))
    amount = (
        f"{whole} second{'s' if whole != 1 else ''}" if whole < 90 else f"{math.ceil(whole / 60)} minutes"
    )
    return f"too many wrong passwords: wait {amount} before trying again"
