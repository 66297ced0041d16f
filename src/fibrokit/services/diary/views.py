"""What the diary pages show: the check-in form's items, the history with weekly trends, and chart data.

Everything is read from stored check-ins and ``diary_days`` (folded by the core when a check-in is saved), so
a year of diary renders without refolding it. Nothing here computes a score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.diary import DiaryItem
from fibrokit.evidence import fact
from fibrokit.services.diary import checkins as diary
from fibrokit.services.diary import rows as diary_rows
from fibrokit.services.home.kept import kept
from fibrokit.services.recordings.views import Citation, cite_keys
from fibrokit.store.tables import CheckInRow, DiaryDay, InstrumentRow

PERIODS = (30, 90, 365)


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
    rows = diary.stored_items(session, user_id)
    last = diary.latest_row(session, user_id)
    upcoming = diary.next_template(diary.active_items(rows), last)
    todays = session.scalars(
        select(CheckInRow)
        .where(CheckInRow.user_id == user_id, CheckInRow.local_day == today)
        .order_by(CheckInRow.at_local)
    ).all()
    low, high = fact("diary.rating_range").pair()
    return CheckInPage(
        tuple(i for i in upcoming.items if i.kind == "symptom"),
        tuple(i for i in upcoming.items if i.kind != "symptom"),
        upcoming.prefilled,
        dict(last.ratings) if last is not None else {},
        list(todays),
        (int(low), int(high)),
        {key: short(label) for key, label in diary.labels_of(rows).items()},
        cite_keys(["diary.rating_range"]),
    )


@dataclass(frozen=True)
class DiaryHistory:
    """A period of the diary: each day, weekly means, recent check-ins and questionnaires."""

    period_days: int
    since: dt.date
    days: list[DiaryDay]
    weeks: list[dict[str, Any]]
    symptoms: list[tuple[str, str]]
    recent: list[CheckInRow]
    labels: dict[str, str]
    results: list[InstrumentRow]


def history_page(
    session: Session, user_id: int, period_days: int, today: dt.date
) -> tuple[DiaryHistory, tuple[DiaryItem, ...]]:
    """The diary history page's view and the person's items, built once per change of the diary and per day."""
    return kept(
        session,
        user_id,
        "diary-history",
        (period_days, today),
        lambda: (diary_history(session, user_id, period_days, today), diary.current_items(session, user_id)),
    )


def diary_history(session: Session, user_id: int, period_days: int, today: dt.date) -> DiaryHistory:
    """The last ``period_days`` of a person's diary."""
    if period_days not in PERIODS:
        raise ValueError(f"`period_days` must be one of {PERIODS}, not {period_days}")
    since = today - dt.timedelta(days=period_days - 1)
    days = diary_rows.diary_days(session, user_id, since, today)
    names = diary.labels(session, user_id)
    order = [item.key for item in diary.current_items(session, user_id) if item.kind == "symptom"]
    seen = {key for day in days for key in day.symptoms}
    keys = [k for k in order if k in seen] + sorted(seen - set(order))
    recent = session.scalars(
        select(CheckInRow)
        .where(CheckInRow.user_id == user_id)
        .order_by(CheckInRow.at_local.desc(), CheckInRow.id.desc())
        .limit(15)
    ).all()
    results = session.scalars(
        select(InstrumentRow)
        .where(InstrumentRow.user_id == user_id)
        .order_by(InstrumentRow.taken_on.desc(), InstrumentRow.id.desc())
        .limit(20)
    ).all()
    return DiaryHistory(
        period_days,
        since,
        days,
        weekly(days, keys),
        [(k, short(names.get(k, k))) for k in keys],
        list(recent),
        names,
        list(results),
    )


def short(label: str) -> str:
    """An item's name without its scale explanation: "Pain (0 = none, ...)" → "Pain"."""
    return label.split(" (")[0]


def weekly(days: list[DiaryDay], keys: list[str]) -> list[dict[str, Any]]:
    """Each symptom's mean of daily means per ISO week (Monday first), weeks with a check-in only."""
    groups: dict[dt.date, list[DiaryDay]] = {}
    for day in days:
        groups.setdefault(day.day - dt.timedelta(days=day.day.weekday()), []).append(day)
    out = []
    for start, members in sorted(groups.items()):
        means = {}
        for key in keys:
            values = [float(d.symptoms[key]["mean"]) for d in members if key in d.symptoms]
            means[key] = round(fmean(values), 1) if values else None
        out.append({"start": start, "days": len(members), "means": means})
    return out


def trend_charts(session: Session, user_id: int, period_days: int, today: dt.date) -> dict[str, Any]:
    """Daily and weekly symptom means over the period, as Plotly figures."""
    history = diary_history(session, user_id, period_days, today)
    if not history.days:
        return {}
    low, high = fact("diary.rating_range").pair()
    axis = {"title": {"text": f"rating ({low:g}-{high:g})"}, "range": [low - 0.3, high + 0.3]}
    layout: dict[str, Any] = {
        "margin": {"l": 55, "r": 20, "t": 30, "b": 40},
        "hovermode": "x unified",
        "height": 340,
        "yaxis": axis,
        "legend": {"orientation": "h", "y": -0.2},
    }
    # The whole period on the date axis: a few days of check-ins are not stretched over the chart's width.
    since = (today - dt.timedelta(days=period_days)).isoformat()
    until = (today + dt.timedelta(days=1)).isoformat()
    dates = {"type": "date", "range": [since, until]}
    daily = [
        {
            "type": "scatter",
            "mode": "lines+markers" if len(history.days) <= 60 else "lines",
            "x": [d.day.isoformat() for d in history.days if key in d.symptoms],
            "y": [round(float(d.symptoms[key]["mean"]), 2) for d in history.days if key in d.symptoms],
            "name": name,
        }
        for key, name in history.symptoms
    ]
    weeks = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": [w["start"].isoformat() for w in history.weeks],
            "y": [w["means"][key] for w in history.weeks],
            "name": name,
        }
        for key, name in history.symptoms
    ]
    return {
        "daily": {
            "data": daily,
            "layout": {**layout, "xaxis": dates, "title": {"text": "Each day (mean of its check-ins)"}},
        },
        "weekly": {"data": weeks, "layout": {**layout, "xaxis": dates, "title": {"text": "Weekly averages"}}},
    }
