"""Results of HRV analyses: one window (:class:`HrvResult`) or many (:class:`HrvTable`).

Both carry, beside the numbers, what they were computed from and how: the window, the number of beats and the
share of normal beats, every setting, the artefact method, and the fibrokit version.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from fibrokit._version import __version__
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv.registry import METRICS, MetricInfo
from fibrokit.hrv.settings import HrvSettings


@dataclass(frozen=True)
class MetricValue:
    """One metric's value with its registry entry (name, unit, definition, references)."""

    value: float
    info: MetricInfo

    def __str__(self) -> str:
        unit = f" {self.info.unit}" if self.info.unit else ""
        return f"{self.info.name}: {self.value:.4g}{unit}"


@dataclass(frozen=True, eq=False)
class HrvResult:
    """HRV metrics of one stretch of beats.

    Attributes
    ----------
    values : mapping of str to float
        Metric values by registry symbol (see :data:`fibrokit.hrv.registry.METRICS`); NaN where not computable.
    start_s, end_s : float
        The analysed window.
    beats : int
        Beats of any flag in the window.
    normal_share : float
        Share of those beats that are normal (NN).
    settings : HrvSettings
        Every setting used.
    artifact_method : str
        How beats were flagged before the analysis (``"none"`` when the flags came with the data).
    version : str
        fibrokit version that computed it.
    insufficient : tuple of str
        Metrics left NaN because the window holds less data than they need.
    """

    values: Mapping[str, float]
    start_s: float
    end_s: float
    beats: int
    normal_share: float
    settings: HrvSettings = field(default_factory=HrvSettings)
    artifact_method: str = "none"
    version: str = __version__
    insufficient: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def __getitem__(self, symbol: str) -> float:
        return self.values[symbol]

    def metric(self, symbol: str) -> MetricValue:
        """The value of ``symbol`` with its registry entry."""
        return MetricValue(self.values[symbol], METRICS[symbol])

    def finite(self) -> dict[str, float]:
        """Only the values that could be computed."""
        return {k: v for k, v in self.values.items() if math.isfinite(v)}


@dataclass(frozen=True, eq=False)
class HrvTable:
    """HRV metrics of many windows: one row per window, one column per metric.

    Attributes
    ----------
    columns : mapping of str to array
        Metric columns by registry symbol.
    start_s, end_s, beats, normal_share : array
        Per-window edges, beat count and share of normal beats.
    settings, artifact_method, version
        As in :class:`HrvResult`.
    insufficient : mapping of str to int
        Metrics left NaN in some windows for lack of data, with the number of such windows.
    """

    columns: Mapping[str, FloatArray]
    start_s: FloatArray
    end_s: FloatArray
    beats: FloatArray
    normal_share: FloatArray
    settings: HrvSettings = field(default_factory=HrvSettings)
    artifact_method: str = "none"
    version: str = __version__
    insufficient: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for array in (*self.columns.values(), self.start_s, self.end_s, self.beats, self.normal_share):
            array.setflags(write=False)
        object.__setattr__(self, "columns", MappingProxyType(dict(self.columns)))

    def __len__(self) -> int:
        return int(self.start_s.size)

    def __getitem__(self, symbol: str) -> FloatArray:
        return self.columns[symbol]

    def row(self, index: int) -> HrvResult:
        """Window ``index`` as an :class:`HrvResult`."""
        return HrvResult(
            {k: float(v[index]) for k, v in self.columns.items()},
            float(self.start_s[index]),
            float(self.end_s[index]),
            int(self.beats[index]),
            float(self.normal_share[index]),
            self.settings,
            self.artifact_method,
            self.version,
            tuple(k for k in self.insufficient if not np.isfinite(self.columns[k][index])),
        )

    def rows(self) -> Iterator[HrvResult]:
        """Every window in order."""
        return (self.row(i) for i in range(len(self)))

    def quality_columns(self) -> dict[str, FloatArray]:
        """The per-window bookkeeping columns: edges, beats, share of normal beats."""
        return {
            "start_s": self.start_s,
            "end_s": self.end_s,
            "beats": self.beats,
            "normal_share": self.normal_share,
        }


def empty_column(count: int) -> FloatArray:
    """A column of NaN for ``count`` windows."""
    return np.full(count, np.nan)
