"""Render a page: the template, plus what every page needs (viewer, CSRF token, cookie for a new visitor)."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from fibrokit.services.home.kept import kept_json
from fibrokit.services.home.queries import Session
from fibrokit.services.recordings.kinds import KIND_NAMES
from fibrokit.web.state import ANON_CSRF_COOKIE, AppState

T = TypeVar("T")


def json_body(body: bytes) -> Response:
    """Chart data already encoded as JSON (see ``services.kept.kept_json``), never stored by the browser."""
    return Response(body, media_type="application/json", headers={"cache-control": "no-store"})


def chart_json(db: Session, person_id: int, name: str, key: Hashable, compute: Callable[[], Any]) -> Response:
    """The person's chart data from ``compute()``, kept until their data change, as an uncached JSON answer."""
    return json_body(kept_json(db, person_id, name, key, compute))


def found(value: T | None) -> T:
    """``value``, or a 404 answer when the person has no such item (or it is not theirs)."""
    if value is None:
        raise HTTPException(404)
    return value


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """Render ``template`` with ``context`` and the request's viewer and CSRF token."""
    state: AppState = request.app.state.fibrokit
    response = state.templates.TemplateResponse(
        request,
        template,
        {
            "viewer": getattr(request.state, "viewer", None),
            "csrf": getattr(request.state, "csrf", ""),
            "kind_names": KIND_NAMES,
            "signup": state.settings.signup,
            **context,
        },
        status_code=status_code,
    )
    if getattr(request.state, "new_anon_csrf", False):
        response.set_cookie(
            ANON_CSRF_COOKIE,
            request.state.csrf,
            httponly=True,
            samesite="strict",
            secure=secure_cookies(request),
        )
    response.headers["cache-control"] = "no-store"
    return response


def fragment(request: Request, template: str, **context: Any) -> Markup:
    """Render a part of a page from ``context`` alone, to be kept and placed in pages with ``{{ part }}``.

    The part sees neither the request, nor the viewer, nor the CSRF token (the template gets nothing else), so
    what it shows is the same for everyone who may see the page, and a part kept for one viewer can be shown
    to another. It is escaped like any page.
    """
    state: AppState = request.app.state.fibrokit
    return Markup(state.templates.env.get_template(template).render(**context))


def secure_cookies(request: Request) -> bool:
    """Whether cookies carry the Secure flag.

    Always in production, except over plain HTTP to this very computer (``fibrokit serve`` on a laptop), where
    browsers treat the connection as private anyway.
    """
    state: AppState = request.app.state.fibrokit
    local = request.url.scheme == "http" and request.url.hostname in ("localhost", "127.0.0.1", "::1")
    return state.settings.secure_cookies and not local


def redirect(url: str) -> RedirectResponse:
    """See-other redirect after a form post."""
    return RedirectResponse(url, status_code=303)


def number(value: float | None, digits: int = 3) -> str:
    """A value for display: ``digits`` significant digits, or a dash when not measured."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if isinstance(value, float) and abs(value) >= 10 ** (digits - 1):
        return f"{value:.0f}"
    return f"{value:.{digits}g}"
