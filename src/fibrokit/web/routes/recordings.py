"""The recordings list with filters, one recording's page, and its chart data."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from fibrokit.errors import FibrokitError, InputError
from fibrokit.protocols import PROTOCOLS
from fibrokit.services.accounts.people import age_for
from fibrokit.services.home.kept import kept
from fibrokit.services.pacing import views as pacing_views
from fibrokit.services.recordings import charts, queries
from fibrokit.services.recordings.actions import rename_recording, rescore_as_test, set_recording_day
from fibrokit.services.recordings.after_store import after_recording_stored
from fibrokit.services.recordings.guided_steps import POSTURES
from fibrokit.services.recordings.kinds import KINDS
from fibrokit.services.recordings.stored import ExerciseSaid
from fibrokit.services.recordings.views import RecordingPage, recording_list, recording_page
from fibrokit.web.deps import DbSession, OwnerAccess, TestsAccess
from fibrokit.web.forms import Posted
from fibrokit.web.render import chart_json, found, page, redirect

router = APIRouter(prefix="/p/{person_id}/recordings")
PAGE_SIZE = 50


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise HTTPException(400, f"{value!r} is not a date (use YYYY-MM-DD)") from None


@router.get("")
def recordings(
    request: Request,
    access: TestsAccess,
    db: DbSession,
    kind: str = "",
    source_format: str = "",
    since: str = "",
    until: str = "",
    page_number: int = 1,
) -> Response:
    """The person's recordings, newest first, filtered by kind, format and dates."""
    if kind and kind not in KINDS:
        raise HTTPException(400, f"unknown kind {kind!r}")
    number = max(page_number, 1)
    rows, total, formats = recording_list(
        db,
        access.person_id,
        kinds=(kind,) if kind else (),
        source_format=source_format,
        since=_date(since),
        until=_date(until),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    filters = {"kind": kind, "source_format": source_format, "since": since, "until": until}
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return page(
        request,
        "recordings.html",
        access=access,
        rows=rows,
        total=total,
        filters=filters,
        page_number=number,
        pages=pages,
        formats=formats,
        kinds=KINDS,
    )


@router.get("/{recording_id}")
def recording(request: Request, access: TestsAccess, db: DbSession, recording_id: int) -> Response:
    """One recording: heart rate, beats and their flags, HRV over windows, the test with norms and sources."""
    view = kept(
        db,
        access.person_id,
        "recording",
        recording_id,
        lambda: recording_page(db, access.person_id, recording_id),
    )
    if view is None:
        raise HTTPException(404)
    review = (
        kept(
            db,
            access.person_id,
            "review",
            recording_id,
            lambda: pacing_views.review_of(db, access.person_id, recording_id),
        )
        if access.may("pacing")
        else None
    )
    return _recording_page(request, access, view, review=review)


@router.post("/{recording_id}/test")
def mark_as_test(
    request: Request,
    access: OwnerAccess,
    db: DbSession,
    recording_id: int,
    kind: Annotated[str, Form()],
    phases: Annotated[str, Form()] = "",
    cool_down: Annotated[str, Form()] = "",
    stopped_because: Annotated[str, Form()] = "",
) -> Response:
    """Score the recording again as the test the person names, with the phases they type ("this was a test").

    For an exercise test the person may also say how they recovered and why they stopped, as a guided test asks.
    """
    row = found(queries.get_recording(db, access.person_id, recording_id))
    if kind not in PROTOCOLS:
        raise HTTPException(400, f"unknown test {kind!r}")
    age = age_for(db, access.person_id, row.start_utc, (row.details or {}).get("metadata", {}))
    try:
        said = ExerciseSaid(cool_down, stopped_because)
    except InputError as error:
        problem = f"{row.source_name}: {error}"
    else:
        problem = rescore_as_test(db, row, kind, phases, age=age, told=said)
    if problem:
        view = recording_page(db, access.person_id, recording_id)
        return _recording_page(request, access, view, error=problem)
    after_recording_stored(db, row)
    return redirect(f"/p/{access.person_id}/recordings/{recording_id}")


@router.post("/{recording_id}/date")
def recording_date(
    request: Request, access: OwnerAccess, db: DbSession, recording_id: int, form: Posted
) -> Response:
    """Set the day a recording was made (for files that state none); it is analysed again for that day."""
    try:
        moved = set_recording_day(db, access.person_id, recording_id, str(form.get("day") or ""))
    except FibrokitError as error:
        db.rollback()
        view = recording_page(db, access.person_id, recording_id)
        if view is None:
            raise HTTPException(404) from None
        return _recording_page(request, access, view, date_error=str(error))
    if moved is None:
        raise HTTPException(404)
    row, old_day = moved
    after_recording_stored(db, row, moved_from=old_day)
    return redirect(f"/p/{access.person_id}/recordings/{recording_id}")


@router.post("/{recording_id}/title")
def rename(request: Request, access: OwnerAccess, db: DbSession, recording_id: int, form: Posted) -> Response:
    """Give the recording a name of the person's own (an empty name: what it is and when)."""
    try:
        row = rename_recording(db, access.person_id, recording_id, str(form.get("title") or ""))
    except FibrokitError as error:
        view = recording_page(db, access.person_id, recording_id)
        if view is None:
            raise HTTPException(404) from None
        return _recording_page(
            request, access, view, title_error=str(error), typed_title=str(form.get("title") or "")
        )
    if row is None:
        raise HTTPException(404)
    return redirect(f"/p/{access.person_id}/recordings/{recording_id}")


@router.get("/{recording_id}/charts.json")
def recording_charts(access: TestsAccess, db: DbSession, recording_id: int) -> Response:
    """The recording page's charts as Plotly figures."""
    row = found(queries.get_recording(db, access.person_id, recording_id))
    return chart_json(
        db, access.person_id, "recording-charts", recording_id, lambda: charts.recording_charts(db, row)
    )


def _recording_page(
    request: Request,
    access: TestsAccess,
    view: RecordingPage | None,
    *,
    review: object = None,
    **refusal: str,
) -> Response:
    """One recording's page; with a refusal (``error``, ``date_error``, ``title_error``) it answers 400."""
    status = 400 if refusal else 200
    return page(
        request,
        "recording.html",
        status,
        access=access,
        view=view,
        review=review,
        protocols=PROTOCOLS,
        postures=POSTURES,
        **refusal,
    )
