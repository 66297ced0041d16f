"""Reports from stored data: the web page and ``fibrokit report`` make the same report over the chosen dates and
areas, each stored test scored again, the morning trend matching the stored readings, only for the owner."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from tests.app.conftest import Persona, add_account
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.report import external_references
from fibrokit.services import trials
from fibrokit.services.accounts import actions
from fibrokit.services.demo.simulated_diary import DiaryPlan, store_diary
from fibrokit.services.demo.simulated_history import Plan, store_history
from fibrokit.services.home.reports import REPORT_TEST_KINDS, ReportRequest, period_report
from fibrokit.store.db import transaction
from fibrokit.store.tables import DiaryDay, PacingReview, RecordingRow, User

END = dt.date(2026, 10, 31)
PLAN = Plan(days=30, walk_every=0, tests=4, reading_s=240.0, seed=3)


@pytest.fixture
def owner(app: FastAPI) -> Persona:
    person = add_account(app, "owner@example.org")
    factory = app.state.fibrokit.factory
    with transaction(factory) as session:
        user = session.get(User, person.user_id)
        assert user is not None
        user.birth_year, user.sex = 1980, "f"
    store_history(factory, person.user_id, PLAN, end=END, age=46.0)
    return person


def _pdf_text(data: bytes) -> tuple[str, pymupdf.Document]:
    document = pymupdf.open(stream=data, filetype="pdf")
    return " ".join(" ".join(page.get_text() for page in document).split()), document


def test_the_owner_gets_a_pdf_of_the_chosen_period(app: FastAPI, owner: Persona) -> None:
    form = owner.client.get(f"/p/{owner.user_id}/report")
    assert form.status_code == 200
    assert 'name="area" value="diary"' in form.text
    response = owner.client.get(
        f"/p/{owner.user_id}/report/file",
        params={"start": "2026-10-01", "end": "2026-10-31", "area": ["tests"], "format": "pdf"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "fibrokit-report-2026-10-01-2026-10-31.pdf" in response.headers["content-disposition"]
    text, document = _pdf_text(response.content)
    for title in ("Exercise test", "Active stand", "Deep breathing", "Valsalva", "Ewing"):
        assert title in text, f"{title} is missing"
    assert "Morning readings over time" in text
    assert "fibrokit informs; it does not diagnose" in text
    for page in document:
        pixels = np.frombuffer(page.get_pixmap(dpi=30).samples, dtype=np.uint8)
        assert pixels.std() > 3, f"page {page.number + 1} looks blank"


def test_the_html_report_is_a_sandboxed_page_without_requests(app: FastAPI, owner: Persona) -> None:
    response = owner.client.get(
        f"/p/{owner.user_id}/report/file", params={"area": ["tests"], "format": "html", "end": "2026-10-31"}
    )
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "sandbox" in policy
    assert "script-src" not in policy
    assert "default-src 'none'" in policy
    assert external_references(response.text) == []
    assert "<script" not in response.text
    assert response.text.count("<svg") >= 5


def test_sections_and_trend_match_the_stored_rows(app: FastAPI, owner: Persona) -> None:
    request = ReportRequest.parse("2026-10-10", "2026-10-31", ["tests"])
    with transaction(app.state.fibrokit.factory) as session:
        content = period_report(session, owner.user_id, request)
        stored = session.scalars(
            select(RecordingRow).where(
                RecordingRow.user_id == owner.user_id, RecordingRow.local_day >= request.start
            )
        ).all()
    tests = [row for row in stored if row.kind in REPORT_TEST_KINDS]
    mornings = [row.mean_hr_bpm for row in stored if row.kind == "morning-reading"]
    trend = next(section for section in content.sections if section.key == "trends")
    values = {row.name: row.value for row in trend.rows}
    assert values["Resting heart rate, mean"] == f"{np.mean(mornings):.0f}"
    assert values["Morning readings (usable)"].endswith(f"of {len(mornings)}")
    scored = [section for section in content.sections if section.key not in ("trends", "ewing")]
    assert len(scored) == len(tests) >= 1
    assert "2026-10-10 to 2026-10-31" in content.title


def test_a_clinician_makes_a_report_of_the_shared_areas_only(app: FastAPI, owner: Persona) -> None:
    clinician = add_account(app, "clinician@example.org")
    stranger = add_account(app, "stranger@example.org")
    with transaction(app.state.fibrokit.factory) as session:
        actions.grant_share(session, owner.user_id, clinician.user_id, ("tests",))
    form = clinician.client.get(f"/p/{owner.user_id}/report")
    assert form.status_code == 200
    assert 'value="tests"' in form.text
    assert 'value="diary"' not in form.text  # only what is shared is offered
    period = {"start": "2026-10-01", "end": "2026-10-31", "format": "html"}
    asked = clinician.client.get(
        f"/p/{owner.user_id}/report/file", params={**period, "area": ["tests", "diary", "treatments"]}
    )
    own = owner.client.get(f"/p/{owner.user_id}/report/file", params={**period, "area": ["tests"]})
    assert asked.status_code == 200
    headings = re.compile(r"<h[23][^>]*>(.*?)</h[23]>", re.S)
    # The areas not shared are left out, whatever was asked: the same sections as the owner's tests-only report.
    assert headings.findall(asked.text) == headings.findall(own.text)
    everything = owner.client.get(
        f"/p/{owner.user_id}/report/file", params={**period, "area": ["tests", "diary", "treatments"]}
    )
    assert len(headings.findall(everything.text)) > len(headings.findall(asked.text)) >= 1
    for path in ("", "/file"):
        assert stranger.client.get(f"/p/{owner.user_id}/report{path}").status_code == 404


def test_a_bad_choice_is_one_sentence(app: FastAPI, owner: Persona) -> None:
    for params, message in (
        ({"start": "31/10/2026"}, "YYYY-MM-DD"),
        ({"area": ["sleep"]}, "unknown report area"),
        ({"start": "2026-10-31", "end": "2026-10-01"}, "end on or after"),
    ):
        response = owner.client.get(f"/p/{owner.user_id}/report/file", params=params)
        assert response.status_code == 400
        assert message in response.text
        assert "Traceback" not in response.text


def test_the_command_line_writes_the_same_report(
    app: FastAPI, owner: Persona, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "cli-data"))
    target = tmp_path / "report.pdf"
    runner = CliRunner()
    arguments = ["report", str(target), "--user", owner.email, "--from", "2026-10-01", "--to", "2026-10-31"]
    result = runner.invoke(cli, [*arguments, "--area", "tests"])
    assert result.exit_code == 0, result.output
    text, _ = _pdf_text(target.read_bytes())
    assert "Valsalva" in text
    assert "2026-10-01 to 2026-10-31" in text
    assert re.search(r"\bwrote\b", result.output)
    refused = subprocess.run(
        [sys.executable, "-m", "fibrokit", "report", str(tmp_path / "no.pdf"), "--from", "yesterday"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "YYYY-MM-DD" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "no.pdf").exists()


def test_diary_trial_and_pacing_sections_come_from_what_is_stored(app: FastAPI) -> None:
    person = add_account(app, "everything@example.org")
    factory = app.state.fibrokit.factory
    end = dt.date(2026, 10, 31)
    with transaction(factory) as session:
        user = session.get(User, person.user_id)
        assert user is not None
        user.birth_year, user.sex = 1980, "f"
    walks = Plan(days=21, walk_every=1, walk_s=900.0, tests=0, reading_s=240.0, seed=5)
    store_history(factory, person.user_id, walks, end=end, age=46.0)
    store_diary(factory, person.user_id, DiaryPlan(days=120, seed=8), end=end)
    first = end - dt.timedelta(weeks=13)
    with transaction(factory) as session:
        form = trials.PlanForm("weekly_1_5", first.isoformat(), "1.5", "capsule", "4.5", "capsule", "no")
        trial = trials.plan_trial(session, person.user_id, form, first).id
        trials.log_doses(
            session, person.user_id, trial, on=first.isoformat(), until=end.isoformat(), today=end
        )

    start = end - dt.timedelta(days=27)
    request = ReportRequest.parse(start.isoformat(), end.isoformat(), ["diary", "treatments", "pacing"])
    with transaction(factory) as session:
        content = period_report(session, person.user_id, request, created=end)
        days = session.scalars(
            select(DiaryDay).where(DiaryDay.user_id == person.user_id, DiaryDay.day >= start)
        ).all()
        reviewed = session.execute(
            select(PacingReview.day, PacingReview.points)
            .join(RecordingRow, RecordingRow.id == PacingReview.recording_id)
            .where(PacingReview.user_id == person.user_id, RecordingRow.kind == "activity")
        ).all()
    sections = {section.key: section for section in content.sections}
    assert set(sections) == {"diary", "treatments", "pacing"}
    diary_rows = {row.name: row.value for row in sections["diary"].rows}
    assert diary_rows["Days with a check-in"] == str(len(days)) == "28"
    pain = [day.symptoms["pain"]["mean"] for day in days if "pain" in day.symptoms]
    assert diary_rows["Pain, mean (0-10)"] == f"{np.mean(pain):.1f}"
    assert sections["treatments"].title == "Treatment trial (13 weeks)"
    assert any(row.name == "Pain change at week 12" for row in sections["treatments"].rows)
    pacing_rows = {row.name: row.value for row in sections["pacing"].rows}
    weeks = {day.isocalendar()[:2] for day, _ in reviewed if day is not None and day >= start}
    assert (
        pacing_rows["Weeks with activity logged"] == str(len(weeks)) == "4"
    )  # 21 days of walks, Sunday first
    assert sum(points for _, points in reviewed if points is not None) > 0
    assert all(section.figures for section in sections.values())
