"""The live pacing routes: today's monitor spec (or why there is none), and a posted session refused clearly or
queued for import like any upload."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from tests.app.conftest import add_account, run_imports

from fibrokit.services.pacing.live import SessionInputError, session_csv
from fibrokit.store.db import transaction
from fibrokit.store.tables import RecordingRow


def test_the_spec_says_why_there_are_no_lines_then_gives_the_cores_numbers(app: FastAPI) -> None:
    owner = add_account(app, "live-owner@example.org")
    base = f"/p/{owner.user_id}/pacing"
    answer = owner.client.get(base + "/live/spec.json").json()
    assert answer["spec"] is None
    assert answer["problem"]
    owner.post(base + "/settings", {"threshold_bpm": "95", "ceiling_bpm": "110"})
    spec = owner.client.get(base + "/live/spec.json").json()["spec"]
    assert (spec["threshold_bpm"], spec["ceiling_bpm"], spec["used_points"]) == (95, 110, 0)
    assert spec["dwell_s"] > 0
    assert spec["zone_labels"] == ["rest", "activity", "over ceiling"]


def test_a_posted_session_is_imported_and_a_bad_one_refused_in_one_sentence(app: FastAPI) -> None:
    owner = add_account(app, "live-saver@example.org")
    url = f"/p/{owner.user_id}/pacing/live/session"
    headers = {"x-csrf-token": owner.csrf, "content-type": "application/json"}
    refused = owner.client.post(url, content=json.dumps({"started": "x", "beats": []}), headers=headers)
    assert refused.status_code == 400
    assert refused.json()["error"].endswith(".")
    no_token = owner.client.post(url, content="{}", headers={"content-type": "application/json"})
    assert no_token.status_code == 403
    beats = [[0.8 * (i + 1), 800.0] for i in range(120)]
    session = {"started": "20261206-101500", "started_at": "2026-12-06T10:15:00.500-05:00", "beats": beats}
    saved = owner.client.post(url, content=json.dumps(session), headers=headers)
    assert saved.status_code == 200
    assert saved.json()["name"] == "live-session-20261206-101500.csv"
    assert run_imports(app) == 1
    page = owner.client.get(saved.json()["job_url"]).text
    assert "live-session-20261206-101500.csv: imported as" in page
    with transaction(app.state.fibrokit.factory) as db:
        (row,) = db.scalars(select(RecordingRow).where(RecordingRow.user_id == owner.user_id)).all()
        # Timed where it happened: 10:15:00.5 at UTC-5 is 15:15:00.5 UTC, on the person's 6 December.
        assert row.start_utc is not None
        assert row.start_utc.isoformat() == "2026-12-06T15:15:00.500000"
        assert row.local_day is not None
        assert row.local_day.isoformat() == "2026-12-06"


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ([1, 2], "not sent as a list of beats"),
        ({"started": "20261206-101500", "beats": [[0, 800]] * 5}, "between 10 and"),
        ({"started": "20261206-101500", "beats": [[1, 800]] * 9 + [["a", 800]]}, "Beat 10"),
        ({"started": "20261206-101500", "beats": [[2, 800]] * 9 + [[1, 800]]}, "comes before"),
        ({"started": "20261206-101500", "beats": [[1, 0]] * 10}, "no interval"),
        (
            {"started": "20261206-101500", "started_at": "2026-12-06T10:15:00", "beats": [[1, 800]] * 10},
            "time zone",
        ),
    ],
)
def test_a_malformed_session_is_refused_naming_the_problem(payload: object, words: str) -> None:
    with pytest.raises(SessionInputError, match=words):
        session_csv(payload)
