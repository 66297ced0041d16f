"""What the diary pages show: the check-in form's items, the history with weekly trends.

Everything is read from stored check-ins and ``diary_days`` (folded by the core when a check-in is saved), so
a year of diary renders without refolding it. Nothing here computes a score; the days are the core's
:class:`~fibrokit.diary.DailySummary`, the chart data is in :mod:`fibrokit.services.diary.charts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import TypeVar

from fibrokit.diary import DailySummary, DiaryItem
from fibrokit.evidence import fact
from fibrokit.services.diary import checkins, instrument_results, queries
from fibrokit.services.diary.queries import Session
from fibrokit.services.diary.rows import core_days
from fibrokit.services.home.kept import kept
from fibrokit.services.recordings.views import Citation, cite_keys
from fibrokit.store.tables import CheckInRow

PERIODS = (30, 90, 365)
T = TypeVar("T")


@dataclass(frozen=True)
class CheckInPage:
    """The check-in form: items to rate and tick, what is pre-ticked, the last ratings, today's check-ins."""

    symptoms: tuple[DiaryItem, ...]
    factors: tuple[DiaryItem, ...]
    prefilled: Mapping[str, float | None]
    last: Mapping[str, float]
    today: list[CheckInRow]
    scale: tuple[int, int]
    labels: dict[str, str]
    citations: list[Citation]


def checkin_page(session: Session, user_id: int, today: dt.date) -> CheckInPage:
    """The check-in form of a person, with the items their last check-in had."""
    rows = queries.stored_items(session, user_id)
    last = queries.latest_row(session, user_id)
    upcoming = checkins.next_template(checkins.active_items(rows), last)
    todays = queries.checkins_on(session, user_id, today)
    low, high = fact("diary.rating_range").pair()
    return CheckInPage(
        tuple(i for i in upcoming.items if i.kind == "symptom"),
        tuple(i for i in upcoming.items if i.kind != "symptom"),
        upcoming.prefilled,
        dict(last.ratings) if last is not None else {},
        todays,
        (int(low), int(high)),
        {key: short(label) for key, label in checkins.labels_of(rows).items()},
        cite_keys(["diary.rating_range"]),
    )


@dataclass(frozen=True)
class WeekRow:
    """One ISO week of the diary (Monday first): its days with a check-in and each symptom's mean of them."""

    start: dt.date
    days: int
    means: Mapping[str, float | None]


@dataclass(frozen=True)
class ResultLine:
    """A stored questionnaire in a list: which, when, and its result in a few words."""

    id: int
    version: str
    taken_on: dt.date
    summary: str


@dataclass(frozen=True)
class RecentCheckIn:
    """One of the recent check-ins as the history lists it, its ratings and factors already in words."""

    id: int
    at: dt.datetime
    ratings: str  # "Pain 8, Tiredness 4"
    factors: str  # "Cold or damp exposure (ongoing), Poor sleep"
    note: str


@dataclass(frozen=True)
class DiaryHistory:
    """A period of the diary: each day, weekly means, recent check-ins and questionnaires."""

    period_days: int
    since: dt.date
    days: tuple[DailySummary, ...]
    weeks: list[WeekRow]
    symptoms: list[tuple[str, str]]
    recent: list[RecentCheckIn]
    labels: dict[str, str]
    results: list[ResultLine]


def history_page(
    session: Session, user_id: int, period_days: int, today: dt.date, dress: Callable[[DiaryHistory], T]
) -> tuple[DiaryHistory, T]:
    """The diary history's view and what ``dress`` makes of it, built once per change of the diary and per day.

    ``dress`` turns the view into the parts of the page that are the same for everyone who may see it (the web
    layer renders the trend tables with it), so those are made once too, from the very view they are kept with.
    """

    def build() -> tuple[DiaryHistory, T]:
        view = diary_history(session, user_id, period_days, today)
        return view, dress(view)

    return kept(session, user_id, "diary-history", (period_days, today), build)


def diary_history(session: Session, user_id: int, period_days: int, today: dt.date) -> DiaryHistory:
    """The last ``period_days`` of a person's diary."""
    if period_days not in PERIODS:
        raise ValueError(f"`period_days` must be one of {PERIODS}, not {period_days}")
    since = today - dt.timedelta(days=period_days - 1)
    days = core_days(queries.diary_days(session, user_id, since, today))
    rows = queries.stored_items(session, user_id)  # read once, for the labels and the order
    names = checkins.labels_of(rows)
    order = [item.key for item in checkins.active_items(rows) if item.kind == "symptom"]
    seen = {key for day in days for key in day.symptoms}
    keys = [k for k in order if k in seen] + sorted(seen - set(order))
    recent = queries.recent_checkins(session, user_id, 15)
    results = [
        ResultLine(row.id, row.version, row.taken_on, instrument_results.summary(row))
        for row in queries.recent_results(session, user_id, 20)
    ]
    return DiaryHistory(
        period_days,
        since,
        days,
        weekly(days, keys),
        [(k, short(names.get(k, k))) for k in keys],
        [_in_words(row, names) for row in recent],
        names,
        results,
    )


def _in_words(row: CheckInRow, names: Mapping[str, str]) -> RecentCheckIn:
    ratings = ", ".join(f"{short(names.get(k, k))} {round(float(v))}" for k, v in row.ratings.items())
    factors = ", ".join(names.get(k, k) + (" (ongoing)" if k in row.ongoing else "") for k in row.factors)
    return RecentCheckIn(row.id, row.at_local, ratings, factors, row.note)


def short(label: str) -> str:
    """An item's name without its scale explanation: "Pain (0 = none, ...)" → "Pain"."""
    return label.split(" (")[0]


def weekly(days: Sequence[DailySummary], keys: list[str]) -> list[WeekRow]:
    """Each symptom's mean of daily means per ISO week (Monday first), weeks with a check-in only."""
    groups: dict[dt.date, list[DailySummary]] = {}
    for day in days:
        groups.setdefault(day.day - dt.timedelta(days=day.day.weekday()), []).append(day)
    out = []
    for start, members in sorted(groups.items()):
        means: dict[str, float | None] = {}
        for key in keys:
            values = [d.symptoms[key].mean for d in members if key in d.symptoms]
            means[key] = round(fmean(values), 1) if values else None
        out.append(WeekRow(start, len(members), means))
    return out
