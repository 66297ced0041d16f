"""The home area in its shape: day summaries rebuilt by the step other areas run, trends typed to the chart."""

from __future__ import annotations

import datetime as dt
from statistics import fmean

import pytest
from sqlalchemy.orm import Session, sessionmaker

from fibrokit.services.accounts import actions as accounts
from fibrokit.services.demo.simulated_history import Plan, store_history
from fibrokit.services.home import actions as home_actions
from fibrokit.services.home import queries as home_queries
from fibrokit.services.home.views import dashboard
from fibrokit.services.recordings.charts import trend_charts
from fibrokit.store.db import make_engine, session_factory, transaction
from fibrokit.store.tables import DailySummary

END = dt.date(2025, 3, 16)  # a Sunday: three whole ISO weeks end on it


@pytest.fixture
def factory(database_url: str) -> sessionmaker[Session]:
    engine = make_engine(database_url)
    yield session_factory(engine)  # type: ignore[misc]
    engine.dispose()


@pytest.fixture
def owner(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        user_id = accounts.create_user(session, "owner@example.org", "a long password").id
    store_history(factory, user_id, Plan(days=21, walk_every=7, tests=0, reading_s=120), end=END)
    return user_id


def test_a_day_summary_is_rebuilt_by_the_step_and_kept_only_when_the_caller_commits(
    factory: sessionmaker[Session], owner: int
) -> None:
    day = END - dt.timedelta(days=3)
    with transaction(factory) as session:
        before = home_queries.summary(session, owner, day)
        assert before is not None
        assert before.ln_rmssd is not None
        expected = (before.resting_hr_bpm, before.ln_rmssd, before.readings, before.readiness)
        session.delete(before)
    with factory() as session:
        home_actions.refresh_day_summary(session, owner, day)
        rebuilt = home_queries.summary(session, owner, day)
        assert rebuilt is not None
        assert (rebuilt.resting_hr_bpm, rebuilt.ln_rmssd, rebuilt.readings, rebuilt.readiness) == expected
        session.rollback()  # the action did not commit: the caller's rollback leaves the day without a summary
    with factory() as session:
        assert session.get(DailySummary, (owner, day)) is None


def test_weekly_trends_are_the_means_of_each_weeks_mornings_on_the_dashboard_and_its_chart(
    factory: sessionmaker[Session], owner: int
) -> None:
    with transaction(factory) as session:
        days = home_queries.days(session, owner, END - dt.timedelta(days=365))
        board = dashboard(session, owner)
        chart = trend_charts(session, owner)["weekly"]
    mondays = sorted(
        {d.day - dt.timedelta(days=d.day.weekday()) for d in days if d.resting_hr_bpm is not None}
    )
    assert [week.start for week in board.weeks] == mondays
    assert chart["data"][0]["x"] == [monday.isoformat() for monday in mondays]
    for week, resting in zip(board.weeks, chart["data"][0]["y"], strict=True):
        members = [
            d.resting_hr_bpm
            for d in days
            if d.resting_hr_bpm is not None and 0 <= (d.day - week.start).days < 7
        ]
        assert week.readings == len(members)
        assert resting == week.resting_hr_bpm == pytest.approx(fmean(members), abs=0.05)
