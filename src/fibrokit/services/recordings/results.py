"""Results in the form the store keeps them (JSON), and read back as typed results for the pages.

An analysis writes each result once (``to_json``, :func:`protocol_json`); a page reads it back as the core's
result types (:class:`~fibrokit.hrv.HrvResult` inside :class:`StoredHrv`, :class:`~fibrokit.protocols.ProtocolResult`
from :func:`protocol_from_json`) or a frozen :class:`WindowSeries`, never by key. NaN is written as None
(PostgreSQL's JSON refuses NaN) and read back as NaN.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from fibrokit.hrv import HrvResult, HrvTable
from fibrokit.protocols import Finding, Norm, ProtocolResult
from fibrokit.records import Marker

WINDOW_COLUMNS = ("mean_hr_bpm", "rmssd_ms", "ln_rmssd", "sdnn_ms")

Json = dict[str, Any]
"""A result as stored (PostgreSQL's JSON column): written by the ``*_json`` functions, read back by ``*_from_json``."""


@dataclass(frozen=True)
class StoredHrv:
    """HRV of the whole recording as stored: the core's result, the beats by flag, and whether to show it.

    ``reliable`` is False above the flagged-beat limit: the values are kept, the pages withhold them.
    """

    result: HrvResult
    flag_counts: Mapping[str, int]
    reliable: bool

    def to_json(self) -> Json:
        """The stored form (NaN written as None)."""
        summary = self.result
        data: Json = {
            "values": clean(dict(summary.values)),
            "beats": summary.beats,
            "normal_share": clean(summary.normal_share),
            "flag_counts": dict(self.flag_counts),
            "start_s": summary.start_s,
            "end_s": summary.end_s,
            "insufficient": list(summary.insufficient),
            "reliable": self.reliable,
        }
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoredHrv:
        """Read a stored HRV result back (a value stored as None is NaN again)."""
        values = {str(k): _number(v) for k, v in (data.get("values") or {}).items()}
        result = HrvResult(
            values,
            _number(data.get("start_s")),
            _number(data.get("end_s")),
            int(data.get("beats") or 0),
            _number(data.get("normal_share")),
            insufficient=tuple(data.get("insufficient") or ()),
        )
        counts = {str(k): int(v) for k, v in (data.get("flag_counts") or {}).items()}
        return cls(result, MappingProxyType(counts), bool(data.get("reliable", True)))


@dataclass(frozen=True)
class WindowSeries:
    """HRV over sliding windows as stored: each window's edges (s) and time-domain values (None: not computable)."""

    start_s: tuple[float, ...]
    end_s: tuple[float, ...]
    normal_share: tuple[float | None, ...]
    columns: Mapping[str, tuple[float | None, ...]]

    @classmethod
    def from_table(cls, table: HrvTable) -> WindowSeries:
        """The columns of :data:`WINDOW_COLUMNS` of the core's table."""
        return cls.from_json(
            clean({"start_s": table.start_s, "end_s": table.end_s, "normal_share": table.normal_share})
            | {name: clean(table[name]) for name in WINDOW_COLUMNS}
        )

    def to_json(self) -> Json:
        """The stored form."""
        data: Json = {
            "start_s": list(self.start_s),
            "end_s": list(self.end_s),
            "normal_share": list(self.normal_share),
            **{name: list(values) for name, values in self.columns.items()},
        }
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WindowSeries:
        """Read stored windows back."""
        columns = {name: tuple(data.get(name) or ()) for name in WINDOW_COLUMNS}
        return cls(
            tuple(float(t) for t in data.get("start_s") or ()),
            tuple(float(t) for t in data.get("end_s") or ()),
            tuple(data.get("normal_share") or ()),
            MappingProxyType(columns),
        )

    @property
    def middles_s(self) -> list[float]:
        """The middle of each window (s), where a chart puts its value."""
        return [(a + b) / 2 for a, b in zip(self.start_s, self.end_s, strict=True)]


def protocol_json(result: ProtocolResult) -> Json:
    """A protocol result as JSON-ready data (the 1-Hz curve is stored apart, as arrays)."""
    data: Json = clean(
        {
            "protocol": result.protocol,
            "findings": [
                {
                    "symbol": f.symbol,
                    "name": f.name,
                    "value": f.value,
                    "unit": f.unit,
                    "category": f.category,
                    "category_label": f.category_label,
                    "norms": [{"label": n.label, "evidence": list(n.evidence)} for n in f.norms],
                }
                for f in result.findings
            ],
            "phases": [
                {"time_s": p.time_s, "label": p.label, "kind": p.kind, "end_s": p.end_s}
                for p in result.phases
            ],
            "caveats": list(result.caveats),
            "summary": list(result.summary),
            "settings": dict(result.settings),
            "evidence": list(result.evidence_keys()),
            "version": result.version,
        }
    )
    return data


def protocol_from_json(data: Mapping[str, Any]) -> ProtocolResult:
    """A stored protocol result read back as the core's result (a value stored as None is NaN again).

    The 1-Hz curve and the HRV of the resting part are not part of the stored form; the curve is a data bundle.
    """
    findings = tuple(
        Finding(
            str(f["symbol"]),
            str(f["name"]),
            _number(f.get("value")),
            str(f.get("unit") or ""),
            f.get("category"),
            tuple(Norm(str(n["label"]), tuple(n.get("evidence") or ())) for n in f.get("norms") or ()),
        )
        for f in data.get("findings") or ()
    )
    phases = tuple(
        Marker(float(p["time_s"]), str(p["label"]), str(p.get("kind") or "event"), p.get("end_s"))
        for p in data.get("phases") or ()
    )
    return ProtocolResult(
        str(data.get("protocol") or ""),
        findings,
        phases,
        tuple(data.get("caveats") or ()),
        tuple(data.get("summary") or ()),
        MappingProxyType({str(k): str(v) for k, v in (data.get("settings") or {}).items()}),
        version=str(data.get("version") or ""),
    )


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan


def clean(value: Any) -> Any:
    """JSON-ready copy: arrays to lists, NaN and infinities to None (PostgreSQL's JSON refuses NaN)."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return [clean(v) for v in value.tolist()]
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value
