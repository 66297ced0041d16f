"""Reports over a period: the tests in it, trends of the morning readings, the diary, a treatment trial and pacing.

A person chooses the dates and the areas (tests, diary, treatments, pacing); each chosen area becomes a section with
its numbers, its sources, and a figure. The sections are built from results the core computes — this module only
arranges them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from fibrokit.choices import AREAS
from fibrokit.diary import DailySummary
from fibrokit.evidence.cite import numbers
from fibrokit.pacing import Mornings, Readiness, WeekLoad
from fibrokit.report.content import Citations, Item, Person, ReportContent, Row, Section, report_content
from fibrokit.treatments import TrialEvaluation, Verdict

REPORT_AREAS = AREAS  # a report covers the areas of a person's data (fibrokit.choices)
_SIX_DAYS = dt.timedelta(days=6)
Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Period:
    """What a period report covers, by area; an area left out of ``areas`` is not shown even if data is given."""

    start: dt.date
    end: dt.date
    areas: frozenset[str]
    tests: tuple[Item, ...] = ()
    mornings: Mornings | None = None
    diary: tuple[DailySummary, ...] = ()
    trial: TrialEvaluation | None = None
    verdict: Verdict | None = None
    weeks: tuple[WeekLoad, ...] = ()
    readiness: Readiness | None = None

    def __post_init__(self) -> None:
        unknown = set(self.areas) - set(REPORT_AREAS)
        if unknown:
            raise ValueError(
                f"`areas` must be among {', '.join(REPORT_AREAS)}; unknown: {', '.join(sorted(unknown))}"
            )
        if self.end < self.start:
            raise ValueError("the period must end on or after its start")


def period_content(period: Period, person: Person, *, created: dt.date | None = None) -> ReportContent:
    """The content of a report over ``period`` for the chosen areas.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.report import Period, Person, period_content
    >>> period = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), frozenset({"diary"}))
    >>> [s.title for s in period_content(period, Person()).sections]
    ['Symptom diary']
    """
    period = _clipped(period)
    tests = period.tests if "tests" in period.areas else ()
    extra = tuple(build for area, build in _section_builders(period) if area in period.areas)
    span = f"{period.start.isoformat()} to {period.end.isoformat()}"
    notes = (f"Period {span}; areas: {', '.join(a for a in REPORT_AREAS if a in period.areas)}.",)
    return report_content(
        tests, person, created=created, extra=tuple(extra), title=f"fibrokit report, {span}", notes=notes
    )


def _clipped(period: Period) -> Period:
    """The period with every dated item outside its dates dropped (a week counts if any of its days is inside)."""

    def inside(day: dt.date) -> bool:
        return period.start <= day <= period.end

    mornings, readiness = period.mornings, period.readiness
    if mornings is not None:
        keep = np.array([inside(day) for day in mornings.dates], dtype=bool)
        dates = [day for day, kept in zip(mornings.dates, keep, strict=True) if kept]
        mornings = Mornings(dates, mornings.ln_rmssd[keep], mornings.resting_hr_bpm[keep], mornings.ok[keep])
    if readiness is not None:
        readiness = replace(readiness, days=tuple(day for day in readiness.days if inside(day.date)))
    return replace(
        period,
        tests=tuple(item for item in period.tests if _item_in(item, period)),
        mornings=mornings,
        diary=tuple(day for day in period.diary if inside(day.day)),
        weeks=tuple(week for week in period.weeks if inside(week.monday) or inside(week.monday + _SIX_DAYS)),
        readiness=readiness,
    )


def _item_in(item: Item, period: Period) -> bool:
    """Whether a test falls in the period; a test without a recorded start is kept."""
    start = item.recording.start if item.recording is not None else None
    return start is None or period.start <= start.date() <= period.end


def _section_builders(period: Period) -> tuple[tuple[str, Callable[[Citations], Section]], ...]:
    """(area, builder) for every area with data; empty areas other than the diary are left out."""
    builders: list[tuple[str, Callable[[Citations], Section]]] = []
    mornings, trial, verdict = period.mornings, period.trial, period.verdict
    span = (period.start, period.end)
    if mornings is not None and len(mornings.dates):
        builders.append(("tests", lambda citations: _trend_section(mornings, span)))
    builders.append(("diary", lambda citations: _diary_section(period.diary, span)))
    if trial is not None:
        builders.append(("treatments", lambda citations: _trial_section(trial, verdict, citations)))
    if period.weeks or period.readiness is not None:
        builders.append(
            ("pacing", lambda citations: _pacing_section(period.weeks, period.readiness, citations, span))
        )
    return tuple(builders)


def _trend_section(mornings: Mornings, span: Span) -> Section:
    ok = mornings.ok
    hr, ln = mornings.resting_hr_bpm[ok], mornings.ln_rmssd[ok]
    rows = (
        Row("Morning readings (usable)", f"{int(ok.sum())} of {len(mornings.dates)}", "", "", ()),
        Row("Resting heart rate, mean", _number(float(np.mean(hr)) if hr.size else math.nan), "bpm", "", ()),
        Row("ln RMSSD, mean", _number(float(np.mean(ln)) if ln.size else math.nan, 2), "ln(ms)", "", ()),
    )
    summary = (
        "Morning readings over the period: resting heart rate and ln RMSSD, with their 7-day averages. "
        "Compare them with your own earlier weeks first; single days swing.",
    )
    return Section(
        "trends",
        "Morning readings over time",
        "stored morning readings",
        summary,
        rows,
        (),
        (),
        (("Resting heart rate and ln RMSSD", lambda: _figure_trends(mornings, span)),) if ok.any() else (),
        () if ok.any() else ("No trend chart: none of the morning readings in this period was usable.",),
    )


def _diary_section(days: tuple[DailySummary, ...], span: Span) -> Section:
    symptoms = sorted({name for day in days for name in day.symptoms})
    rows = [Row("Days with a check-in", str(len(days)), "", "", ())]
    for name in symptoms:
        values = [day.symptoms[name].mean for day in days if name in day.symptoms]
        rows.append(
            Row(
                f"{name.replace('_', ' ').capitalize()}, mean (0-10)",
                _number(float(np.mean(values)), 1),
                "",
                "",
                (),
            )
        )
    factors = Counter(factor for day in days for factor in day.factors)
    for factor, count in factors.most_common(5):
        rows.append(Row(f"Days with '{factor.replace('_', ' ')}'", str(count), "", "", ()))
    summary = (
        "Daily means of the symptoms you rated, and the factors you logged most often. Associations between "
        "factors and symptoms are shown in the app only with enough days with and without each factor.",
    )
    figures = (("Symptoms day by day", lambda: _figure_diary(days, span)),) if days else ()
    missing = () if days else ("No symptom chart: there are no check-ins in this period.",)
    return Section("diary", "Symptom diary", "your check-ins", summary, tuple(rows), (), (), figures, missing)


def _trial_section(trial: TrialEvaluation, verdict: Verdict | None, citations: Citations) -> Section:
    _, moderate, substantial = numbers("immpact.pain_reduction_pct")
    norm = citations.norm(
        f"IMMPACT: ≥ {moderate:.0f} % moderately, ≥ {substantial:.0f} % substantially important",
        ("immpact.pain_reduction_pct",),
    )
    rows = []
    for outcome in trial.outcomes:
        rows.append(
            Row(
                f"{outcome.outcome.capitalize()} at baseline (mean of {outcome.baseline_days} days)",
                _number(outcome.baseline_mean, 1),
                "/10",
                "",
                (),
            )
        )
        for change in outcome.changes:
            low, high = change.interval_pct
            rows.append(
                Row(
                    f"{outcome.outcome.capitalize()} change at week {change.week}",
                    f"{change.change_pct:+.0f} % (90 % interval {low:+.0f} to {high:+.0f})",
                    "",
                    change.category,
                    (norm,),
                )
            )
    summary: tuple[str, ...] = (verdict.text,) if verdict is not None else ()
    if verdict is not None and verdict.evidence:
        rows.append(
            Row("Verdict", verdict.response, "", "", (citations.norm("trial context", verdict.evidence),))
        )
    caveats = tuple(problem for outcome in trial.outcomes for problem in outcome.problems)
    return Section(
        "treatments",
        f"Treatment trial ({trial.weeks_done} weeks)",
        "your dose log and diary",
        summary,
        tuple(rows),
        caveats,
        (("method", trial.method),),
        (("Change from baseline with its uncertainty", lambda: _figure_trial(trial, moderate)),),
    )


def _pacing_section(
    weeks: tuple[WeekLoad, ...], readiness: Readiness | None, citations: Citations, span: Span
) -> Section:
    rows = [Row("Weeks with activity logged", str(len(weeks)), "", "", ())]
    if weeks:
        totals = np.array([week.total for week in weeks])
        heaviest = weeks[int(np.argmax(totals))]
        rows += [
            Row("Weekly load, median", _number(float(np.median(totals))), "points", "", ()),
            Row(
                f"Heaviest week (week of {heaviest.monday.isoformat()})",
                _number(heaviest.total),
                "points",
                "",
                (),
            ),
            Row(
                "Weeks with a day over budget",
                str(sum(week.days_over_budget > 0 for week in weeks)),
                "",
                "",
                (),
            ),
        ]
    if readiness is not None:
        levels = Counter(day.level for day in readiness.days)
        for level, count in sorted(levels.items()):
            norm = (
                citations.norm("against your own rolling baseline", readiness.evidence)
                if readiness.evidence
                else None
            )
            rows.append(Row(f"Mornings '{level}'", str(count), "", "", (norm,) if norm else ()))
    summary = (
        "Weekly exertion load (points accrue faster the longer and higher you stay above your threshold) and "
        "morning readiness against your own baseline.",
    )
    figures = (("Weekly load", lambda: _figure_weeks(weeks, span)),) if weeks else ()
    missing = () if weeks else ("No weekly-load chart: no activity was logged in this period.",)
    return Section(
        "pacing",
        "Pacing",
        "your activities and morning readings",
        summary,
        tuple(rows),
        (),
        (),
        figures,
        missing,
    )


def _number(value: float, digits: int = 0) -> str:
    return f"{value:.{digits}f}" if math.isfinite(value) else "not measured"


def _figure_trends(mornings: Mornings, span: Span) -> Figure:
    figure = Figure(figsize=(7.5, 3.6))
    top, bottom = figure.subplots(2, 1, sharex=True)
    dates = np.array(mornings.dates, dtype="datetime64[D]")
    for axes, values, label, colour in (
        (top, mornings.resting_hr_bpm, "resting HR (bpm)", "#b03a2e"),
        (bottom, mornings.ln_rmssd, "ln RMSSD", "#1f618d"),
    ):
        usable = mornings.ok & np.isfinite(values)
        axes.plot(dates[usable], values[usable], ".", color=colour, alpha=0.5)
        if usable.sum() >= 7:
            smooth = np.convolve(values[usable], np.ones(7) / 7, mode="valid")
            axes.plot(dates[usable][6:], smooth, color=colour, lw=1.5)
        axes.set_ylabel(label)
    _over(bottom, span)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def _figure_diary(days: tuple[DailySummary, ...], span: Span) -> Figure:
    figure = Figure(figsize=(7.5, 3.0))
    axes = figure.subplots()
    dates = np.array([day.day for day in days], dtype="datetime64[D]")
    for name in sorted({n for day in days for n in day.symptoms})[:6]:
        values = np.array([day.symptoms[name].mean if name in day.symptoms else np.nan for day in days])
        axes.plot(dates, values, "-o", lw=1, ms=2, label=name.replace("_", " "))  # a lone day still shows
    axes.set_ylim(0, 10)
    _over(axes, span)
    axes.set_ylabel("rating (0-10)")
    axes.legend(fontsize=7, ncol=3, loc="upper left")
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def _figure_trial(trial: TrialEvaluation, moderate_pct: float) -> Figure:
    figure = Figure(figsize=(7.5, 3.0))
    axes = figure.subplots()
    for offset, outcome in enumerate(trial.outcomes):
        weeks = np.array([c.week for c in outcome.changes], dtype=float) + 0.15 * offset
        values = np.array([c.change_pct for c in outcome.changes])
        low = values - np.array([c.interval_pct[0] for c in outcome.changes])
        high = np.array([c.interval_pct[1] for c in outcome.changes]) - values
        axes.errorbar(weeks, values, yerr=[low, high], fmt="o", capsize=3, label=outcome.outcome)
    axes.axhline(0, color="#777777", lw=0.8)
    axes.axhline(-moderate_pct, color="#999999", lw=0.8, ls="--")
    axes.set_xlabel("week of treatment")
    axes.set_ylabel("change from baseline (%)")
    axes.legend(fontsize=8)
    figure.tight_layout()
    return figure


def _over(axes: Axes, span: Span) -> None:
    """Date axis over the whole period, so a few days of data are not stretched over years."""
    # Matplotlib converts dates through the axis' date units; its stubs only name floats.
    axes.set_xlim(span[0], span[1] + dt.timedelta(days=1))  # type: ignore[arg-type]


def _figure_weeks(weeks: tuple[WeekLoad, ...], span: Span) -> Figure:
    figure = Figure(figsize=(7.5, 2.8))
    axes = figure.subplots()
    dates = np.array([week.monday for week in weeks], dtype="datetime64[D]")
    axes.bar(dates, [week.total for week in weeks], width=5, color="#5d6d7e")
    axes.set_ylabel("load (points)")
    _over(axes, (span[0] - dt.timedelta(days=span[0].weekday()), span[1]))
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
