"""One page per autonomic test: every result of that test over time, with norms and their sources."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from fibrokit.services.home.kept import kept
from fibrokit.services.home.views import TEST_KINDS
from fibrokit.services.recordings import charts
from fibrokit.services.recordings import guided as guided_tests
from fibrokit.services.recordings.views import protocol_page
from fibrokit.web.deps import DbSession, TestsAccess
from fibrokit.web.render import chart_json, page

router = APIRouter(prefix="/p/{person_id}/tests")


def _known(kind: str) -> str:
    if kind not in TEST_KINDS:
        raise HTTPException(404)
    return kind


@router.get("/{kind}")
def test_kind(request: Request, access: TestsAccess, db: DbSession, kind: str) -> Response:
    """Every scored test of this kind, newest first."""
    chosen = _known(kind)
    view = kept(
        db, access.person_id, "tests", chosen, lambda: protocol_page(db, access.person_id, chosen, limit=200)
    )
    return page(request, "protocol.html", access=access, view=view, guided=guided_tests.GUIDED)


@router.get("/{kind}/charts.json")
def test_charts(access: TestsAccess, db: DbSession, kind: str) -> Response:
    """Each finding of this test over time, as Plotly figures."""
    chosen = _known(kind)
    return chart_json(
        db,
        access.person_id,
        "test-charts",
        chosen,
        lambda: charts.protocol_charts(protocol_page(db, access.person_id, chosen, limit=200).entries),
    )
