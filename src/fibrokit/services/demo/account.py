"""The demo account of ``fibrokit serve --demo``: created (or refreshed) with simulated data and a plan, in seconds."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from fibrokit.services.accounts import actions, auth
from fibrokit.services.demo.diary import DiaryPlan, store_diary
from fibrokit.services.demo.history import Plan, store_history
from fibrokit.services.pacing import settings as pacing_settings
from fibrokit.simulate import fibromyalgia_like
from fibrokit.store.db import transaction
from fibrokit.store.tables import RecordingRow, User

DEMO_EMAIL = "demo@fibrokit.example"


@dataclass(frozen=True)
class DemoLogin:
    """How to log in to the demo account."""

    email: str
    password: str


def ensure_demo(
    factory: sessionmaker[Session], *, progress: Callable[[int], None] | None = None
) -> DemoLogin:
    """Create the demo account with a fresh random password, and its data (and a diary) if it has none yet."""
    password = "demo-" + secrets.token_urlsafe(9)
    profile = fibromyalgia_like()
    with transaction(factory) as session:
        user = session.scalar(select(User).where(User.email == DEMO_EMAIL))
        if user is None:
            user = actions.create_user(session, DEMO_EMAIL, password, name="Demo (simulated data)")
        user.password_hash = auth.hash_password(password)
        user.birth_year = dt.date.today().year - int(profile.age)
        user.sex = profile.sex
        user_id = user.id
        stored = session.scalar(
            select(func.count()).select_from(RecordingRow).where(RecordingRow.user_id == user_id)
        )
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
        with transaction(factory) as session:  # a walking plan begun three weeks ago, to show the plan's page
            start = (today - dt.timedelta(weeks=3)).isoformat()
            form = {"plan_activity": "walking", "plan_minutes": "15", "plan_start": start}
            pacing_settings.save_plan(session, user_id, form, today)
    return DemoLogin(DEMO_EMAIL, password)
