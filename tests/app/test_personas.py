"""Access to health data, generated from the route table: a new route cannot be forgotten.

Every route under ``/p/{person_id}`` is requested as the owner, a clinician the owner shared tests with, a
stranger, an admin and an anonymous visitor. Strangers and admins get 404 on every one of them, the clinician
sees the shared area read-only, and nobody else's data is reachable.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from tests.app.conftest import Personas

from fibrokit.web.app import HEALTH_PREFIX, api_routes
from fibrokit.web.deps import owner_access

# Routes outside /p/ and what they are; a new route must be added here or live under /p/.
NOT_HEALTH_DATA = {
    "/": "redirects to the viewer's own dashboard",
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
}


def _calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def health_routes(app: FastAPI) -> list[tuple[APIRoute, str]]:
    """Every (route, method) under the health-data prefix."""
    found = [
        (route, method)
        for route in api_routes(app)
        if route.path.startswith(HEALTH_PREFIX)
        for method in sorted(route.methods)
    ]
    assert len(found) >= 9, "the route table lost its health-data routes"
    return found


def url_of(route: APIRoute, ids: dict[str, object]) -> str:
    missing = set(route.param_convertors) - set(ids)
    assert not missing, f"{route.path}: the persona tests have no value for {sorted(missing)}; add one"
    return route.path.format(**ids)


def test_it_keeps_every_route_outside_p_free_of_health_data(app: FastAPI) -> None:
    paths = {route.path for route in api_routes(app)}
    unknown = {p for p in paths if not p.startswith(HEALTH_PREFIX)} - set(NOT_HEALTH_DATA)
    assert unknown == set(), (
        f"new routes outside {HEALTH_PREFIX}: put health data under it, or list them here"
    )


def test_it_gives_strangers_and_admins_404_on_every_health_route(app: FastAPI, personas: Personas) -> None:
    checked = 0
    for route, method in health_routes(app):
        url = url_of(route, personas.ids)
        for who in (personas.stranger, personas.admin):
            response = who.client.request(method, url, data={"csrf_token": who.csrf})
            assert response.status_code == 404, f"{who.email} {method} {url}: {response.status_code}"
            assert "rest_rri" not in response.text
            checked += 1
    assert checked == 2 * len(health_routes(app))


def test_it_lets_the_owner_use_every_health_route(app: FastAPI, personas: Personas) -> None:
    for route, method in health_routes(app):
        url = url_of(route, personas.ids)
        response = personas.owner.client.request(method, url, data={"csrf_token": personas.owner.csrf})
        if method == "GET":
            assert response.status_code == 200, f"owner GET {url}: {response.status_code}"
        else:  # an upload without files is refused as a bad request, not as not-found
            assert response.status_code in (303, 400, 422), f"owner {method} {url}: {response.status_code}"


def test_it_shows_the_clinician_the_shared_area_read_only(app: FastAPI, personas: Personas) -> None:
    for route, method in health_routes(app):
        url = url_of(route, personas.ids)
        owner_only = owner_access in set(_calls(route.dependant))
        response = personas.clinician.client.request(
            method, url, data={"csrf_token": personas.clinician.csrf}
        )
        expected = 404 if owner_only or method != "GET" else 200
        assert response.status_code == expected, f"clinician {method} {url}: {response.status_code}"


def test_it_sends_anonymous_visitors_to_the_login_page(app: FastAPI, personas: Personas) -> None:
    for route, method in health_routes(app):
        if method != "GET":
            continue
        response = personas.anonymous.get(url_of(route, personas.ids))
        assert response.status_code == 303
        assert response.headers["location"] == "/login"


def test_it_gives_404_for_the_owners_ids_under_the_strangers_own_page(personas: Personas) -> None:
    stranger = personas.stranger
    recording = personas.ids["recording_id"]
    response = stranger.client.get(f"/p/{stranger.user_id}/recordings/{recording}")
    assert response.status_code == 404
    response = stranger.client.get(f"/p/{stranger.user_id}/imports/{personas.ids['job_id']}")
    assert response.status_code == 404


def test_it_stops_showing_data_when_the_share_is_revoked(app: FastAPI, personas: Personas) -> None:
    from fibrokit.services import sharing
    from fibrokit.store.db import transaction

    url = f"/p/{personas.owner.user_id}"
    assert personas.clinician.client.get(url).status_code == 200
    with transaction(app.state.fibrokit.factory) as session:
        sharing.revoke(session, personas.owner.user_id, personas.clinician.user_id)
    assert personas.clinician.client.get(url).status_code == 404


def test_it_never_shows_health_data_on_admin_pages(personas: Personas) -> None:
    page = personas.admin.client.get("/admin")
    assert page.status_code == 200
    assert personas.owner.email in page.text
    for word in ("rest_rri", "RMSSD", "morning", f"/p/{personas.owner.user_id}"):
        assert word not in page.text
    assert personas.owner.client.get("/admin").status_code == 404


def test_it_lists_the_people_who_share_with_a_clinician(personas: Personas) -> None:
    start = personas.clinician.client.get("/")
    assert start.status_code == 200
    assert f'href="/p/{personas.owner.user_id}"' in start.text
    assert personas.stranger.client.get("/").headers["location"] == f"/p/{personas.stranger.user_id}"
