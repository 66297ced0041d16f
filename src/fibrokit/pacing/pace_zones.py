"""Heart-rate zones over time, with hysteresis and a minimum dwell so that a rate hovering at a line does not flicker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fibrokit.evidence import fact
from fibrokit.pacing._state import MAX_STEP_S, PaceZone, ZoneTracker, beats_hr
from fibrokit.pacing.pace_thresholds import PacingThresholds
from fibrokit.records import BeatSeries, FloatArray


@dataclass(frozen=True, eq=False)
class ZoneTrace:
    """Zones over a recording.

    Attributes
    ----------
    times_s, hr_bpm : array of float
        The heart-rate samples used (normal beats with a plausible rate).
    zones : array of uint8
        The shown :class:`PaceZone` at each sample.
    changes : tuple of (float, PaceZone)
        When the shown zone changed, and to what (the first entry is the starting zone).
    seconds_in : mapping of str to float
        Time spent in each zone, by zone label.
    thresholds : PacingThresholds
        The lines used.
    dwell_s, hysteresis_bpm : float
        The anti-flicker settings used.
    """

    times_s: FloatArray
    hr_bpm: FloatArray
    zones: npt.NDArray[np.uint8]
    changes: tuple[tuple[float, PaceZone], ...]
    seconds_in: Mapping[str, float]
    thresholds: PacingThresholds
    dwell_s: float
    hysteresis_bpm: float


def pace_zones(
    beats: BeatSeries,
    thresholds: PacingThresholds,
    *,
    dwell_s: float | None = None,
    hysteresis_bpm: float | None = None,
) -> ZoneTrace:
    """Assign a pacing zone to every normal beat, with hysteresis and a minimum dwell.

    A zone is entered when heart rate reaches its line and left only when it falls ``hysteresis_bpm`` below
    it; a new zone is shown only after it has held for ``dwell_s`` seconds. The shown zone therefore changes
    at most once per dwell period, however the heart rate hovers.

    Parameters
    ----------
    beats : BeatSeries
        Beats with artefacts flagged (:func:`fibrokit.rr_flag_artifacts`); only normal beats are used.
    thresholds : PacingThresholds
        The exertion threshold and ceiling (:func:`pace_thresholds`).
    dwell_s, hysteresis_bpm : float, optional
        Defaults from the evidence registry (``pacing.zones.dwell_s``, ``pacing.zones.hysteresis_bpm``).

    Returns
    -------
    ZoneTrace

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries
    >>> from fibrokit.pacing import pace_thresholds, pace_zones
    >>> hover = 92 + 2 * np.sin(np.arange(600) / 3)  # hovering ±2 bpm around a 92-bpm threshold
    >>> hr = np.concatenate([np.full(60, 75.0), hover])
    >>> trace = pace_zones(BeatSeries.from_rr(60000 / hr), pace_thresholds(80, 50, ceiling_bpm=110))
    >>> [zone.label for _, zone in trace.changes]  # the starting zone, then one change, no flicker
    ['rest', 'activity']
    """
    dwell = fact("pacing.zones.dwell_s").scalar() if dwell_s is None else dwell_s
    hysteresis = fact("pacing.zones.hysteresis_bpm").scalar() if hysteresis_bpm is None else hysteresis_bpm
    times, hr = beats_hr(beats)
    tracker = ZoneTracker(thresholds, dwell, hysteresis)
    zones = np.zeros(times.size, dtype=np.uint8)
    changes: list[tuple[float, PaceZone]] = []
    for i in range(times.size):
        changed = tracker.update(float(times[i]), float(hr[i]))
        if changed is not None:
            changes.append((float(times[i]), changed))
        zones[i] = tracker.zone if tracker.zone is not None else PaceZone.REST
    return ZoneTrace(
        times, hr, zones, tuple(changes), _seconds_in(times, zones), thresholds, dwell, hysteresis
    )


def _seconds_in(times: FloatArray, zones: npt.NDArray[np.uint8]) -> dict[str, float]:
    # Each step between samples counts in the zone shown at its end; gaps in the data count nowhere.
    steps = np.diff(times, prepend=times[:1])
    steps[steps > MAX_STEP_S] = 0.0
    return {z.label: float(steps[zones == z].sum()) for z in PaceZone}
