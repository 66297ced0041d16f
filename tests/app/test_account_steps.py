"""A profile change is followed by its explicit step: new norms, so the person's stored results are recomputed.

``actions.update_profile`` only says whether the year of birth or sex changed; the account route then runs
``actions.after_norms_changed``. Here a stored result is marked stale by a new year of birth, and left alone when
only the name changes (and another person's result is never touched).
"""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import select
from tests.app.conftest import Personas

from fibrokit.store.db import transaction
from fibrokit.store.tables import RecordingRow, ResultRow

KEPT = "computed-with-these-settings"


def _stored_result(app: FastAPI, user_id: int) -> int:
    with transaction(app.state.fibrokit.factory) as session:
        recording = RecordingRow(
            user_id=user_id, sha256="0" * 64, source_name="a.hrm", source_format="hrm", kind="resting"
        )
        session.add(recording)
        session.flush()
        result = ResultRow(
            recording_id=recording.id,
            user_id=user_id,
            kind="hrv",
            settings_key=KEPT,
            settings={},
            version="test",
            source_sha256="0" * 64,
            data={},
        )
        session.add(result)
        session.flush()
        return result.id


def _settings_key(app: FastAPI, result_id: int) -> str:
    with transaction(app.state.fibrokit.factory) as session:
        return str(session.scalar(select(ResultRow.settings_key).where(ResultRow.id == result_id)))


def test_a_new_year_of_birth_marks_the_results_for_recomputing(app: FastAPI, personas: Personas) -> None:
    mine = _stored_result(app, personas.owner.user_id)
    theirs = _stored_result(app, personas.stranger.user_id)
    assert personas.owner.post("/account/profile", {"name": "Alice"}).status_code == 200
    assert _settings_key(app, mine) == KEPT  # a name changes no norm
    assert personas.owner.post("/account/profile", {"name": "Alice", "birth_year": "1979"}).status_code == 200
    assert _settings_key(app, mine) != KEPT
    assert _settings_key(app, theirs) == KEPT
