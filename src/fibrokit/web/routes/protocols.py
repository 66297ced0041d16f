"""One page per autonomic test: every result of that test over time, with norms and their sources."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from fibrokit.services import charts, guided_tests
from fibrokit.services.dashboard import TEST_KINDS
from fibrokit.services.views import protocol_page
from fibrokit.web.deps import DbSession, TestsAccess
from fibrokit.web.render import page

router = APIRouter(prefix="/p/{person_id}/tests")


def _known(kind: str) -> str:
    if kind not in TEST_KINDS:
        raise HTTPException(404)
    return kind


@router.get("/{kind}")
def test_kind(request: Request, access: TestsAccess, db: DbSession, kind: str) -> Response:
    """Every scored test of this kind, newest first."""
    view = protocol_page(db, access.person_id, _known(kind), limit=200)
    return page(request, "protocol.html", access=access, view=view, guided=guided_tests.GUIDED)


@router.get("/{kind}/charts.json")
def test_charts(access: TestsAccess, db: DbSession, kind: str) -> Response:
    """Each finding of this test over time, as Plotly figures."""
    view = protocol_page(db, access.person_id, _known(kind), limit=200)
    return JSONResponse(charts.protocol_charts(view.entries), headers={"cache-control": "no-store"})
