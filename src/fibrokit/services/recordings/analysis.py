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

from fibrokit.errors import FibrokitWarning, InsufficientData
from fibrokit.hrv import HrvSettings, hrv_windows
from fibrokit.pipeline import AnalysisSettings, Person, RecordingAnalysis, analyse_recording
from fibrokit.protocols import KINDS, ProtocolResult
from fibrokit.records import BeatSeries, Recording

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
        # Recognition by the shape of the curve, HRR guards, heart rate from samples (issue 13).
        "pipeline": "analyse_recording-1",
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
    mean_hr_bpm : float or None
        Mean heart rate from beats or, without them, from the device's heart-rate samples.
    flagged_share : float or None
        Share of beats flagged as artefacts (None without beats).
    phases : dict or None
        The phases used and where they came from (``given``, ``markers``, ``recognised``).
    """

    kind: str
    notes: list[str] = field(default_factory=list)
    flags: npt.NDArray[np.uint8] | None = None
    hrv: dict[str, Any] | None = None
    windows: dict[str, Any] | None = None
    protocol: dict[str, Any] | None = None
    curve: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None
    mean_hr_bpm: float | None = None
    flagged_share: float | None = None
    phases: dict[str, Any] | None = None

    def headline(self, name: str) -> float | None:
        """A headline number from the HRV summary (None when absent)."""
        value = (self.hrv or {}).get("values", {}).get(name)
        return float(value) if value is not None else None


def analyse(
    recording: Recording,
    *,
    kind_hint: str = "auto",
    age: float | None = None,
    phases: dict[str, tuple[float, float]] | None = None,
    cool_down: str | None = None,
    peak_effort: bool | None = None,
) -> Analysis:
    """Analyse a recording as fibrokit stores it (through :func:`fibrokit.analyse_recording`).

    Parameters
    ----------
    recording : Recording
        As a reader or the simulator returns it.
    kind_hint : str
        ``"auto"`` to recognise the test, or one of the kinds in :data:`fibrokit.protocols.KINDS`.
    age : float, optional
        Years, for the tests with age-specific norms.
    phases : mapping, optional
        Phases the person gave, by the protocol's phase names.
    cool_down, peak_effort : optional
        What the person said of an exercise test: the recovery posture and whether they stopped at their limit
        (see :func:`fibrokit.protocols.exercise_test`); ``None`` leaves them to the recording's metadata.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_rest, typical
    >>> result = analyse(simulate_rest(typical(), duration_s=300, seed=1).recording)
    >>> result.kind, result.protocol["findings"][0]["symbol"]
    ('morning-reading', 'resting_hr_bpm')
    """
    if kind_hint != "auto" and kind_hint not in KINDS:
        raise ValueError(f"`kind_hint` must be 'auto' or one of {KINDS}, not {kind_hint!r}")
    # The app reviews every stored recording for pacing with the lines of its day (services.pacing_reviews).
    settings = AnalysisSettings(
        kind=kind_hint,
        phases=dict(phases or {}),
        artifact_method=ARTIFACT_METHOD,
        cool_down=cool_down,
        peak_effort=peak_effort,
        pacing=False,
    )
    done = analyse_recording(recording, Person(age=age), settings)
    return from_pipeline(done)


def from_pipeline(done: RecordingAnalysis) -> Analysis:
    """The stored form of a pipeline result (HRV windows added)."""
    result = Analysis(done.kind)
    result.notes.extend(n for n in (done.reason, *done.notes) if n)
    quality = done.quality
    result.mean_hr_bpm = clean(quality.mean_hr_bpm)
    result.flagged_share = clean(quality.flagged_share)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FibrokitWarning)
        _beat_analysis(done, result)
    result.notes.extend(dict.fromkeys(str(w.message) for w in caught if w.category is FibrokitWarning))
    if done.protocol is not None:
        result.protocol = protocol_json(done.protocol)
        result.phases = {
            "used": [
                {"name": p.name, "start_s": p.start_s, "end_s": p.end_s, "origin": p.origin}
                for p in done.phases
            ]
        }
        times, hr = done.protocol.curve
        if times:
            result.curve = (np.asarray(times, dtype=np.float64), np.asarray(hr, dtype=np.float64))
    return result


def _beat_analysis(done: RecordingAnalysis, result: Analysis) -> None:
    flagged: BeatSeries | None = done.beats
    if flagged is None:
        return
    result.flags = np.asarray(flagged.flags, dtype=np.uint8)
    summary = done.hrv
    if summary is None:
        return
    result.hrv = {
        "values": clean(dict(summary.values)),
        "beats": summary.beats,
        "normal_share": clean(summary.normal_share),
        "flag_counts": flagged.flag_counts(),
        "start_s": summary.start_s,
        "end_s": summary.end_s,
        "insufficient": list(summary.insufficient),
        "reliable": done.quality.hrv_reliable,
    }
    if flagged.duration_s >= WINDOW_S:
        table = hrv_windows(
            flagged, window_s=WINDOW_S, step_s=STEP_S, domains=("time",), artifact_method="none"
        )
        columns = {name: table[name] for name in WINDOW_COLUMNS}
        result.windows = clean(
            {"start_s": table.start_s, "end_s": table.end_s, "normal_share": table.normal_share, **columns}
        )


def score_protocol(
    recording: Recording, kind: str, age: float | None, phases: dict[str, tuple[float, float]] | None = None
) -> ProtocolResult:
    """Score a recording as the test ``kind`` through the pipeline; refuses with the pipeline's reason.

    ``phases`` are those the person gave ("this was a test"), by the protocol's phase names.
    """
    settings = AnalysisSettings(
        kind=kind, phases=dict(phases or {}), artifact_method=ARTIFACT_METHOD, pacing=False
    )
    done = analyse_recording(recording, Person(age=age), settings)
    if done.protocol is None:
        raise InsufficientData(done.reason or f"{recording.source_name}: not scored as {kind}")
    return done.protocol


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
