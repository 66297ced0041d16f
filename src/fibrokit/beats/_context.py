"""A stream of values cut into stretches, each with the values around it that a local method looks at."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Stretch:
    """New values of a stream, ``values[start:stop]``, with up to ``margin`` values of context on each side.

    ``before`` is the value just before ``values[0]`` in the stream (None at the stream's start).
    """

    values: FloatArray
    start: int
    stop: int
    before: float | None


def with_context(blocks: Iterable[FloatArray], margin: int) -> Iterator[Stretch]:
    """Every value of ``blocks`` once, in order, each inside a stretch with ``margin`` values of context around it.

    Context is cut short only at the stream's ends, as it is for the whole series held at once, so a method
    whose result for a value depends on no more than ``margin`` values either side gives the same results.

    Examples
    --------
    >>> stream = with_context([np.arange(5.0), np.arange(5.0, 8.0)], 2)
    >>> [(s.values.tolist(), s.start, s.stop) for s in stream]
    [([0.0, 1.0, 2.0, 3.0, 4.0], 0, 3), ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 2, 5), ([4.0, 5.0, 6.0, 7.0], 2, 4)]
    """
    held = np.empty(0)
    new_from = 0  # position in ``held`` of the first value not yet handed out
    before: float | None = None  # the value just before held[0]
    for block in blocks:
        held = np.concatenate([held, np.asarray(block, dtype=np.float64)])
        ready = held.size - margin
        if ready <= new_from:
            continue
        yield Stretch(held, new_from, ready, before)
        keep = max(ready - margin, 0)
        before = float(held[keep - 1]) if keep > 0 else before
        held, new_from = held[keep:], ready - keep
    if held.size > new_from:
        yield Stretch(held, new_from, held.size, before)
