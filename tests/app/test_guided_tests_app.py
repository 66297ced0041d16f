"""The guided tests' pages and endpoint without a browser: what is posted is stored, scored with the phases as
given, labelled when stopped early, and refused in one sentence when it is not a guided test."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from tests.app.conftest import Persona, add_account

from fibrokit.services.recordings import queries
from fibrokit.services.recordings.stored import given_phases, load_recording
from fibrokit.simulate import simulate_deep_breathing, simulate_exercise_test, simulate_valsalva, typical
from fibrokit.store.db import transaction
from fibrokit.store.tables import RecordingRow, User


def _owner(app: FastAPI) -> Persona:
    owner = add_account(app, "guided@example.org")
    with transaction(app.state.fibrokit.factory) as session:
        user = session.get(User, owner.user_id)
        assert user is not None
        user.birth_year = 1980
    return owner


def _body(**extra: Any) -> dict[str, Any]:
    beats = simulate_deep_breathing(typical(age=45.0), cycles=8, seed=5).recording.beats
    assert beats is not None
    pairs = [
        [round(float(t), 4), round(float(r), 3)] for t, r in zip(beats.times_s, beats.rr_ms, strict=True)
    ]
    return {"started": "20260301-071500", "beats": pairs, "stopped_at_s": None, **extra}


def _post(owner: Persona, kind: str, body: object) -> tuple[int, dict[str, Any]]:
    response = owner.client.post(
        f"/p/{owner.user_id}/guided/{kind}", json=body, headers={"x-csrf-token": owner.csrf}
    )
    answer: dict[str, Any] = response.json()
    return response.status_code, answer


def _row(app: FastAPI, url: str) -> tuple[RecordingRow, dict[str, Any]]:
    with transaction(app.state.fibrokit.factory) as session:
        row = session.get(RecordingRow, int(url.rsplit("/", 1)[1]))
        assert row is not None
        stored = {k: v.data for k, v in queries.results(session, row.id).items()}
        session.expunge(row)
    return row, stored


def test_a_guided_deep_breathing_is_stored_and_scored_with_the_phases_it_marked(app: FastAPI) -> None:
    owner = _owner(app)
    page = owner.client.get(f"/p/{owner.user_id}/guided/deep-breathing")
    assert page.status_code == 200
    assert "/static/guided_test.js" in page.text
    assert "1.0 min, breathing" in page.text
    status, answer = _post(owner, "deep-breathing", _body(phases={"rest": [0, 60], "breathing": [60, 120]}))
    assert status == 200, answer
    assert answer["problem"] == ""
    row, stored = _row(app, answer["url"])
    assert row.kind == "deep-breathing"
    assert row.source_name.startswith("guided-deep-breathing-20260301")
    assert given_phases(row) == {"rest": (0.0, 60.0), "breathing": (60.0, 120.0)}
    assert {p["origin"] for p in stored["analysis"]["phases"]["used"]} == {"given"}
    assert stored["protocol"]["findings"][0]["value"] is not None
    shown = owner.client.get(answer["url"]).text
    assert "Recorded as a guided deep breathing" in shown


def test_a_test_stopped_early_is_kept_labelled_and_not_scored_without_its_main_phase(app: FastAPI) -> None:
    owner = _owner(app)
    body = _body(phases={"rest": [0, 45.5]}, stopped_at_s=45.5)
    status, answer = _post(owner, "deep-breathing", body)
    assert status == 200, answer
    assert "stopped before its breathing phase" in answer["problem"]
    row, _ = _row(app, answer["url"])
    assert row.kind == "activity"  # kept as a recording, no test guessed
    with transaction(app.state.fibrokit.factory) as session:
        stored_row = session.get(RecordingRow, row.id)
        assert stored_row is not None
        assert load_recording(session, stored_row).beats is not None
    shown = owner.client.get(answer["url"]).text
    assert "stopped early, at 0:45" in shown


def test_what_is_not_a_guided_test_is_refused_in_one_sentence(app: FastAPI) -> None:
    owner = _owner(app)
    status, answer = _post(owner, "valsalva", _body(phases={"strain": [60, 75]}))
    assert status == 400
    assert answer["error"] == (
        "The test was sent without confirming that the safety notes of a Valsalva manoeuvre were read."
    )
    status, answer = _post(owner, "muscle-oxygen", _body(phases={"exercise": [60, 75]}))
    assert status == 400
    assert "needs a muscle-oxygen sensor" in answer["error"]
    status, answer = _post(owner, "deep-breathing", _body(phases={"standing": [0, 60]}))
    assert status == 400
    assert answer["error"] == "'standing' is not a phase of deep breathing."
    status, answer = _post(owner, "deep-breathing", _body(phases={"rest": [60, 10]}))
    assert "must start at 0 s or later and end after it starts" in answer["error"]
    status, answer = _post(owner, "deep-breathing", {"started": "20260301-071500", "beats": [[0, 800]]})
    assert status == 400
    assert answer["error"] == "A test needs between 10 and 320000 beats to be saved."
    assert owner.client.get(f"/p/{owner.user_id}/guided/muscle-oxygen").status_code == 404
    assert owner.client.get(f"/p/{owner.user_id}/guided/nothing").status_code == 404
    index = owner.client.get(f"/p/{owner.user_id}/guided").text
    assert "Muscle oxygen is not guided" in index


def test_a_test_stopped_during_its_main_phase_is_scored_on_what_was_done_and_labelled(app: FastAPI) -> None:
    owner = _owner(app)
    body = _body(phases={"rest": [0, 60], "breathing": [60, 100.5]}, stopped_at_s=100.5)
    status, answer = _post(owner, "deep-breathing", body)
    assert status == 200, answer
    assert answer["problem"] == ""
    row, stored = _row(app, answer["url"])
    assert row.kind == "deep-breathing"
    assert stored["protocol"]["findings"][0]["value"] is not None
    assert "stopped early, at 1:40" in owner.client.get(answer["url"]).text
    listing = owner.client.get(f"/p/{owner.user_id}/tests/deep-breathing").text
    assert "(a test stopped early)" in listing
    assert "(stopped early)" in listing
    assert f"/p/{owner.user_id}/guided/deep-breathing" in listing


def _pairs(beats: Any) -> list[list[float]]:
    return [[round(float(t), 4), round(float(r), 3)] for t, r in zip(beats.times_s, beats.rr_ms, strict=True)]


def test_a_guided_valsalva_needs_the_safety_notes_read_and_says_its_pressure_was_not_measured(
    app: FastAPI,
) -> None:
    owner = _owner(app)
    page = owner.client.get(f"/p/{owner.user_id}/guided/valsalva").text
    assert "Who should not do it" in page
    assert "proliferative retinopathy" in page
    assert "A phone cannot measure that pressure" in page
    assert 'id="guided-read"' in page
    assert "Thornton HS et al. 2016" in page
    beats = simulate_valsalva(typical(age=45.0), seed=5).recording.beats
    body = {
        "started": "20260301-071500",
        "beats": _pairs(beats),
        "phases": {"rest": [0, 60], "strain": [60, 75]},
        "stopped_at_s": None,
        "read_safety": True,
    }
    status, answer = _post(owner, "valsalva", body)
    assert status == 200, answer
    assert answer["problem"] == ""
    row, stored = _row(app, answer["url"])
    assert row.kind == "valsalva"
    assert row.details["metadata"]["strain_pressure"].startswith("not measured")
    assert stored["protocol"]["findings"][0]["value"] > 1.0
    assert "pressure of the strain was not measured" in owner.client.get(answer["url"]).text


def test_a_guided_exercise_test_keeps_the_posture_and_the_reason_for_stopping_and_is_dated(
    app: FastAPI,
) -> None:
    owner = _owner(app)
    choose = owner.client.get(f"/p/{owner.user_id}/guided/exercise-test").text
    assert 'id="guided-choose"' in choose
    assert "Recover in the posture you choose below" in choose
    assert 'id="guided-start"' not in choose
    page = owner.client.get(f"/p/{owner.user_id}/guided/exercise-test?posture=supine").text
    assert "Lie down straight away" in page
    assert 'id="guided-start"' in page
    assert "in the first days after a heart attack" in page
    beats = simulate_exercise_test(typical(age=45.0), recovery_s=300.0, seed=5).recording.beats
    body: dict[str, Any] = {
        "started": "20260301-071500",
        "started_at": "2026-03-01T07:15:00.250+01:00",
        "beats": _pairs(beats),
        "phases": {"rest": [0, 180], "exercise": [180, 780], "recovery": [780, 1080]},
        "stopped_at_s": None,
        "read_safety": True,
        "stopped_because": "limit",
        "dropouts": [[400.0, 412.5]],
    }
    status, answer = _post(owner, "exercise-test", body)
    assert status == 400
    assert "without the recovery posture" in answer["error"]
    status, answer = _post(owner, "exercise-test", {**body, "options": {"cool_down": ["supine"]}})
    assert status == 400
    assert "without the recovery posture" in answer["error"]
    wrong = {**body, "options": {"cool_down": "supine"}, "stopped_because": ["limit"]}
    status, answer = _post(owner, "exercise-test", wrong)
    assert status == 400
    assert answer["error"] == "Why the exercise stopped must be 'limit', 'chosen' or left empty."
    status, answer = _post(owner, "exercise-test", {**body, "options": {"cool_down": "supine"}})
    assert status == 200, answer
    row, stored = _row(app, answer["url"])
    assert row.kind == "exercise-test"
    # The real start, with its time zone: 07:15:00.25 in UTC+1 is 06:15:00.25 UTC on the person's 1 March.
    assert row.start_utc is not None
    assert row.start_utc.isoformat() == "2026-03-01T06:15:00.250000"
    assert row.local_day is not None
    assert row.local_day.isoformat() == "2026-03-01"
    settings = stored["protocol"]["settings"]
    assert (settings["cool_down"], settings["test_kind"]) == ("supine", "symptom-limited")
    norms = {f["symbol"]: f["norms"] for f in stored["protocol"]["findings"]}
    assert "protocols.hrr60.watanabe_2001" in str(norms["hrr_60s_bpm"])  # the supine cut-off applies
    shown = owner.client.get(answer["url"]).text
    assert "dropped out 1 time(s), for 12 s in all" in shown
    assert "Recovery chosen beforehand: lie down. You stopped because you could not go on" in shown
