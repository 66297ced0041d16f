"""Rule-based artefact filters of the PhysioNet toolboxes and the classic relative-change rule."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from fibrokit.evidence import fact
from fibrokit.records import BeatFlag

FloatArray = npt.NDArray[np.float64]
FlagArray = npt.NDArray[np.uint8]


def hrv_toolkit_flags(rr_ms: FloatArray) -> FlagArray:
    """Flag intervals as the PhysioNet HRV Toolkit filter does.

    An interval is set aside when it lies outside 0.4-2.0 s, or more than 20 % from the mean of the 20 intervals
    on each side (the central interval excluded; fewer neighbours near the ends).
    """
    low, high = fact("beats.toolkit.range_ms").pair()
    ratio = fact("beats.toolkit.ratio").scalar()
    half = int(fact("beats.toolkit.half_window_beats").scalar())
    flags = np.zeros(rr_ms.size, dtype=np.uint8)
    out_of_range = (rr_ms < low) | (rr_ms > high)
    # Neighbour means from cumulative sums: (sum of the window − the centre) / (count − 1). Intervals outside
    # the range are left out of the means, so one absurd value does not condemn its neighbours (the Toolkit's
    # documentation does not say in which order it applies its two rules; this is the robust choice).
    usable = np.where(out_of_range, 0.0, rr_ms)
    total = np.concatenate(([0.0], np.cumsum(usable)))
    count = np.concatenate(([0], np.cumsum(~out_of_range)))
    index = np.arange(rr_ms.size)
    lo = np.maximum(index - half, 0)
    hi = np.minimum(index + half + 1, rr_ms.size)
    neighbours = count[hi] - count[lo] - (~out_of_range)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (total[hi] - total[lo] - usable) / neighbours
        outlier = (neighbours > 0) & (np.abs(rr_ms - mean) > ratio * mean)
    flags[outlier] = BeatFlag.OUTLIER
    flags[out_of_range] = BeatFlag.OUT_OF_RANGE
    return flags


def pcst_flags(rr_ms: FloatArray) -> FlagArray:
    """Cardiovascular Signal Toolbox preprocessing (Vest et al. 2018), as run for its published demo output.

    In order: intervals at or above the gap limit are set aside; then an interval is removed when it differs
    by at least 20 % both from the median of the 5 intervals before it and from the median of the 5 after it
    (medians of the series left after the gap rule, so removals do not feed back); then intervals outside
    60/160-60/30 s. Removed intervals are flagged, not interpolated (the toolbox deletes them).
    """
    gap_ms = fact("beats.pcst.gap_limit_ms").scalar()
    low, high = fact("beats.pcst.range_ms").pair()
    change = fact("beats.pcst.change_ratio").scalar()
    span = int(fact("beats.pcst.median_beats").scalar())
    flags = np.zeros(rr_ms.size, dtype=np.uint8)
    kept = np.flatnonzero(rr_ms < gap_ms)
    flags[rr_ms >= gap_ms] = BeatFlag.GAP
    # The toolbox works in seconds; computing the ratios on seconds puts a change of exactly 20 % on the same
    # side of the threshold as it does (0.16 / 0.8 is just below 0.2 in floating point, 160 / 800 is not).
    values = rr_ms[kept] / 1000.0
    spike = np.zeros(values.size, dtype=bool)
    if values.size > span:
        medians = np.median(
            sliding_window_view(values, span), axis=1
        )  # medians[j] = median(values[j:j+span])
        before = np.zeros(values.size, dtype=bool)
        after = np.zeros(values.size, dtype=bool)
        before[span:] = np.abs(values[span:] - medians[:-1]) / medians[:-1] >= change
        after[:-span] = np.abs(values[:-span] - medians[1:]) / medians[1:] >= change
        spike = before & after
    flags[kept[spike]] = BeatFlag.OUTLIER
    bad_range = (flags == BeatFlag.NORMAL) & ((rr_ms < low) | (rr_ms > high))
    flags[bad_range] = BeatFlag.OUT_OF_RANGE
    return flags


def threshold_flags(rr_ms: FloatArray, low_ms: float, high_ms: float, max_change: float) -> FlagArray:
    """Flag intervals by plain thresholds.

    An interval is set aside when it lies outside ``[low_ms, high_ms]`` or changes by more than ``max_change``
    (a fraction) from the last accepted interval (the relative-change rule of Malik et al. 1989).
    """
    flags = np.zeros(rr_ms.size, dtype=np.uint8)
    in_range = (rr_ms >= low_ms) & (rr_ms <= high_ms)
    flags[~in_range] = BeatFlag.OUT_OF_RANGE
    accepted = _accept_by_change(rr_ms, in_range, max_change)
    flags[in_range & ~accepted] = BeatFlag.OUTLIER
    return flags


def _accept_by_change(
    rr_ms: FloatArray, in_range: npt.NDArray[np.bool_], max_change: float
) -> npt.NDArray[np.bool_]:
    # Each decision depends on the last accepted interval, so this runs beat by beat over plain floats: O(n),
    # a few tens of milliseconds for a day of beats.
    accepted = np.zeros(rr_ms.size, dtype=bool)
    reference = float("nan")
    values = rr_ms.tolist()
    usable = in_range.tolist()
    for i, value in enumerate(values):
        if not usable[i]:
            continue
        if np.isnan(reference) or abs(value - reference) <= max_change * reference:
            accepted[i] = True
            reference = value
    return accepted
