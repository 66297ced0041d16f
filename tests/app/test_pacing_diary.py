"""The symptom diary in the app's pacing: the learned budget counts flares, stored readiness weighs the diary.

A 16-day simulated history (a morning reading and a 10-minute walk each day to today) is stored on SQLite and
PostgreSQL; check-ins are saved as a person saves them. Expected values are computed here from the check-ins
with the pacing core, independently of :mod:`fibrokit.services.pacing.symptoms`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from tests.app.conftest import Persona, run_imports, settings_for
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.diary import DEFAULT_SYMPTOMS, DailySummary, SymptomDay
from fibrokit.evidence import fact
from fibrokit.pacing import DaySymptoms, Mornings, pace_budget, pace_readiness
from fibrokit.services import diary
from fibrokit.services.accounts import actions as accounts
from fibrokit.services.demo.simulated_history import Plan, store_history
from fibrokit.services.home import actions as home_actions
from fibrokit.services.home import daily
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.services.pacing import lines as pacing
from fibrokit.services.pacing import symptoms as pacing_diary
from fibrokit.services.pacing import views as pacing_views
from fibrokit.store.db import make_engine, session_factory, transaction
from fibrokit.store.tables import DailySummary as StoredDay
from fibrokit.store.tables import ReadinessQueue, User
from fibrokit.web import create_app
from fibrokit.web.state import SESSION_COOKIE

TODAY = dt.date.today()
PLAN = Plan(days=16, walk_every=1, walk_s=600.0, tests=1, reading_s=120.0, seed=11)
EMAIL = "diarist@example.org"
DAY = dt.timedelta(days=1)
USED_DIARY = "of your symptom diary: a day counts as followed by a flare"


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield session_factory(engine)
    engine.dispose()


def _person(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        user = accounts.create_user(session, EMAIL, "a long enough password", name="Diarist")
        user.birth_year, user.sex = TODAY.year - 46, "f"
        user_id = user.id
    store_history(factory, user_id, PLAN, end=TODAY, age=46.0)
    return user_id


def _check_in(
    factory: sessionmaker[Session], user_id: int, day: dt.date, pain: int, fatigue: int, unrefreshing: int
) -> int:
    ratings = {"pain": str(pain), "fatigue": str(fatigue), "sleep_quality": str(unrefreshing)}
    at = dt.datetime.combine(day, dt.time(7, 30))
    with transaction(factory) as session:
        return diary.save_checkin(session, user_id, at, ratings, []).id


def _cli(url: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["pace", *args, "--database-url", url])
    assert result.exit_code == 0, result.output
    return result.output


def _signed_in(app: FastAPI, user_id: int) -> Persona:
    state = app.state.fibrokit
    with transaction(state.factory) as session:
        user = session.get(User, user_id)
        assert user is not None
        signed = accounts.start_session(session, user, secret=state.secret, days=1)
    client = TestClient(app, follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, signed.token)
    return Persona(user_id, EMAIL, client, signed.csrf)


def _budget(factory: sessionmaker[Session], user_id: int) -> pacing_views.BudgetView:
    with transaction(factory) as session:
        return pacing_views.budget_view(session, user_id, pacing.settings_of(session, user_id), TODAY)


def test_the_learned_budget_leaves_out_days_the_diary_shows_were_followed_by_a_flare(
    database_url: str, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    user_id = _person(factory)
    before = _budget(factory, user_id)
    assert before.points is not None
    assert before.diary_days == 0
    assert before.diary_note == pacing_diary.NO_DIARY
    with transaction(factory) as session:
        loads = pacing_views.day_loads(session, user_id, TODAY - dt.timedelta(days=90), TODAY - DAY)
    assert len(loads.dates) == 15
    heavy = {loads.dates[i] for i in np.argsort(loads.points)[-5:]}  # the five heaviest days
    days = [loads.dates[0] + DAY * k for k in range(1, 16)]  # each loaded day's next day, to today
    severity = []
    for day in days:
        bad = day - DAY in heavy  # a hard day is followed by a bad one
        pain, fatigue = (8, 7) if bad else (3, 2)
        _check_in(factory, user_id, day, pain, fatigue, 6 if bad else 2)
        severity.append((pain + fatigue) / 2)
    after = _budget(factory, user_id)
    expected = pace_budget(loads, DaySymptoms(days, severity))
    assert expected.flare_days == 5
    assert after.learned == expected
    assert after.points is not None
    assert after.points < before.points
    assert after.diary_days == 15
    assert USED_DIARY in after.diary_note
    # The page and the command line say so.
    app = create_app(settings_for(database_url, tmp_path / "data"), run_worker=False)
    try:
        text = _signed_in(app, user_id).client.get(f"/p/{user_id}/pacing").text
    finally:
        app.state.fibrokit.engine.dispose()
    assert f"of {round(after.points)} points used" in text
    assert "used 15 days " + USED_DIARY in text
    assert pacing_diary.NO_DIARY not in text
    today = _cli(database_url, "today", "--user", EMAIL)
    assert after.learned.explanation in today
    assert "used 15 days " + USED_DIARY in today
    assert pacing_diary.NO_DIARY not in today


def _stored(factory: sessionmaker[Session], user_id: int, day: dt.date) -> StoredDay:
    with transaction(factory) as session:
        found = session.get(StoredDay, (user_id, day))
        assert found is not None
        session.expunge(found)
    return found


def _expected_text(factory: sessionmaker[Session], user_id: int, symptoms: DaySymptoms) -> str:
    """Today's readiness from the stored mornings and a diary built in the test, by the core."""
    with transaction(factory) as session:
        rows = session.scalars(
            select(StoredDay)
            .where(StoredDay.user_id == user_id, StoredDay.ln_rmssd.is_not(None))
            .order_by(StoredDay.day)
        ).all()
        mornings = Mornings(
            [r.day for r in rows], [r.ln_rmssd for r in rows], [r.resting_hr_bpm for r in rows]
        )
    return pace_readiness(mornings, symptoms).days[-1].explanation


def test_stored_readiness_weighs_the_diary_and_a_later_check_in_judges_the_morning_again(
    database_url: str, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    user_id = _person(factory)
    plain = _stored(factory, user_id, TODAY).readiness_text
    assert "yesterday's symptoms" not in plain
    usual = [TODAY - DAY * k for k in range(16, 1, -1)]  # to the day before yesterday
    for day in usual:
        _check_in(factory, user_id, day, 3, 3, 2)
    assert _stored(factory, user_id, TODAY).readiness_text == plain  # no diary yet for yesterday or today
    # Yesterday's check-in, saved after this morning was judged: a bad day.
    yesterday = _check_in(factory, user_id, TODAY - DAY, 9, 8, 2)
    judged = _stored(factory, user_id, TODAY)
    diary_days = [*usual, TODAY - DAY]
    expected = _expected_text(factory, user_id, DaySymptoms(diary_days, [3.0] * 15 + [8.5], [8.0] * 16))
    assert judged.readiness_text == expected
    assert "yesterday's symptoms 8/10 is above your usual range" in judged.readiness_text
    assert judged.readiness != "stable"
    # This morning's check-in says the night was unrefreshing: 9 of 10, so sleep quality 1 of 10.
    _check_in(factory, user_id, TODAY, 3, 3, 9)
    judged = _stored(factory, user_id, TODAY)
    assert "last night's sleep 1/10 is below your usual range" in judged.readiness_text
    assert judged.readiness_text == _expected_text(
        factory,
        user_id,
        DaySymptoms([*diary_days, TODAY], [3.0] * 15 + [8.5, 3.0], [8.0] * 16 + [1.0]),
    )
    assert "last night's sleep" in _cli(database_url, "today", "--user", EMAIL)
    # Yesterday's check-in removed: the morning is judged again without it.
    with transaction(factory) as session:
        assert diary.delete_checkin(session, user_id, yesterday)
    assert "yesterday's symptoms" not in _stored(factory, user_id, TODAY).readiness_text


def test_diary_days_become_overall_severity_and_sleep_quality() -> None:
    first = dt.date(2025, 3, 1)

    def day(offset: int, **means: float) -> DailySummary:
        return DailySummary(first + DAY * offset, 1, {k: SymptomDay(v, v, v, 1) for k, v in means.items()})

    symptoms = pacing_diary.day_symptoms(
        [day(0, pain=6, fatigue=3, sleep_quality=7), day(1, fatigue=5), day(2, mood=9), day(4, pain=2)]
    )
    assert symptoms is not None
    assert symptoms.dates == (first, first + DAY, first + 2 * DAY, first + 4 * DAY)
    np.testing.assert_array_equal(symptoms.symptoms, [4.5, 5.0, np.nan, 2.0])
    np.testing.assert_array_equal(symptoms.sleep, [3.0, np.nan, np.nan, np.nan])
    assert symptoms.flare is None
    assert pacing_diary.day_symptoms([]) is None
    assert pacing_diary.rated_days(symptoms) == 3
    assert pacing_diary.rated_days(None) == 0
    assert pacing_diary.budget_note(0) == pacing_diary.NO_DIARY
    assert pacing_diary.budget_note(1).startswith("The learned budget used 1 day of")


def test_the_overall_items_are_those_the_evidence_names() -> None:
    convention = fact("pacing.diary.overall_items")
    assert convention.convention
    assert convention.scalar() == len(pacing_diary.OVERALL_ITEMS)
    labels = {item.key: item.label for item in DEFAULT_SYMPTOMS}
    for key in pacing_diary.OVERALL_ITEMS:
        assert labels[key].split(" (")[0].lower() in convention.statement
    assert pacing_diary.UNREFRESHING_SLEEP in labels
    assert "woke exhausted" in labels[pacing_diary.UNREFRESHING_SLEEP]


def test_a_diary_begun_days_ago_does_not_take_the_budget_away(factory: sessionmaker[Session]) -> None:
    user_id = _person(factory)
    for back in (2, 1):  # two check-ins: one active day with a rated next day, far below the core's minimum
        _check_in(factory, user_id, TODAY - back * DAY, 4, 4, 3)
    with transaction(factory) as session:
        settings = pacing.settings_of(session, user_id)
        view = pacing_views.budget_view(session, user_id, settings, TODAY)
        history = int(fact("pacing.budget.history_days").scalar()) * DAY
        loads = pacing_views.day_loads(session, user_id, TODAY - history, TODAY - DAY)
    assert view.points is not None
    assert view.points == pace_budget(loads).points  # learned from the loads alone
    assert not view.diary_used
    assert "too few of them the day after an activity" in view.diary_note
    assert USED_DIARY not in view.diary_note


def test_a_check_in_posted_on_the_page_is_judged_by_the_worker(app: FastAPI) -> None:
    factory = app.state.fibrokit.factory
    user_id = _person(factory)
    usual = [TODAY - DAY * k for k in range(16, 1, -1)]
    for day in usual:
        _check_in(factory, user_id, day, 3, 3, 2)
    before = _stored(factory, user_id, TODAY).readiness_text
    person = _signed_in(app, user_id)
    evening = dt.datetime.combine(TODAY - DAY, dt.time(20, 0)).isoformat(timespec="minutes")
    form = {"at": evening, "rate.pain": "9", "rate.fatigue": "8", "rate.sleep_quality": "2"}
    assert person.post(f"/p/{user_id}/diary/checkin", form).status_code == 303
    # Saved at once; the mornings it bears on wait for the background worker.
    assert _stored(factory, user_id, TODAY).readiness_text == before
    with transaction(factory) as session:
        queued = session.get(ReadinessQueue, user_id)
        assert queued is not None
        assert (queued.first_day, queued.last_day) == daily.diary_span(TODAY - DAY)
    run_imports(app)
    expected = _expected_text(
        factory, user_id, DaySymptoms([*usual, TODAY - DAY], [3.0] * 15 + [8.5], [8.0] * 16)
    )
    assert _stored(factory, user_id, TODAY).readiness_text == expected
    assert "yesterday's symptoms 8/10 is above your usual range" in expected
    with transaction(factory) as session:
        assert session.get(ReadinessQueue, user_id) is None


def test_the_queue_holds_one_row_a_person_widened_by_each_change(factory: sessionmaker[Session]) -> None:
    user_id = _person(factory)
    with transaction(factory) as session:
        home_actions.queue_diary_change(session, user_id, TODAY - 3 * DAY)
        home_actions.queue_diary_change(session, user_id, TODAY - 9 * DAY)
        home_actions.queue_diary_change(session, user_id, TODAY - 5 * DAY)
    with transaction(factory) as session:
        rows = session.scalars(select(ReadinessQueue)).all()
        assert [(r.user_id, r.first_day, r.last_day) for r in rows] == [
            (user_id, TODAY - 9 * DAY, daily.diary_span(TODAY - 3 * DAY)[1])
        ]
        judged = daily.judge_queue(session, user_id)
        home_actions.queue_diary_change(session, user_id, TODAY - 20 * DAY)  # a change while it was judged
        assert home_actions.settle(session, judged) == 0  # stays queued, for the next round
        assert home_actions.settle(session, daily.judge_queue(session, user_id)) == 1
    with transaction(factory) as session:
        assert session.scalars(select(ReadinessQueue)).all() == []


def test_a_learned_budget_is_kept_until_its_inputs_change(factory: sessionmaker[Session]) -> None:
    user_id = _person(factory)
    first, again = _budget(factory, user_id), _budget(factory, user_id)
    assert again is first  # kept: nothing changed
    _check_in(factory, user_id, TODAY - 2 * DAY, 4, 4, 3)
    changed = _budget(factory, user_id)
    assert changed is not first
    assert changed.diary_days == first.diary_days + 1
    with transaction(factory) as session:
        pacing_actions.save_budget(session, user_id, "33")
    assert _budget(factory, user_id).points == 33
