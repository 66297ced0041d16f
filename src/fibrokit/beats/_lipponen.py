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

from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

from fibrokit.beats._context import with_context
from fibrokit.beats._rolling import rolling_quantile
from fibrokit.evidence import fact
from fibrokit.records import BeatFlag

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


CHUNK_BEATS = 1 << 16  # beats classified at a time (with their margins), so memory does not grow with length


def lipponen_flags(rr_ms: FloatArray, chunk_beats: int = CHUNK_BEATS) -> npt.NDArray[np.uint8]:
    """Classify every interval; return a :class:`BeatFlag` per interval (``NORMAL`` when nothing is wrong).

    A long series is classified ``chunk_beats`` at a time. A beat's class depends only on the beats around it
    (the 91-beat quartile windows around the 11-beat medians, two differences ahead: under 60 beats each side),
    so each chunk is classified with a margin of :func:`_margin` beats on each side and only its own beats are
    kept: the flags are those of the whole series at once (a test checks they are identical), in memory that
    does not grow with the recording. The one value over the whole series, the typical difference given to the
    first interval, is computed once.
    """
    if rr_ms.size < 4:
        return np.zeros(rr_ms.size, dtype=np.uint8)
    first_drr = typical_difference(float(rr_ms[0]), float(rr_ms[-1]), rr_ms.size)
    return np.concatenate(list(lipponen_flag_stream([rr_ms], first_drr, chunk_beats)))


def typical_difference(first_ms: float, last_ms: float, count: int) -> float:
    """The mean successive difference of ``count`` intervals, given to the first interval (it has no predecessor).

    The differences telescope, so their mean needs only the first and last intervals: a series read as a stream
    gets the same value as one held whole.
    """
    return (last_ms - first_ms) / (count - 1)


def lipponen_flag_stream(
    blocks: Iterable[FloatArray], first_drr: float, chunk_beats: int = CHUNK_BEATS
) -> Iterator[npt.NDArray[np.uint8]]:
    """The classes of a series given a block at a time, in order: the flags :func:`lipponen_flags` gives it whole.

    Each stretch of at most ``chunk_beats`` is classified with :func:`_margin` beats of context on each side;
    ``first_drr`` is :func:`typical_difference` of the whole series.
    """
    margin = _margin(
        int(fact("beats.lipponen.window_beats").scalar()), int(fact("beats.lipponen.median_beats").scalar())
    )
    for stretch in with_context(_pieces(blocks, chunk_beats), margin):
        if stretch.values.size < 4 and stretch.before is None:
            # The whole series is under 4 beats (a first stretch holds more than the margin otherwise): too few to judge.
            yield np.zeros(stretch.stop - stretch.start, dtype=np.uint8)
            continue
        before = first_drr if stretch.before is None else float(stretch.values[0] - stretch.before)
        yield _classified(stretch.values, before)[stretch.start : stretch.stop]


def _pieces(blocks: Iterable[FloatArray], size: int) -> Iterator[FloatArray]:
    """The blocks cut into pieces of at most ``size`` values (the classification's working memory grows with it)."""
    for block in blocks:
        for start in range(0, block.size, size):
            yield block[start : start + size]


def _margin(width: int, median_width: int) -> int:
    """Beats on each side a beat's class can depend on, with room to spare."""
    return 2 * (width // 2 + median_width // 2 + 3)


def _classified(rr_ms: FloatArray, first_drr: float) -> npt.NDArray[np.uint8]:
    """The classes of one stretch of beats; ``first_drr`` is the difference before its first interval."""
    alpha = fact("beats.lipponen.alpha").scalar()
    c1 = fact("beats.lipponen.c1").scalar()
    c2 = fact("beats.lipponen.c2").scalar()
    width = int(fact("beats.lipponen.window_beats").scalar())
    median_width = int(fact("beats.lipponen.median_beats").scalar())
    flags = np.zeros(rr_ms.size, dtype=np.uint8)

    drr = np.diff(rr_ms, prepend=np.nan)
    drr[0] = first_drr
    th1 = alpha * _quartile_deviation(np.abs(drr), width)
    drr_n = _normalised(drr, th1)

    (median_rr,) = rolling_quantile(rr_ms, median_width, (0.5,))
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
    q1, q3 = rolling_quantile(values, width, (0.25, 0.75))
    deviation: FloatArray = (q3 - q1) / 2.0
    return deviation


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
