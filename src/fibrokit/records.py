"""The few canonical types every part of fibrokit speaks.

A :class:`Recording` is what a reader returns and the simulator produces: metadata, sampled channels, an
optional :class:`BeatSeries` and :class:`Marker` s (laps, events, protocol phases). A :class:`BeatSeries` holds
one entry per beat: the time of the beat, the RR interval that ends at it, and a :class:`BeatFlag` saying whether
that interval is a normal-to-normal (NN) interval or why not. Bad beats are flagged, never deleted.

Arrays held by these types are made read-only so a result can never be changed behind its back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
FlagArray = npt.NDArray[np.uint8]


class BeatFlag(IntEnum):
    """Why an RR interval is, or is not, a normal-to-normal interval.

    Only ``NORMAL`` intervals enter NN statistics. The other values name the reason an interval was set aside,
    so a report can say how many beats were ectopic, missed, too long and so on.
    """

    NORMAL = 0
    ECTOPIC = 1
    MISSED = 2
    EXTRA = 3
    LONG = 4
    SHORT = 5
    OUT_OF_RANGE = 6
    GAP = 7
    ANNOTATED = 8
    OUTLIER = 9

    @property
    def label(self) -> str:
        """Plain-language name of the flag."""
        return _FLAG_LABELS[self]


_FLAG_LABELS = {
    BeatFlag.NORMAL: "normal",
    BeatFlag.ECTOPIC: "ectopic",
    BeatFlag.MISSED: "missed beat",
    BeatFlag.EXTRA: "extra beat",
    BeatFlag.LONG: "too long",
    BeatFlag.SHORT: "too short",
    BeatFlag.OUT_OF_RANGE: "out of range",
    BeatFlag.GAP: "spans a gap",
    BeatFlag.ANNOTATED: "non-normal beat label",
    BeatFlag.OUTLIER: "differs from its neighbours",
}


def _frozen(values: npt.ArrayLike, dtype: type) -> npt.NDArray[np.generic]:
    """A read-only copy of ``values``; an array that is already read-only and owns its data is shared.

    Sharing keeps a derived series (the same beats with new flags) from copying a week of times and intervals:
    such an array can only change if its owner makes it writable again, which a series never does.
    """
    if (
        isinstance(values, np.ndarray)
        and values.dtype == dtype
        and values.base is None
        and not values.flags.writeable
    ):
        return values
    array: npt.NDArray[np.generic] = np.array(values, dtype=dtype, copy=True)
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class BeatSeries:
    """Beat-to-beat intervals with a quality flag per beat.

    Parameters
    ----------
    times_s : array of float
        Time of each beat in seconds from the start of the recording, strictly increasing.
    rr_ms : array of float
        The RR interval that ends at each beat, in milliseconds.
    flags : array of uint8
        One :class:`BeatFlag` per beat.

    Notes
    -----
    Intervals are contiguous unless a ``GAP`` flag says otherwise: interval ``i`` starts at ``times_s[i] -
    rr_ms[i] / 1000``. A successive difference is only an NN difference when both intervals are ``NORMAL``.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries
    >>> s = BeatSeries.from_rr(np.array([800.0, 810.0, 790.0]))
    >>> s.times_s.tolist()
    [0.8, 1.61, 2.4]
    >>> s.normal_share
    1.0
    """

    times_s: FloatArray
    rr_ms: FloatArray
    flags: FlagArray

    def __post_init__(self) -> None:
        times = _frozen(self.times_s, np.float64)
        rr = _frozen(self.rr_ms, np.float64)
        flags = _frozen(self.flags, np.uint8)
        if not (times.ndim == rr.ndim == flags.ndim == 1) or not (times.size == rr.size == flags.size):
            raise ValueError("`times_s`, `rr_ms` and `flags` must be 1-D arrays of the same length")
        if times.size > 1 and not np.all(np.diff(times) > 0):
            raise ValueError("`times_s` must be strictly increasing")
        object.__setattr__(self, "times_s", times)
        object.__setattr__(self, "rr_ms", rr)
        object.__setattr__(self, "flags", flags)

    @classmethod
    def from_rr(cls, rr_ms: npt.ArrayLike, *, start_s: float = 0.0) -> BeatSeries:
        """Build a series from contiguous RR intervals in ms, all flagged normal.

        The first beat falls one interval after ``start_s``.
        """
        rr = np.asarray(rr_ms, dtype=np.float64)
        times = start_s + np.cumsum(rr) / 1000.0
        return cls(times, rr, np.zeros(rr.size, dtype=np.uint8))

    def __len__(self) -> int:
        return int(self.rr_ms.size)

    @property
    def normal(self) -> npt.NDArray[np.bool_]:
        """Boolean mask of the intervals flagged ``NORMAL``."""
        return np.asarray(self.flags == BeatFlag.NORMAL, dtype=np.bool_)

    @property
    def normal_share(self) -> float:
        """Share of beats whose interval is normal (NaN for an empty series)."""
        return float(np.mean(self.normal)) if len(self) else float("nan")

    @property
    def duration_s(self) -> float:
        """Time from the start of the first interval to the last beat."""
        if not len(self):
            return 0.0
        return float(self.times_s[-1] - (self.times_s[0] - self.rr_ms[0] / 1000.0))

    def with_flags(self, flags: npt.ArrayLike) -> BeatSeries:
        """Return the same beats with new flags."""
        return BeatSeries(self.times_s, self.rr_ms, np.asarray(flags, dtype=np.uint8))

    def flag_counts(self) -> dict[str, int]:
        """Number of beats per flag, by the flag's plain-language label, for flags that occur."""
        counts = np.bincount(self.flags, minlength=len(BeatFlag))
        return {BeatFlag(i).label: int(n) for i, n in enumerate(counts) if n}


@dataclass(frozen=True, eq=False)
class Channel:
    """A sampled signal: values at a fixed rate or at given times.

    Parameters
    ----------
    name : str
        Channel name, e.g. ``"heart_rate"``, ``"ecg"``, ``"smo2"``.
    unit : str
        Unit of the values, e.g. ``"bpm"``, ``"mV"``, ``"%"``.
    values : array of float
        The samples; NaN marks a missing sample.
    times_s : array of float
        Time of each sample in seconds from the recording start.
    fs_hz : float or None
        Sampling rate when the samples are evenly spaced, otherwise None.
    """

    name: str
    unit: str
    values: FloatArray
    times_s: FloatArray
    fs_hz: float | None = None

    def __post_init__(self) -> None:
        values = _frozen(self.values, np.float64)
        times = _frozen(self.times_s, np.float64)
        if values.shape != times.shape or values.ndim != 1:
            raise ValueError(f"channel {self.name!r}: `values` and `times_s` must be 1-D and of equal length")
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "times_s", times)

    @classmethod
    def regular(
        cls, name: str, unit: str, values: npt.ArrayLike, fs_hz: float, start_s: float = 0.0
    ) -> Channel:
        """Build an evenly sampled channel."""
        v = np.asarray(values, dtype=np.float64)
        return cls(name, unit, v, start_s + np.arange(v.size) / fs_hz, fs_hz)


@dataclass(frozen=True)
class Marker:
    """A point or span in a recording: a lap, an event, or a protocol phase."""

    time_s: float
    label: str
    kind: str = "event"
    end_s: float | None = None


@dataclass(frozen=True, eq=False)
class Recording:
    """One recording: where it came from, what it holds.

    Parameters
    ----------
    start : datetime or None
        Wall-clock start, time-zone aware when the source says so.
    channels : mapping of str to Channel
        Sampled signals by name.
    beats : BeatSeries or None
        Beat-to-beat intervals, when the source has them or they were detected.
    markers : tuple of Marker
        Laps, events and phases.
    device : str
        Device or software that produced the data, as far as the source says.
    source_format : str
        Name of the reader that produced it (``"rr-text"``, ``"fit"``, ``"simulated"`` …).
    source_name : str
        File name (not the full path: paths can hold personal information).
    source_sha256 : str
        Hash of the source bytes, so a stored result can be tied to its input.
    warnings : tuple of str
        Non-fatal oddities met while reading.
    metadata : mapping of str to str
        Anything else the source states (sport, subject age from a header, ...).
    """

    start: dt.datetime | None = None
    channels: Mapping[str, Channel] = field(default_factory=dict)
    beats: BeatSeries | None = None
    markers: tuple[Marker, ...] = ()
    device: str = ""
    source_format: str = ""
    source_name: str = ""
    source_sha256: str = ""
    warnings: tuple[str, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def duration_s(self) -> float:
        """Longest span covered by the beats or any channel, in seconds."""
        spans = [ch.times_s[-1] - ch.times_s[0] for ch in self.channels.values() if ch.times_s.size]
        if self.beats is not None and len(self.beats):
            spans.append(self.beats.duration_s)
        return float(max(spans, default=0.0))
