"""Access to health data, generated from the route table: a new route cannot be forgotten.

Every route under ``/p/{person_id}`` declares its area (``area_access(area)``) or that it is the owner's alone
(``OwnerAccess``); the tests read that from the route itself. Each route is then requested as the owner, a
clinician holding a share of some areas (through the sharing flow), the same clinician after the owner changed
the areas and after the owner revoked the share, a visitor holding a read-only link (valid, expired, revoked),
a stranger, an admin and an anonymous visitor. Whoever may see a route's area sees it read-only; everyone else
gets 404, and nobody else's data is reachable. Nothing here names an area: routes added for the diary or
treatments are checked, shared and not shared, as soon as they exist.
"""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import update
from tests.app.conftest import (
    CLINICIAN_AREAS,
    LINK_AREAS,
    Persona,
    Personas,
    link_holder,
    other_areas,
)

from fibrokit.store.db import transaction
from fibrokit.store.tables import ShareLink, utcnow
from fibrokit.web.app import HEALTH_PREFIX, api_routes
from fibrokit.web.areas import ANY, OWNER, route_area

# Routes outside /p/ and what they are; a new route must be added here or live under /p/.
NOT_HEALTH_DATA = {
    "/": "redirects to the viewer's own dashboard, or lists who shares which areas with a clinician",
    "/login": "log in",
    "/logout": "log out",
    "/signup": "sign up",
    "/reset/{token}": "set a password from an admin's reset link",
    "/account": "the viewer's own account details",
    "/account/profile": "the viewer's own account details",
    "/account/password": "the viewer's own password",
    "/admin": "account administration (accounts only)",
    "/admin/accounts": "account administration (accounts only)",
    "/admin/invitations": "account administration (accounts only)",
    "/admin/accounts/{account_id}/reset": "account administration (accounts only)",
    "/admin/accounts/{account_id}/active": "account administration (accounts only)",
    "/s/{token}": "a read-only link's start page: the owner's name and the areas it opens",
    "/join/{token}": "an invitation to see someone's data: accept it, or create the invited account",
    "/manifest.webmanifest": "the installable app's manifest (name, icons)",
    "/sw.js": "the service worker, which keeps static files only",
}


def health_routes(app: FastAPI) -> list[tuple[APIRoute, str]]:
    """Every (route, method) under the health-data prefix."""
    found = [
        (route, method)
        for route in api_routes(app)
        if route.path.startswith(HEALTH_PREFIX)
        for method in sorted(route.methods)
    ]
    assert len(found) >= 25, "the route table lost its health-data routes"
    return found


def url_of(route: APIRoute, ids: dict[str, object]) -> str:
    missing = set(route.param_convertors) - set(ids)
    assert not missing, f"{route.path}: the persona tests have no value for {sorted(missing)}; add one"
    return route.path.format(**ids)


def expected(route: APIRoute, method: str, areas: tuple[str, ...]) -> int:
    """What someone who may see ``areas`` (read-only) gets from a route: 200 or 404."""
    area = route_area(route)
    shown = area in areas or (area == ANY and bool(areas))  # a report: open to a share of any area
    return 200 if method == "GET" and area != OWNER and shown else 404


def check_everywhere(
    app: FastAPI, client: TestClient, csrf: str, ids: dict[str, object], areas: tuple[str, ...], who: str
) -> int:
    """Request every health route; each answers 200 for a shared area's GET and 404 otherwise."""
    checked = 0
    for route, method in health_routes(app):
        url = url_of(route, ids)
        response = client.request(method, url, data={"csrf_token": csrf})
        want = expected(route, method, areas)
        assert response.status_code == want, f"{who} {method} {url}: {response.status_code}, not {want}"
        if want == 404:
            assert "rest_rri" not in response.text
        checked += 1
    return checked


def test_every_health_route_declares_its_area(app: FastAPI) -> None:
    undeclared = [route.path for route, _ in health_routes(app) if route_area(route) is None]
    assert undeclared == [], "declare area_access(area) or OwnerAccess on these routes"
    areas = {route_area(route) for route, _ in health_routes(app)}
    assert {"tests", "pacing", OWNER} <= areas


def test_it_keeps_every_route_outside_p_free_of_health_data(app: FastAPI) -> None:
    paths = {route.path for route in api_routes(app)}
    unknown = {p for p in paths if not p.startswith(HEALTH_PREFIX)} - set(NOT_HEALTH_DATA)
    assert unknown == set(), (
        f"new routes outside {HEALTH_PREFIX}: put health data under it, or list them here"
    )


def test_it_gives_strangers_and_admins_404_on_every_health_route(app: FastAPI, personas: Personas) -> None:
    for who in (personas.stranger, personas.admin):
        checked = check_everywhere(app, who.client, who.csrf, personas.ids, (), who.email)
        assert checked == len(health_routes(app))


def test_it_lets_the_owner_use_every_health_route(app: FastAPI, personas: Personas) -> None:
    for route, method in health_routes(app):
        url = url_of(route, personas.ids)
        response = personas.owner.client.request(method, url, data={"csrf_token": personas.owner.csrf})
        if method == "GET":
            assert response.status_code == 200, f"owner GET {url}: {response.status_code}"
        else:  # a form without its fields is refused as a bad request, not as not-found
            assert response.status_code in (200, 303, 400, 422), (
                f"owner {method} {url}: {response.status_code}"
            )


def _share(personas: Personas, areas: tuple[str, ...]) -> None:
    owner = personas.owner
    response = owner.post(
        f"/p/{owner.user_id}/sharing/shares/{personas.ids['share_id']}/areas", {"areas": list(areas)}
    )
    assert response.status_code == 303  # type: ignore[attr-defined]


def test_it_shows_a_clinician_exactly_the_areas_shared_read_only(app: FastAPI, personas: Personas) -> None:
    clinician: Persona = personas.clinician
    for areas in (CLINICIAN_AREAS, other_areas(CLINICIAN_AREAS)):
        _share(personas, areas)
        check_everywhere(app, clinician.client, clinician.csrf, personas.ids, areas, f"clinician of {areas}")


def test_a_revoked_clinician_gets_404_on_every_health_route(app: FastAPI, personas: Personas) -> None:
    owner, clinician = personas.owner, personas.clinician
    assert f"/p/{owner.user_id}" in clinician.client.get("/").text
    revoked = owner.post(f"/p/{owner.user_id}/sharing/shares/{personas.ids['share_id']}/revoke")
    assert revoked.status_code == 303  # type: ignore[attr-defined]
    check_everywhere(app, clinician.client, clinician.csrf, personas.ids, (), "revoked clinician")
    assert clinician.client.get("/").headers["location"] == f"/p/{clinician.user_id}"


def test_a_link_opens_exactly_its_areas_read_only(app: FastAPI, personas: Personas) -> None:
    client, csrf = link_holder(app, personas.link)
    check_everywhere(app, client, csrf, personas.ids, LINK_AREAS, "link holder")
    # Without the link the same visitor is anonymous again: sent to log in.
    client.cookies.clear()
    assert client.get(f"/p/{personas.owner.user_id}/pacing").status_code == 303


def test_an_expired_link_gets_404_on_every_health_route(app: FastAPI, personas: Personas) -> None:
    client, csrf = link_holder(app, personas.link)
    with transaction(app.state.fibrokit.factory) as session:
        session.execute(update(ShareLink).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    check_everywhere(app, client, csrf, personas.ids, (), "holder of an expired link")
    assert TestClient(app).get(personas.link).status_code == 404


def test_a_revoked_link_gets_404_on_every_health_route(app: FastAPI, personas: Personas) -> None:
    client, csrf = link_holder(app, personas.link)
    owner = personas.owner
    revoked = owner.post(f"/p/{owner.user_id}/sharing/links/{personas.ids['link_id']}/revoke")
    assert revoked.status_code == 303  # type: ignore[attr-defined]
    check_everywhere(app, client, csrf, personas.ids, (), "holder of a revoked link")
    assert TestClient(app).get(personas.link).status_code == 404


def test_a_link_opens_nothing_of_another_person(app: FastAPI, personas: Personas) -> None:
    client, _ = link_holder(app, personas.link)
    stranger = personas.stranger.user_id
    token = client.cookies.get("fibrokit_link")
    assert token
    client.cookies.set("fibrokit_link", token, path=f"/p/{stranger}")  # the cookie copied to another person
    assert client.get(f"/p/{stranger}/pacing").status_code == 404


def test_it_sends_anonymous_visitors_to_the_login_page(app: FastAPI, personas: Personas) -> None:
    for route, method in health_routes(app):
        if method != "GET":
            continue
        response = personas.anonymous.get(url_of(route, personas.ids))
        assert response.status_code == 303
        assert response.headers["location"] == "/login"


def test_it_gives_404_for_the_owners_ids_under_the_strangers_own_page(personas: Personas) -> None:
    stranger = personas.stranger
    for path in (
        f"/recordings/{personas.ids['recording_id']}",
        f"/imports/{personas.ids['job_id']}",
        f"/pacing/activities/{personas.ids['recording_id']}",
    ):
        assert stranger.client.get(f"/p/{stranger.user_id}{path}").status_code == 404, path
    for path in (
        f"/sharing/shares/{personas.ids['share_id']}/revoke",
        f"/sharing/links/{personas.ids['link_id']}/revoke",
    ):
        assert stranger.post(f"/p/{stranger.user_id}{path}").status_code == 400, path  # type: ignore[attr-defined]
    assert f"/p/{personas.owner.user_id}" in personas.clinician.client.get("/").text


def test_it_never_shows_health_data_on_admin_pages(personas: Personas) -> None:
    page = personas.admin.client.get("/admin")
    assert page.status_code == 200
    assert personas.owner.email in page.text
    for word in ("rest_rri", "RMSSD", "morning", f"/p/{personas.owner.user_id}"):
        assert word not in page.text
    assert personas.owner.client.get("/admin").status_code == 404


def test_it_lists_the_people_who_share_with_a_clinician_and_their_areas(personas: Personas) -> None:
    start = personas.clinician.client.get("/")
    assert start.status_code == 200
    owner = personas.owner.user_id
    assert f'href="/p/{owner}"' in start.text  # the tests area's home page
    assert f'href="/p/{owner}/pacing"' not in start.text  # not shared
    assert personas.stranger.client.get("/").headers["location"] == f"/p/{personas.stranger.user_id}"
