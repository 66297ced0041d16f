"""Analyse one recording for storage: artefact flags, HRV, HRV over windows and the autonomic test it holds.

This module only composes the scientific core (``beats``, ``hrv``, ``protocols``); it computes nothing of its
own. What it returns is plain, JSON-ready data plus the per-beat flags, so the store can keep it and pages can
show it without recomputing. :func:`analysis_settings` lists every choice made; a stored result whose settings,
fibrokit version or source hash differ from today's is recomputed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from fibrokit.beats import rr_flag_artifacts
from fibrokit.errors import FibrokitError, FibrokitWarning, InputError, InsufficientData
from fibrokit.hrv import HrvSettings, hrv, hrv_windows
from fibrokit.protocols import (
    ProtocolResult,
    active_stand,
    deep_breathing,
    exercise_test,
    morning_reading,
    muscle_oxygen,
    valsalva,
)
from fibrokit.records import Recording
from fibrokit.services.protocol_choice import ACTIVITY, KINDS, NEEDS_AGE, recognise

ARTIFACT_METHOD: Final = "lipponen2019"
WINDOW_S, STEP_S = 300.0, 60.0
WINDOW_COLUMNS = ("mean_hr_bpm", "rmssd_ms", "ln_rmssd", "sdnn_ms")


def analysis_settings() -> dict[str, Any]:
    """Every choice the stored analysis makes; part of each stored result."""
    return {
        "artifact_method": ARTIFACT_METHOD,
        "hrv": json.loads(json.dumps(dataclasses.asdict(HrvSettings()))),
        "windows": {"window_s": WINDOW_S, "step_s": STEP_S, "domains": ["time"]},
        "hrmax_formula": "fox",
    }


def settings_key(settings: dict[str, Any]) -> str:
    """A short stable hash of a settings mapping (equal settings, equal key)."""
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:32]


@dataclass
class Analysis:
    """What is stored for one recording.

    Attributes
    ----------
    kind : str
        The test it holds (``"morning-reading"``, ``"exercise-test"`` …) or ``"activity"``.
    notes : list of str
        Why a test was not scored, and doubts raised while computing.
    flags : array of uint8 or None
        Artefact flag of every beat.
    hrv, windows, protocol : dict or None
        JSON-ready results (NaN written as None).
    curve : tuple of two arrays or None
        The protocol's 1-Hz heart-rate curve.
    """

    kind: str
    notes: list[str] = field(default_factory=list)
    flags: npt.NDArray[np.uint8] | None = None
    hrv: dict[str, Any] | None = None
    windows: dict[str, Any] | None = None
    protocol: dict[str, Any] | None = None
    curve: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None

    def headline(self, name: str) -> float | None:
        """A headline number from the HRV summary (None when absent)."""
        value = (self.hrv or {}).get("values", {}).get(name)
        return float(value) if value is not None else None


def analyse(recording: Recording, *, kind_hint: str = "auto", age: float | None = None) -> Analysis:
    """Analyse a recording as fibrokit stores it.

    Parameters
    ----------
    recording : Recording
        As a reader or the simulator returns it.
    kind_hint : str
        ``"auto"`` to recognise the test, or one of the kinds in ``protocol_choice.KINDS``.
    age : float, optional
        Years, for the tests with age-specific norms.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_rest, typical
    >>> result = analyse(simulate_rest(typical(), duration_s=300, seed=1).recording)
    >>> result.kind, result.protocol["findings"][0]["symbol"]
    ('morning-reading', 'resting_hr_bpm')
    """
    if kind_hint != "auto" and kind_hint not in KINDS:
        raise ValueError(f"`kind_hint` must be 'auto' or one of {KINDS}, not {kind_hint!r}")
    kind = recognise(recording) if kind_hint == "auto" else kind_hint
    result = Analysis(kind)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FibrokitWarning)
        _beat_analysis(recording, result)
        _protocol(recording, result, age)
    result.notes.extend(dict.fromkeys(str(w.message) for w in caught if w.category is FibrokitWarning))
    return result


def _beat_analysis(recording: Recording, result: Analysis) -> None:
    beats = recording.beats
    if beats is None or len(beats) < 10:
        return
    flagged = rr_flag_artifacts(beats, ARTIFACT_METHOD)
    result.flags = np.asarray(flagged.flags, dtype=np.uint8)
    try:
        summary = hrv(flagged, artifact_method=ARTIFACT_METHOD)
    except FibrokitError as error:
        result.notes.append(str(error))
        return
    result.hrv = {
        "values": clean(dict(summary.values)),
        "beats": summary.beats,
        "normal_share": clean(summary.normal_share),
        "flag_counts": flagged.flag_counts(),
        "start_s": summary.start_s,
        "end_s": summary.end_s,
        "insufficient": list(summary.insufficient),
    }
    if flagged.duration_s >= WINDOW_S:
        table = hrv_windows(
            flagged, window_s=WINDOW_S, step_s=STEP_S, domains=("time",), artifact_method=ARTIFACT_METHOD
        )
        columns = {name: table[name] for name in WINDOW_COLUMNS}
        result.windows = clean(
            {"start_s": table.start_s, "end_s": table.end_s, "normal_share": table.normal_share, **columns}
        )


def _protocol(recording: Recording, result: Analysis, age: float | None) -> None:
    if result.kind == ACTIVITY:
        return
    if result.kind in NEEDS_AGE and age is None:
        result.notes.append(
            f"This looks like {result.kind.replace('-', ' ')}, whose norms depend on age: add your year of "
            "birth on your account page to have it scored."
        )
        result.kind = ACTIVITY
        return
    try:
        scored = score_protocol(recording, result.kind, age)
    except (InsufficientData, InputError) as error:
        result.notes.append(f"Not scored as {result.kind.replace('-', ' ')}: {error}")
        result.kind = ACTIVITY
        return
    result.protocol = protocol_json(scored)
    times, hr = scored.curve
    if times:
        result.curve = (np.asarray(times, dtype=np.float64), np.asarray(hr, dtype=np.float64))


def score_protocol(recording: Recording, kind: str, age: float | None) -> ProtocolResult:
    """Score a recording as the test ``kind``; the tests with age-specific norms need ``age``."""
    if kind in NEEDS_AGE and age is None:
        raise ValueError(f"{kind.replace('-', ' ')} needs the person's age")
    if kind == "exercise-test" and age is not None:
        return exercise_test(recording, age=age)
    if kind == "active-stand" and age is not None:
        return active_stand(recording, age=age)
    if kind == "deep-breathing" and age is not None:
        return deep_breathing(recording, age=age)
    if kind == "valsalva":
        return valsalva(recording)
    if kind == "muscle-oxygen":
        return muscle_oxygen(recording)
    return morning_reading(recording)


def protocol_json(result: ProtocolResult) -> dict[str, Any]:
    """A protocol result as JSON-ready data (the 1-Hz curve is stored apart, as arrays)."""
    data: dict[str, Any] = clean(
        {
            "protocol": result.protocol,
            "findings": [
                {
                    "symbol": f.symbol,
                    "name": f.name,
                    "value": f.value,
                    "unit": f.unit,
                    "category": f.category,
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
