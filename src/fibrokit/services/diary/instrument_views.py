"""How a stored questionnaire is shown: score, parts, bands, the rule's conditions and the sources.

The person's band is marked among all of them. Maxima and band edges are read from the evidence registry and the core's bandings, never written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fibrokit.diary import FIQR_ITEMS, PGIC_ANSWERS, PainArea, Region, pgic_score
from fibrokit.diary.bands import FIQR_BANDINGS, PSD_BANDINGS, Banding
from fibrokit.evidence import fact
from fibrokit.services.diary.instrument_forms import PSD_BANDING
from fibrokit.services.diary.instrument_results import acr_result, fiqr_result, pgic_result
from fibrokit.services.recordings.views import Citation, cite_keys
from fibrokit.store.tables import InstrumentRow, TrialRow

TITLES = {"fiqr": "FIQR", "acr": "ACR fibromyalgia criteria", "pgic": "PGIC"}


@dataclass(frozen=True)
class Band:
    """One band of a banding: its name, the scores it covers, and whether the person's score is in it."""

    name: str
    scores: str
    current: bool


@dataclass(frozen=True)
class InstrumentView:
    """A questionnaire's result, ready to show."""

    row: InstrumentRow
    title: str
    headline: str
    parts: list[tuple[str, str]]
    explanation: list[str]
    bands: list[Band]
    bands_title: str
    citations: list[Citation]
    conditions: list[tuple[str, bool]] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    marked: tuple[str, ...] = ()  # the painful areas' names, for the body map


def bands(banding: Banding, top: float, value: float | None) -> list[Band]:
    """The bands of ``banding`` over whole-number scores up to ``top``, marking the one holding ``value``."""
    edges = [int(e) for e in banding.edges()]
    lows = [0, *edges]
    highs = [e - 1 for e in edges] + [int(top)]
    current = banding.band(value) if value is not None else ""
    return [
        Band(name, f"{low}–{high}", name == current)
        for name, low, high in zip(banding.names, lows, highs, strict=True)
    ]


def fiqr_maxima() -> dict[str, float]:
    """The highest score of each FIQR domain: items × top answer / divisor."""
    top = fact("fiqr.item_range").pair()[1]
    return {
        d: fact(f"fiqr.items.{d}").scalar() * top / fact(f"fiqr.divisor.{d}").scalar()
        for d in ("function", "overall", "symptoms")
    }


def psd_top() -> float:
    """The highest PSD score: the WPI's plus the SSS's."""
    return fact("acr.wpi_range").pair()[1] + fact("acr.sss_range").pair()[1]


@dataclass(frozen=True)
class FiqrForm:
    """The FIQR form: each domain's items, the answers' range, each part's highest score, bands, sources."""

    items: Mapping[str, tuple[str, ...]]
    item_range: tuple[int, int]
    maxima: dict[str, float]
    bands: list[Band]
    citations: list[Citation]


def fiqr_form() -> FiqrForm:
    """What the FIQR form shows beside its 21 answers."""
    maxima = fiqr_maxima()
    low, high = fact("fiqr.item_range").pair()
    return FiqrForm(
        FIQR_ITEMS,
        (int(low), int(high)),
        maxima,
        bands(FIQR_BANDINGS["salaffi_2020"], sum(maxima.values()), None),
        cite_keys(["fiqr.item_range", "fiqr.divisor.function", "fiqr.max_missing.function"])
        + cite_keys(["fiqr.band.salaffi_2020"]),
    )


@dataclass(frozen=True)
class AcrForm:
    """The ACR form: the body map's areas by region, the rules' durations and counts, the PSD bands, sources."""

    regions: dict[Region, list[PainArea]]
    months: int
    min_regions: int
    somatic_months: int
    psd_bands: list[Band]
    citations: list[Citation]


def acr_form() -> AcrForm:
    """What the ACR form shows: the 19 areas by region, the rules' durations and counts, the PSD bands."""
    return AcrForm(
        {region: [a for a in PainArea if a.region is region] for region in Region},
        int(fact("acr.min_duration_months").scalar()),
        int(fact("acr.2016.min_regions").scalar()),
        int(fact("acr.somatic_lookback_months").scalar()),
        bands(PSD_BANDINGS[PSD_BANDING], psd_top(), None),
        cite_keys(
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
    )


@dataclass(frozen=True)
class PgicForm:
    """The PGIC form: the seven answers, the trials it may be about, the one chosen (0: none), sources."""

    answers: tuple[str, ...]
    trials: list[TrialRow]
    trial_id: int
    citations: list[Citation]


def pgic_form(trials: list[TrialRow], trial_id: int) -> PgicForm:
    """What the PGIC form shows, with the person's trials to choose from."""
    return PgicForm(PGIC_ANSWERS, trials, trial_id, cite_keys(["pgic.range", "pgic.immpact"]))


def instrument_view(row: InstrumentRow) -> InstrumentView:
    """The view of one stored questionnaire."""
    if row.instrument == "fiqr":
        return _fiqr(row)
    if row.instrument == "acr":
        return _acr(row)
    return _pgic(row)


def _fiqr(row: InstrumentRow) -> InstrumentView:
    r = fiqr_result(row)
    top = fiqr_maxima()
    total_top = sum(top.values())
    parts = [(name.capitalize(), f"{getattr(r, name):.1f} of {top[name]:g}") for name in top]
    divisors = {d: fact(f"fiqr.divisor.{d}").scalar() for d in top}
    allowed = int(fact("fiqr.max_missing.function").scalar())
    explanation = [
        "Each part's answers are added and divided (function by {function:g}, overall impact by {overall:g}, "
        "symptoms by {symptoms:g}); the total is the sum of the three parts.".format(**divisors),
        "Blank answers: "
        + (
            f"the authors' current rule (at most {allowed} blank function item; none elsewhere)."
            if r.missing_rule == "authors_current"
            else "pro-rated in any part with at least one answer (the older rule)."
        ),
    ]
    if r.prorated:
        explanation.append(f"Pro-rated for blank answers: {', '.join(r.prorated)}.")
    explanation.append(
        "The FIQR describes how much fibromyalgia affected the past week; a band is a description of "
        "severity, not a diagnosis. A total between two published ranges keeps the lower band."
    )
    return InstrumentView(
        row,
        "FIQR (Revised Fibromyalgia Impact Questionnaire)",
        f"{r.total:.1f} of {total_top:g}: {r.band}",
        parts,
        explanation,
        bands(FIQR_BANDINGS[r.banding], total_top, float(int(r.total + 1e-9))),
        "Severity bands (Salaffi et al. 2020)",
        cite_keys(list(r.evidence)),
    )


def _acr(row: InstrumentRow) -> InstrumentView:
    r, psd = acr_result(row)
    parts = [
        ("Widespread Pain Index (WPI)", f"{r.wpi} of {fact('acr.wpi_range').pair()[1]:g} areas"),
        ("Symptom Severity Scale (SSS)", f"{r.sss} of {fact('acr.sss_range').pair()[1]:g}"),
    ]
    if r.version == "ACR 2016":
        parts.append(
            ("Regions with pain (jaw, chest and belly not counted)", f"{r.regions} of {len(Region)}")
        )
    if r.fs_at_least_13 is not None:
        parts.append(("WPI + SSS reaches 13", "yes" if r.fs_at_least_13 else "no"))
    keys = list(r.evidence)
    shown: list[Band] = []
    if psd is not None:
        parts.append(
            ("Polysymptomatic distress (PSD = WPI + SSS)", f"{psd.score} of {psd_top():g}: {psd.band}")
        )
        shown = bands(PSD_BANDINGS[psd.banding], psd_top(), float(psd.score))
        keys += list(psd.evidence)
    explanation = [
        "The criteria were written to classify people in studies and to help clinicians; they do not replace "
        "an examination.",
        "The three versions are separate rules and are never mixed: 2010 has a clinician rate the somatic "
        "symptoms; 2011 counts three self-reported ones; 2016 adds the generalised-pain rule and no longer "
        "excludes other diagnoses.",
    ]
    return InstrumentView(
        row,
        f"{r.version} fibromyalgia criteria",
        r.statement,
        parts,
        explanation,
        shown,
        "PSD bands (Wolfe et al. 2015)" if shown else "",
        cite_keys(keys),
        [(text, bool(met)) for text, met in r.conditions],
        [PainArea[name].value for name in row.answers.get("areas", [])],
        tuple(row.answers.get("areas", [])),
    )


def _pgic(row: InstrumentRow) -> InstrumentView:
    r = pgic_result(row)
    answers = [pgic_score(i) for i in range(1, len(PGIC_ANSWERS) + 1)]
    meaning = {
        "substantial": "a substantial improvement",
        "moderate": "a moderately important improvement",
        "minimal": "a minimally important improvement",
        "none": "no important improvement",
    }
    return InstrumentView(
        row,
        "PGIC (Patient Global Impression of Change)",
        f"{r.answer.capitalize()} ({r.rating} of {len(PGIC_ANSWERS)})",
        [("IMMPACT reads this as", meaning[r.importance])],
        [
            "The PGIC asks how your condition overall has changed since a start (usually a treatment). It is "
            "one answer about how you feel it went, and it is read beside the diary's numbers, not instead "
            "of them."
        ],
        [Band(f"{a.rating}. {a.answer}", meaning[a.importance], a.rating == r.rating) for a in answers],
        "The seven answers and how IMMPACT reads them",
        cite_keys(list(r.evidence)),
    )
