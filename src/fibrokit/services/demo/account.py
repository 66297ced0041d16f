"""The demo account of ``fibrokit serve --demo``: created (or refreshed) with simulated data and a plan, in seconds.

:func:`ensure_demo` is the caller of the area's actions: it owns the transactions, one per step.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from fibrokit.services.demo import actions, queries
from fibrokit.services.demo.actions import DEMO_EMAIL
from fibrokit.services.demo.queries import Session, sessionmaker
from fibrokit.services.demo.simulated_diary import DiaryPlan, store_diary
from fibrokit.services.demo.simulated_history import Plan, store_history
from fibrokit.services.demo.views import DemoLogin
from fibrokit.simulate import fibromyalgia_like
from fibrokit.store.db import transaction

__all__ = ["DEMO_EMAIL", "DemoLogin", "ensure_demo"]


def ensure_demo(
    factory: sessionmaker[Session], *, progress: Callable[[int], None] | None = None
) -> DemoLogin:
    """Create the demo account with a fresh random password, and its data (and a diary) if it has none yet."""
    password = "demo-" + secrets.token_urlsafe(9)
    profile = fibromyalgia_like()
    with transaction(factory) as session:
        user_id = actions.prepare_account(session, password, profile, dt.date.today())
        stored = queries.count_recordings(session, user_id)
    if not stored:
        today = dt.date.today()
        store_history(
            factory,
            user_id,
            Plan(days=60, walk_every=3, tests=4),
            end=today,
            age=profile.age,
            progress=progress,
        )
        store_diary(factory, user_id, DiaryPlan(days=60), end=dt.date.today() - dt.timedelta(days=1))
        with transaction(factory) as session:
            actions.start_walking_plan(session, user_id, today)
    return DemoLogin(DEMO_EMAIL, password)
