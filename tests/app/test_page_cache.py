"""Pages build what a person's data fix once per change: few queries per visit, none more per row, and a write
makes every page current at once (the person's data version, bumped in the write's own transaction)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, update
from tests.app.conftest import Persona, Personas

from fibrokit.services.accounts import actions as account_actions
from fibrokit.services.home import kept
from fibrokit.store.db import transaction
from fibrokit.store.tables import AccessLog, PacingReview, RecordingRow
from fibrokit.store.versions import data_version

# Queries a visit makes once what the page shows is kept: the session, the access check, the data version,
# and (for someone other than the owner) the access log. None of them grows with the data.
WARM_QUERIES = {
    "/p/{owner}": 6,
    "/p/{owner}/recordings": 6,
    "/p/{owner}/diary": 6,
    "/p/{owner}/pacing": 6,
    "/p/{owner}/trends.json": 6,
    "/p/{owner}/diary/trends.json": 6,
}


@contextmanager
def _counting(app: FastAPI) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engine = app.state.fibrokit.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _queries(app: FastAPI, client: TestClient, url: str) -> int:
    with _counting(app) as statements:
        assert client.get(url).status_code == 200, url
    return len(statements)


def _cold(app: FastAPI, client: TestClient, url: str) -> int:
    """The queries of a visit that builds the page again (what the page keeps forgotten; a learned pacing
    budget, whose inputs recordings alone do not change, still kept)."""
    kept.forget()
    client.get(url)
    kept.forget()
    return _queries(app, client, url)


def _version(app: FastAPI, user_id: int) -> int:
    with transaction(app.state.fibrokit.factory) as session:
        return data_version(session, user_id)


def _add_recordings(
    app: FastAPI, user_id: int, count: int, *, kind: str = "activity", first: int = 0
) -> None:
    with transaction(app.state.fibrokit.factory) as session:
        for n in range(first, first + count):
            day = dt.date.today() - dt.timedelta(days=n + 1)
            session.add(
                RecordingRow(
                    user_id=user_id,
                    sha256=f"{n:08d}{kind}".ljust(64, "0"),
                    source_name=f"walk-{n}.fit",
                    source_format="fit",
                    kind=kind,
                    start_utc=dt.datetime.combine(day, dt.time(9)),
                    local_day=day,
                    duration_s=1800.0,
                    details={},
                )
            )


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_visit_after_nothing_changed_makes_a_handful_of_queries(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    for template, most in WARM_QUERIES.items():
        url = template.format(owner=owner.user_id)
        _queries(app, owner.client, url)  # the first visit builds and keeps
        assert _queries(app, owner.client, url) <= most, url
    clinician = personas.clinician
    _queries(app, clinician.client, f"/p/{owner.user_id}")
    assert _queries(app, clinician.client, f"/p/{owner.user_id}") <= 8  # and one access-log row
    _queries(app, clinician.client, "/")
    assert _queries(app, clinician.client, "/") <= 10  # one version per patient, and their log rows


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_building_a_page_makes_no_more_queries_for_more_rows(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    urls = [f"/p/{owner.user_id}", f"/p/{owner.user_id}/recordings", f"/p/{owner.user_id}/pacing/activities"]
    _add_recordings(app, owner.user_id, 5)
    before = [_cold(app, owner.client, url) for url in urls]
    _add_recordings(app, owner.user_id, 30, first=5)
    after = [_cold(app, owner.client, url) for url in urls]
    assert after == before  # no query per recording (no N+1)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_write_makes_the_pages_current(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    diary = f"/p/{owner.user_id}/diary"
    assert "a walk by the river" not in owner.client.get(diary).text
    saved = owner.post(
        f"/p/{owner.user_id}/diary/checkin",
        {"rate.pain": "3", "note": "a walk by the river", "at": dt.datetime.now().strftime("%Y-%m-%dT%H:%M")},
    )
    assert saved.status_code == 303, saved.text  # type: ignore[attr-defined]
    assert "a walk by the river" in owner.client.get(diary).text
    home = f"/p/{owner.user_id}"
    assert "Exercise test, " not in owner.client.get(home).text
    _add_recordings(app, owner.user_id, 1, kind="exercise-test")
    assert "Exercise test, " in owner.client.get(home).text  # the dashboard's recent tests
    assert "Exercise test, " in personas.clinician.client.get(home).text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_writes_bump_their_owners_version_and_reads_bump_nothing(app: FastAPI, personas: Personas) -> None:
    owner, stranger = personas.owner.user_id, personas.stranger.user_id
    start = {who: _version(app, who) for who in (owner, stranger)}
    for url in (f"/p/{owner}", f"/p/{owner}/diary", f"/p/{owner}/recordings", "/"):
        personas.clinician.client.get(url)  # each writes an access-log row
    with transaction(app.state.fibrokit.factory) as session:
        session.add(AccessLog(owner_id=owner, who="x", area="tests", method="GET", path="/"))
    assert {who: _version(app, who) for who in (owner, stranger)} == start
    _add_recordings(app, owner, 1)
    moved = _version(app, owner)
    assert moved != start[owner]
    assert _version(app, stranger) == start[stranger]
    with transaction(app.state.fibrokit.factory) as session:  # a bulk statement: every version moves
        session.execute(update(PacingReview).where(PacingReview.user_id == owner).values(stale=True))
    assert _version(app, owner) not in (start[owner], moved)
    assert _version(app, stranger) != start[stranger]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_chart_data_kept_is_bounded(
    app: FastAPI, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "BYTES_LIMIT", 100)
    kept.forget()
    built: list[str] = []

    def chart(name: str) -> dict[str, str]:
        built.append(name)
        return {"x": "y" * 60}

    with transaction(app.state.fibrokit.factory) as session:
        owner = personas.owner.user_id
        first = kept.kept_json(session, owner, "a", 1, lambda: chart("a"))
        assert kept.kept_json(session, owner, "a", 1, lambda: chart("a")) == first  # kept
        kept.kept_json(session, owner, "b", 1, lambda: chart("b"))  # over the bound: all dropped, b kept
        kept.kept_json(session, owner, "a", 1, lambda: chart("a"))  # so a is built again
    assert built == ["a", "b", "a"]


def _check_in(person: Persona, note: str, pain: str, when: dt.datetime | None = None) -> None:
    at = (when or dt.datetime.now()).strftime("%Y-%m-%dT%H:%M")
    saved = person.post(f"/p/{person.user_id}/diary/checkin", {"rate.pain": pain, "note": note, "at": at})
    assert saved.status_code == 303, saved.text  # type: ignore[attr-defined]


def _last_days(page: str) -> str:
    """The diary history's table of the last days (part of the trends kept as rendered HTML)."""
    return page.split("<caption>The last days</caption>")[1].split("</table>")[0]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_diary_trends_are_rendered_once_per_change_and_a_check_in_shows_at_once(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fibrokit.web.routes import diary as diary_routes

    rendered: list[str] = []
    real = diary_routes.fragment

    def counting(*args: Any, **kwargs: Any) -> Any:
        rendered.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(diary_routes, "fragment", counting)
    kept.forget()
    owner = personas.owner
    history = f"/p/{owner.user_id}/diary"
    first = owner.client.get(history).text
    assert owner.client.get(history).text == first  # the same page, its trends not rendered again
    assert rendered == ["_diary_trends.html"]
    _check_in(owner, "after the swim", "7", dt.datetime.now().replace(hour=0, minute=1))
    after = owner.client.get(history).text
    assert len(rendered) == 2  # the check-in moved the version: rendered again, once
    today = f"<tr><td>{dt.date.today().isoformat()}</td>"
    assert f"{today}<td>1</td>" in _last_days(first)  # the personas' check-in of today
    assert f"{today}<td>2</td>" in _last_days(after)  # and this one, folded into the same day
    assert "after the swim" in after
    assert re.search(r"</time>:\s*Pain 7\s", after)  # the recent check-in in words


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_clinician_never_sees_a_stale_or_anothers_kept_diary(app: FastAPI, personas: Personas) -> None:
    owner, clinician, other = personas.owner, personas.clinician, personas.stranger
    with transaction(app.state.fibrokit.factory) as session:  # a second patient of the same clinician
        account_actions.grant_share(session, other.user_id, clinician.user_id, ("diary",))
    _check_in(other, "a note of the other patient", "2")
    mine, theirs = f"/p/{owner.user_id}/diary", f"/p/{other.user_id}/diary"
    owner_page = owner.client.get(mine).text  # kept first for the owner, with the remove buttons
    assert "Remove it" in owner_page
    seen = clinician.client.get(mine).text
    assert _last_days(seen) == _last_days(owner_page)  # the same trends, from what was kept
    assert "Remove it" not in seen  # but nothing of the owner's own: no remove buttons, not their token
    assert owner.csrf not in seen
    assert "a note of the other patient" not in seen
    assert "a note of the other patient" in clinician.client.get(theirs).text
    _check_in(owner, "a bad night", "9", dt.datetime.now().replace(hour=0, minute=2))
    fresh = clinician.client.get(mine).text
    assert "a bad night" in fresh
    assert f"<tr><td>{dt.date.today().isoformat()}</td><td>2</td>" in _last_days(fresh)
    assert "a note of the other patient" not in fresh


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_check_in_post_writes_in_one_flush_and_a_refused_one_writes_nothing(
    app: FastAPI, personas: Personas
) -> None:
    owner = personas.owner
    before = _version(app, owner.user_id)
    with _counting(app) as statements:
        _check_in(owner, "one flush", "4")
    bumps = [s for s in statements if s.startswith("UPDATE users SET data_version=")]
    assert len(bumps) == 1  # the check-in and its folded day together
    assert _version(app, owner.user_id) != before
    with _counting(app) as statements:
        refused = owner.post(f"/p/{owner.user_id}/diary/checkin", {"rate.pain": "11"})
    assert refused.status_code == 400  # type: ignore[attr-defined]
    writes = [s for s in statements if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert not [s for s in writes if "diary" in s or "users" in s or "readiness_queue" in s]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_kept_trends_and_the_recent_lines_are_escaped(personas: Personas) -> None:
    owner = personas.owner
    base = f"/p/{owner.user_id}/diary"
    assert owner.post(f"{base}/items", {"label": "<b>Jaw</b> ache", "kind": "symptom"}).status_code == 303  # type: ignore[attr-defined]
    _check_in(owner, "<i>loud</i>", "5")
    saved = owner.post(f"{base}/checkin", {"rate.b_jaw_b_ache": "6", "note": "x"})
    assert saved.status_code == 303  # type: ignore[attr-defined]
    page = owner.client.get(base).text
    assert '<th scope="col">&lt;b&gt;Jaw&lt;/b&gt; ache</th>' in _last_days(page)  # in the kept trends
    assert "&lt;b&gt;Jaw&lt;/b&gt; ache 6" in page  # and in the recent check-in's words
    assert "<b>Jaw</b>" not in page
    assert "<i>loud</i>" not in page


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_kept_check_in_form_is_fresh_and_a_refused_one_keeps_what_was_chosen(personas: Personas) -> None:
    owner = personas.owner
    form_url = f"/p/{owner.user_id}/diary/checkin"
    fresh = owner.client.get(form_url).text
    assert re.search(r'id="r-pain-x" name="rate.pain" value="" checked', fresh)  # nothing chosen
    refused = owner.post(form_url, {"rate.pain": "7", "rate.fatigue": "lots", "factor": "cold"})
    assert refused.status_code == 400  # type: ignore[attr-defined]
    text = refused.text  # type: ignore[attr-defined]
    assert re.search(r'id="r-pain-7" name="rate.pain" value="7" checked', text)  # what was chosen, not kept
    assert re.search(r'id="f-cold" name="factor" value="cold" checked', text)
    again = owner.client.get(form_url).text  # the fresh form, untouched by the refusal
    assert re.search(r'id="r-pain-x" name="rate.pain" value="" checked', again)
    assert not re.search(r'value="7" checked', again)
    assert (
        owner.post(
            f"/p/{owner.user_id}/diary/items", {"label": "Ringing ears", "kind": "symptom"}
        ).status_code
        == 303
    )  # type: ignore[attr-defined]
    assert 'name="rate.ringing_ears"' in owner.client.get(form_url).text  # a change shows at once
