"""Which area of health data each route belongs to, read from its access dependency, and each area's home page.

A route under ``/p/{person_id}`` declares ``area_access(area)`` or ``OwnerAccess``; nothing else needs to list
it. The home page of an area (where a clinician or a link holder starts) is its shortest page with no other
parameter, so an area added later (its routes and nothing more) appears on the shared pages by itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import fastapi.routing
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from fibrokit.web.deps import ANY_AREA, AreaAccess, owner_access

OWNER = "owner"
ANY = ANY_AREA  # a route open to a share of any area (a report of what is shared)


def _calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def route_area(route: APIRoute) -> str | None:
    """The area a route shows (``"tests"``, ``"pacing"`` …), ``"owner"`` for owner-only routes, else None."""
    calls = list(_calls(route.dependant))
    for call in calls:
        if isinstance(call, AreaAccess):
            return call.area
    return OWNER if owner_access in calls else None


def api_routes(app: FastAPI) -> list[APIRoute]:
    """Every API route of the app, however routers were included (the persona and CSRF tests walk these)."""
    walk = getattr(fastapi.routing, "iter_route_contexts", None)
    if walk is None:  # FastAPI before included routers were resolved lazily: the table is flat
        return [route for route in app.routes if isinstance(route, APIRoute)]
    return [
        context.original_route for context in walk(app.routes) if isinstance(context.original_route, APIRoute)
    ]


def area_homes(app: FastAPI) -> dict[str, str]:
    """Each area's home path (with ``{person_id}`` to fill in), e.g. ``{"pacing": "/p/{person_id}/pacing"}``."""
    cached: dict[str, str] | None = getattr(app.state, "area_homes", None)
    if cached is not None:
        return cached
    homes: dict[str, str] = {}
    for route in api_routes(app):
        area = route_area(route)
        if (
            area in (None, OWNER, ANY)
            or "GET" not in (route.methods or set())
            or route.path.endswith(".json")
        ):
            continue
        if set(route.param_convertors) != {"person_id"}:
            continue
        assert area is not None
        if area not in homes or len(route.path) < len(homes[area]):
            homes[area] = route.path
    app.state.area_homes = homes
    return homes


def home_of(app: FastAPI, area: str, person_id: int) -> str | None:
    """The home page of ``area`` for one person, or None when the area has no pages yet."""
    path = area_homes(app).get(area)
    return path.format(person_id=person_id) if path is not None else None
