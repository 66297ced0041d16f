"""What a recording is, and why: a test (by its markers, its channels or its shape), or an activity and the reason."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fibrokit.beats import rr_flag_artifacts
from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols import _hr, _kinds, _shape
from fibrokit.records import Recording

ACTIVITY = "activity"
# Marker labels and the kind they mean, in the order they are tried: "walk" comes before "recovery" because a
# walk can end with a recovery lap too.
_MARKERS = (
    (("walk", "walking"), ACTIVITY),
    (("exercise", "recovery"), "exercise-test"),
    (("standing", "stand"), "active-stand"),
    (("deep-breathing", "deep breathing"), "deep-breathing"),
    (("strain",), "valsalva"),
)


@dataclass(frozen=True)
class Recognition:
    """What :func:`recognise_kind` found.

    Attributes
    ----------
    kind : str
        ``"morning-reading"``, ``"exercise-test"``, ``"active-stand"``, ``"deep-breathing"``, ``"valsalva"``,
        ``"muscle-oxygen"`` or ``"activity"``.
    origin : str
        ``"markers"`` when the recording's markers or laps named it, ``"recognised"`` when its channels or
        curve did.
    reason : str
        For an activity, why it is not scored as a test (a clause, without the file name); else empty.
    """

    kind: str
    origin: str
    reason: str = ""


def recognise_kind(recording: Recording, artifact_method: ArtifactMethod = "lipponen2019") -> Recognition:
    """Recognise the test a recording holds, and would rather say "an activity" than guess.

    Markers or laps decide first (a walk, an exercise or recovery phase, standing, deep breathing, a strain);
    then a muscle-oxygen (SmO2) channel. Without them the heart-rate curve (beats, else heart-rate samples) must
    fit a test's shape: an exercise test is rest, one graded rise to a peak, and a recovery with no renewed
    effort (see ``protocols.shape.*`` in the evidence registry); the short tests are recognised by their own
    signatures (a step when standing up, slow deep oscillations, a strain and its overshoot); a still, short
    recording of beats is a morning reading. Anything else is an activity, with the reason.

    Parameters
    ----------
    recording : Recording
    artifact_method : str
        How beats are checked for artefacts before the curve is read (``"none"`` keeps their flags).

    Returns
    -------
    Recognition

    Examples
    --------
    >>> import dataclasses
    >>> from fibrokit.protocols import recognise_kind
    >>> from fibrokit.simulate import simulate_exercise_test, simulate_intervals, typical
    >>> recognise_kind(simulate_intervals(typical(), seed=1).recording).kind
    'activity'
    >>> test = simulate_exercise_test(typical(), seed=1).recording
    >>> recognise_kind(dataclasses.replace(test, markers=()))
    Recognition(kind='exercise-test', origin='recognised', reason='')
    """
    for labels, kind in _MARKERS:
        if _hr.marker_start(recording, labels) is not None:
            reason = "its laps or markers name a walk" if kind == ACTIVITY else ""
            return Recognition(kind, "markers", reason)
    if "smo2" in recording.channels:
        return Recognition("muscle-oxygen", "recognised")
    try:
        beats, source = _hr.rate_series(recording, "recognition", artifact_method)
    except InsufficientData:
        return Recognition(ACTIVITY, "recognised", "it holds no heart rate")
    if recording.duration_s > fact("protocols.longest_exercise_test_s").scalar():
        return Recognition(ACTIVITY, "recognised", "it lasts longer than any test, over 2 hours")
    shape = _shape.exercise_shape(recording, beats)
    if shape.fits:
        return Recognition("exercise-test", "recognised")
    times, curve = _shape.grid_curve(beats)
    finite = curve[np.isfinite(curve)]
    rise = float(finite.max() - np.median(finite[:60])) if finite.size else 0.0
    short = recording.duration_s <= fact("protocols.longest_resting_reading_s").scalar()
    if source == "beats" and short and _hr.moving_during(recording, -np.inf, np.inf) is None:
        short_kind = _kinds.short_test(rr_flag_artifacts(beats, "none"))
        if short_kind is not None:
            return Recognition(short_kind, "recognised")
    if rise >= fact("protocols.min_exercise_rise_bpm").scalar():
        return Recognition(ACTIVITY, "recognised", f"it is not shaped like an exercise test: {shape.reason}")
    if source != "beats":
        return Recognition(
            ACTIVITY, "recognised", "it holds heart-rate samples but no beat-to-beat intervals"
        )
    return _resting_or_activity(recording, times, curve)


def _resting_or_activity(recording: Recording, times: np.ndarray, curve: np.ndarray) -> Recognition:
    if recording.duration_s > fact("protocols.longest_resting_reading_s").scalar():
        return Recognition(ACTIVITY, "recognised", "it is longer than a resting reading, over 20 minutes")
    moving = _hr.moving_during(recording, float(times[0]), float(times[-1]) + 1.0) if times.size else None
    if moving is not None:
        return Recognition(
            ACTIVITY, "recognised", f"its {moving} channel shows movement, so it is not a rest"
        )
    finite = curve[np.isfinite(curve)]
    spread = float(np.ptp(finite)) if finite.size else 0.0
    if spread > fact("protocols.rest_steady_bpm").scalar():
        return Recognition(
            ACTIVITY,
            "recognised",
            f"heart rate varied by {spread:.0f} bpm, more than in a still resting reading",
        )
    step, drift = _minute_changes(times, curve)
    if step >= fact("protocols.rest_step_bpm").scalar() or drift >= fact("protocols.rest_drift_bpm").scalar():
        return Recognition(
            ACTIVITY,
            "recognised",
            f"heart rate changed by {max(step, drift):.0f} bpm from one minute to another, as it does when a "
            "person stands up or starts to move, so it is not a resting reading",
        )
    return Recognition("morning-reading", "recognised")


def _minute_changes(times: np.ndarray, curve: np.ndarray) -> tuple[float, float]:
    """The largest change of one-minute mean heart rate from the minute before, and the span of those means."""
    finite = np.isfinite(curve)
    if finite.sum() < 2:
        return 0.0, 0.0
    grid = np.arange(times[finite][0], times[finite][-1] + 1.0)
    level = np.interp(grid, times[finite], curve[finite])
    minute = 60
    if level.size <= minute:
        return 0.0, 0.0
    means = np.convolve(level, np.ones(minute) / minute, mode="valid")
    step = float(np.max(np.abs(means[minute:] - means[:-minute]))) if means.size > minute else 0.0
    return step, float(np.ptp(means))
