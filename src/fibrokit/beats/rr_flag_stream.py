"""Flag a long series of contiguous RR intervals given a block at a time, as it would be flagged held whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

from fibrokit.beats._lipponen import lipponen_flag_stream, typical_difference
from fibrokit.choices import ArtifactMethod
from fibrokit.evidence import fact
from fibrokit.records import BeatFlag

FloatArray = npt.NDArray[np.float64]
FlagArray = npt.NDArray[np.uint8]

#: Artefact methods whose flag for a beat depends only on the beats around it, so they can flag a stream.
STREAM_METHODS: tuple[ArtifactMethod, ...] = ("lipponen2019", "none")


def rr_flag_stream(
    blocks: Iterable[FloatArray], method: ArtifactMethod, *, first_ms: float, last_ms: float, count: int
) -> Iterator[FlagArray]:
    """Flags of contiguous RR intervals (ms) given in blocks: those of ``rr_flag_artifacts(rr_series(...))``.

    Values outside ``beats.units.plausible_ms`` are flagged ``OUT_OF_RANGE`` (as :func:`~fibrokit.rr_series`
    does) and the method's flags are added where a beat has none yet (as :func:`~fibrokit.rr_flag_artifacts`
    with ``keep_existing``). The flags come in order, in stretches that need not match the blocks.

    Parameters
    ----------
    blocks : iterable of arrays
        The intervals in ms, in order; each value must be finite and positive.
    method : {"lipponen2019", "none"}
        One of :data:`STREAM_METHODS` (Lipponen & Tarvainen 2019 classifies each beat from the 91 beats around
        it; the other methods are not offered for streams).
    first_ms, last_ms, count : float, float, int
        The series' first and last interval and its length (Lipponen's classification gives the first interval
        the series' mean successive difference).

    Yields
    ------
    array of uint8
        One :class:`~fibrokit.records.BeatFlag` per interval.

    Examples
    --------
    >>> rr = np.full(300, 800.0) + np.tile([10.0, -10.0], 150)
    >>> rr[150] = 1600.0  # a missed beat
    >>> flags = np.concatenate(list(rr_flag_stream(np.split(rr, 3), "lipponen2019",
    ...                                            first_ms=rr[0], last_ms=rr[-1], count=rr.size)))
    >>> int(flags[150]) == int(BeatFlag.MISSED), int(np.count_nonzero(flags))
    (True, 1)
    """
    if method not in STREAM_METHODS:
        raise ValueError(f"`method` must be one of {', '.join(STREAM_METHODS)} for a stream, not {method!r}")
    low_ms, high_ms = fact("beats.units.plausible_ms").pair()
    kept: list[FloatArray] = []  # blocks read but not yet flagged by the method (it looks ahead)

    def remembered() -> Iterator[FloatArray]:
        for block in blocks:
            kept.append(block)
            yield block

    if method == "none":
        found: Iterator[FlagArray] = (np.zeros(block.size, dtype=np.uint8) for block in remembered())
    else:
        found = lipponen_flag_stream(remembered(), typical_difference(first_ms, last_ms, count))
    pending = np.empty(0)
    for flags in found:
        while pending.size < flags.size:
            pending = np.concatenate([pending, kept.pop(0)])
        rr, pending = pending[: flags.size], pending[flags.size :]
        implausible = (rr < low_ms) | (rr > high_ms)
        yield np.where(implausible, np.uint8(BeatFlag.OUT_OF_RANGE), flags).astype(np.uint8)
