"""Pacing in the app: each recording reviewed with the lines of its day, settings, pages with sources, the CLI.

A small simulated history (16 days to today: a morning reading and a 10-minute walk every day, one exercise
test) is built once per worker into an SQLite file that tests copy; the flow that matters most also runs on
PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker
from tests.app.conftest import Persona, add_account, settings_for
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.errors import FibrokitError
from fibrokit.evidence import fact
from fibrokit.pacing import pace_thresholds
from fibrokit.services.accounts import actions as accounts
from fibrokit.services.demo.simulated_history import Plan, store_history
from fibrokit.services.imports.worker import ImportWorker
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.services.pacing import lines as pacing
from fibrokit.services.pacing import reviews as pacing_reviews
from fibrokit.services.pacing import views as pacing_views
from fibrokit.services.pacing.forms import PacingInputError
from fibrokit.services.recordings.actions import save_recording
from fibrokit.services.recordings.after_store import after_recording_stored
from fibrokit.services.recordings.analysis import analyse
from fibrokit.simulate import fibromyalgia_like, simulate_rest, simulate_walk
from fibrokit.store.db import make_engine, session_factory, transaction, upgrade
from fibrokit.store.tables import DailySummary, PacingReview, PacingSettings, RecordingRow, User
from fibrokit.web import create_app
from fibrokit.web.state import SESSION_COOKIE

TODAY = dt.date.today()
PLAN = Plan(days=16, walk_every=1, walk_s=600.0, tests=1, reading_s=120.0, seed=11)
EMAIL = "pacer@example.org"


def _build(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    with transaction(factory) as session:
        user = accounts.create_user(session, EMAIL, "a long enough password", name="Pacer")
        user.birth_year, user.sex = TODAY.year - 46, "f"
        user_id = user.id
    store_history(factory, user_id, PLAN, end=TODAY, age=46.0)
    engine.dispose()


@pytest.fixture(scope="module")
def history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pacing-history") / "fibrokit.db"
    _build(f"sqlite:///{path}")
    return path


@pytest.fixture
def history_url(history_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "history.db"
    shutil.copy(history_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def factory(history_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(history_url)
    yield session_factory(engine)
    engine.dispose()


def _owner_id(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        found = session.scalar(select(User.id).where(User.email == EMAIL))
    assert found is not None
    return int(found)


@pytest.fixture
def history_app(history_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    instance = create_app(settings_for(history_url, tmp_path / "data"), run_worker=False)
    yield instance
    instance.state.fibrokit.engine.dispose()


def _signed_in(app: FastAPI) -> Persona:
    state = app.state.fibrokit
    with transaction(state.factory) as session:
        user = session.scalar(select(User).where(User.email == EMAIL))
        assert user is not None
        signed = accounts.start_session(session, user, secret=state.secret, days=1)
        user_id = user.id
    client = TestClient(app, follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, signed.token)
    return Persona(user_id, EMAIL, client, signed.csrf)


def _reviews(factory: sessionmaker[Session]) -> list[tuple[RecordingRow, PacingReview]]:
    with transaction(factory) as session:
        rows = session.execute(
            select(RecordingRow, PacingReview).join(
                PacingReview, PacingReview.recording_id == RecordingRow.id
            )
        ).all()
    return [(row, review) for row, review in rows]


def _redo_all(factory: sessionmaker[Session], user_id: int) -> int:
    total = 0
    while True:
        with transaction(factory) as session:
            done = pacing_actions.refresh_stale(session, user_id, limit=20)
        total += done
        if done < 20:
            return total


def test_every_recording_is_reviewed_with_the_lines_of_its_day(factory: sessionmaker[Session]) -> None:
    user_id = _owner_id(factory)
    reviews = _reviews(factory)
    with transaction(factory) as session:
        recordings = session.scalar(select(func.count()).select_from(RecordingRow)) or 0
        inputs = pacing.load_inputs(session, user_id)
    assert len(reviews) == recordings == 33
    for row, review in reviews:
        assert review.day == row.local_day
        lines = inputs.lines_on(row.local_day or TODAY)
        assert lines.thresholds is not None
        assert review.lines_key == lines.key
        with transaction(factory) as session:  # what a page about one day reads gives the same lines
            assert pacing.lines_for(session, user_id, row.local_day or TODAY).key == lines.key
        assert (review.threshold_bpm, review.ceiling_bpm) == (
            lines.thresholds.threshold.bpm,
            lines.thresholds.ceiling.bpm,
        )
        assert review.points is not None
    walks = [review for row, review in reviews if row.kind == "activity"]
    assert len(walks) == PLAN.days
    assert all((w.points or 0) > 0 and (w.activity_s or 0) > 0 for w in walks)


def test_a_settings_change_redoes_every_review_in_the_background(factory: sessionmaker[Session]) -> None:
    user_id = _owner_id(factory)
    with transaction(factory) as session:
        pacing_actions.save_lines(
            session, user_id, {"resting_hr_bpm": "60", "use_exercise_test": "true"}, TODAY
        )
    with transaction(factory) as session:
        assert pacing_reviews.waiting(session, user_id) == 33
    worker = ImportWorker(factory, Path("/nonexistent-staging"), threads=0)
    while worker._recompute_some():  # the importer's idle loop, as a running server does it
        pass
    expected = round(60 * fact("pacing.threshold.rest_factor").scalar())
    with transaction(factory) as session:
        assert pacing_reviews.waiting(session, user_id) == 0
    assert {review.threshold_bpm for _, review in _reviews(factory)} == {expected}
    # Only the budget: the lines stay, nothing is redone.
    with transaction(factory) as session:
        pacing_actions.save_budget(session, user_id, "40")
        assert pacing_reviews.waiting(session, user_id) == 0


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_a_morning_stored_later_rejudges_the_days_after_it(database_url: str) -> None:
    engine = make_engine(database_url)
    factory = session_factory(engine)
    person = fibromyalgia_like()
    day = dt.date(2025, 5, 10)
    with transaction(factory) as session:
        user = accounts.create_user(session, "late@example.org", "a long enough password")
        user.birth_year = 1979
        user_id = user.id
        walk = simulate_walk(person, walk_s=600, seed=3).recording
        walk = dataclasses.replace(
            walk, start=dt.datetime(2025, 5, 10, 15, tzinfo=dt.UTC), source_name="walk.csv"
        )
        walk_row = save_recording(session, user_id, walk, analyse(walk, kind_hint="activity"))
        after_recording_stored(session, walk_row)
        walk_id = walk_row.id
    with transaction(factory) as session:
        review = session.get(PacingReview, walk_id)
        assert review is not None
        assert review.points is None
        assert "No heart-rate lines for 2025-05-10" in review.data["note"]
    for back in range(3):  # three mornings before the walk, imported afterwards
        morning = simulate_rest(person, duration_s=120, seed=10 + back).recording
        start = dt.datetime.combine(day - dt.timedelta(days=back), dt.time(7), tzinfo=dt.UTC)
        morning = dataclasses.replace(morning, start=start, source_name=f"morning-{back}.csv")
        with transaction(factory) as session:
            stored = save_recording(session, user_id, morning, analyse(morning, kind_hint="morning-reading"))
            after_recording_stored(session, stored)
    with transaction(factory) as session:
        review = session.get(PacingReview, walk_id)
        assert review is not None
        assert review.points is not None
        assert not review.stale
        lines = pacing.lines_for(session, user_id, day)
        assert lines.resting is not None
        assert lines.resting.mornings == 3
        assert review.threshold_bpm == lines.thresholds.threshold.bpm  # type: ignore[union-attr]
        assert "median of 3 morning readings" in lines.resting_note
    engine.dispose()


@pytest.mark.parametrize(
    ("form", "sentence"),
    [
        ({"resting_hr_bpm": "seventy"}, "the resting heart rate must be a heart rate between 30 and 230 bpm"),
        ({"threshold_bpm": "500"}, "the exertion threshold must be a heart rate between 30 and 230 bpm"),
        ({"rule": "rest_x2"}, "rule must be one of rest_x1.15, rest_plus15"),
        ({"ceiling_rule": "age_vt1", "hrmax_rule": "tanaka"}, "agreed with VT1 only with `hrmax_rule` 'fox'"),
        ({"ceiling_rule": "clinician_vt1"}, "the ceiling rule 'clinician_vt1' lacks its inputs"),
    ],
)
def test_bad_settings_are_refused_in_one_sentence_and_nothing_is_stored(
    factory: sessionmaker[Session], form: dict[str, str], sentence: str
) -> None:
    user_id = _owner_id(factory)
    with pytest.raises(PacingInputError, match=re.escape(sentence)), transaction(factory) as session:
        pacing_actions.save_lines(session, user_id, form, TODAY)
    with transaction(factory) as session:
        assert session.get(PacingSettings, user_id) is None
        assert pacing_reviews.waiting(session, user_id) == 0


@pytest.mark.parametrize(
    ("form", "sentence"),
    [
        ({"plan_activity": "running", "plan_minutes": "10"}, "`activity` must be one of walking, cycling"),
        ({"plan_activity": "walking", "plan_minutes": "ten"}, "minutes a session as a number"),
        ({"plan_activity": "walking", "plan_minutes": "nan"}, "minutes a session as a number"),
        (
            {"plan_activity": "walking", "plan_minutes": "10", "plan_weeks": "20"},
            "`weeks` must be between 8 and 12",
        ),
        ({"plan_activity": "walking", "plan_minutes": "10", "plan_start": "next week"}, "YYYY-MM-DD"),
    ],
)
def test_a_bad_plan_is_refused_in_one_sentence(
    factory: sessionmaker[Session], form: dict[str, str], sentence: str
) -> None:
    with pytest.raises(PacingInputError, match=re.escape(sentence)), transaction(factory) as session:
        pacing_actions.save_plan(session, _owner_id(factory), form, TODAY)


def test_the_pacing_page_shows_today_the_lines_weeks_and_plan_with_sources(history_app: FastAPI) -> None:
    owner = _signed_in(history_app)
    saved = owner.post(
        f"/p/{owner.user_id}/pacing/plan",
        {
            "plan_activity": "walking",
            "plan_minutes": "12",
            "plan_start": (TODAY - dt.timedelta(days=7)).isoformat(),
        },
    )
    assert saved.status_code == 303  # type: ignore[attr-defined]
    page = owner.client.get(f"/p/{owner.user_id}/pacing")
    assert page.status_code == 200
    text = page.text
    with transaction(history_app.state.fibrokit.factory) as session:
        view = pacing_views.pacing_page(session, owner.user_id, TODAY)
    lines = view.today.lines.thresholds
    assert lines is not None
    assert f"<strong>{lines.threshold.bpm:.0f} bpm</strong>" in text
    assert lines.threshold.explanation.replace("'", "&#39;") in text
    for key in (
        "pacing.threshold.rest_factor",
        "pacing.resting.days",
        "pacing.load.points_per_min",
        "pacing.plan.growth",
    ):
        assert f"<strong>{key}</strong>" in text, key
    assert "Visible Health" in text
    assert "Lemos MCD" in text
    assert view.today.budget.points is not None  # 15 days with a walk before today
    assert f"of {round(view.today.budget.points)} points used" in text
    assert "Week 2 of 10." in text
    assert "This week: 3 × 13 min" in text
    week_one = TODAY - dt.timedelta(days=TODAY.weekday() + 7)
    with transaction(history_app.state.fibrokit.factory) as session:  # two flagged mornings in week 1
        session.execute(
            update(DailySummary)
            .where(DailySummary.day.in_([week_one, week_one + dt.timedelta(days=3)]))
            .values(readiness="watch")
        )
    held = owner.client.get(f"/p/{owner.user_id}/pacing").text
    assert "This week: 3 × 12 min" in held
    assert "2 flagged mornings in week 1" in held
    assert "not a prescription" in text
    assert len(view.weeks) >= 3
    chart = owner.client.get(f"/p/{owner.user_id}/pacing/charts.json").json()
    assert len(chart["days"]["data"][0]["x"]) == sum(w.days for w in view.weeks)


def test_each_activity_shows_its_zones_load_and_time_over_the_ceiling(history_app: FastAPI) -> None:
    owner = _signed_in(history_app)
    with transaction(history_app.state.fibrokit.factory) as session:
        walk = session.scalar(select(RecordingRow).where(RecordingRow.kind == "activity").limit(1))
        assert walk is not None
        review = session.get(PacingReview, walk.id)
        assert review is not None
    listing = owner.client.get(f"/p/{owner.user_id}/pacing/activities")
    assert f"/pacing/activities/{walk.id}" in listing.text
    page = owner.client.get(f"/p/{owner.user_id}/pacing/activities/{walk.id}").text
    assert f"<strong>{round(review.points or 0)} points</strong>" in page
    assert f"{(review.over_s or 0) / 60:.1f} min" in page
    assert "pacing.zones.dwell_s" in page
    figure = owner.client.get(f"/p/{owner.user_id}/pacing/activities/{walk.id}/charts.json").json()["zones"]
    names = [trace["name"] for trace in figure["data"]]
    assert names[1] == f"exertion threshold {review.threshold_bpm:.0f} bpm"
    assert "zone shown" in names
    drawn = owner.client.get(f"/p/{owner.user_id}/recordings/{walk.id}/charts.json").json()["hr"]["data"][0]
    assert (drawn["name"], drawn["line"]) == (figure["data"][0]["name"], figure["data"][0]["line"])  # one way
    recording = owner.client.get(f"/p/{owner.user_id}/recordings/{walk.id}").text
    assert 'id="pacing-h"' in recording
    assert f"/pacing/activities/{walk.id}" in recording


def test_pacing_panels_show_only_to_those_who_may_see_pacing(history_app: FastAPI) -> None:
    owner = _signed_in(history_app)
    clinician = add_account(history_app, "gp@example.org")
    with transaction(history_app.state.fibrokit.factory) as session:
        accounts.grant_share(session, owner.user_id, clinician.user_id, ("tests",))
        walk = session.scalar(select(RecordingRow.id).where(RecordingRow.kind == "activity").limit(1))
    for url in (f"/p/{owner.user_id}", f"/p/{owner.user_id}/recordings/{walk}"):
        assert 'id="pacing-h"' in owner.client.get(url).text
        seen = clinician.client.get(url)
        assert seen.status_code == 200
        assert 'id="pacing-h"' not in seen.text
        assert f"/p/{owner.user_id}/pacing" not in seen.text


def test_a_bad_form_gets_a_sentence_not_a_traceback(history_app: FastAPI) -> None:
    owner = _signed_in(history_app)
    page = owner.post(f"/p/{owner.user_id}/pacing/settings", {"resting_hr_bpm": "-5", "rule": "rest_plus15"})
    assert page.status_code == 400  # type: ignore[attr-defined]
    assert "the resting heart rate must be a heart rate between 30 and 230 bpm" in page.text  # type: ignore[attr-defined]
    assert 'value="-5"' in page.text  # type: ignore[attr-defined]  # what was typed is kept
    assert "Traceback" not in page.text  # type: ignore[attr-defined]
    budget = owner.post(f"/p/{owner.user_id}/pacing/budget", {"budget_points": "-1"})
    assert budget.status_code == 400  # type: ignore[attr-defined]
    assert "the budget must be a positive number" in budget.text  # type: ignore[attr-defined]
    saved = owner.post(f"/p/{owner.user_id}/pacing/settings", {"resting_hr_bpm": "58", "rule": "rest_plus15"})
    assert saved.status_code == 303  # type: ignore[attr-defined]
    settings = owner.client.get(f"/p/{owner.user_id}/pacing/settings").text
    plus = fact("pacing.threshold.rest_plus_bpm").scalar()
    assert f"Exertion threshold {58 + plus:.0f} bpm" in settings


def _cli(url: str, *args: str) -> tuple[int, str]:
    """Exit code and output; a fibrokit error (one sentence, printed by ``fibrokit.cli.main``) as its message."""
    result = CliRunner().invoke(cli, ["pace", *args, "--database-url", url])
    error = result.exception
    assert error is None or isinstance(error, SystemExit | FibrokitError), repr(error)
    refused = str(error) if isinstance(error, FibrokitError) else ""
    assert "Traceback" not in result.output
    return result.exit_code, result.output + refused


def test_the_cli_reads_and_writes_the_same_store(history_url: str, factory: sessionmaker[Session]) -> None:
    code, today = _cli(history_url, "today", "--user", EMAIL)
    assert code == 0, today
    with transaction(factory) as session:
        view = pacing_views.today_view(session, _owner_id(factory), TODAY)
    lines = view.lines.thresholds
    assert lines is not None
    assert (
        f"Lines: exertion threshold {lines.threshold.bpm:.0f} bpm, ceiling {lines.ceiling.bpm:.0f} bpm."
        in today
    )
    assert view.budget.points is not None
    assert f"Load: {view.used:.0f} of {view.budget.points:.0f} points" in today
    code, weeks = _cli(history_url, "week", "--weeks", "3")  # the only account: --user may be left out
    assert code == 0, weeks
    assert len([line for line in weeks.splitlines() if re.match(r"\d{4}-\d\d-\d\d ", line)]) == 3
    code, thresholds = _cli(history_url, "thresholds", "--user", EMAIL)
    assert code == 0, thresholds
    assert lines.threshold.explanation in thresholds
    assert "sources: " in thresholds
    code, refused = _cli(history_url, "thresholds", "--user", EMAIL, "--rest-hr", "60")
    assert code == 2
    assert "leave out --rest-hr" in refused
    code, none = _cli(history_url, "plan", "--user", EMAIL)
    assert "No plan is stored" in none
    code, saved = _cli(
        history_url, "plan", "--user", EMAIL, "--save", "--activity", "cycling", "--start", "8"
    )
    assert code == 0, saved
    assert "Week 1 of 10." in saved
    assert "This week: 3 × 8 min (start" in saved
    with transaction(factory) as session:
        stored = pacing.settings_of(session, _owner_id(factory))
        assert (stored.plan_activity, stored.plan_minutes) == ("cycling", 8.0)
    code, bad = _cli(history_url, "plan", "--user", EMAIL, "--save", "--start", "0")
    assert code == 1
    assert "this plan cannot be made" in bad
    code, nobody = _cli(history_url, "today", "--user", "nobody@example.org")
    assert code == 1
    assert "there is no account 'nobody@example.org'" in nobody


def test_the_file_commands_still_work_without_an_account() -> None:
    thresholds = CliRunner().invoke(cli, ["pace", "thresholds", "--rest-hr", "72", "--age", "46"])
    assert thresholds.exit_code == 0
    assert pace_thresholds(72, 46).threshold.explanation in thresholds.output
    plan = CliRunner().invoke(cli, ["pace", "plan", "--start", "10"])
    assert plan.exit_code == 0
    assert "Week  1: 3 × 10 min" in plan.output
    refused = CliRunner().invoke(cli, ["pace", "plan", "--save"])
    assert refused.exit_code == 2
    assert "give --user too" in refused.output
