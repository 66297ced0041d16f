"""Beat classification of Lipponen & Tarvainen (2019), vectorised over the whole series.

Each interval is compared with its neighbours in two normalised spaces. ``dRR`` (the successive difference)
divided by a time-varying threshold ``Th1`` finds sudden jumps; ``mRR`` (the deviation from an 11-beat median,
negative deviations doubled because ectopic beats are mostly premature) divided by ``Th2`` finds intervals that
stand out from the local level. Both thresholds are ``alpha`` times the quartile deviation over 91 beats, so they
follow the person's own variability. The published decision rules then separate ectopic beats, long and short
intervals, missed beats (an interval about twice the local level) and extra beats (two intervals that sum to
about the local level).

Reference: Lipponen JA, Tarvainen MP. J Med Eng Technol 2019;43(3):173-181. The public description was read in the
paper's abstract and in three open implementations that cite it; where those differ, the choices here are:
a beat is examined when ``|dRR| > 1`` or ``|mRR| > 3`` (the two gates of the paper's flow chart); a long interval
is ``dRR > 1`` with the next differences falling back, or ``mRR > 3``; a short one the mirror image.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from fibrokit.beats._rolling import rolling_quantile
from fibrokit.evidence import fact
from fibrokit.records import BeatFlag

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def lipponen_flags(rr_ms: FloatArray) -> npt.NDArray[np.uint8]:
    """Classify every interval; return a :class:`BeatFlag` per interval (``NORMAL`` when nothing is wrong)."""
    alpha = fact("beats.lipponen.alpha").scalar()
    c1 = fact("beats.lipponen.c1").scalar()
    c2 = fact("beats.lipponen.c2").scalar()
    width = int(fact("beats.lipponen.window_beats").scalar())
    median_width = int(fact("beats.lipponen.median_beats").scalar())
    flags = np.zeros(rr_ms.size, dtype=np.uint8)
    if rr_ms.size < 4:
        return flags

    drr = np.diff(rr_ms, prepend=np.nan)
    drr[0] = np.mean(drr[1:])  # the first interval has no predecessor; give it a typical difference
    th1 = alpha * _quartile_deviation(np.abs(drr), width)
    drr_n = _normalised(drr, th1)

    median_rr = rolling_quantile(rr_ms, median_width, 0.5)
    mrr = rr_ms - median_rr
    mrr = np.where(mrr < 0, 2.0 * mrr, mrr)
    th2 = alpha * _quartile_deviation(np.abs(mrr), width)
    mrr_n = _normalised(mrr, th2)

    s12 = _neighbour_extreme(drr_n, (-1, 1), larger_when_positive=True)
    s22 = _neighbour_extreme(drr_n, (1, 2), larger_when_positive=False)

    candidate = (np.abs(drr_n) > 1) | (np.abs(mrr_n) > 3)
    ectopic = candidate & (
        ((drr_n > 1) & (s12 < -c1 * drr_n - c2)) | ((drr_n < -1) & (s12 > -c1 * drr_n + c2))
    )
    long_ = candidate & ~ectopic & (((drr_n > 1) & (s22 < -1)) | (mrr_n > 3))
    short = candidate & ~ectopic & ~long_ & (((drr_n < -1) & (s22 > 1)) | (mrr_n < -3))

    missed = long_ & (np.abs(rr_ms / 2.0 - median_rr) < th2)
    next_rr = np.append(rr_ms[1:], np.nan)
    extra = short & (np.abs(rr_ms + next_rr - median_rr) < th2)

    flags[ectopic] = BeatFlag.ECTOPIC
    flags[long_] = BeatFlag.LONG
    flags[short] = BeatFlag.SHORT
    flags[missed] = BeatFlag.MISSED
    flags[extra] = BeatFlag.EXTRA
    return flags


def _quartile_deviation(values: FloatArray, width: int) -> FloatArray:
    q1 = rolling_quantile(values, width, 0.25)
    q3 = rolling_quantile(values, width, 0.75)
    return (q3 - q1) / 2.0


def _normalised(values: FloatArray, threshold: FloatArray) -> FloatArray:
    # A flat stretch (threshold 0) gives no evidence of an artefact: leave it at 0 rather than divide by 0.
    safe = np.where(threshold > 0, threshold, 1.0)
    return np.where(threshold > 0, values / safe, 0.0)


def _neighbour_extreme(
    drr_n: FloatArray, offsets: tuple[int, int], *, larger_when_positive: bool
) -> FloatArray:
    """For each beat, the max (or min) of ``drr_n`` at the two given offsets, chosen by the sign of ``drr_n``.

    Offsets beyond the series ends fall back to the nearest existing value, as if the series were reflected.
    """
    n = drr_n.size
    index = np.arange(n)
    a = drr_n[np.clip(index + offsets[0], 0, n - 1)]
    b = drr_n[np.clip(index + offsets[1], 0, n - 1)]
    high, low = np.maximum(a, b), np.minimum(a, b)
    positive = drr_n > 0 if larger_when_positive else drr_n >= 0
    if larger_when_positive:
        return np.where(positive, high, np.where(drr_n < 0, low, 0.0))
    return np.where(positive, low, high)
