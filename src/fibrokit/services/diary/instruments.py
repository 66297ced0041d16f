"""Questionnaires: FIQR, the ACR fibromyalgia criteria (2010, 2011, 2016) with the PSD, and the PGIC.

Answers typed into a form are checked here (one sentence per problem) and scored by the core
(:func:`~fibrokit.diary.fiqr_score`, :func:`~fibrokit.diary.acr_2010` / ``acr_2011`` / ``acr_2016``,
:func:`~fibrokit.diary.psd_score`, :func:`~fibrokit.diary.pgic_score`); the answers, the scored result, the
version of the rule and fibrokit's version are stored together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit._version import __version__
from fibrokit.diary import (
    FIQR_ITEMS,
    AcrSymptoms,
    FiqrAnswers,
    PainArea,
    SomaticSymptoms,
    acr_2010,
    acr_2011,
    acr_2016,
    fiqr_score,
    pgic_score,
    psd_score,
)
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.services.trials import queries as trial_queries
from fibrokit.store.tables import InstrumentRow

ACR_VERSIONS = ("2016", "2011", "2010")
MISSING_RULES = ("authors_current", "prorate_any")
PSD_BANDING = "wolfe_2015"


def _taken_on(value: str, today: dt.date) -> dt.date:
    try:
        day = dt.date.fromisoformat(value.strip()) if value.strip() else today
    except ValueError:
        raise InputError(f"{value!r} is not a date (use YYYY-MM-DD).") from None
    if day > today + dt.timedelta(days=1):
        raise InputError("That date is in the future.")
    return day


def _store(
    session: Session,
    user_id: int,
    instrument: str,
    version: str,
    taken_on: dt.date,
    answers: dict[str, Any],
    result: dict[str, Any],
    trial_id: int | None = None,
) -> InstrumentRow:
    row = InstrumentRow(
        user_id=user_id,
        instrument=instrument,
        version=version,
        taken_on=taken_on,
        trial_id=trial_id,
        answers=answers,
        result=result,
        fibrokit_version=__version__,
    )
    session.add(row)
    session.flush()
    return row


def save_fiqr(
    session: Session,
    user_id: int,
    answers: Mapping[str, Sequence[str]],
    *,
    taken_on: str = "",
    missing_rule: str = "authors_current",
    today: dt.date,
) -> InstrumentRow:
    """Score and store a FIQR; ``answers`` holds each domain's answers as typed ("" for blank)."""
    if missing_rule not in MISSING_RULES:
        raise InputError(f"Choose how blank answers are handled: {' or '.join(MISSING_RULES)}.")
    day = _taken_on(taken_on, today)
    low, high = fact("fiqr.item_range").pair()
    parsed: dict[str, list[float | None]] = {}
    for domain, names in FIQR_ITEMS.items():
        given = list(answers.get(domain, ()))
        if len(given) != len(names):
            raise InputError(f"The {domain} part needs {len(names)} answers (blank where unanswered).")
        parsed[domain] = [
            _number(text, low, high, f"{domain} item {i} ({name})")
            for i, (text, name) in enumerate(zip(given, names, strict=True), start=1)
        ]
    filled = FiqrAnswers(tuple(parsed["function"]), tuple(parsed["overall"]), tuple(parsed["symptoms"]))
    result = fiqr_score(filled, missing_rule=missing_rule)  # type: ignore[arg-type]
    return _store(session, user_id, "fiqr", f"FIQR {missing_rule}", day, parsed, dataclasses.asdict(result))


@dataclass(frozen=True)
class AcrAnswers:
    """The ACR form as typed: version, painful areas (PainArea names), ratings and yes/no answers."""

    version: str
    areas: tuple[str, ...]
    fatigue: str
    waking_unrefreshed: str
    cognitive: str
    headaches: bool = False
    lower_belly: bool = False
    depression: bool = False
    three_months: str = ""
    other_disorder: str = ""
    somatic_burden: str = ""


def save_acr(
    session: Session, user_id: int, form: AcrAnswers, *, taken_on: str = "", today: dt.date
) -> InstrumentRow:
    """Check answers against one version of the ACR criteria (and the PSD for 2011/2016), and store them."""
    if form.version not in ACR_VERSIONS:
        raise InputError(f"Choose the version of the criteria: {', '.join(ACR_VERSIONS)}.")
    day = _taken_on(taken_on, today)
    try:
        areas = frozenset(PainArea[name] for name in form.areas)
    except KeyError:
        raise InputError("One of the painful areas is not one of the 19 areas of the index.") from None
    low, high = fact("acr.sss_item_range").pair()
    symptoms = AcrSymptoms(
        *(
            _whole(getattr(form, name), int(low), int(high), label)
            for name, label in (
                ("fatigue", "Tiredness"),
                ("waking_unrefreshed", "Waking unrefreshed"),
                ("cognitive", "Trouble thinking or remembering"),
            )
        )
    )
    months = _yes_no(form.three_months, "Say whether the symptoms have lasted at least 3 months.")
    somatic = SomaticSymptoms(form.headaches, form.lower_belly, form.depression)
    extra: dict[str, Any] = {}
    if form.version == "2016":
        result = acr_2016(areas, symptoms, somatic, symptoms_three_months=months)
    else:
        other = _yes_no(form.other_disorder, "Say whether another condition would explain the pain.")
        if form.version == "2011":
            result = acr_2011(
                areas, symptoms, somatic, symptoms_three_months=months, other_disorder_explains_pain=other
            )
        else:
            burden = _whole(form.somatic_burden, int(low), int(high), "The clinician's somatic rating")
            result = acr_2010(
                areas, symptoms, burden, symptoms_three_months=months, other_disorder_explains_pain=other
            )
    if form.version != "2010":
        extra["psd"] = dataclasses.asdict(psd_score(areas, symptoms, somatic, banding=PSD_BANDING))
    answers = {**dataclasses.asdict(form), "areas": sorted(a.name for a in areas)}
    stored = {**dataclasses.asdict(result), **extra}
    return _store(session, user_id, "acr", result.version, day, answers, stored)


def save_pgic(
    session: Session,
    user_id: int,
    rating: str,
    *,
    taken_on: str = "",
    trial_id: int | None = None,
    today: dt.date,
) -> InstrumentRow:
    """Store a PGIC answer (1 very much improved … 7 very much worse), optionally about one trial."""
    low, high = fact("pgic.range").pair()
    value = _whole(rating, int(low), int(high), "Your impression of change")
    day = _taken_on(taken_on, today)
    if trial_id is not None:
        trial = trial_queries.get_trial(session, user_id, trial_id)
        if trial is None:
            raise InputError("There is no such trial of yours.")
        if day < trial.first_dose:
            raise InputError("A trial's impression of change is given after its first dose.")
    result = dataclasses.asdict(pgic_score(value))
    return _store(session, user_id, "pgic", "PGIC", day, {"rating": value}, result, trial_id)


def get_result(session: Session, user_id: int, result_id: int) -> InstrumentRow | None:
    """One of the person's questionnaires (None when it does not exist or is someone else's)."""
    return session.scalar(
        select(InstrumentRow).where(InstrumentRow.id == result_id, InstrumentRow.user_id == user_id)
    )


def results_of(session: Session, user_id: int, instrument: str, limit: int = 50) -> list[InstrumentRow]:
    """The person's results of one questionnaire, newest first."""
    rows = session.scalars(
        select(InstrumentRow)
        .where(InstrumentRow.user_id == user_id, InstrumentRow.instrument == instrument)
        .order_by(InstrumentRow.taken_on.desc(), InstrumentRow.id.desc())
        .limit(limit)
    ).all()
    return list(rows)


def latest_pgic(session: Session, user_id: int, trial_id: int) -> InstrumentRow | None:
    """The person's latest PGIC about a trial."""
    return session.scalar(
        select(InstrumentRow)
        .where(
            InstrumentRow.user_id == user_id,
            InstrumentRow.instrument == "pgic",
            InstrumentRow.trial_id == trial_id,
        )
        .order_by(InstrumentRow.taken_on.desc(), InstrumentRow.id.desc())
        .limit(1)
    )


def _number(text: str, low: float, high: float, what: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(f"The {what}: give a number from {low:g} to {high:g}, or leave it blank.") from None
    if not low <= value <= high:
        raise InputError(f"The {what}: give a number from {low:g} to {high:g}, not {text.strip()}.")
    return value


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise InputError(f"{what}: choose a whole number from {low} to {high}.") from None
    if not low <= value <= high:
        raise InputError(f"{what}: choose a whole number from {low} to {high}, not {value}.")
    return value


def _yes_no(text: str, ask: str) -> bool:
    if text not in ("yes", "no"):
        raise InputError(ask)
    return text == "yes"
