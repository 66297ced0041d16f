"""The camera reading page: the frame series a phone would send is scored, stored as a morning reading, and shown."""

from __future__ import annotations

import datetime as dt

import numpy as np
from fastapi import FastAPI
from tests.app.conftest import Persona, Personas
from tests.conftest import shared_file

from fibrokit.simulate import simulate_ppg_video


def _frames(finger: bool = True, seed: int = 2) -> dict[str, object]:
    rr = np.loadtxt(shared_file("polar/rest_rri.txt"))[200:330]
    video = simulate_ppg_video(rr, finger=finger, seed=seed)
    return {
        "t": video.times_s.round(4).tolist(),
        "r": video.red.round(3).tolist(),
        "g": video.green.round(3).tolist(),
        "started": "2026-03-02T06:40:00.000Z",
        "tz_offset_min": 60,
    }


def _post(owner: Persona, body: object) -> dict[str, object]:
    response = owner.client.post(
        f"/p/{owner.user_id}/camera", json=body, headers={"x-csrf-token": owner.csrf}
    )
    answer: dict[str, object] = response.json()
    assert response.status_code == (200 if answer.get("stored") else 422)
    return answer


def test_the_page_offers_a_two_minute_reading_and_never_less_than_the_minimum(
    app: FastAPI, personas: Personas
) -> None:
    owner = personas.owner
    page = owner.client.get(f"/p/{owner.user_id}/camera")
    assert page.status_code == 200
    assert 'data-seconds="120"' in page.text
    assert "/static/camera.js" in page.text
    assert "camera=(self)" in page.headers["permissions-policy"]
    short = owner.client.get(f"/p/{owner.user_id}/camera?seconds=20")
    assert 'data-seconds="75"' in short.text


def test_a_camera_reading_is_stored_as_a_morning_reading_and_shown(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    answer = _post(owner, _frames())
    assert answer["stored"] is True
    recording = owner.client.get(str(answer["url"]))
    assert recording.status_code == 200
    assert "phone camera" in recording.text
    assert "of pulse intervals were clean" in recording.text
    board = owner.client.get(f"/p/{owner.user_id}")
    assert "2026-03-02" in board.text
    assert "phone camera, 100 % clean pulse" in board.text
    assert f"/p/{owner.user_id}/camera" in board.text
    again = _post(owner, _frames())  # the same series again is the same reading, not a second one
    assert again["url"] == answer["url"]
    assert dt.date(2026, 3, 2).isoformat() in owner.client.get(f"/p/{owner.user_id}/recordings").text


def test_a_reading_without_a_finger_or_malformed_is_refused_in_one_sentence(
    app: FastAPI, personas: Personas
) -> None:
    owner = personas.owner
    refused = _post(owner, _frames(finger=False))
    assert refused["stored"] is False
    assert "No fingertip covered the camera" in str(refused["message"])
    broken = _post(owner, {"t": [0, 1], "r": [1]})
    assert broken["stored"] is False
    assert "lacks frame times" in str(broken["message"])


def test_only_the_owner_can_post_a_reading(app: FastAPI, personas: Personas) -> None:
    owner, stranger = personas.owner, personas.stranger
    response = stranger.client.post(
        f"/p/{owner.user_id}/camera", json=_frames(), headers={"x-csrf-token": stranger.csrf}
    )
    assert response.status_code == 404
    missing_token = owner.client.post(f"/p/{owner.user_id}/camera", json=_frames())
    assert missing_token.status_code == 403
