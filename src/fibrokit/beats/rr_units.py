"""Decide whether RR values are in milliseconds or seconds, and say why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from fibrokit.errors import InputError
from fibrokit.evidence import fact

Unit = Literal["ms", "s"]


@dataclass(frozen=True)
class UnitDecision:
    """The unit fibrokit read RR values in, and the reason in plain words."""

    unit: Unit
    reason: str

    @property
    def to_ms(self) -> float:
        """Factor that converts the values to milliseconds."""
        return 1000.0 if self.unit == "s" else 1.0


def rr_units(values: npt.ArrayLike, unit: Literal["auto", "ms", "s"] = "auto") -> UnitDecision:
    """Tell whether RR intervals are given in milliseconds or seconds.

    The median interval decides: a resting or exercising human heart beats 20 to 300 times a minute, so typical
    intervals lie between 0.2 and 3 s, or between 200 and 3000 ms. The two spans do not overlap, so the median
    identifies the unit without guessing. A median between 3 and 200 fits neither; values such as 60-180 are
    most likely heart rates in beats per minute, and the error says so.

    Parameters
    ----------
    values : array_like
        The RR values as read.
    unit : {"auto", "ms", "s"}
        ``"auto"`` detects; ``"ms"`` or ``"s"`` states the unit and only checks that the values fit it.

    Returns
    -------
    UnitDecision
        The unit and the reason for it.

    Raises
    ------
    InputError
        When the values are empty, or fit neither unit (or not the stated one).

    Examples
    --------
    >>> rr_units([812, 790, 805]).unit
    'ms'
    >>> rr_units([0.81, 0.79]).reason
    'median interval 0.8 is between 0.2 and 3, so the values are in seconds'
    """
    array = np.asarray(values, dtype=np.float64)
    if unit not in ("auto", "ms", "s"):
        raise ValueError(f"`unit` must be 'auto', 'ms' or 's', not {unit!r}")
    if array.size == 0:
        raise InputError("there are no RR values")
    low_ms, high_ms = fact("beats.units.plausible_ms").pair()
    median = float(np.median(array))
    in_ms = low_ms <= median <= high_ms
    in_s = low_ms / 1000.0 <= median <= high_ms / 1000.0
    if unit in ("auto", "ms") and in_ms:
        span = f"between {low_ms:g} and {high_ms:g}"
        return UnitDecision("ms", f"median interval {median:g} is {span}, so the values are in milliseconds")
    if unit in ("auto", "s") and in_s:
        span = f"between {low_ms / 1000:g} and {high_ms / 1000:g}"
        return UnitDecision("s", f"median interval {median:g} is {span}, so the values are in seconds")
    raise InputError(_misfit_message(median, unit, low_ms, high_ms))


def _misfit_message(median: float, unit: str, low_ms: float, high_ms: float) -> str:
    if unit != "auto":
        return (
            f"the median value {median:g} is not a plausible RR interval in {unit} "
            f"(expected {low_ms:g}-{high_ms:g} ms)"
        )
    # The same plausible span expressed as beats per minute: values inside it are most likely heart rates.
    if 60_000.0 / high_ms <= median <= 60_000.0 / low_ms:
        return (
            f"the values (median {median:g}) look like heart rates in beats per minute, not RR intervals; "
            "fibrokit needs beat-to-beat intervals in ms or s"
        )
    return (
        f"the median value {median:g} is neither a plausible RR interval in ms ({low_ms:g}-{high_ms:g}) "
        f"nor in s ({low_ms / 1000:g}-{high_ms / 1000:g})"
    )
