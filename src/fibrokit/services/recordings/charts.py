"""Chart data for the pages, as typed Plotly figures (:mod:`~fibrokit.services.home.figures`) served as JSON.

The static script ``charts.js`` draws whatever these return. Every chart starts from the shared
:func:`~fibrokit.services.home.figures.base_layout` and the heart rate is the shared
:func:`~fibrokit.services.home.figures.heart_rate_line`, as on the pacing pages. Long series are thinned to at most
:data:`~fibrokit.services.home.figures.MAX_POINTS` points (:func:`~fibrokit.services.home.figures.thin`), which
changes what is drawn, never what is stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt

from fibrokit.protocols import ProtocolResult
from fibrokit.records import BeatFlag
from fibrokit.services.home import queries as home_queries
from fibrokit.services.home.figures import (
    HEART_RATE_COLOUR,
    MAX_POINTS,
    AxisLayout,
    Figure,
    Layout,
    Shape,
    Trace,
    base_layout,
    heart_rate_line,
    thin,
)
from fibrokit.services.home.views import monthly, weekly
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.queries import Session
from fibrokit.services.recordings.results import WindowSeries, protocol_from_json
from fibrokit.services.recordings.views import finding_series
from fibrokit.store.blobs import unpack
from fibrokit.store.tables import RecordingRow


def _layout(title: str, y_title: str, *, height: int = 320, y2: AxisLayout | None = None) -> Layout:
    layout: Layout = {
        **base_layout(),
        "height": height,
        "title": {"text": title},
        "yaxis": {"title": {"text": y_title}},
    }
    if y2 is not None:
        layout["yaxis2"] = y2
    return layout


def _figure(
    traces: list[Trace],
    title: str,
    y_title: str,
    *,
    shapes: list[Shape] | None = None,
    y2: AxisLayout | None = None,
) -> Figure:
    layout = _layout(title, y_title, y2=y2)
    layout["xaxis"] = {"title": {"text": "time (s)"}}
    if shapes is not None:
        layout["shapes"] = shapes
    return {"data": traces, "layout": layout}


def _right_axis(title: str) -> AxisLayout:
    return {"title": {"text": title}, "overlaying": "y", "side": "right"}


def _phase_shapes(protocol: ProtocolResult | None) -> list[Shape]:
    return [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": p.time_s,
            "x1": p.end_s or p.time_s,
            "y0": 0,
            "y1": 1,
            "fillcolor": "#8fb3d9",
            "opacity": 0.15,
            "line": {"width": 0},
        }
        for p in (protocol.phases if protocol is not None else ())
        if p.end_s
    ]


def recording_charts(session: Session, row: RecordingRow) -> dict[str, Figure]:
    """Heart-rate curve with phases, beat intervals with flagged beats, and HRV over windows."""
    stored = queries.blobs(session, row.id, ["beats", "flags", "curve", "channel:heart_rate"])
    charts: dict[str, Figure] = {}
    results = queries.results(session, row.id)
    shapes = _phase_shapes(protocol_from_json(results["protocol"].data) if "protocol" in results else None)
    x, y = _heart_rate(stored)
    if x:
        charts["hr"] = _figure([heart_rate_line(x, y)], "Heart rate", "bpm", shapes=shapes)
    if "beats" in stored:
        flags = unpack(stored["flags"])["flags"] if "flags" in stored else None
        charts["beats"] = _beats_chart(unpack(stored["beats"]), flags)
    oxygen = muscle_oxygen_chart(session, row.id, shapes)
    if oxygen is not None:
        charts["smo2"] = oxygen
    if "windows" in results:
        charts["windows"] = _windows_chart(WindowSeries.from_json(results["windows"].data))
    return charts


def _heart_rate(stored: dict[str, bytes]) -> tuple[list[float], list[float]]:
    """The heart rate to draw: the protocol's curve, else from the beats, else the device's samples."""
    if "curve" in stored:
        curve = unpack(stored["curve"])
        return thin(curve["times_s"], curve["hr_bpm"])
    if "beats" in stored:
        beats = unpack(stored["beats"])
        return thin(beats["times_s"], 60000.0 / beats["rr_ms"])
    if "channel:heart_rate" in stored:
        channel = unpack(stored["channel:heart_rate"])
        keep = np.isfinite(channel["values"])
        return thin(channel["times_s"][keep], channel["values"][keep])
    return [], []


def _windows_chart(windows: WindowSeries) -> Figure:
    mid = windows.middles_s
    rmssd: Trace = {
        "type": "scatter",
        "mode": "lines+markers",
        "x": mid,
        "y": list(windows.columns["rmssd_ms"]),
    }
    rmssd["name"] = "RMSSD (ms)"
    rate: Trace = {"type": "scatter", "mode": "lines", "x": mid, "y": list(windows.columns["mean_hr_bpm"])}
    rate["name"], rate["yaxis"] = "mean HR (bpm)", "y2"
    return _figure([rmssd, rate], "HRV over 5-minute windows", "RMSSD (ms)", y2=_right_axis("bpm"))


_SENSOR_COLOURS = ("#1b6e3a", "#6a3d9a", "#b15928", "#1f78b4")


def muscle_oxygen_chart(session: Session, recording_id: int, shapes: list[Shape]) -> Figure | None:
    """SmO2 of every sensor (%), and THb on a second axis when stored; None without muscle-oxygen data."""
    names = [
        n for n in queries.blob_names(session, recording_id) if _nirs_channel(n.removeprefix("channel:"))
    ]
    if not any(n.startswith("channel:smo2") for n in names):
        return None
    stored = queries.blobs(session, recording_id, names)
    traces: list[Trace] = []
    for name in sorted(stored, key=lambda n: (not n.startswith("channel:smo2"), _sensor(n))):
        channel = unpack(stored[name])
        keep = np.isfinite(channel["values"])
        x, y = thin(channel["times_s"][keep], channel["values"][keep])
        quantity = "SmO2" if name.startswith("channel:smo2") else "THb"
        sensor = _sensor(name)
        trace: Trace = {
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
    thb = _right_axis("THb") if any("yaxis" in t for t in traces) else None
    return _figure(traces, "Muscle oxygen", "SmO2 (%)", shapes=shapes, y2=thb)


def _nirs_channel(name: str) -> bool:
    """``smo2``, ``thb`` and further sensors' ``smo2_2``, ``thb_3`` (not unfiltered or averaged variants)."""
    base, _, number = name.partition("_")
    return base in ("smo2", "thb") and (not number or number.isdigit())


def _sensor(name: str) -> int:
    number = name.rsplit("_", 1)[-1]
    return int(number) if number.isdigit() else 1


def _beats_chart(beats: dict[str, npt.NDArray[Any]], flags: npt.NDArray[Any] | None) -> Figure:
    times, rr = beats["times_s"], beats["rr_ms"]
    marks = flags if flags is not None else beats["flags"]
    x, y = thin(times, rr)
    intervals: Trace = {"type": "scatter", "mode": "lines", "x": x, "y": y, "name": "RR interval"}
    intervals["line"] = {"color": "#3d5a80", "width": 1}
    traces = [intervals]
    odd = np.flatnonzero(marks != BeatFlag.NORMAL)[:MAX_POINTS]
    if odd.size:
        flagged: Trace = {
            "type": "scatter",
            "mode": "markers",
            "x": np.round(times[odd], 2).tolist(),
            "y": rr[odd].tolist(),
            "name": "flagged beat",
            "text": [BeatFlag(int(f)).label for f in marks[odd]],
            "marker": {"color": "#e07a00", "size": 7, "symbol": "x"},
        }
        traces.append(flagged)
    return _figure(traces, "Beat-to-beat intervals (flagged beats marked)", "ms")


def trend_charts(session: Session, user_id: int) -> dict[str, Figure]:
    """Resting heart rate and ln RMSSD per day, week and month over the last year."""
    last = home_queries.last_day(session, user_id)
    if last is None:
        return {}
    days = home_queries.days(session, user_id, last - dt.timedelta(days=365))
    charts: dict[str, Figure] = {}
    for key, title, pick in (("weekly", "Weekly averages", weekly), ("monthly", "Monthly averages", monthly)):
        groups = pick(days)
        x = [g.start.isoformat() for g in groups]
        resting: Trace = {
            "type": "scatter",
            "mode": "lines+markers",
            "x": x,
            "y": [g.resting_hr_bpm for g in groups],
        }
        resting["name"], resting["line"] = "resting HR (bpm)", {"color": HEART_RATE_COLOUR}
        ln_rmssd: Trace = {
            "type": "scatter",
            "mode": "lines+markers",
            "x": x,
            "y": [g.ln_rmssd for g in groups],
        }
        ln_rmssd["name"], ln_rmssd["yaxis"], ln_rmssd["line"] = "ln RMSSD", "y2", {"color": "#1b6e3a"}
        layout = _layout(title, "bpm", y2=_right_axis("ln RMSSD"))
        charts[key] = {"data": [resting, ln_rmssd], "layout": layout}
    return charts


def protocol_charts(entries: tuple[tuple[RecordingRow, ProtocolResult], ...]) -> dict[str, Figure]:
    """One chart per finding of a test kind, over time."""
    charts: dict[str, Figure] = {}
    for symbol, series in finding_series(entries).items():
        trace: Trace = {"type": "scatter", "mode": "lines+markers", "x": list(series.x), "y": list(series.y)}
        trace["name"] = series.name
        charts[symbol] = {"data": [trace], "layout": _layout(series.name, series.unit, height=260)}
    return charts
