"""Recordings are named by what they are and when, and their owner can rename them on the recording's page."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import select
from tests.app.conftest import Personas

from fibrokit.services.recordings.title import TITLE_MAX
from fibrokit.store.db import transaction
from fibrokit.store.tables import RecordingRow

NAME = 'Morning after the <b>bad</b> night & "storm"'


def _stored(app: FastAPI, recording_id: object) -> str:
    with transaction(app.state.fibrokit.factory) as session:
        return str(session.scalar(select(RecordingRow.title).where(RecordingRow.id == recording_id)))


def _url(personas: Personas) -> str:
    return f"/p/{personas.owner.user_id}/recordings/{personas.ids['recording_id']}"


def test_a_recording_is_named_by_what_it_is_and_when_not_by_its_file(personas: Personas) -> None:
    owner = personas.owner
    listed = owner.client.get(f"/p/{owner.user_id}/recordings").text
    page = owner.client.get(_url(personas)).text
    for text in (listed, page):
        assert "Morning reading, " in text
    assert "rest_rri.txt" not in listed
    assert "rest_rri.txt" in page  # the file is still named on the recording's own page


def test_the_owner_renames_a_recording_and_the_name_is_shown_escaped_everywhere(
    app: FastAPI, personas: Personas
) -> None:
    owner = personas.owner
    done = owner.post(f"{_url(personas)}/title", {"title": f"  {NAME}\n"})
    assert done.status_code == 303  # type: ignore[attr-defined]
    assert _stored(app, personas.ids["recording_id"]) == NAME  # trimmed, one line
    pages = [
        owner.client.get(_url(personas)).text,
        owner.client.get(f"/p/{owner.user_id}/recordings").text,
        owner.client.get(f"/p/{owner.user_id}").text,
        personas.clinician.client.get(_url(personas)).text,  # the clinician sees the owner's name for it
    ]
    for text in pages:
        assert str(escape(NAME)) in text
        assert "<b>bad</b>" not in text
    assert f'<h1 id="recording-title">{escape(NAME)}</h1>' in pages[0]
    back = owner.post(f"{_url(personas)}/title", {"title": "   "})
    assert back.status_code == 303  # type: ignore[attr-defined]
    assert _stored(app, personas.ids["recording_id"]) == ""
    assert "Morning reading, " in owner.client.get(_url(personas)).text


def test_a_name_too_long_is_refused_in_one_sentence_and_nothing_changes(
    app: FastAPI, personas: Personas
) -> None:
    refused = personas.owner.post(f"{_url(personas)}/title", {"title": "x" * (TITLE_MAX + 1)})
    assert refused.status_code == 400  # type: ignore[attr-defined]
    sentence = str(escape(f"a recording's name has at most {TITLE_MAX} characters"))
    assert sentence in refused.text  # type: ignore[attr-defined]
    assert _stored(app, personas.ids["recording_id"]) == ""
    fits = personas.owner.post(f"{_url(personas)}/title", {"title": "y" * TITLE_MAX})
    assert fits.status_code == 303  # type: ignore[attr-defined]


def test_only_the_owner_renames_and_only_with_the_forms_token(app: FastAPI, personas: Personas) -> None:
    url = f"{_url(personas)}/title"
    for other in (personas.clinician, personas.stranger):
        assert other.post(url, {"title": "mine now"}).status_code == 404  # type: ignore[attr-defined]
    forged = personas.owner.client.post(url, data={"title": "forged", "csrf_token": "not the token"})
    assert forged.status_code == 403
    bare = TestClient(app, follow_redirects=False)
    assert bare.post(url, data={"title": "anonymous"}).status_code in (303, 403)
    assert _stored(app, personas.ids["recording_id"]) == ""
    assert "mine now" not in personas.clinician.client.get(_url(personas)).text
    assert 'action="' + url + '"' not in personas.clinician.client.get(_url(personas)).text
