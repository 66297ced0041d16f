"""Per-day inputs of pacing, as plain values: morning readings, daily load, and diary summaries.

These are deliberately plain (dates and arrays) so that any source can fill them: fibrokit's own analyses, the
diary's daily summaries (``fibrokit.diary``, passed in by the caller), or another app's export. Dates are
``datetime.date``, strictly increasing; a missing value is NaN.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from fibrokit.records import FloatArray


def _dates(dates: Sequence[dt.date], n: int | None = None) -> tuple[dt.date, ...]:
    out = tuple(dates)
    if any(b <= a for a, b in itertools.pairwise(out)):
        raise ValueError("`dates` must be strictly increasing (one entry per day)")
    if n is not None and len(out) != n:
        raise ValueError(f"there are {len(out)} dates for {n} values")
    return out


def _values(values: npt.ArrayLike | None, n: int, name: str) -> FloatArray:
    if values is None:
        return np.full(n, np.nan)
    array = np.array(values, dtype=np.float64)
    if array.shape != (n,):
        raise ValueError(f"`{name}` must hold one value per date ({n}); it holds {array.size}")
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Mornings:
    """Morning readings, one per day (see :func:`fibrokit.pacing.pace_morning`).

    Parameters
    ----------
    dates : sequence of date
    ln_rmssd : array_like
        Natural log of RMSSD (ms).
    resting_hr_bpm : array_like
        Mean heart rate of the reading.
    ok : array_like of bool, optional
        False for readings of doubtful quality (they are not judged and not used in the baseline).
    """

    dates: tuple[dt.date, ...]
    ln_rmssd: FloatArray
    resting_hr_bpm: FloatArray
    ok: npt.NDArray[np.bool_]

    def __init__(
        self,
        dates: Sequence[dt.date],
        ln_rmssd: npt.ArrayLike,
        resting_hr_bpm: npt.ArrayLike,
        ok: npt.ArrayLike | None = None,
    ) -> None:
        days = _dates(dates)
        n = len(days)
        flags = np.ones(n, dtype=bool) if ok is None else np.array(ok, dtype=bool)
        if flags.shape != (n,):
            raise ValueError("`ok` must hold one value per date")
        flags.setflags(write=False)
        object.__setattr__(self, "dates", days)
        object.__setattr__(self, "ln_rmssd", _values(ln_rmssd, n, "ln_rmssd"))
        object.__setattr__(self, "resting_hr_bpm", _values(resting_hr_bpm, n, "resting_hr_bpm"))
        object.__setattr__(self, "ok", flags)


@dataclass(frozen=True, eq=False)
class DaySymptoms:
    """Daily diary summaries, as the diary (or any tracker) provides them.

    Parameters
    ----------
    dates : sequence of date
    symptoms : array_like
        Overall symptom severity that day, 0 (none) to 10 (worst); NaN when not logged.
    sleep : array_like, optional
        Sleep quality of the night before, 0 (worst) to 10 (best).
    flare : array_like of bool, optional
        Days the person logged as a flare; when omitted, flares are read from the symptom ratings.
    """

    dates: tuple[dt.date, ...]
    symptoms: FloatArray
    sleep: FloatArray
    flare: npt.NDArray[np.bool_] | None
    _position: dict[dt.date, int] = field(repr=False, compare=False)

    def __init__(
        self,
        dates: Sequence[dt.date],
        symptoms: npt.ArrayLike | None = None,
        sleep: npt.ArrayLike | None = None,
        flare: npt.ArrayLike | None = None,
    ) -> None:
        days = _dates(dates)
        n = len(days)
        flares = None if flare is None else np.array(flare, dtype=bool)
        if flares is not None and flares.shape != (n,):
            raise ValueError("`flare` must hold one value per date")
        object.__setattr__(self, "dates", days)
        object.__setattr__(self, "symptoms", _values(symptoms, n, "symptoms"))
        object.__setattr__(self, "sleep", _values(sleep, n, "sleep"))
        object.__setattr__(self, "flare", flares)
        # Looked up once per morning and per day of its baseline: a dict, not a scan of the dates.
        object.__setattr__(self, "_position", {day: i for i, day in enumerate(days)})

    def on(self, day: dt.date) -> tuple[float, float]:
        """Symptoms and sleep logged for ``day`` (NaN when absent)."""
        i = self._position.get(day)
        if i is None:
            return float("nan"), float("nan")
        return float(self.symptoms[i]), float(self.sleep[i])


@dataclass(frozen=True, eq=False)
class DayLoads:
    """Exertion points per day (the sum of :func:`fibrokit.pacing.pace_load` totals of that day's recordings)."""

    dates: tuple[dt.date, ...]
    points: FloatArray

    def __init__(self, dates: Sequence[dt.date], points: npt.ArrayLike) -> None:
        days = _dates(dates)
        object.__setattr__(self, "dates", days)
        object.__setattr__(self, "points", _values(points, len(days), "points"))
