"""Chart data of the pacing pages, as typed Plotly figures: an activity against its lines, daily load."""

from __future__ import annotations

import datetime as dt

import numpy as np

from fibrokit.pacing import pace_thresholds, pace_zones
from fibrokit.services.home.figures import Figure, Layout, Trace, base_layout, heart_rate_line, line, thin
from fibrokit.services.pacing import queries
from fibrokit.services.pacing.queries import Session
from fibrokit.services.pacing.reviews import flagged_beats
from fibrokit.store.tables import PacingReview, RecordingRow

_ZONES = ("rest", "activity", "over ceiling")


def activity_chart(session: Session, row: RecordingRow, review: PacingReview | None) -> dict[str, Figure]:
    """Heart rate with the exertion threshold and ceiling of its day, and the zone shown over time."""
    if review is None or review.threshold_bpm is None or review.ceiling_bpm is None:
        return {}
    beats = flagged_beats(session, row.id)
    if beats is None:
        return {}
    lines = pace_thresholds(threshold_bpm=review.threshold_bpm, ceiling_bpm=review.ceiling_bpm)
    trace = pace_zones(beats, lines)
    if trace.times_s.size == 0:
        return {}
    x, y = thin(trace.times_s / 60.0, trace.hr_bpm)
    span = [x[0], x[-1]]
    steps_x = [t / 60.0 for t, _ in trace.changes] + [float(trace.times_s[-1]) / 60.0]
    steps_y = [_ZONES[int(z)] for _, z in trace.changes] + [_ZONES[int(trace.changes[-1][1])]]
    zone: Trace = {
        "type": "scatter",
        "mode": "lines",
        "line": {"shape": "hv", "color": "#0b4f8a"},
        "x": steps_x,
        "y": steps_y,
        "name": "zone shown",
        "yaxis": "y2",
    }
    data = [
        heart_rate_line(x, y),
        _level(span, review.threshold_bpm, f"exertion threshold {review.threshold_bpm:.0f} bpm", "#7a4a00"),
        _level(span, review.ceiling_bpm, f"ceiling {review.ceiling_bpm:.0f} bpm", "#8e1b12"),
        zone,
    ]
    layout: Layout = {
        **base_layout(right=55),
        "height": 380,
        "title": {"text": "Heart rate against the lines of that day"},
        "xaxis": {"title": {"text": "minutes"}},
        "margin": {"l": 95, "r": 55, "t": 40, "b": 40},
        "yaxis": {"title": {"text": "bpm"}, "domain": [0.0, 0.72]},
        "yaxis2": {  # the zone shown, in a strip of its own above the heart rate
            "domain": [0.8, 1.0],
            "anchor": "x",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(_ZONES),
            "range": [-0.5, len(_ZONES) - 0.5],
        },
        "legend": {"orientation": "h", "y": -0.2},
    }
    return {"zones": {"data": data, "layout": layout}}


def _level(span: list[float] | list[str], bpm: float, name: str, colour: str) -> Trace:
    """A dashed horizontal line across the chart at ``bpm`` (a threshold, a ceiling, a budget)."""
    return line(span, [bpm, bpm], name, colour, dash="dash")


def load_chart(
    session: Session, user_id: int, since: dt.date, until: dt.date, budget: float | None
) -> dict[str, Figure]:
    """Load points per day (days with a recorded activity) and the daily budget."""
    rows = queries.day_loads(session, user_id, since, until)
    if not rows:
        return {}
    x = [day.isoformat() for day, _ in rows]
    y = np.round([points for _, points in rows], 1).tolist()
    data: list[Trace] = [
        {"type": "bar", "x": x, "y": y, "name": "load (points)", "marker": {"color": "#3d5a80"}}
    ]
    if budget is not None:
        data.append(_level([since.isoformat(), until.isoformat()], budget, f"budget {budget:.0f}", "#8e1b12"))
    layout: Layout = {
        **base_layout(right=55),
        "title": {"text": "Load per day"},
        "yaxis": {"title": {"text": "points"}},
        "legend": {"orientation": "h", "y": -0.25},
    }
    return {"days": {"data": data, "layout": layout}}
