"""``fibrokit analyze --json``: the analysis of one recording as a JSON document (labels and values, no keys only)."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fibrokit.pipeline import RecordingAnalysis
    from fibrokit.protocols import ProtocolResult


def analysis_document(done: RecordingAnalysis, source_name: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """What ``analyze`` prints, as plain data: kind, the scored test (every SmO2 sensor), heart rate, notes."""
    quality = done.quality
    return {
        "file": source_name,
        "kind": done.kind,
        "kind_name": done.kind_name,
        "scored": done.scored,
        "reason": done.reason,
        "phases": [
            {"name": p.name, "start_s": _number(p.start_s), "end_s": _number(p.end_s), "origin": p.origin}
            for p in done.phases
        ],
        "result": None if done.protocol is None else result_document(done.protocol, metadata),
        "sensors": [result_document(sensor, metadata) for sensor in done.sensors],
        "heart_rate": {
            "input": quality.heart_rate_input,
            "mean_bpm": _number(quality.mean_hr_bpm),
            "peak_bpm": _number(quality.peak_hr_bpm),
            "flagged_share": _number(quality.flagged_share),
            "hrv_reliable": quality.hrv_reliable,
            "irregular_beats": quality.irregular_beats,
        },
        "notes": list(done.notes),
    }


def result_document(result: ProtocolResult, metadata: dict[str, Any]) -> dict[str, Any]:
    """One scored test: its findings (symbol, label, value, unit, category) and its summary sentences."""
    document: dict[str, Any] = {"protocol": result.protocol}
    channel = result.settings.get("channel")
    if channel:
        document["channel"] = channel
        document["sensor"] = sensor_label(channel, metadata)
    document["findings"] = [
        {
            "symbol": f.symbol,
            "name": f.name,
            "value": _number(f.value),
            "unit": f.unit,
            "category": f.category_label if f.category and f.category != "context" else "",
        }
        for f in result.findings
    ]
    document["summary"] = list(result.summary)
    document["caveats"] = list(result.caveats)
    return document


def sensor_label(channel: str, metadata: dict[str, Any]) -> str:
    """``"sensor 2 (Train.Red FYER 0702)"`` for ``smo2_2``; the first sensor is ``smo2``."""
    found = re.search(r"_(\d+)$", channel)
    number = found.group(1) if found else "1"
    name = str(metadata.get(f"sensor_{number}", "")).strip()
    return f"sensor {number}" + (f" ({name})" if name else "")


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)
