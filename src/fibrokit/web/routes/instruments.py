"""The questionnaires: FIQR, the ACR criteria with a body map, and the PGIC, as forms and scored results."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fibrokit.diary import FIQR_ITEMS
from fibrokit.errors import FibrokitError
from fibrokit.services import diary, trials
from fibrokit.services.diary import instrument_views
from fibrokit.web.deps import Access, DbSession, DiaryAccess, OwnerAccess
from fibrokit.web.forms import Posted
from fibrokit.web.render import found, page, redirect

router = APIRouter(prefix="/p/{person_id}/diary")


def _form(
    request: Request,
    access: Access,
    template: str,
    view: object,
    status: int = 200,
    **extra: object,
) -> Response:
    return page(request, template, status, access=access, today=dt.date.today(), view=view, **extra)


def _saved(access: Access, result_id: int) -> Response:
    return redirect(f"/p/{access.person_id}/diary/results/{result_id}")


@router.get("/fiqr")
def fiqr_form(request: Request, access: OwnerAccess) -> Response:
    """The FIQR's 21 answers, with how they are scored and banded."""
    return _form(request, access, "diary_fiqr.html", instrument_views.fiqr_form())


@router.post("/fiqr")
def fiqr_save(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Score and store a FIQR."""
    answers = {domain: [str(v) for v in form.getlist(domain)] for domain in FIQR_ITEMS}
    try:
        row = diary.save_fiqr(
            db,
            access.person_id,
            answers,
            taken_on=str(form.get("taken_on") or ""),
            missing_rule=str(form.get("missing_rule") or "authors_current"),
            today=dt.date.today(),
        )
    except FibrokitError as error:
        db.rollback()
        form_page = instrument_views.fiqr_form()
        return _form(request, access, "diary_fiqr.html", form_page, 400, error=str(error), answers=answers)
    return _saved(access, row.id)


@router.get("/acr")
def acr_form(request: Request, access: OwnerAccess) -> Response:
    """The ACR criteria: the body map of the 19 areas, the symptom ratings, and the version to apply."""
    return _form(request, access, "diary_acr.html", instrument_views.acr_form(), kept=None)


@router.post("/acr")
def acr_save(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Check the answers against the chosen version of the criteria and store them."""
    answers = diary.AcrAnswers(
        version=str(form.get("version") or ""),
        areas=tuple(str(v) for v in form.getlist("areas")),
        fatigue=str(form.get("fatigue") or ""),
        waking_unrefreshed=str(form.get("waking_unrefreshed") or ""),
        cognitive=str(form.get("cognitive") or ""),
        headaches=form.get("headaches") == "yes",
        lower_belly=form.get("lower_belly") == "yes",
        depression=form.get("depression") == "yes",
        three_months=str(form.get("three_months") or ""),
        other_disorder=str(form.get("other_disorder") or ""),
        somatic_burden=str(form.get("somatic_burden") or ""),
    )
    try:
        row = diary.save_acr(
            db, access.person_id, answers, taken_on=str(form.get("taken_on") or ""), today=dt.date.today()
        )
    except FibrokitError as error:
        db.rollback()
        return _form(
            request,
            access,
            "diary_acr.html",
            instrument_views.acr_form(),
            400,
            error=str(error),
            kept=answers,
        )
    return _saved(access, row.id)


def _pgic_form(db: DbSession, person_id: int, trial_id: int) -> instrument_views.PgicForm:
    return instrument_views.pgic_form(trials.list_trials(db, person_id), trial_id)


@router.get("/pgic")
def pgic_form(request: Request, access: OwnerAccess, db: DbSession, trial_id: int = 0) -> Response:
    """The PGIC: one of seven answers about change since a start, optionally about one trial."""
    return _form(request, access, "diary_pgic.html", _pgic_form(db, access.person_id, trial_id))


@router.post("/pgic")
def pgic_save(request: Request, access: OwnerAccess, db: DbSession, form: Posted) -> Response:
    """Store a PGIC answer."""
    trial = str(form.get("trial_id") or "")
    try:
        row = diary.save_pgic(
            db,
            access.person_id,
            str(form.get("rating") or ""),
            taken_on=str(form.get("taken_on") or ""),
            trial_id=int(trial) if trial.isdigit() and int(trial) else None,
            today=dt.date.today(),
        )
    except FibrokitError as error:
        db.rollback()
        form_page = _pgic_form(db, access.person_id, int(trial) if trial.isdigit() else 0)
        return _form(request, access, "diary_pgic.html", form_page, 400, error=str(error))
    return _saved(access, row.id)


@router.get("/results/{result_id}")
def result(request: Request, access: DiaryAccess, db: DbSession, result_id: int) -> Response:
    """One questionnaire's result: the score, its parts and bands, the rule's conditions, the sources."""
    row = found(diary.get_result(db, access.person_id, result_id))
    return page(request, "instrument.html", access=access, view=instrument_views.instrument_view(row))
