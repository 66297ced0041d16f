"""Questionnaires as typed into a form, checked and scored: FIQR, the ACR criteria with the PSD, the PGIC.

The ACR criteria come in their 2010, 2011 and 2016 versions. Answers are checked here (one sentence per problem) and scored by the core (:func:`~fibrokit.diary.fiqr_score`,
:func:`~fibrokit.diary.acr_2010` / ``acr_2011`` / ``acr_2016``, :func:`~fibrokit.diary.psd_score`,
:func:`~fibrokit.diary.pgic_score`) into a :class:`Scored`: what is stored (the answers, the result, the
version of the rule) by :func:`fibrokit.services.diary.actions.save_fiqr` and its siblings. Nothing here
touches the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fibrokit.diary import (
    FIQR_ITEMS,
    AcrResult,
    AcrSymptoms,
    FiqrAnswers,
    FiqrResult,
    PainArea,
    PgicResult,
    PsdResult,
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

ACR_VERSIONS = ("2016", "2011", "2010")
MISSING_RULES = ("authors_current", "prorate_any")
PSD_BANDING = "wolfe_2015"

# A stored questionnaire's answers and result are JSON documents (the rows' JSON columns); they are made
# from the form and the core's result here and read back as the core's result types in instrument_results.py.
JsonObject = dict[str, object]


@dataclass(frozen=True)
class Scored:
    """A questionnaire checked and scored, ready to store: which, its rule's version, the day, answers, result."""

    instrument: str
    version: str
    taken_on: dt.date
    answers: JsonObject
    result: FiqrResult | AcrResult | PgicResult
    psd: PsdResult | None = None

    def result_json(self) -> JsonObject:
        """The result as stored: the core's result as JSON (with the PSD beside the ACR's, under ``psd``)."""
        found: JsonObject = dataclasses.asdict(self.result)
        if self.psd is not None:
            found["psd"] = dataclasses.asdict(self.psd)
        return found


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


def scored_fiqr(
    answers: Mapping[str, Sequence[str]], *, taken_on: str, missing_rule: str, today: dt.date
) -> Scored:
    """Check and score a FIQR; ``answers`` holds each domain's answers as typed ("" for blank)."""
    if missing_rule not in MISSING_RULES:
        raise InputError(f"Choose how blank answers are handled: {' or '.join(MISSING_RULES)}.")
    day = taken_on_day(taken_on, today)
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
    return Scored("fiqr", f"FIQR {missing_rule}", day, dict(parsed), result)


def scored_acr(form: AcrAnswers, *, taken_on: str, today: dt.date) -> Scored:
    """Check answers against one version of the ACR criteria (and the PSD for 2011/2016)."""
    if form.version not in ACR_VERSIONS:
        raise InputError(f"Choose the version of the criteria: {', '.join(ACR_VERSIONS)}.")
    day = taken_on_day(taken_on, today)
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
    psd = psd_score(areas, symptoms, somatic, banding=PSD_BANDING) if form.version != "2010" else None
    answers: JsonObject = {**dataclasses.asdict(form), "areas": sorted(a.name for a in areas)}
    return Scored("acr", result.version, day, answers, result, psd)


def scored_pgic(rating: str, *, taken_on: str, today: dt.date) -> Scored:
    """Check a PGIC answer (1 very much improved … 7 very much worse) and read it."""
    low, high = fact("pgic.range").pair()
    value = _whole(rating, int(low), int(high), "Your impression of change")
    day = taken_on_day(taken_on, today)
    return Scored("pgic", "PGIC", day, {"rating": value}, pgic_score(value))


def taken_on_day(value: str, today: dt.date) -> dt.date:
    """The day a questionnaire was answered, as typed (blank for today; not in the future)."""
    try:
        day = dt.date.fromisoformat(value.strip()) if value.strip() else today
    except ValueError:
        raise InputError(f"{value!r} is not a date (use YYYY-MM-DD).") from None
    if day > today + dt.timedelta(days=1):
        raise InputError("That date is in the future.")
    return day


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
