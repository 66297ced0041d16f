"""Turn raw RR values (and, when known, beat times) into a validated :class:`BeatSeries`."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from fibrokit.beats.rr_units import rr_units
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.records import BeatFlag, BeatSeries


def rr_series(
    values: npt.ArrayLike,
    *,
    times_s: npt.ArrayLike | None = None,
    unit: Literal["auto", "ms", "s"] = "auto",
) -> BeatSeries:
    """Validate RR intervals and build a beat series, flagging implausible values and gaps.

    Parameters
    ----------
    values : array_like
        RR intervals, in ms or s (see :func:`rr_units`).
    times_s : array_like, optional
        Time of each beat in seconds. When given, a beat that comes later than the previous beat plus its own
        interval (beyond a small tolerance) follows a gap in the recording and is flagged ``GAP``, so that no
        successive difference is taken across the gap. When omitted, intervals are taken to be contiguous.
    unit : {"auto", "ms", "s"}
        Unit of ``values``; ``"auto"`` detects it.

    Returns
    -------
    BeatSeries
        Intervals in ms; values outside the plausible span flagged ``OUT_OF_RANGE``, beats after gaps ``GAP``.

    Raises
    ------
    InputError
        For empty input, values that are not numbers, zero or negative intervals, or beat times that do not
        increase. The message says how many values are affected and where the first one is.

    Examples
    --------
    >>> s = rr_series([0.8, 0.82, 0.79])
    >>> s.rr_ms.tolist()
    [800.0, 820.0, 790.0]
    """
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise InputError("RR values must form a single column")
    _refuse(~np.isfinite(array), array, "are not numbers")
    # A week of beats is 600,000 values: no more copies of them are made than the series keeps.
    to_ms = rr_units(array, unit).to_ms
    rr_ms = array * to_ms if to_ms != 1.0 else array
    _refuse(rr_ms <= 0, array, "are zero or negative; RR intervals must be positive")
    low_ms, high_ms = fact("beats.units.plausible_ms").pair()
    flags = np.zeros(rr_ms.size, dtype=np.uint8)
    flags[(rr_ms < low_ms) | (rr_ms > high_ms)] = BeatFlag.OUT_OF_RANGE
    if times_s is None:
        times = np.cumsum(rr_ms)
        times /= 1000.0
    else:
        times = _checked_times(times_s, rr_ms.size)
        flags[_after_gap(times, rr_ms)] = BeatFlag.GAP
    return BeatSeries(times, rr_ms, flags)


def _refuse(bad: npt.NDArray[np.bool_], values: npt.NDArray[np.float64], problem: str) -> None:
    if not bad.any():
        return
    first = int(np.argmax(bad))
    raise InputError(
        f"{int(bad.sum())} of {bad.size} RR values {problem} (the first is value {first + 1}: {values[first]:g})"
    )


def _checked_times(times_s: npt.ArrayLike, n: int) -> npt.NDArray[np.float64]:
    times = np.asarray(times_s, dtype=np.float64)
    if times.shape != (n,):
        raise InputError(f"there are {times.size} beat times for {n} RR values")
    if not np.all(np.isfinite(times)):
        raise InputError("some beat times are not numbers")
    steps = np.diff(times)
    if np.any(steps <= 0):
        first = int(np.argmax(steps <= 0)) + 1
        raise InputError(f"beat times must increase, but beat {first + 1} is not later than beat {first}")
    return times


def _after_gap(times: npt.NDArray[np.float64], rr_ms: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    tolerance_s = fact("beats.gap_tolerance_ms").scalar() / 1000.0
    late = np.zeros(times.size, dtype=bool)
    late[1:] = np.diff(times) > rr_ms[1:] / 1000.0 + tolerance_s
    return late
