"""The shape of the Plotly figures the pages draw (``charts.js``), as typed dictionaries sent as JSON.

A figure is data (traces) and a layout; only the keys the app uses are declared, so a misspelt key or a value of
the wrong type is a type error rather than a chart that silently shows nothing.
"""

from __future__ import annotations

from typing import Literal, TypedDict

Number = float | int | None
Axis = Literal["y", "y2"]


class Text(TypedDict):
    """A title."""

    text: str


class Line(TypedDict, total=False):
    """How a trace's or a shape's line is drawn."""

    color: str
    width: float
    dash: Literal["solid", "dot"]
    shape: Literal["hv"]


class Marks(TypedDict, total=False):
    """How a trace's points are marked."""

    color: str
    size: float
    symbol: str


class Trace(TypedDict, total=False):
    """One series of a figure."""

    type: Literal["scatter"]
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
    """A y axis: its title, and for a second axis where it goes."""

    title: Text
    overlaying: Axis
    side: Literal["left", "right"]


class Margin(TypedDict):
    """The figure's margins (px)."""

    l: int  # noqa: E741 - Plotly's own key
    r: int
    t: int
    b: int


class Layout(TypedDict, total=False):
    """A figure's layout."""

    margin: Margin
    hovermode: Literal["closest"]
    height: int
    title: Text
    xaxis: AxisLayout
    yaxis: AxisLayout
    yaxis2: AxisLayout
    shapes: list[Shape]


class Figure(TypedDict):
    """A Plotly figure: its traces and its layout."""

    data: list[Trace]
    layout: Layout
