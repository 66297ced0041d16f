"""Sharing: invitations (a new account or an existing one), read-only links, revocation, and the access log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.app._hashing import count_hashes
from tests.app.conftest import (
    CLINICIAN_AREAS,
    LINK_AREAS,
    PASSWORD,
    SECRET,
    Personas,
    add_account,
    csrf_of,
    invite_clinician,
    link_holder,
    settings_for,
    shown_link,
)

from fibrokit.services.accounts import auth as accounts
from fibrokit.store.db import transaction
from fibrokit.store.tables import AccessLog, Share, ShareInvitation, ShareLink, User
from fibrokit.web import create_app


def _invite(personas: Personas, email: str, areas: list[str]) -> str:
    owner = personas.owner
    page = owner.post(f"/p/{owner.user_id}/sharing/invitations", {"email": email, "areas": areas})
    assert page.status_code == 200, page.text  # type: ignore[attr-defined]
    return shown_link(page.text).removeprefix("http://testserver")  # type: ignore[attr-defined]


def test_the_invited_clinician_is_a_real_account_with_exactly_the_share(
    app: FastAPI, personas: Personas
) -> None:
    with transaction(app.state.fibrokit.factory) as session:
        clinician = session.get(User, personas.clinician.user_id)
        share = session.scalar(select(Share).where(Share.grantee_id == personas.clinician.user_id))
        used = session.scalar(
            select(ShareInvitation).where(ShareInvitation.grantee_id == personas.clinician.user_id)
        )
    assert clinician is not None
    assert clinician.email == "clinician@example.org"
    assert not clinician.is_admin
    assert share is not None
    assert tuple(share.areas.split(",")) == CLINICIAN_AREAS
    assert used is not None
    assert used.accepted_at is not None
    page = personas.owner.client.get(f"/p/{personas.owner.user_id}/sharing").text
    assert "clinician@example.org" in page
    assert "later@example.org" in page  # still waiting


def test_an_invitation_works_once_and_for_its_address_only(app: FastAPI, personas: Personas) -> None:
    url = _invite(personas, "second@example.org", ["pacing"])
    wrong = personas.stranger  # signed in as someone else
    page = wrong.client.get(url)
    assert "This invitation is for second@example.org" in page.text
    refused = wrong.client.post(url, data={"csrf_token": wrong.csrf})
    assert refused.status_code == 400
    assert "log in with that account to accept it" in refused.text
    client = TestClient(app, follow_redirects=False)
    form = client.get(url)
    made = client.post(url, data={"csrf_token": csrf_of(form.text), "password": PASSWORD})
    assert made.status_code == 200
    assert client.get(url).status_code == 200  # not accepted until the account, logged in, accepts it
    login = {"email": "second@example.org", "password": PASSWORD, "next": url}
    assert client.post("/login", data={"csrf_token": csrf_of(made.text), **login}).headers["location"] == url
    assert client.post(url, data={"csrf_token": csrf_of(client.get(url).text)}).status_code == 303
    assert TestClient(app).get(url).status_code == 404  # used up
    with transaction(app.state.fibrokit.factory) as session:
        assert (
            session.scalar(select(func.count()).select_from(User).where(User.email == "second@example.org"))
            == 1
        )


def test_an_existing_account_accepts_while_signed_in(app: FastAPI, personas: Personas) -> None:
    stranger = personas.stranger
    pacing = f"/p/{personas.owner.user_id}/pacing"
    assert stranger.client.get(pacing).status_code == 404
    url = _invite(personas, stranger.email, ["pacing"])
    page = stranger.client.get(url)
    assert ">Accept<" in page.text
    accepted = stranger.client.post(url, data={"csrf_token": stranger.csrf})
    assert accepted.status_code == 303
    assert stranger.client.get(pacing).status_code == 200
    assert stranger.client.get(f"/p/{personas.owner.user_id}").status_code == 404  # tests not shared


def test_an_invitation_does_not_tell_whether_the_account_exists(personas: Personas) -> None:
    owner = personas.owner
    answers = []
    for email in (personas.stranger.email, "nobody-here@example.org"):
        page = owner.post(f"/p/{owner.user_id}/sharing/invitations", {"email": email, "areas": ["tests"]})
        notice = re.search(r'<div class="card notice" role="status">(.*?)</div>', page.text, re.S)  # type: ignore[attr-defined]
        assert notice is not None
        answers.append(
            (
                page.status_code,
                re.sub(r"http://testserver/join/\S+<", "", notice.group(1).replace(email, "EMAIL")),
            )
        )  # type: ignore[attr-defined]
    assert answers[0] == answers[1]
    assert answers[0][0] == 200


def _join_answer(app: FastAPI, url: str, email: str) -> tuple[int, str, list[str]]:
    client = TestClient(app, follow_redirects=False)
    form = client.get(url)
    sent = client.post(url, data={"csrf_token": csrf_of(form.text), "password": "another long password"})
    token = url.rsplit("/", 1)[1]
    text = re.sub(r'name="csrf_token" value="[^"]+"', "", sent.text.replace(email, "ADDRESS"))
    return sent.status_code, text.replace(token, "TOKEN"), sorted(sent.cookies.keys())


def test_the_invited_person_is_not_told_whether_the_address_has_an_account(
    app: FastAPI, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = count_hashes(monkeypatch)
    owner = personas.owner
    known_url = _invite(personas, personas.stranger.email, ["diary"])
    unknown_url = _invite(personas, "nobody-yet@example.org", ["diary"])
    known = _join_answer(app, known_url, personas.stranger.email)
    assert counting.hashes == 1  # one argon2 hash either way: the same time, within noise
    unknown = _join_answer(app, unknown_url, "nobody-yet@example.org")
    assert counting.hashes == 2
    assert known == unknown
    assert known[0] == 200
    assert "If no account here used this address, one does now" in known[1]
    assert known[2] == []  # nobody is signed in
    for url in (known_url, unknown_url):
        assert TestClient(app).get(url).status_code == 200  # both still wait to be accepted
    waiting = owner.client.get(f"/p/{owner.user_id}/sharing").text
    assert personas.stranger.email in waiting
    assert "nobody-yet@example.org" in waiting
    with transaction(app.state.fibrokit.factory) as session:
        stranger = session.get(User, personas.stranger.user_id)
        made = session.scalar(select(User).where(User.email == "nobody-yet@example.org"))
        shares = session.scalar(
            select(func.count()).select_from(Share).where(Share.owner_id == owner.user_id)
        )
    assert stranger is not None
    assert accounts.verify_password(stranger.password_hash, PASSWORD)
    assert made is not None
    assert shares == 1  # the clinician's only


def test_a_refused_sign_up_leaves_nothing(app: FastAPI, personas: Personas) -> None:
    url = _invite(personas, "short@example.org", ["diary"])
    client = TestClient(app, follow_redirects=False)
    form = client.get(url)
    refused = client.post(url, data={"csrf_token": csrf_of(form.text), "password": "short"})
    assert refused.status_code == 400
    assert "the password must have at least 10 characters" in refused.text
    existing = _invite(personas, personas.admin.email, ["diary"])
    taken = client.post(existing, data={"csrf_token": csrf_of(form.text), "password": PASSWORD})
    assert taken.status_code == 200  # answered like a new account, and nothing changed
    with transaction(app.state.fibrokit.factory) as session:
        assert session.scalar(select(User.id).where(User.email == "short@example.org")) is None
        assert (
            session.scalar(
                select(func.count()).select_from(Share).where(Share.grantee_id == personas.admin.user_id)
            )
            == 0
        )
    assert client.get(url).status_code == 200  # the invitation still waits


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_closed_server_takes_no_sign_up_through_an_invitation(database_url: str, tmp_path: Path) -> None:
    instance = create_app(settings_for(database_url, tmp_path / "data", signup="closed"), run_worker=False)
    owner = add_account(instance, "owner@example.org")
    page = owner.post(
        f"/p/{owner.user_id}/sharing/invitations", {"email": "gp@example.org", "areas": ["tests"]}
    )
    url = shown_link(page.text).removeprefix("http://testserver")  # type: ignore[attr-defined]
    client = TestClient(instance, follow_redirects=False)
    form = client.get(url)
    assert "This server does not take sign-ups" in form.text
    refused = client.post(
        url, data={"csrf_token": client.cookies.get("fibrokit_csrf") or "", "password": PASSWORD}
    )
    assert refused.status_code == 400
    assert "this server does not take sign-ups" in refused.text
    instance.state.fibrokit.engine.dispose()


@pytest.mark.parametrize(
    ("path", "data", "sentence"),
    [
        (
            "invitations",
            {"email": "not an address", "areas": ["tests"]},
            "please give a valid e-mail address",
        ),
        ("invitations", {"email": "gp@example.org"}, "choose at least one area to share"),
        ("invitations", {"email": "owner@example.org", "areas": ["tests"]}, "you cannot share with yourself"),
        ("invitations", {"email": "gp@example.org", "areas": ["genome"]}, "unknown area &#39;genome&#39;"),
        ("links", {"areas": ["tests"], "days": "5"}, "a link lasts 1, 7, 30, 90 days"),
        ("links", {"days": "7"}, "choose at least one area to share"),
    ],
)
def test_bad_sharing_input_gets_one_sentence_and_stores_nothing(
    app: FastAPI, personas: Personas, path: str, data: dict[str, object], sentence: str
) -> None:
    owner = personas.owner
    with transaction(app.state.fibrokit.factory) as session:
        before = (
            session.scalar(select(func.count()).select_from(ShareInvitation)),
            session.scalar(select(func.count()).select_from(ShareLink)),
        )
    page = owner.post(f"/p/{owner.user_id}/sharing/{path}", data)
    assert page.status_code == 400  # type: ignore[attr-defined]
    assert sentence in page.text  # type: ignore[attr-defined]
    with transaction(app.state.fibrokit.factory) as session:
        after = (
            session.scalar(select(func.count()).select_from(ShareInvitation)),
            session.scalar(select(func.count()).select_from(ShareLink)),
        )
    assert after == before


def test_tokens_are_stored_only_as_keyed_hashes(app: FastAPI, personas: Personas, database_url: str) -> None:
    link_token = personas.link.rsplit("/", 1)[1]
    invitation_token = _invite(personas, "third@example.org", ["tests"]).rsplit("/", 1)[1]
    with transaction(app.state.fibrokit.factory) as session:
        link = session.scalar(select(ShareLink))
        invitation = session.scalar(
            select(ShareInvitation).where(ShareInvitation.email == "third@example.org")
        )
    assert link is not None
    assert invitation is not None
    assert link.key == accounts.keyed(SECRET, link_token) != link_token
    assert invitation.key == accounts.keyed(SECRET, invitation_token)
    if database_url.startswith("sqlite"):
        app.state.fibrokit.engine.dispose()
        stored = Path(database_url.removeprefix("sqlite:///"))
        files = b"".join(p.read_bytes() for p in stored.parent.glob(stored.name + "*"))
        assert link_token.encode() not in files
        assert invitation_token.encode() not in files


def test_the_link_cookie_is_private_to_the_owners_pages_and_ends_with_the_link(
    app: FastAPI, personas: Personas
) -> None:
    response = TestClient(app, follow_redirects=False).get(personas.link)
    assert response.status_code == 200
    cookie = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith("fibrokit_link=")
    )
    assert f"Path=/p/{personas.owner.user_id}" in cookie
    assert "HttpOnly" in cookie
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))  # type: ignore[union-attr]
    assert 6 * 86400 < max_age <= 7 * 86400
    assert "owner shares some of their data with you" in response.text
    assert f'href="/p/{personas.owner.user_id}/pacing"' in response.text
    # Every area of the link is listed; one without pages yet (on this branch, treatments) is named plainly.
    assert "Treatments and trials" in response.text


def test_every_look_by_someone_else_is_logged_without_health_data(app: FastAPI, personas: Personas) -> None:
    owner, clinician = personas.owner, personas.clinician
    base = f"/p/{owner.user_id}"
    recording = personas.ids["recording_id"]
    owner.client.get(base)  # the owner's own visits are not logged
    owner.client.get(f"{base}/recordings/{recording}")
    assert clinician.client.get(f"{base}/recordings/{recording}").status_code == 200
    assert clinician.client.get(f"{base}/recordings?since=2008-01-01&kind=morning-reading").status_code == 200
    assert clinician.client.get(f"{base}/pacing").status_code == 404  # refused: not an access
    holder, _ = link_holder(app, personas.link)
    assert holder.get(f"{base}/pacing").status_code == 200
    with transaction(app.state.fibrokit.factory) as session:
        rows = session.scalars(select(AccessLog).order_by(AccessLog.id)).all()
        entries = [(r.owner_id, r.who, r.area, r.method, r.path, r.viewer_id, r.link_id) for r in rows]
    link_id = personas.ids["link_id"]
    assert entries == [
        (
            owner.user_id,
            clinician.email,
            "tests",
            "GET",
            f"{base}/recordings/{recording}",
            clinician.user_id,
            None,
        ),
        (owner.user_id, clinician.email, "tests", "GET", f"{base}/recordings", clinician.user_id, None),
        (
            owner.user_id,
            f"link {link_id} (for a second opinion)",
            "pacing",
            "GET",
            f"{base}/pacing",
            None,
            link_id,
        ),
    ]
    columns = {c.name for c in AccessLog.__table__.columns}
    assert columns == {"id", "owner_id", "viewer_id", "link_id", "who", "area", "method", "path", "at"}
    log = owner.client.get(f"{base}/sharing/log")
    assert log.status_code == 200
    assert "3 in all" in log.text
    assert "rest_rri" not in log.text
    assert clinician.email in log.text
    assert clinician.client.get(f"{base}/sharing/log").status_code == 404
    assert holder.get(f"{base}/sharing/log").status_code == 404


def test_a_revoked_share_can_be_given_again_by_a_new_invitation(app: FastAPI, personas: Personas) -> None:
    owner, clinician = personas.owner, personas.clinician
    owner.post(f"/p/{owner.user_id}/sharing/shares/{personas.ids['share_id']}/revoke")
    assert clinician.client.get(f"/p/{owner.user_id}").status_code == 404
    url = _invite(personas, clinician.email, ["pacing"])
    assert clinician.client.post(url, data={"csrf_token": clinician.csrf}).status_code == 303
    assert clinician.client.get(f"/p/{owner.user_id}").status_code == 404
    assert clinician.client.get(f"/p/{owner.user_id}/pacing").status_code == 200


def test_a_second_clinician_made_by_the_flow_sees_only_their_share(app: FastAPI, personas: Personas) -> None:
    second = invite_clinician(app, personas.owner, "physio@example.org", LINK_AREAS)
    owner = personas.owner.user_id
    assert second.client.get(f"/p/{owner}/pacing").status_code == 200
    assert second.client.get(f"/p/{owner}").status_code == 404
    assert personas.clinician.client.get(f"/p/{owner}").status_code == 200
    start = second.client.get("/").text
    assert f'href="/p/{owner}/pacing"' in start
    assert "rest_rri" not in start
