"""What changes the demo account: the account itself (a fresh password each start) and its walking plan.

Each function takes the caller's session and never commits; :func:`fibrokit.services.demo.account.ensure_demo`
owns the transactions (one per step, so the simulated history between them is stored in batches).
"""

from __future__ import annotations

import datetime as dt

from fibrokit.services.accounts import actions as account_actions
from fibrokit.services.accounts import auth
from fibrokit.services.demo import queries
from fibrokit.services.demo.queries import Session
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.simulate import Profile

DEMO_EMAIL = "demo@fibrokit.example"


def prepare_account(session: Session, password: str, profile: Profile, today: dt.date) -> int:
    """Create the demo account (or give it ``password``) with the simulated person's age and sex; its id."""
    user = queries.user_by_email(session, DEMO_EMAIL)
    if user is None:
        user = account_actions.create_user(session, DEMO_EMAIL, password, name="Demo (simulated data)")
    user.password_hash = auth.hash_password(password)
    user.birth_year = today.year - int(profile.age)
    user.sex = profile.sex
    return user.id


def start_walking_plan(session: Session, user_id: int, today: dt.date) -> None:
    """A walking plan begun three weeks ago, to show the plan's page."""
    start = (today - dt.timedelta(weeks=3)).isoformat()
    form = {"plan_activity": "walking", "plan_minutes": "15", "plan_start": start}
    pacing_actions.save_plan(session, user_id, form, today)
