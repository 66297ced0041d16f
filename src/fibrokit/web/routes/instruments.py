"""The questionnaires: FIQR, the ACR criteria with a body map, and the PGIC, as forms and scored results."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from fibrokit.diary import FIQR_ITEMS, PGIC_ANSWERS, PainArea, Region
from fibrokit.diary.bands import FIQR_BANDINGS, PSD_BANDINGS
from fibrokit.errors import FibrokitError
from fibrokit.evidence import fact
from fibrokit.services import diary, trials
from fibrokit.services.diary import instrument_views
from fibrokit.services.recordings.views import cite_keys
from fibrokit.web.deps import Access, DbSession, DiaryAccess, OwnerAccess
from fibrokit.web.forms import Posted
from fibrokit.web.render import page, redirect

router = APIRouter(prefix="/p/{person_id}/diary")


def _form(
    request: Request,
    access: Access,
    template: str,
    context: dict[str, object],
    status: int = 200,
    **extra: object,
) -> Response:
    return page(request, template, status, access=access, today=dt.date.today(), **context, **extra)


def _saved(access: Access, result_id: int) -> Response:
    return redirect(f"/p/{access.person_id}/diary/results/{result_id}")


def _fiqr_context() -> dict[str, object]:
    maxima = instrument_views.fiqr_maxima()
    return {
        "items": FIQR_ITEMS,
        "item_range": tuple(int(v) for v in fact("fiqr.item_range").pair()),
        "maxima": maxima,
        "bands": instrument_views.bands(FIQR_BANDINGS["salaffi_2020"], sum(maxima.values()), None),
        "citations": cite_keys(["fiqr.item_range", "fiqr.divisor.function", "fiqr.max_missing.function"])
        + cite_keys(["fiqr.band.salaffi_2020"]),
    }


@router.get("/fiqr")
def fiqr_form(request: Request, access: OwnerAccess) -> Response:
    """The FIQR's 21 answers, with how they are scored and banded."""
    return _form(request, access, "diary_fiqr.html", _fiqr_context())


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
        context = _fiqr_context()
        return _form(request, access, "diary_fiqr.html", context, 400, error=str(error), answers=answers)
    return _saved(access, row.id)


def _acr_context() -> dict[str, object]:
    return {
        "regions": {region: [a for a in PainArea if a.region is region] for region in Region},
        "months": int(fact("acr.min_duration_months").scalar()),
        "min_regions": int(fact("acr.2016.min_regions").scalar()),
        "somatic_months": int(fact("acr.somatic_lookback_months").scalar()),
        "versions": diary.ACR_VERSIONS,
        "psd_bands": instrument_views.bands(
            PSD_BANDINGS[diary.PSD_BANDING], instrument_views.psd_top(), None
        ),
        "citations": cite_keys(
            [
                "acr.wpi_range",
                "acr.sss_item_range",
                "acr.rule_high",
                "acr.2010.rule_mid",
                "acr.2016.rule_mid",
                "acr.2016.min_regions",
                "acr.min_duration_months",
                "acr.somatic_lookback_months",
                "acr.2011.fs_cutoff",
                "psd.band.wolfe_2015",
            ]
        ),
    }


@router.get("/acr")
def acr_form(request: Request, access: OwnerAccess) -> Response:
    """The ACR criteria: the body map of the 19 areas, the symptom ratings, and the version to apply."""
    return _form(request, access, "diary_acr.html", _acr_context(), kept=None)


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
        return _form(request, access, "diary_acr.html", _acr_context(), 400, error=str(error), kept=answers)
    return _saved(access, row.id)


def _pgic_context(db: DbSession, person_id: int, trial_id: int) -> dict[str, object]:
    return {
        "answers": PGIC_ANSWERS,
        "trials": trials.list_trials(db, person_id),
        "trial_id": trial_id,
        "citations": cite_keys(["pgic.range", "pgic.immpact"]),
    }


@router.get("/pgic")
def pgic_form(request: Request, access: OwnerAccess, db: DbSession, trial_id: int = 0) -> Response:
    """The PGIC: one of seven answers about change since a start, optionally about one trial."""
    return _form(request, access, "diary_pgic.html", _pgic_context(db, access.person_id, trial_id))


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
        context = _pgic_context(db, access.person_id, int(trial) if trial.isdigit() else 0)
        return _form(request, access, "diary_pgic.html", context, 400, error=str(error))
    return _saved(access, row.id)


@router.get("/results/{result_id}")
def result(request: Request, access: DiaryAccess, db: DbSession, result_id: int) -> Response:
    """One questionnaire's result: the score, its parts and bands, the rule's conditions, the sources."""
    row = diary.get_result(db, access.person_id, result_id)
    if row is None:
        raise HTTPException(404)
    return page(request, "instrument.html", access=access, view=instrument_views.instrument_view(row))
