"""The diary's chart data: each symptom's daily and weekly means over a period, as typed Plotly figures.

The figures are the app's typed figures (:mod:`~fibrokit.services.home.figures`), so they go to the page as JSON
as they are while mypy checks every key, and they start from the same layout as every other chart.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from fibrokit.evidence import fact
from fibrokit.services.diary.queries import Session
from fibrokit.services.diary.views import diary_history
from fibrokit.services.home.figures import AxisLayout, Figure, Layout, Trace, base_layout


class TrendCharts(TypedDict, total=False):
    """The diary's two figures (none when the period has no diary day)."""

    daily: Figure
    weekly: Figure


def trend_charts(session: Session, user_id: int, period_days: int, today: dt.date) -> TrendCharts:
    """Daily and weekly symptom means over the period, as Plotly figures."""
    history = diary_history(session, user_id, period_days, today)
    if not history.days:
        return {}
    low, high = fact("diary.rating_range").pair()
    axis: AxisLayout = {"title": {"text": f"rating ({low:g}-{high:g})"}, "range": [low - 0.3, high + 0.3]}
    # The whole period on the date axis: a few days of check-ins are not stretched over the chart's width.
    since = (today - dt.timedelta(days=period_days)).isoformat()
    until = (today + dt.timedelta(days=1)).isoformat()
    dates: AxisLayout = {"type": "date", "range": [since, until]}
    daily: list[Trace] = [
        {
            "type": "scatter",
            "mode": "lines+markers" if len(history.days) <= 60 else "lines",
            "x": [d.day.isoformat() for d in history.days if key in d.symptoms],
            "y": [round(d.symptoms[key].mean, 2) for d in history.days if key in d.symptoms],
            "name": name,
        }
        for key, name in history.symptoms
    ]
    weeks: list[Trace] = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": [w.start.isoformat() for w in history.weeks],
            "y": [w.means[key] for w in history.weeks],
            "name": name,
        }
        for key, name in history.symptoms
    ]
    return {
        "daily": {"data": daily, "layout": _layout(axis, dates, "Each day (mean of its check-ins)")},
        "weekly": {"data": weeks, "layout": _layout(axis, dates, "Weekly averages")},
    }


def _layout(yaxis: AxisLayout, xaxis: AxisLayout, title: str) -> Layout:
    return {
        **base_layout(),
        "hovermode": "x unified",
        "height": 340,
        "yaxis": yaxis,
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": xaxis,
        "title": {"text": title},
    }
