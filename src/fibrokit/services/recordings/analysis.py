"""Analyse one recording for storage: artefact flags, HRV, HRV over windows and the autonomic test it holds.

This module only composes the scientific core (``beats``, ``hrv``, ``protocols``); it computes nothing of its
own. What it returns is a frozen :class:`Analysis`, built once, of the core's result types (``HrvResult``,
``ProtocolResult``) plus the per-beat flags (read-only arrays); :mod:`~fibrokit.services.recordings.results`
gives the form the store keeps and reads it back for the pages, so nothing is recomputed to be shown.
:func:`analysis_settings` lists every choice made; a stored result whose settings, fibrokit version or source
hash differ from today's is recomputed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import warnings
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, TypeVar

import numpy as np
import numpy.typing as npt

from fibrokit.errors import FibrokitWarning, InsufficientData
from fibrokit.hrv import HrvSettings, hrv_windows
from fibrokit.pipeline import AnalysisSettings, Person, PhaseUsed, RecordingAnalysis, analyse_recording
from fibrokit.protocols import KINDS, ProtocolResult
from fibrokit.records import BeatSeries, Recording
from fibrokit.services.recordings.results import Json, StoredHrv, WindowSeries, clean

ARTIFACT_METHOD: Final = "lipponen2019"
_Number = TypeVar("_Number", np.uint8, np.float64)
WINDOW_S, STEP_S = 300.0, 60.0


def analysis_settings() -> Json:
    """Every choice the stored analysis makes; part of each stored result."""
    return {
        "artifact_method": ARTIFACT_METHOD,
        "hrv": json.loads(json.dumps(dataclasses.asdict(HrvSettings()))),
        "windows": {"window_s": WINDOW_S, "step_s": STEP_S, "domains": ["time"]},
        "hrmax_formula": "fox",
        # Recognition by the shape of the curve, HRR guards, heart rate from samples (issue 13).
        "pipeline": "analyse_recording-1",
    }


def settings_key(settings: Json) -> str:
    """A short stable hash of a settings mapping (equal settings, equal key)."""
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Analysis:
    """What is stored for one recording, built once (:func:`from_pipeline`) and never changed.

    Attributes
    ----------
    kind : str
        The test it holds (``"morning-reading"``, ``"exercise-test"`` …) or ``"activity"``.
    notes : tuple of str
        Why a test was not scored, and doubts raised while computing.
    flags : array of uint8 or None
        Artefact flag of every beat.
    hrv : StoredHrv or None
        HRV of the whole recording (the core's :class:`~fibrokit.hrv.HrvResult`, with the flag counts).
    windows : WindowSeries or None
        HRV over 5-minute windows, for recordings of at least one window.
    protocol : ProtocolResult or None
        The scored test (the core's result).
    curve : tuple of two arrays or None
        The protocol's 1-Hz heart-rate curve.
    mean_hr_bpm : float or None
        Mean heart rate from beats or, without them, from the device's heart-rate samples.
    flagged_share : float or None
        Share of beats flagged as artefacts (None without beats).
    phases : tuple of PhaseUsed
        The phases used and where they came from (``given``, ``markers``, ``recognised``).
    """

    kind: str
    notes: tuple[str, ...] = ()
    flags: npt.NDArray[np.uint8] | None = None
    hrv: StoredHrv | None = None
    windows: WindowSeries | None = None
    protocol: ProtocolResult | None = None
    curve: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None
    mean_hr_bpm: float | None = None
    flagged_share: float | None = None
    phases: tuple[PhaseUsed, ...] = ()

    def headline(self, name: str) -> float | None:
        """A headline number from the HRV summary (None when absent or not computable)."""
        value = self.hrv.result.values.get(name) if self.hrv is not None else None
        return float(value) if value is not None and math.isfinite(value) else None

    def with_note(self, note: str) -> Analysis:
        """The same analysis with one more note (a copy: the analysis itself never changes)."""
        return dataclasses.replace(self, notes=(*self.notes, note))

    def phases_json(self) -> Json | None:
        """The phases used, as stored with the analysis (None when no test was scored)."""
        if self.protocol is None:
            return None
        used = [
            {"name": p.name, "start_s": p.start_s, "end_s": p.end_s, "origin": p.origin} for p in self.phases
        ]
        return {"used": used}


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
    >>> result.kind, result.protocol.findings[0].symbol
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
    """The stored form of a pipeline result (HRV windows added), built in one go."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FibrokitWarning)
        hrv, windows = _beat_analysis(done)
    doubts = dict.fromkeys(str(w.message) for w in caught if w.category is FibrokitWarning)
    curve = None
    if done.protocol is not None and done.protocol.curve[0]:
        times, hr = done.protocol.curve
        curve = (_read_only(times, np.float64), _read_only(hr, np.float64))
    return Analysis(
        done.kind,
        notes=(*(n for n in (done.reason, *done.notes) if n), *doubts),
        flags=_read_only(done.beats.flags, np.uint8) if done.beats is not None else None,
        hrv=hrv,
        windows=windows,
        protocol=done.protocol,
        curve=curve,
        mean_hr_bpm=clean(done.quality.mean_hr_bpm),
        flagged_share=clean(done.quality.flagged_share),
        phases=done.phases if done.protocol is not None else (),
    )


def _read_only(values: npt.ArrayLike, dtype: type[_Number]) -> npt.NDArray[_Number]:
    """A copy that cannot be written to, so the frozen analysis cannot be changed through its arrays either."""
    array = np.array(values, dtype=dtype)
    array.setflags(write=False)
    return array


def _beat_analysis(done: RecordingAnalysis) -> tuple[StoredHrv | None, WindowSeries | None]:
    flagged: BeatSeries | None = done.beats
    summary = done.hrv
    if flagged is None or summary is None:
        return None, None
    hrv = StoredHrv(summary, MappingProxyType(flagged.flag_counts()), done.quality.hrv_reliable)
    if flagged.duration_s < WINDOW_S:
        return hrv, None
    table = hrv_windows(flagged, window_s=WINDOW_S, step_s=STEP_S, domains=("time",), artifact_method="none")
    return hrv, WindowSeries.from_table(table)


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
