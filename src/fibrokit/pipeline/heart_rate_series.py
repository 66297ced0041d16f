"""Heart rate in one shape for everything that reads only heart rate: beats, or else heart-rate samples."""

from __future__ import annotations

from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.errors import InsufficientData
from fibrokit.protocols._hr import rate_series
from fibrokit.records import BeatSeries, Recording


def heart_rate_series(recording: Recording, artifact_method: ArtifactMethod = "none") -> BeatSeries | None:
    """The recording's heart rate as a beat series, for zones, load, peaks and recoveries.

    Beat-to-beat intervals when the recording has them (flagged with ``artifact_method``; ``"none"`` keeps
    their flags); else its ``heart_rate`` samples, each as the interval a beat at that rate would last, with
    implausible samples flagged. Such a series must never be used for heart-rate variability. None when the
    recording holds no heart rate.

    Examples
    --------
    >>> import dataclasses
    >>> from fibrokit.simulate import simulate_walk, typical
    >>> walk = simulate_walk(typical(), walk_s=300, seed=1).recording
    >>> samples_only = dataclasses.replace(walk, beats=None)
    >>> len(heart_rate_series(samples_only)) == walk.channels["heart_rate"].values.size
    True
    """
    try:
        series, _ = rate_series(recording, "heart rate", artifact_method)
    except InsufficientData:
        return None
    return series
