"""The pieces every chart of the app is built from: typed Plotly figures, the thinning of long series, one line.

The static script ``charts.js`` draws whatever figure a page's ``charts.json`` returns; a figure is its traces
and its layout, sent as JSON. Only the keys the app uses are declared, each with the values it may take, so a
misspelt key or a value of the wrong type is a type error rather than a chart that silently shows nothing.

Long series are thinned to at most :data:`MAX_POINTS` by averaging neighbouring points, which changes what is
drawn, never what is stored. Every area's charts (recordings, pacing, the diary) build on this one module, so a
heart rate is drawn the same way on every page (:func:`heart_rate_line`) and every chart starts from the same
layout (:func:`base_layout`).
"""

from __future__ import annotations

from typing import Literal, TypedDict

import numpy as np
import numpy.typing as npt

MAX_POINTS = 3000
HEART_RATE_COLOUR = "#b3261e"

Number = float | int | None
Axis = Literal["y", "y2"]
Dash = Literal["solid", "dot", "dash"]


class Text(TypedDict):
    """A title."""

    text: str


class Line(TypedDict, total=False):
    """How a trace's or a shape's line is drawn."""

    color: str
    width: float
    dash: Dash
    shape: Literal["hv"]


class Marks(TypedDict, total=False):
    """How a trace's points (or bars) are marked."""

    color: str
    size: float
    symbol: str


class Trace(TypedDict, total=False):
    """One series of a figure: a line, markers or bars."""

    type: Literal["scatter", "bar"]
    mode: Literal["lines", "markers", "lines+markers"]
    x: list[float] | list[str]
    y: list[float] | list[Number] | list[str]
    name: str
    text: list[str]
    line: Line
    marker: Marks
    yaxis: Axis


class Shape(TypedDict):
    """A shaded span of the x axis (a protocol's phase)."""

    type: Literal["rect"]
    xref: Literal["x"]
    yref: Literal["paper"]
    x0: float
    x1: float
    y0: float
    y1: float
    fillcolor: str
    opacity: float
    line: Line


class AxisLayout(TypedDict, total=False):
    """An axis: its title and range, and for a second axis or a strip of its own where it goes."""

    title: Text
    type: Literal["date", "category"]
    range: list[float] | list[str]
    overlaying: Axis
    side: Literal["left", "right"]
    domain: list[float]
    anchor: Literal["x"]
    categoryorder: Literal["array"]
    categoryarray: list[str]


class Margin(TypedDict):
    """The figure's margins (px)."""

    l: int  # noqa: E741 - Plotly's own key
    r: int
    t: int
    b: int


class Legend(TypedDict):
    """Where the legend goes: a row below the chart."""

    orientation: Literal["h"]
    y: float


class Layout(TypedDict, total=False):
    """A figure's layout."""

    margin: Margin
    hovermode: Literal["closest", "x unified"]
    height: int
    title: Text
    xaxis: AxisLayout
    yaxis: AxisLayout
    yaxis2: AxisLayout
    legend: Legend
    shapes: list[Shape]


class Figure(TypedDict):
    """A Plotly figure as ``charts.js`` draws it: its traces and its layout."""

    data: list[Trace]
    layout: Layout


def base_layout(*, right: int = 20) -> Layout:
    """The layout every chart starts from (``right``: room for a second axis or a legend on that side).

    Examples
    --------
    >>> base_layout()["margin"]
    {'l': 55, 'r': 20, 't': 30, 'b': 40}
    """
    return {"margin": {"l": 55, "r": right, "t": 30, "b": 40}, "hovermode": "closest", "height": 320}


def thin(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> tuple[list[float], list[float]]:
    """At most :data:`MAX_POINTS` points of a series, neighbours averaged, rounded to two decimals.

    Examples
    --------
    >>> import numpy as np
    >>> thin(np.array([0.0, 1.0]), np.array([60.123, 61.0]))
    ([0.0, 1.0], [60.12, 61.0])
    """
    if x.size <= MAX_POINTS:
        return np.round(x, 2).tolist(), np.round(y, 2).tolist()
    edges = np.linspace(0, x.size, MAX_POINTS + 1).astype(int)
    xs = np.add.reduceat(x, edges[:-1]) / np.diff(edges)
    ys = np.add.reduceat(y, edges[:-1]) / np.diff(edges)
    return np.round(xs, 2).tolist(), np.round(ys, 2).tolist()


def line(
    x: list[float] | list[str], y: list[float], name: str, colour: str, *, dash: Dash | None = None
) -> Trace:
    """A line trace in one colour (``dash``: drawn dashed or dotted rather than solid).

    Examples
    --------
    >>> line([0.0, 60.0], [90.0, 90.0], "ceiling", "#8e1b12", dash="dash")["line"]
    {'color': '#8e1b12', 'dash': 'dash'}
    """
    look: Line = {"color": colour}
    if dash is not None:
        look["dash"] = dash
    return {"type": "scatter", "mode": "lines", "x": x, "y": y, "name": name, "line": look}


def heart_rate_line(x: list[float], y: list[float]) -> Trace:
    """Heart rate over time (bpm), drawn the same on every page."""
    return line(x, y, "heart rate", HEART_RATE_COLOUR)
