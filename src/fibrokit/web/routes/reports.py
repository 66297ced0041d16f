"""A report for the doctor: the owner chooses dates and areas, and gets it as PDF or as one HTML page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from fibrokit.report import REPORT_AREAS, report_html, report_pdf
from fibrokit.services.home.reports import DEFAULT_SPAN, ReportRequest, period_report
from fibrokit.web.deps import AnyAreaAccess, DbSession
from fibrokit.web.render import page

router = APIRouter(prefix="/p/{person_id}/report")

AREA_NAMES = {
    "tests": "Autonomic tests and morning readings",
    "diary": "Symptom diary",
    "treatments": "Treatment trial",
    "pacing": "Pacing",
}
# The report page is a document, not part of the app: no scripts at all, its own inline styles and SVG only.
_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


@router.get("")
def report_form(request: Request, access: AnyAreaAccess) -> Response:
    """Choose the dates, the areas (of those the visitor may see) and the format."""
    today = dt.date.today()
    return page(
        request,
        "report.html",
        access=access,
        areas=[(area, AREA_NAMES[area]) for area in REPORT_AREAS if access.may(area)],
        start=(today - DEFAULT_SPAN).isoformat(),
        end=today.isoformat(),
    )


@router.get("/file")
def report_file(
    access: AnyAreaAccess,
    db: DbSession,
    start: str = "",
    end: str = "",
    area: Annotated[list[str] | None, Query()] = None,
    kind: Annotated[str, Query(alias="format")] = "pdf",
) -> Response:
    """The report itself, built from the stored data; a bad choice is one sentence on an error page.

    A clinician's (or a link holder's) report holds only the areas shared with them, whatever was asked.
    """
    asked = list(area or ())
    if not access.is_owner:
        asked = [a for a in asked if access.may(a)] or [a for a in REPORT_AREAS if access.may(a)]
    request = ReportRequest.parse(start, end, asked)
    content = period_report(db, access.person_id, request)
    name = f"fibrokit-report-{request.start.isoformat()}-{request.end.isoformat()}"
    if kind == "html":
        headers = {"content-security-policy": _REPORT_CSP, "cache-control": "no-store"}
        return Response(report_html(content), media_type="text/html; charset=utf-8", headers=headers)
    headers = {"content-disposition": f'attachment; filename="{name}.pdf"', "cache-control": "no-store"}
    return Response(report_pdf(content), media_type="application/pdf", headers=headers)
