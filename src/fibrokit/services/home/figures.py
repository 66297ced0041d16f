"""The pieces every chart of the app is built from: typed Plotly figures, the thinning of long series, one line.

The static script ``charts.js`` draws whatever figure a page's ``charts.json`` returns; a figure is its traces
and its layout, sent as JSON. Long series are thinned to at most :data:`MAX_POINTS` by averaging neighbouring
points, which changes what is drawn, never what is stored. The recordings' charts and the pacing charts both
build on this module, so the two draw a heart rate the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

import numpy as np
import numpy.typing as npt

MAX_POINTS = 3000
HEART_RATE_COLOUR = "#b3261e"


class Trace(TypedDict, total=False):
    """One Plotly trace: a line, markers or bars, and how it is drawn."""

    type: str
    mode: str
    x: Sequence[float | str | None]
    y: Sequence[float | str | None]
    name: str
    text: list[str]
    line: dict[str, object]
    marker: dict[str, object]
    yaxis: str


class Layout(TypedDict, total=False):
    """A Plotly layout: the parts of it the app's charts set."""

    margin: dict[str, int]
    hovermode: str
    height: int
    title: dict[str, str]
    xaxis: dict[str, object]
    yaxis: dict[str, object]
    yaxis2: dict[str, object]
    legend: dict[str, object]
    shapes: list[dict[str, object]]


class Figure(TypedDict):
    """A Plotly figure as ``charts.js`` draws it."""

    data: list[Trace]
    layout: Layout


def base_layout(*, right: int = 20) -> Layout:
    """The layout every chart starts from (``right``: room for a second axis or a legend on that side)."""
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


def line(x: Sequence[float | str], y: Sequence[float], name: str, colour: str, **style: object) -> Trace:
    """A line trace in one colour (``style``: more of the line's look, such as ``dash``)."""
    return {
        "type": "scatter",
        "mode": "lines",
        "x": x,
        "y": y,
        "name": name,
        "line": {"color": colour, **style},
    }


def heart_rate_line(x: Sequence[float], y: Sequence[float]) -> Trace:
    """Heart rate over time, drawn the same on every page."""
    return line(x, y, "heart rate", HEART_RATE_COLOUR)
