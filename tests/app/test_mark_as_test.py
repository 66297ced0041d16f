"""The recording page's "this was a test" control: the owner names the test and types its phases."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from tests.app.conftest import Personas
from tests.conftest import shared_file

from fibrokit.services.imports.file import import_file
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.actions import recompute
from fibrokit.store.db import transaction
from fibrokit.store.tables import RecordingRow, User

PHASES = "rest=4:30-5:36,exercise=5:36-36:03,recovery=36:03-42:00"


@pytest.fixture
def bout(app: FastAPI, personas: Personas) -> int:
    """The owner's steady exercise bout, imported and stored as an activity (it is not a graded test)."""
    factory = app.state.fibrokit.factory
    with transaction(factory) as session:
        user = session.get(User, personas.owner.user_id)
        assert user is not None
        user.birth_year = 1980
        outcome = import_file(session, personas.owner.user_id, shared_file("polar/exercise_rri.hrm"))
    assert outcome.recording_id is not None
    with transaction(factory) as session:
        assert (
            session.scalar(select(RecordingRow.kind).where(RecordingRow.id == outcome.recording_id))
            == "activity"
        )
    return outcome.recording_id


def test_the_owner_marks_a_recording_as_an_exercise_test_with_phases(
    app: FastAPI, personas: Personas, bout: int
) -> None:
    owner = personas.owner
    url = f"/p/{owner.user_id}/recordings/{bout}"
    assert "This was a test" in owner.client.get(url).text
    done = owner.post(f"{url}/test", {"kind": "exercise-test", "phases": PHASES})
    assert done.status_code == 303  # type: ignore[attr-defined]
    page = owner.client.get(url).text
    assert "Chronotropic reserve" in page
    assert "below the usual range: a finding" in page
    with transaction(app.state.fibrokit.factory) as session:
        row = session.get(RecordingRow, bout)
        assert row is not None
        assert row.kind == "exercise-test"
        assert row.details["given"]["phases"]["exercise"] == [336.0, 2163.0]
        stored = queries.results(session, bout)["analysis"].data
        assert {p["origin"] for p in stored["phases"]["used"]} == {"given"}


def test_phases_that_cannot_be_read_are_refused_in_one_sentence(personas: Personas, bout: int) -> None:
    owner = personas.owner
    done = owner.post(
        f"/p/{owner.user_id}/recordings/{bout}/test", {"kind": "exercise-test", "phases": "x=1-2"}
    )
    assert done.status_code == 400  # type: ignore[attr-defined]
    assert "cannot read the phase" in done.text  # type: ignore[attr-defined]


def test_only_the_owner_may_mark_a_test(personas: Personas, bout: int) -> None:
    url = f"/p/{personas.owner.user_id}/recordings/{bout}/test"
    for other in (personas.clinician, personas.stranger):
        refused = other.post(url, {"kind": "exercise-test", "phases": PHASES})
        assert refused.status_code == 404  # type: ignore[attr-defined]


def test_a_heart_rate_only_ride_shows_its_mean_heart_rate_in_the_list_and_on_its_page(
    app: FastAPI, personas: Personas
) -> None:
    owner = personas.owner
    with transaction(app.state.fibrokit.factory) as session:
        outcome = import_file(session, owner.user_id, shared_file("fit/compressed-speed-distance.fit"))
    assert outcome.recording_id is not None
    with transaction(app.state.fibrokit.factory) as session:
        row = session.get(RecordingRow, outcome.recording_id)
        assert row is not None
        assert row.kind == "activity"
        assert row.beat_count == 0
        mean = row.mean_hr_bpm
    assert mean is not None
    assert 100 < mean < 200
    listed = owner.client.get(f"/p/{owner.user_id}/recordings").text
    assert f">{mean:.0f}<" in listed
    page = owner.client.get(f"/p/{owner.user_id}/recordings/{outcome.recording_id}").text
    assert f"{round(mean)} bpm" in page
    assert "heart-rate samples only" in page
    assert "is analysed as an activity, not scored as a test" in page


def test_the_recovery_posture_and_why_they_stopped_are_used_and_kept(
    app: FastAPI, personas: Personas, bout: int
) -> None:
    owner = personas.owner
    url = f"/p/{owner.user_id}/recordings/{bout}"
    page = owner.client.get(url).text
    assert 'name="cool_down"' in page
    assert 'name="stopped_because"' in page
    said = {"kind": "exercise-test", "phases": PHASES, "cool_down": "supine", "stopped_because": "limit"}
    assert owner.post(f"{url}/test", said).status_code == 303  # type: ignore[attr-defined]
    with transaction(app.state.fibrokit.factory) as session:
        row = session.get(RecordingRow, bout)
        assert row is not None
        assert row.details["given"]["cool_down"] == "supine"
        assert row.details["given"]["stopped_because"] == "limit"
        scored = queries.results(session, bout)["protocol"].data["settings"]
        recompute(session, row, age=None)
        again = queries.results(session, bout)["protocol"].data["settings"]
    assert (scored["cool_down"], scored["peak_effort"], scored["test_kind"]) == (
        "supine",
        "true",
        "symptom-limited",
    )
    assert (again["cool_down"], again["peak_effort"]) == ("supine", "true")


def test_an_unknown_recovery_posture_is_refused_in_one_sentence(personas: Personas, bout: int) -> None:
    owner = personas.owner
    said = {"kind": "exercise-test", "phases": PHASES, "cool_down": "handstand"}
    refused = owner.post(f"/p/{owner.user_id}/recordings/{bout}/test", said)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "the recovery posture must be one of supine, seated, active" in refused.text  # type: ignore[attr-defined]
