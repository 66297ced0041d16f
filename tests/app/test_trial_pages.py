"""LDN trials in the app, on SQLite and PostgreSQL: plan, calendar, dose log, request, costs, evaluation, and the
core's opioid stop on every path until a clinician's confirmation covers the latest opioid record."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from sqlalchemy import func, select
from tests.app.conftest import Personas

from fibrokit.store.db import transaction
from fibrokit.store.tables import OpioidRecordRow, TrialDoseRow, TrialRow
from fibrokit.treatments import TrialPlan, dose_calendar, ldn_schedule

TODAY = dt.date.today()


def _doses(app: FastAPI, trial_id: int) -> dict[dt.date, float]:
    with transaction(app.state.fibrokit.factory) as session:
        rows = session.execute(
            select(TrialDoseRow.taken_on, TrialDoseRow.mg).where(TrialDoseRow.trial_id == trial_id)
        ).all()
    return dict(rows)


def _plan(first: dt.date, **extra: str) -> dict[str, str]:
    return {
        "schedule": "weekly_1_5",
        "first_dose": first.isoformat(),
        "titration_mg": "1.5",
        "titration_form": "capsule",
        "maintenance_mg": "4.5",
        "maintenance_form": "capsule",
        "opioids": "no",
        "state": "NJ",
        "primary": "pain",
        **extra,
    }


def test_a_planned_trial_has_the_cores_calendar_and_logs_doses(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    first = TODAY - dt.timedelta(days=13)
    made = owner.post(f"/p/{owner.user_id}/trials", _plan(first))
    assert made.status_code == 303
    url = made.headers["location"]
    trial_id = int(url.rsplit("/", 1)[1])
    logged = owner.post(f"{url}/doses", {"on": first.isoformat(), "until": TODAY.isoformat()})
    assert logged.status_code == 303
    expected = {d.day: d.mg for d in dose_calendar(TrialPlan(ldn_schedule("weekly_1_5"), first))}
    assert _doses(app, trial_id) == {day: mg for day, mg in expected.items() if day <= TODAY}
    page = owner.client.get(url).text
    assert "7 of 7 so far" in page
    assert page.count("<tr") >= 12 + 84
    # A day logged again replaces it; a dose before the first, in the future, or of nonsense is refused.
    assert owner.post(f"{url}/doses", {"on": TODAY.isoformat(), "mg": "3"}).status_code == 303
    assert _doses(app, trial_id)[TODAY] == 3.0
    for form, sentence in (
        ({"on": (first - dt.timedelta(days=1)).isoformat()}, "log doses from then on"),
        ({"on": (TODAY + dt.timedelta(days=5)).isoformat()}, "in the future"),
        ({"on": TODAY.isoformat(), "mg": "-2"}, "positive number"),
        ({"on": "soon"}, "is not a date"),
        ({}, "Give the day of the dose"),
    ):
        refused = owner.post(f"{url}/doses", form)
        assert refused.status_code == 400, form
        assert sentence in refused.text, form


def test_the_request_and_the_costs_come_from_the_core(personas: Personas) -> None:
    owner, trial = personas.owner, personas.ids["trial_id"]
    base = f"/p/{owner.user_id}/trials/{trial}"
    request = owner.client.get(f"{base}/prescription").text
    assert "Request for my clinician to consider" in request
    assert "1.5 mg capsules, quantity 21" in request
    assert "4.5 mg capsules, quantity 90" in request
    assert "it is not a prescription" in request.replace("\n", " ")
    costs = owner.client.get(f"{base}/costs").text  # the plan's state, NJ
    assert "Avrio Pharmacy: does not ship to NJ" in costs
    assert "These prices were published in 2023" in costs
    assert "price.care_first.tablets_0_5_to_4_5" in costs
    california = owner.client.get(f"{base}/costs?state=CA").text
    assert "Avrio Pharmacy</th>" in california
    assert owner.client.get(f"{base}/costs?state=XX").status_code == 400


def test_the_evaluation_waits_for_twelve_weeks_and_shows_its_uncertainty(
    app: FastAPI, personas: Personas
) -> None:
    owner = personas.owner
    first = TODAY - dt.timedelta(days=7 * 12 + 1)
    for offset in range(-28, 7 * 12 + 1):
        day = first + dt.timedelta(days=offset)
        pain = "6" if offset < 0 else ("3" if offset % 2 else "4")
        assert (
            owner.post(
                f"/p/{owner.user_id}/diary/checkin", {"rate.pain": pain, "at": f"{day}T20:00"}
            ).status_code
            == 303
        )
    fixed = _plan(first, schedule="fixed_4_5", titration_mg="", titration_form="", maintenance_mg="")
    made = owner.post(f"/p/{owner.user_id}/trials", {**fixed, "maintenance_form": ""})
    page = owner.client.get(made.headers["location"] + "/evaluation").text
    assert "What the trial showed" in page
    assert "In week 12, after 12 weeks at the target dose, your average pain changed by -42 %" in page
    assert "regression to the mean" in page
    assert "12 (final)" in page
    assert "4 (interim)" in page
    assert "90 % interval" in page
    assert "Younger 2013" in page
    assert "FINAL" in page
    assert "not a decision to continue or stop" in page
    early = owner.client.get(f"/p/{owner.user_id}/trials/{personas.ids['trial_id']}/evaluation").text
    assert "Not judged yet" in early
    assert "Interim: 2 of 14 weeks so far" in early
    assert "12 % got no pain relief until after three months" in early


def test_opioid_use_stops_every_path_until_a_clinician_confirms(app: FastAPI, personas: Personas) -> None:
    owner, trial = personas.owner, personas.ids["trial_id"]
    base = f"/p/{owner.user_id}/trials/{trial}"
    assert owner.post(f"{base}/doses", {"on": TODAY.isoformat()}).status_code == 303
    doses = _doses(app, trial)
    assert (
        owner.post(
            f"{base}/opioids",
            {"used_on": TODAY.isoformat(), "detail": "tramadol", "pattern": "intermittent"},
        ).status_code
        == 303
    )
    for path in ("/prescription", "/costs", "/evaluation"):
        stopped = owner.client.get(base + path)
        assert stopped.status_code == 409, path
        assert "Opioid use is recorded" in stopped.text
        assert "Request for my clinician" not in stopped.text
    page = owner.client.get(base).text
    assert "This trial is stopped" in page
    assert "Dose calendar" not in page
    assert "Naltrexone blocks opioids: is it safe to go on" in page  # the question for the clinician
    refused = owner.post(f"{base}/doses", {"on": TODAY.isoformat(), "mg": "1"})
    assert refused.status_code == 409
    assert _doses(app, trial) == doses
    # Side effects can still be recorded; a confirmation must name the clinician, be explicit and not be future-dated.
    assert owner.post(f"{base}/side-effects", {"effect": "nausea", "severity": "mild"}).status_code == 303
    statement = "I have reviewed the opioid use and the naltrexone trial may go on as planned."
    for form in (
        {"clinician": "", "confirmed_on": TODAY.isoformat(), "statement": statement},
        {"clinician": "Dr Lee", "confirmed_on": TODAY.isoformat(), "statement": "ok"},
        {
            "clinician": "Dr Lee",
            "confirmed_on": (TODAY + dt.timedelta(days=3)).isoformat(),
            "statement": statement,
        },
    ):
        assert owner.post(f"{base}/confirmation", form).status_code == 400
    # A confirmation older than the latest record does not cover it.
    old = {
        "clinician": "Dr Lee",
        "confirmed_on": (TODAY - dt.timedelta(days=2)).isoformat(),
        "statement": statement,
    }
    assert owner.post(f"{base}/confirmation", old).status_code == 303
    still = owner.client.get(base + "/prescription")
    assert still.status_code == 409
    assert "older than this record" in still.text
    current = {**old, "confirmed_on": TODAY.isoformat()}
    assert owner.post(f"{base}/confirmation", current).status_code == 303
    assert owner.client.get(base + "/prescription").status_code == 200
    assert owner.post(f"{base}/doses", {"on": TODAY.isoformat()}).status_code == 303
    page = owner.client.get(base).text
    assert "works as before" in page
    assert "stomach and bowel" in page


def test_around_the_clock_opioids_get_only_the_clinicians_very_low_start(
    app: FastAPI, personas: Personas
) -> None:
    owner, trial = personas.owner, personas.ids["trial_id"]
    base = f"/p/{owner.user_id}/trials/{trial}"
    record = {"used_on": TODAY.isoformat(), "detail": "oxycodone", "pattern": "around_the_clock"}
    assert owner.post(f"{base}/opioids", record).status_code == 303
    assert owner.client.get(base + "/prescription").status_code == 409
    note = {
        "clinician": "Dr Lee",
        "confirmed_on": TODAY.isoformat(),
        "statement": "I have reviewed the opioid use; start very-low-dose naltrexone as I set out.",
    }
    refused = owner.post(f"{base}/confirmation", note)
    assert refused.status_code == 400
    assert "very_low_0_5, very_low_0_25" in refused.text
    assert owner.client.get(base + "/prescription").status_code == 409
    assert owner.post(f"{base}/confirmation", {**note, "schedule": "weekly_1_5"}).status_code == 400
    assert owner.post(f"{base}/confirmation", {**note, "schedule": "very_low_0_25"}).status_code == 303
    rx = owner.client.get(base + "/prescription")
    assert rx.status_code == 200
    assert "0.5 mg scored tablets" in rx.text
    assert "(0.25 mg)" in rx.text
    with transaction(app.state.fibrokit.factory) as session:
        row = session.get(TrialRow, trial)
        assert row is not None
        assert ldn_schedule(row.schedule_key).first_mg <= 0.5


def test_planning_with_opioids_stops_the_trial_at_once(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    made = owner.post(
        f"/p/{owner.user_id}/trials",
        _plan(
            TODAY + dt.timedelta(days=14), opioids="yes", opioid_detail="codeine", opioid_on=TODAY.isoformat()
        ),
    )
    assert made.status_code == 303
    assert "This trial is stopped" in owner.client.get(made.headers["location"]).text
    # The record is the person's: the earlier trial stops too.
    assert owner.client.get(f"/p/{owner.user_id}/trials/{personas.ids['trial_id']}/costs").status_code == 409
    with transaction(app.state.fibrokit.factory) as session:
        assert session.scalar(select(func.count()).select_from(OpioidRecordRow)) == 1


def test_a_bad_plan_is_one_sentence_and_stores_nothing(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    with transaction(app.state.fibrokit.factory) as session:
        before = session.scalar(select(func.count()).select_from(TrialRow))
    first = TODAY + dt.timedelta(days=14)
    for extra, sentence in (
        ({"opioids": ""}, "Say whether you have taken any opioid"),
        ({"schedule": "megadose"}, "Choose one of the schedules"),
        ({"titration_mg": "4.5"}, "cannot make this schedule&#39;s 1.5 mg dose"),
        ({"maintenance_form": "patch"}, "give a strength in mg and a form"),
        ({"state": "ZZ"}, "not a code fibrokit knows"),
        ({"state": "GU"}, "give one of the 50 US states, DC or VI"),
        ({"schedule": "very_low_0_5"}, "only for around-the-clock opioid use"),
        ({"first_dose": (TODAY + dt.timedelta(days=1)).isoformat()}, "leaves room for only"),
        ({"first_dose": "2000-01-01"}, "within a year of today"),
        ({"primary": "happiness"}, "main outcome"),
        ({"opioids": "yes", "opioid_on": "2999-01-01"}, "in the future"),
    ):
        refused = owner.post(f"/p/{owner.user_id}/trials", _plan(first, **extra))
        assert refused.status_code == 400, extra
        assert sentence in refused.text, extra
    with transaction(app.state.fibrokit.factory) as session:
        assert session.scalar(select(func.count()).select_from(TrialRow)) == before
        assert session.scalar(select(func.count()).select_from(OpioidRecordRow)) == 0


def test_a_trial_of_another_treatment_in_the_app(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    first = TODAY - dt.timedelta(days=8)
    form = {
        "treatment": "magnesium glycinate",
        "steps": "150x7, 300",
        "unit": "mg",
        "first_dose": first.isoformat(),
    }
    made = owner.post(f"/p/{owner.user_id}/trials/other", {**form, "primary": "pain"})
    assert made.status_code == 303
    url = made.headers["location"]
    assert (
        owner.post(f"{url}/doses", {"on": first.isoformat(), "until": TODAY.isoformat()}).status_code == 303
    )
    page = owner.client.get(url).text
    assert "magnesium glycinate: 150 mg for 7 days, then 300 mg" in page
    assert "own schedule" in page
    assert "in week 13" in page
    assert "Prescription request" not in page
    assert "Record opioid use" not in page
    evaluation = owner.client.get(url + "/evaluation").text
    assert "Not judged yet" in evaluation
    assert "Interim: 1 of 13 weeks" in evaluation
    assert owner.client.get(url + "/costs").status_code == 400
    refused = owner.post(f"/p/{owner.user_id}/trials/other", {**form, "treatment": "LDN", "primary": "pain"})
    assert refused.status_code == 400
    assert "own planner" in refused.text
    assert personas.stranger.client.get(url).status_code == 404
