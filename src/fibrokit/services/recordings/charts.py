"""Chart data for the pages, as Plotly figure dictionaries (data and layout) served as JSON.

The static script ``charts.js`` draws whatever these return. Long series are thinned to at most
:data:`~fibrokit.services.home.figures.MAX_POINTS` points (:func:`~fibrokit.services.home.figures.thin`), which
changes what is drawn, never what is stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from fibrokit.records import BeatFlag
from fibrokit.services.home import queries as home_queries
from fibrokit.services.home.figures import MAX_POINTS, base_layout, heart_rate_line, thin
from fibrokit.services.home.views import monthly, weekly
from fibrokit.services.recordings.views import finding_series
from fibrokit.store import queries
from fibrokit.store.blobs import unpack
from fibrokit.store.tables import RecordingRow

_LAYOUT = base_layout()


def _layout(**items: Any) -> dict[str, Any]:
    return {**_LAYOUT, **items}


def _figure(traces: list[dict[str, Any]], title: str, y_title: str, **layout: Any) -> dict[str, Any]:
    return {
        "data": traces,
        "layout": {
            **_LAYOUT,
            "title": {"text": title},
            "xaxis": {"title": {"text": "time (s)"}},
            "yaxis": {"title": {"text": y_title}},
            **layout,
        },
    }


def recording_charts(session: Session, row: RecordingRow) -> dict[str, Any]:
    """Heart-rate curve with phases, beat intervals with flagged beats, and HRV over windows."""
    stored = queries.blobs(session, row.id, ["beats", "flags", "curve", "channel:heart_rate"])
    charts: dict[str, Any] = {}
    phases = queries.results(session, row.id).get("protocol")
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": p["time_s"],
            "x1": p["end_s"] or p["time_s"],
            "y0": 0,
            "y1": 1,
            "fillcolor": "#8fb3d9",
            "opacity": 0.15,
            "line": {"width": 0},
        }
        for p in (phases.data.get("phases", []) if phases else [])
        if p.get("end_s")
    ]
    if "curve" in stored:
        curve = unpack(stored["curve"])
        x, y = thin(curve["times_s"], curve["hr_bpm"])
    elif "beats" in stored:
        beats = unpack(stored["beats"])
        x, y = thin(beats["times_s"], 60000.0 / beats["rr_ms"])
    elif "channel:heart_rate" in stored:
        channel = unpack(stored["channel:heart_rate"])
        keep = np.isfinite(channel["values"])
        x, y = thin(channel["times_s"][keep], channel["values"][keep])
    else:
        x, y = [], []
    if x:
        charts["hr"] = _figure(
            [dict(heart_rate_line(x, y))],
            "Heart rate",
            "bpm",
            shapes=shapes,
        )
    if "beats" in stored:
        charts["beats"] = _beats_chart(
            unpack(stored["beats"]), unpack(stored["flags"]) if "flags" in stored else None
        )
    oxygen = muscle_oxygen_chart(session, row.id, shapes)
    if oxygen is not None:
        charts["smo2"] = oxygen
    windows = queries.results(session, row.id).get("windows")
    if windows is not None:
        data = windows.data
        mid = [(a + b) / 2 for a, b in zip(data["start_s"], data["end_s"], strict=True)]
        charts["windows"] = _figure(
            [
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": mid,
                    "y": data["rmssd_ms"],
                    "name": "RMSSD (ms)",
                },
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": mid,
                    "y": data["mean_hr_bpm"],
                    "name": "mean HR (bpm)",
                    "yaxis": "y2",
                },
            ],
            "HRV over 5-minute windows",
            "RMSSD (ms)",
            yaxis2={"title": {"text": "bpm"}, "overlaying": "y", "side": "right"},
        )
    return charts


_SENSOR_COLOURS = ("#1b6e3a", "#6a3d9a", "#b15928", "#1f78b4")


def muscle_oxygen_chart(
    session: Session, recording_id: int, shapes: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """SmO2 of every sensor (%), and THb on a second axis when stored; None without muscle-oxygen data."""
    names = [
        n for n in queries.blob_names(session, recording_id) if _nirs_channel(n.removeprefix("channel:"))
    ]
    if not any(n.startswith("channel:smo2") for n in names):
        return None
    stored = queries.blobs(session, recording_id, names)
    traces: list[dict[str, Any]] = []
    for name in sorted(stored, key=lambda n: (not n.startswith("channel:smo2"), _sensor(n))):
        channel = unpack(stored[name])
        keep = np.isfinite(channel["values"])
        x, y = thin(channel["times_s"][keep], channel["values"][keep])
        quantity = "SmO2" if name.startswith("channel:smo2") else "THb"
        sensor = _sensor(name)
        trace: dict[str, Any] = {
            "type": "scatter",
            "mode": "lines",
            "x": x,
            "y": y,
            "name": f"{quantity} sensor {sensor} ({channel['unit']})"
            if len(names) > 2
            else f"{quantity} ({channel['unit']})",
            "line": {
                "color": _SENSOR_COLOURS[(sensor - 1) % len(_SENSOR_COLOURS)],
                "dash": "solid" if quantity == "SmO2" else "dot",
            },
        }
        if quantity == "THb":
            trace["yaxis"] = "y2"
        traces.append(trace)
    extra = (
        {"yaxis2": {"title": {"text": "THb"}, "overlaying": "y", "side": "right"}}
        if any("yaxis" in t for t in traces)
        else {}
    )
    return _figure(traces, "Muscle oxygen", "SmO2 (%)", shapes=shapes, **extra)


def _nirs_channel(name: str) -> bool:
    """``smo2``, ``thb`` and further sensors' ``smo2_2``, ``thb_3`` (not unfiltered or averaged variants)."""
    base, _, number = name.partition("_")
    return base in ("smo2", "thb") and (not number or number.isdigit())


def _sensor(name: str) -> int:
    number = name.rsplit("_", 1)[-1]
    return int(number) if number.isdigit() else 1


def _beats_chart(beats: dict[str, Any], flags: dict[str, Any] | None) -> dict[str, Any]:
    times, rr = beats["times_s"], beats["rr_ms"]
    marks = flags["flags"] if flags is not None else beats["flags"]
    x, y = thin(times, rr)
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": x,
            "y": y,
            "name": "RR interval",
            "line": {"color": "#3d5a80", "width": 1},
        }
    ]
    odd = np.flatnonzero(marks != BeatFlag.NORMAL)[:MAX_POINTS]
    if odd.size:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": np.round(times[odd], 2).tolist(),
                "y": rr[odd].tolist(),
                "name": "flagged beat",
                "text": [BeatFlag(int(f)).label for f in marks[odd]],
                "marker": {"color": "#e07a00", "size": 7, "symbol": "x"},
            }
        )
    return _figure(traces, "Beat-to-beat intervals (flagged beats marked)", "ms")


def trend_charts(session: Session, user_id: int) -> dict[str, Any]:
    """Resting heart rate and ln RMSSD per day, week and month over the last year."""
    last = home_queries.last_day(session, user_id)
    if last is None:
        return {}
    days = home_queries.days(session, user_id, last - dt.timedelta(days=365))
    charts = {}
    for key, title, pick in (("weekly", "Weekly averages", weekly), ("monthly", "Monthly averages", monthly)):
        groups = pick(days)
        x = [g.start.isoformat() for g in groups]
        charts[key] = {
            "data": [
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": x,
                    "y": [g.resting_hr_bpm for g in groups],
                    "name": "resting HR (bpm)",
                    "line": {"color": "#b3261e"},
                },
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": x,
                    "y": [g.ln_rmssd for g in groups],
                    "name": "ln RMSSD",
                    "yaxis": "y2",
                    "line": {"color": "#1b6e3a"},
                },
            ],
            "layout": _layout(
                title={"text": title},
                yaxis={"title": {"text": "bpm"}},
                yaxis2={"title": {"text": "ln RMSSD"}, "overlaying": "y", "side": "right"},
            ),
        }
    return charts


def protocol_charts(entries: list[tuple[RecordingRow, dict[str, Any]]]) -> dict[str, Any]:
    """One chart per finding of a test kind, over time."""
    charts = {}
    for symbol, series in finding_series(entries).items():
        charts[symbol] = {
            "data": [
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": series["x"],
                    "y": series["y"],
                    "name": series["name"],
                }
            ],
            "layout": _layout(
                height=260, title={"text": series["name"]}, yaxis={"title": {"text": series["unit"]}}
            ),
        }
    return charts
