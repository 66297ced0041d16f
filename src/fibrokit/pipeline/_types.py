"""The types of the analysis pipeline: who the person is, the settings, and the frozen result."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.choices import Sex
from fibrokit.hrv import HrvResult, HrvSettings
from fibrokit.pacing import ActivityReview, PacingThresholds
from fibrokit.pipeline._summary import Quality
from fibrokit.protocols import ProtocolResult
from fibrokit.records import BeatSeries

Origin = Literal["given", "markers", "recognised"]


@dataclass(frozen=True)
class Person:
    """What the analysis needs to know about the person.

    Attributes
    ----------
    age : float, optional
        Years; the tests with age-specific norms are not scored without it.
    sex : {"f", "m"}, optional
        For Banister's TRIMP in the pacing review.
    resting_hr_bpm : float, optional
        Usual resting heart rate (e.g. from recent morning readings), for the pacing lines.
    thresholds : PacingThresholds, optional
        The person's own pacing lines; else they are derived from ``resting_hr_bpm`` and ``age``.
    """

    age: float | None = None
    sex: Sex | None = None
    resting_hr_bpm: float | None = None
    thresholds: PacingThresholds | None = None


@dataclass(frozen=True)
class AnalysisSettings:
    """Every choice the analysis makes.

    Attributes
    ----------
    kind : str
        ``"auto"`` to recognise the test, or a kind from :data:`fibrokit.protocols.KINDS`.
    phases : mapping of str to (start_s, end_s)
        Phases given by the person (see :func:`parse_phases`); they override markers and recognition.
    artifact_method : str
        How beats are flagged, once, before anything is computed (:func:`fibrokit.rr_flag_artifacts`).
    hrmax_formula, cool_down, beta_blocker, peak_effort
        Exercise-test options (see :func:`fibrokit.protocols.exercise_test`).
    hrv : HrvSettings
        Settings of the HRV summary.
    pacing : bool
        Whether to review the recording for pacing (the app reviews stored recordings with each day's lines).
    """

    kind: str = "auto"
    phases: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    artifact_method: ArtifactMethod = "lipponen2019"
    hrmax_formula: str = "fox"
    cool_down: str | None = None
    beta_blocker: bool = False
    peak_effort: bool | None = None
    hrv: HrvSettings = field(default_factory=HrvSettings)
    pacing: bool = True

    def as_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data (stored with every result)."""
        return {
            "kind": self.kind,
            "phases": {name: list(span) for name, span in self.phases.items()},
            "artifact_method": self.artifact_method,
            "hrmax_formula": self.hrmax_formula,
            "cool_down": self.cool_down,
            "beta_blocker": self.beta_blocker,
            "peak_effort": self.peak_effort,
            "hrv": dataclasses.asdict(self.hrv),
            "pacing": self.pacing,
        }


@dataclass(frozen=True)
class PhaseUsed:
    """A phase the analysis used, and where it came from (``given``, ``markers`` or ``recognised``)."""

    name: str
    start_s: float
    end_s: float | None
    origin: Origin


@dataclass(frozen=True, eq=False)
class RecordingAnalysis:
    """What fibrokit can honestly say about one recording.

    Attributes
    ----------
    kind : str
        The test scored, or ``"activity"`` when none was (then ``reason`` says why).
    kind_name : str
        Its display name.
    phases : tuple of PhaseUsed
        The phases the protocol used, with their origin.
    beats : BeatSeries or None
        The beats, flagged once with the chosen method; None without beat-to-beat intervals.
    hrv : HrvResult or None
        HRV of the whole recording (see ``quality.hrv_reliable`` before showing it).
    protocol : ProtocolResult or None
        The scored test.
    reason : str
        One sentence naming the file: why no test was scored and what the person can do; empty when scored.
    pacing : ActivityReview or None
        Zones, load and time over the ceiling, when the person's lines are known.
    quality : Quality
        Heart-rate source, flagged share, whether HRV is reliable, mean and peak heart rate.
    notes : tuple of str
        Doubts raised while computing (FibrokitWarnings) and what could not be computed.
    settings : AnalysisSettings
    sensors : tuple of ProtocolResult
        For a muscle-oxygen test on a file with several SmO2 sensors, the result of each further sensor
        (``smo2_2``, ``smo2_3``, …, named in its ``settings["channel"]``) over the same phases as ``protocol``,
        which holds the first sensor's.
    """

    kind: str
    kind_name: str
    phases: tuple[PhaseUsed, ...]
    beats: BeatSeries | None
    hrv: HrvResult | None
    protocol: ProtocolResult | None
    reason: str
    pacing: ActivityReview | None
    quality: Quality
    notes: tuple[str, ...]
    settings: AnalysisSettings
    sensors: tuple[ProtocolResult, ...] = ()

    @property
    def scored(self) -> bool:
        """Whether a test was scored."""
        return self.protocol is not None
