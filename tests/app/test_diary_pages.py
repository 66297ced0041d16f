"""The diary in the app, on SQLite and PostgreSQL: check-ins, remembered items, days folded by the core,
questionnaires with their bands and sources, per-area sharing, and bad input refused with one sentence."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from tests.app.conftest import Personas, add_account

from fibrokit.diary import AcrSymptoms, FiqrAnswers, PainArea, SomaticSymptoms, acr_2010, acr_2016, fiqr_score
from fibrokit.services.accounts import actions
from fibrokit.store.db import transaction
from fibrokit.store.tables import CheckInRow, DiaryDay, InstrumentRow


def _count(app: FastAPI, table: type) -> int:
    with transaction(app.state.fibrokit.factory) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def _day(app: FastAPI, user_id: int, day: dt.date) -> DiaryDay | None:
    with transaction(app.state.fibrokit.factory) as session:
        return session.get(DiaryDay, (user_id, day))


def test_check_ins_of_one_day_fold_into_one_day_and_removal_refolds_it(
    app: FastAPI, personas: Personas
) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    day = dt.date.today() - dt.timedelta(days=3)
    for hour, pain in ((8, "3"), (13, "6"), (21, "9")):
        saved = owner.post(
            f"{base}/checkin",
            {
                "rate.pain": pain,
                "rate.fatigue": "",
                "factor": "cold",
                "at": f"{day.isoformat()}T{hour:02d}:00",
            },
        )
        assert saved.status_code == 303, saved.text
    folded = _day(app, owner.user_id, day)
    assert folded is not None
    assert folded.checkins == 3
    assert folded.symptoms["pain"] == {"mean": 6.0, "low": 3.0, "high": 9.0, "count": 3}
    assert "fatigue" not in folded.symptoms  # left unrated, not zero
    assert folded.factors == ["cold"]
    page = owner.client.get(base)
    assert '6.0 <span class="muted">(3–9)</span>' in page.text
    with transaction(app.state.fibrokit.factory) as session:
        last = session.scalar(
            select(CheckInRow.id).where(CheckInRow.local_day == day).order_by(CheckInRow.id.desc())
        )
    assert owner.post(f"{base}/checkins/{last}/delete").status_code == 303
    refolded = _day(app, owner.user_id, day)
    assert refolded is not None
    assert (refolded.checkins, refolded.symptoms["pain"]["mean"]) == (2, 4.5)


def test_a_bad_rating_is_one_sentence_and_stores_nothing(app: FastAPI, personas: Personas) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    before = _count(app, CheckInRow)
    for form, sentence in (
        ({"rate.pain": "11"}, "must be between 0 and 10"),
        ({"rate.pain": "lots"}, "give a number from 0 to 10"),
        ({"rate.pain": "4", "at": "2999-01-01T10:00"}, "in the future"),
        ({"rate.pain": "4", "at": "yesterday"}, "not a date and time"),
        ({"rate.nonsense": "4"}, "not a symptom item"),
        ({}, "Nothing to save"),
    ):
        refused = owner.post(f"{base}/checkin", form)
        assert refused.status_code == 400, form
        assert sentence in refused.text, form
        assert "Traceback" not in refused.text
    assert _count(app, CheckInRow) == before


def test_items_carry_over_custom_ones_and_ongoing_factors_included(app: FastAPI, personas: Personas) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    assert owner.post(f"{base}/items", {"label": "Ringing ears", "kind": "symptom"}).status_code == 303
    assert owner.post(f"{base}/items", {"label": "Ringing ears", "kind": "symptom"}).status_code == 400
    assert owner.post(f"{base}/items/remove", {"key": "mood"}).status_code == 303
    saved = owner.post(
        f"{base}/checkin", {"rate.ringing_ears": "4", "factor": "menstruation", "ongoing": "menstruation"}
    )
    assert saved.status_code == 303
    form = owner.client.get(f"{base}/checkin").text
    assert 'name="rate.ringing_ears"' in form
    assert 'name="rate.mood"' not in form
    assert re.search(r'id="f-menstruation" name="factor" value="menstruation" checked', form)
    assert re.search(r'id="f-stress" name="factor" value="stress" >', form)  # not ongoing: not pre-ticked
    assert "last time 4" in form
    # The removed item's earlier ratings keep their name in the history.
    assert owner.post(f"{base}/checkin", {"rate.pain": "2"}).status_code == 303
    assert owner.post(f"{base}/items/remove", {"key": "nonsense"}).status_code == 400


def test_fiqr_form_scores_like_the_core_with_bands_and_sources(app: FastAPI, personas: Personas) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    function, overall, symptoms = ["7"] * 8 + [""], ["8", "6"], ["7"] * 10
    saved = owner.post(
        f"{base}/fiqr",
        {"function": function, "overall": overall, "symptoms": symptoms, "taken_on": "2025-03-01"},
    )
    assert saved.status_code == 303
    expected = fiqr_score(FiqrAnswers((7.0,) * 8 + (None,), (8.0, 6.0), (7.0,) * 10))
    page = owner.client.get(saved.headers["location"])
    assert f"{expected.total:.1f} of 100: {expected.band}" in page.text
    assert f"<td>{expected.band} (yours)</td>" in page.text
    assert "Salaffi" in page.text
    assert "fiqr.band.salaffi_2020" in page.text
    assert "Pro-rated for blank answers: function" in page.text
    before = _count(app, InstrumentRow)
    invalid = owner.post(
        f"{base}/fiqr", {"function": ["5"] * 7 + ["", ""], "overall": overall, "symptoms": symptoms}
    )
    assert invalid.status_code == 400
    assert "the authors&#39; rule allows 1" in invalid.text
    assert 'value="5"' in invalid.text  # the answers are kept for correction
    assert _count(app, InstrumentRow) == before


def _acr_form(version: str, areas: list[PainArea]) -> dict[str, object]:
    return {
        "version": version,
        "areas": [a.name for a in areas],
        "fatigue": "3",
        "waking_unrefreshed": "3",
        "cognitive": "2",
        "headaches": "yes",
        "three_months": "yes",
        "other_disorder": "no",
        "somatic_burden": "1",
    }


def test_acr_versions_stay_separate_and_say_it_is_not_a_diagnosis(app: FastAPI, personas: Personas) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    areas = [PainArea.SHOULDER_LEFT, PainArea.HIP_RIGHT, PainArea.NECK]
    symptoms = AcrSymptoms(3, 3, 2)
    core_2010 = acr_2010(
        frozenset(areas), symptoms, 1, symptoms_three_months=True, other_disorder_explains_pain=False
    )
    core_2016 = acr_2016(
        frozenset(areas), symptoms, SomaticSymptoms(True, False, False), symptoms_three_months=True
    )
    assert core_2010.meets
    assert not core_2016.meets
    pages = {}
    for version in ("2010", "2016"):
        saved = owner.post(f"{base}/acr", _acr_form(version, areas))
        assert saved.status_code == 303
        pages[version] = owner.client.get(saved.headers["location"]).text
    assert "These answers meet the criteria of ACR 2010" in pages["2010"]
    assert "These answers do not meet the criteria of ACR 2016" in pages["2016"]
    for text in pages.values():
        assert "This is not a diagnosis" in text
        assert text.count('class="area on"') == len(areas)
    assert "Polysymptomatic distress" in pages["2016"]
    assert "Polysymptomatic distress" not in pages["2010"]
    missing = owner.post(f"{base}/acr", {**_acr_form("2010", areas), "somatic_burden": ""})
    assert missing.status_code == 400
    assert "somatic rating" in missing.text
    unknown = owner.post(f"{base}/acr", {**_acr_form("2016", areas), "areas": ["ELBOW"]})
    assert unknown.status_code == 400


def test_pgic_about_a_trial_is_read_with_immpact(app: FastAPI, personas: Personas) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    trial = personas.ids["trial_id"]
    saved = owner.post(f"{base}/pgic", {"rating": "3", "trial_id": str(trial)})
    assert saved.status_code == 303
    page = owner.client.get(saved.headers["location"]).text
    assert "Minimally improved (3 of 7)" in page
    assert "a minimally important improvement" in page
    trial_page = owner.client.get(f"/p/{owner.user_id}/trials/{trial}").text
    assert "minimally improved (IMMPACT: minimal)" in trial_page
    assert owner.post(f"{base}/pgic", {"rating": "8"}).status_code == 400
    stranger = add_account(app, "other@example.org")
    # Someone else's trial cannot be named.
    assert (
        stranger.post(
            f"/p/{stranger.user_id}/diary/pgic", {"rating": "2", "trial_id": str(trial)}
        ).status_code
        == 400
    )


def test_sharing_is_per_area(app: FastAPI, personas: Personas) -> None:
    owner, clinician = personas.owner, personas.clinician
    diary_url, trial_url = (
        f"/p/{owner.user_id}/diary",
        f"/p/{owner.user_id}/trials/{personas.ids['trial_id']}",
    )
    with transaction(app.state.fibrokit.factory) as session:
        actions.grant_share(session, owner.user_id, clinician.user_id, ("tests", "diary", "treatments"))
    assert clinician.client.get(diary_url).status_code == 200
    assert clinician.client.get(trial_url).status_code == 200
    assert 'action="' + trial_url + '/doses"' not in clinician.client.get(trial_url).text  # read-only
    with transaction(app.state.fibrokit.factory) as session:
        actions.grant_share(session, owner.user_id, clinician.user_id, ("tests", "diary"))
    assert clinician.client.get(diary_url).status_code == 200
    assert clinician.client.get(trial_url).status_code == 404
    with transaction(app.state.fibrokit.factory) as session:
        actions.grant_share(session, owner.user_id, clinician.user_id, ("tests",))
    assert clinician.client.get(diary_url).status_code == 404
    assert clinician.client.get(f"{diary_url}/results/{personas.ids['result_id']}").status_code == 404


def test_history_periods_and_a_wrong_period(personas: Personas) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    for days in (30, 90, 365):
        assert owner.client.get(f"{base}?days={days}").status_code == 200
        figures = owner.client.get(f"{base}/trends.json?days={days}").json()
        assert set(figures) == {"daily", "weekly"}
        assert figures["daily"]["data"][0]["y"] == [6.0]
    assert owner.client.get(f"{base}?days=7").status_code == 400


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_health_data_stays_out_of_the_logs(
    app: FastAPI, personas: Personas, caplog: pytest.LogCaptureFixture
) -> None:
    owner, base = personas.owner, f"/p/{personas.owner.user_id}/diary"
    caplog.set_level(logging.DEBUG)
    secret = "my-private-note-about-the-clinic"
    assert owner.post(f"{base}/checkin", {"rate.pain": "7", "note": secret}).status_code == 303
    assert owner.post(f"{base}/checkin", {"rate.pain": "70", "note": secret}).status_code == 400
    owner.client.get(base)
    assert secret not in caplog.text


def test_check_ins_saved_at_once_are_all_folded_into_their_day(app: FastAPI, personas: Personas) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from fibrokit.services import diary

    owner, day = personas.owner, dt.date.today() - dt.timedelta(days=5)
    factory = app.state.fibrokit.factory

    def save(index: int) -> None:
        with transaction(factory) as session:
            at = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(minutes=index)
            diary.save_checkin(session, owner.user_id, at, {"pain": str(index % 11)}, [])

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(save, range(30)))
    folded = _day(app, owner.user_id, day)
    assert folded is not None
    assert folded.checkins == 30
    assert folded.symptoms["pain"]["mean"] == pytest.approx(sum(i % 11 for i in range(30)) / 30)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_simulated_diary_of_the_demo_fills_every_day(app: FastAPI, personas: Personas) -> None:
    from fibrokit.services.demo.simulated_diary import DiaryPlan, store_diary

    end = dt.date.today() - dt.timedelta(days=40)
    stored = store_diary(app.state.fibrokit.factory, personas.stranger.user_id, DiaryPlan(days=21), end=end)
    with transaction(app.state.fibrokit.factory) as session:
        days = session.scalars(select(DiaryDay).where(DiaryDay.user_id == personas.stranger.user_id)).all()
    assert len(days) == 21
    assert sum(d.checkins for d in days) == stored
    assert all(1 <= d.checkins <= 3 for d in days)
    assert all(0 <= s["low"] <= s["high"] <= 10 for d in days for s in d.symptoms.values())
    assert len({round(d.symptoms["pain"]["mean"], 1) for d in days}) > 3  # the days differ
