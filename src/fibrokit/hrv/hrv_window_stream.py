"""Windowed HRV of a recording read as a stream of RR blocks, in memory that does not grow with its length."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from fibrokit.beats.rr_flag_stream import STREAM_METHODS, rr_flag_stream
from fibrokit.beats.rr_units import UnitDecision, rr_units
from fibrokit.choices import ArtifactMethod
from fibrokit.errors import InputError, InsufficientData
from fibrokit.hrv._engine import check_domains
from fibrokit.hrv._minimum import warn_too_little
from fibrokit.hrv._nn import SeriesIndex
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv._run import block_nn_range, offsets_between, window_table
from fibrokit.hrv._welch import margin_edge, on_one_grid
from fibrokit.hrv.result import HrvTable
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries

#: What the stream is read from: called once for each pass, it gives the RR values in order, in blocks.
RrBlocks = Callable[[], Iterable[npt.ArrayLike]]

_UNIT_VALUES = 1 << 16  # values the unit is judged on (about 15 hours of beats): all of a shorter recording
_UNIT_CHECK_VALUES = 1000  # a later block at least this long must give the same unit
# Windows computed together. Half the in-memory default: a chunk's working memory (Welch rows, sample entropy
# bit sets) is then the largest thing held, and it depends on how many beats the densest windows hold, not on the
# recording's length; 128 keeps it to a few MB for 5-minute windows at 30-s steps, for 3-5 % more CPU a window.
STREAM_CHUNK_WINDOWS = 128


@dataclass(frozen=True)
class _Beats:
    """A block of beats: intervals (ms), beat times (s), the times windows are cut on, and its first position."""

    position: int
    rr_ms: FloatArray
    times_s: FloatArray
    cut_times_s: FloatArray


@dataclass(frozen=True)
class StreamedWindows:
    """A windowed HRV run over a stream of RR intervals: what going through the stream found, and its windows.

    Attributes
    ----------
    windows : int
        Number of windows.
    beats : int
        Number of intervals in the stream.
    unit : UnitDecision
        The unit the values were read in, judged on the first 65,536 values (its reason says so).
    flags : array of uint8
        One :class:`~fibrokit.records.BeatFlag` per interval (a byte a beat: what is kept of the whole series).
    settings : HrvSettings
    artifact_method : str
    """

    windows: int
    beats: int
    unit: UnitDecision
    flags: npt.NDArray[np.uint8] = field(repr=False)
    settings: HrvSettings
    artifact_method: str
    _source: RrBlocks = field(repr=False)
    _offsets: FloatArray = field(repr=False)
    _index: SeriesIndex = field(repr=False)
    _window_s: float = 300.0
    _domains: tuple[str, ...] = ()
    _chunk_windows: int = STREAM_CHUNK_WINDOWS

    def chunks(self) -> Iterator[HrvTable]:
        """The windows, ``chunk_windows`` at a time in time order (the stream is read once more)."""
        problems: dict[str, list[str | int]] = {}
        held = _Held(
            _beats(self._source, self.unit.to_ms, self.settings, self.beats),
            self.flags,
            self.settings.retime_from_intervals,
        )
        for first in range(0, self._offsets.size, self._chunk_windows):
            chunk = self._offsets[first : first + self._chunk_windows]
            series, index = held.covering(chunk, self._window_s, self._index, self.settings)
            yield window_table(
                series,
                chunk,
                self._window_s,
                self._domains,
                self.settings,
                index,
                problems,
                self.artifact_method,
            )
        held.finish()
        warn_too_little(problems, int(self._offsets.size), stacklevel=2)


def hrv_window_stream(
    rr_blocks: RrBlocks,
    *,
    window_s: float = 300.0,
    step_s: float = 30.0,
    domains: Sequence[str] | None = None,
    settings: HrvSettings | None = None,
    unit: Literal["auto", "ms", "s"] = "auto",
    artifact_method: ArtifactMethod = "lipponen2019",
    chunk_windows: int = STREAM_CHUNK_WINDOWS,
) -> StreamedWindows:
    """Windowed HRV of contiguous RR intervals read as a stream: the windows of :func:`~fibrokit.hrv_windows`.

    A week of beats held as a :class:`~fibrokit.records.BeatSeries` takes 17 bytes a beat. Here the stream is
    gone through three times before the windows are computed (once to check and count the values, once to flag
    artefacts, once for the range of NN intervals that the histograms of every window share) and keeps one
    byte a beat, the flags; :meth:`StreamedWindows.chunks` goes through it once more, holding only the beats
    the windows in hand cover. Each window's values are those of
    ``hrv_windows(rr_flag_artifacts(rr_series(values)))`` for the same settings.

    Parameters
    ----------
    rr_blocks : callable
        Gives the RR values in order, in blocks, each time it is called (for instance a file read block by
        block). Every value must be a finite, positive interval: the stream cannot hold gaps.
    window_s, step_s : float
        Window length and step in seconds.
    domains, settings
        As for :func:`fibrokit.hrv`.
    unit : {"auto", "ms", "s"}
        Unit of the values; ``"auto"`` judges it on the first 65,536 values (:func:`~fibrokit.rr_units`), and a
        later block whose values fit the other unit is refused.
    artifact_method : {"lipponen2019", "none"}
        Artefact flagging (Lipponen & Tarvainen 2019 judges each beat from the beats around it, so it works on a
        stream; the other methods need the whole series).
    chunk_windows : int
        Windows computed together.

    Returns
    -------
    StreamedWindows
        The run; its :meth:`~StreamedWindows.chunks` computes the windows.

    Raises
    ------
    InputError
        A value that is not a positive number, a unit that changes along the stream, or a stream that changes
        between passes.
    InsufficientData
        Fewer than two beats, or a stream shorter than one window.

    Examples
    --------
    >>> import numpy as np
    >>> rr = 800 + 40 * np.sin(2 * np.pi * 0.25 * np.arange(2000) * 0.8)
    >>> run = hrv_window_stream(lambda: np.array_split(rr, 7), window_s=300, step_s=60)
    >>> run.windows, [len(chunk) for chunk in run.chunks()]
    (22, [22])
    """
    chosen = settings or HrvSettings()
    if artifact_method not in STREAM_METHODS:
        raise ValueError(f"`artifact_method` must be one of {', '.join(STREAM_METHODS)} for a stream")
    survey = _survey(rr_blocks, unit)
    if survey.count < 2:
        raise InsufficientData(f"HRV needs at least two beats; the series holds {survey.count}")
    origin = float(survey.first_time_s - survey.first_ms / 1000.0)
    offsets = offsets_between(origin, survey.last_time_s, window_s, step_s, None, None)
    flags = _flags(rr_blocks, survey, artifact_method)
    starts = offsets if chosen.retime_from_intervals else origin + offsets
    index = SeriesIndex(
        origin,
        np.empty(0),
        nn_range_ms=_nn_range(rr_blocks, survey, flags, chosen, starts, window_s),
        welch_grid=on_one_grid(origin + offsets, chosen.resample_hz),
    )
    return StreamedWindows(
        int(offsets.size),
        survey.count,
        survey.unit,
        flags,
        chosen,
        artifact_method,
        rr_blocks,
        offsets,
        index,
        window_s,
        check_domains(domains),
        chunk_windows,
    )


@dataclass(frozen=True)
class _Survey:
    count: int
    unit: UnitDecision
    first_ms: float
    last_ms: float
    first_time_s: float
    last_time_s: float


def _survey(source: RrBlocks, unit: Literal["auto", "ms", "s"]) -> _Survey:
    """First pass: the unit, the values checked, their count, and the first and last beat."""
    blocks = (np.asarray(block, dtype=np.float64) for block in source())
    head = _head(blocks)
    if not head.size:
        raise InsufficientData("there are no RR values")
    decision = rr_units(head, unit)
    count, first_ms, last_ms, carry_ms = 0, float(head[0]) * decision.to_ms, np.nan, 0.0
    for values in itertools.chain((head,), blocks):
        if count and values.size >= _UNIT_CHECK_VALUES and rr_units(values).unit != decision.unit:
            raise InputError(f"the RR values change unit after value {count} (from {decision.unit})")
        rr_ms = values * decision.to_ms
        bad = ~(np.isfinite(rr_ms) & (rr_ms > 0))
        if bad.any():
            where = int(np.argmax(bad))
            raise InputError(f"RR value {count + where + 1} ({values[where]:g}) is not a positive interval")
        if values.size:
            count, last_ms = count + values.size, float(rr_ms[-1])
            carry_ms = float(np.cumsum(np.concatenate(([carry_ms], rr_ms)))[-1])
    if head.size < count:
        decision = UnitDecision(
            decision.unit, f"{decision.reason} (judged on the first {head.size:,} values)"
        )
    return _Survey(count, decision, first_ms, last_ms, first_ms / 1000.0, carry_ms / 1000.0)


def _head(blocks: Iterator[FloatArray]) -> FloatArray:
    """The first ``_UNIT_VALUES`` values or so (whole blocks), which the unit is judged on."""
    taken: list[FloatArray] = []
    size = 0
    while size < _UNIT_VALUES:
        block = next(blocks, None)
        if block is None:
            break
        taken.append(block)
        size += block.size
    return np.concatenate(taken) if taken else np.empty(0)


def _ms_blocks(source: RrBlocks, to_ms: float, count: int) -> Iterator[FloatArray]:
    """The values in ms, checked to be as many as the first pass found."""
    seen = 0
    for block in source():
        values = np.asarray(block, dtype=np.float64)
        seen += values.size
        if seen > count:
            break
        yield values * to_ms if to_ms != 1.0 else values
    if seen != count:
        raise InputError("the RR values changed while they were being read")


def _flags(source: RrBlocks, survey: _Survey, method: ArtifactMethod) -> npt.NDArray[np.uint8]:
    """Second pass: every beat's flag."""
    flags = np.empty(survey.count, dtype=np.uint8)
    position = 0
    blocks = _ms_blocks(source, survey.unit.to_ms, survey.count)
    found = rr_flag_stream(
        blocks, method, first_ms=survey.first_ms, last_ms=survey.last_ms, count=survey.count
    )
    for stretch in found:
        flags[position : position + stretch.size] = stretch
        position += stretch.size
    return flags


def _beats(source: RrBlocks, to_ms: float, settings: HrvSettings, count: int) -> Iterator[_Beats]:
    """The blocks as beats, timed as :func:`~fibrokit.rr_series` and the settings' window cutting time them."""
    position, carry_ms, carry_s = 0, 0.0, 0.0
    for rr_ms in _ms_blocks(source, to_ms, count):
        if not rr_ms.size:
            continue
        # Running sums continued from the previous block add in the same order as over the whole series.
        sums_ms = np.cumsum(np.concatenate(([carry_ms], rr_ms)))[1:]
        carry_ms = float(sums_ms[-1])
        times_s = sums_ms / 1000.0
        if settings.retime_from_intervals:
            # The toolbox's window cutting times beats by running sums of intervals in seconds.
            cut = np.cumsum(np.concatenate(([carry_s], rr_ms / 1000.0)))[1:]
            carry_s = float(cut[-1])
        else:
            cut = times_s
        yield _Beats(position, rr_ms, times_s, cut)
        position += rr_ms.size


def _nn_range(
    source: RrBlocks,
    survey: _Survey,
    flags: npt.NDArray[np.uint8],
    settings: HrvSettings,
    starts: FloatArray,
    window_s: float,
) -> tuple[float, float] | None:
    """Third pass: the smallest and largest NN interval inside any window."""
    low, high = np.inf, -np.inf
    for beats in _beats(source, survey.unit.to_ms, settings, survey.count):
        stop = beats.position + beats.rr_ms.size
        lo, hi = block_nn_range(
            beats.cut_times_s, beats.rr_ms, flags[beats.position : stop], starts, window_s
        )
        low, high = min(low, lo), max(high, hi)
    return (low, high) if low <= high else None


class _Held:
    """The stretch of the stream that the windows in hand cover, read ahead and let go of in order."""

    def __init__(self, blocks: Iterator[_Beats], flags: npt.NDArray[np.uint8], retimed: bool) -> None:
        self._blocks = blocks
        self._retimed = retimed  # windows are cut on their own running sums, held beside the beat times
        self._flags = flags
        self._start = 0  # position in the stream of the first beat held
        self._rr = np.empty(0)
        self._times = np.empty(0)
        self._cut = np.empty(0)
        self._done = False

    def covering(
        self, offsets: FloatArray, window_s: float, run: SeriesIndex, settings: HrvSettings
    ) -> tuple[BeatSeries, SeriesIndex]:
        """The beats that windows at ``offsets`` can reach (with the spline's margin), and their index.

        Windows are cut on ``cut`` times and the spline runs on the beat times (the two differ only in the
        toolbox's retimed preset): the stretch covers the windows on both, as :func:`~fibrokit.hrv._nn.nn_windows`
        and the Welch knots would find them in the whole series.
        """
        starts_t = run.origin + offsets
        starts_cut = offsets if settings.retime_from_intervals else starts_t
        ends_t, ends_cut = float(starts_t[-1]) + window_s, float(starts_cut[-1]) + window_s
        self._read_until(
            lambda: self._reaches(self._times, ends_t) and self._reaches(self._cut_times(), ends_cut)
        )
        cut_times = self._cut_times()
        first = min(self._position(self._times, starts_t[0]), self._position(cut_times, starts_cut[0])) - 1
        stop = max(self._position(self._times, ends_t), self._position(cut_times, ends_cut)) + 1
        lo = margin_edge(self._flags, max(first, 0), -1)
        hi = margin_edge(self._flags, min(stop, self._flags.size), 1)
        self._read_until(lambda: self._start + self._rr.size >= hi)
        self._let_go(lo)
        end = hi - self._start
        series = BeatSeries(self._times[:end], self._rr[:end], self._flags[lo:hi])
        return series, SeriesIndex(run.origin, self._cut_times()[:end], run.nn_range_ms, run.welch_grid)

    def _cut_times(self) -> FloatArray:
        return self._cut if self._retimed else self._times

    @staticmethod
    def _reaches(times: FloatArray, at: float) -> bool:
        return times.size > 0 and float(times[-1]) >= at

    def finish(self) -> None:
        """Read what is left (the stream then checks it has not changed)."""
        self._read_until(lambda: False)

    def _position(self, times: FloatArray, at: float) -> int:
        """Position in the stream of the first beat held at or after ``at`` (as ``searchsorted`` on the whole)."""
        return self._start + int(np.searchsorted(times, at, side="left"))

    def _read_until(self, enough: Callable[[], bool]) -> None:
        while not self._done and not enough():
            beats = next(self._blocks, None)
            if beats is None:
                self._done = True
                return
            self._rr = np.concatenate([self._rr, beats.rr_ms])
            self._times = np.concatenate([self._times, beats.times_s])
            if beats.cut_times_s is not beats.times_s:
                self._cut = np.concatenate([self._cut, beats.cut_times_s])

    def _let_go(self, position: int) -> None:
        drop = position - self._start
        if drop <= 0:
            return
        self._rr, self._times = self._rr[drop:], self._times[drop:]
        if self._retimed:
            self._cut = self._cut[drop:]
        self._start = position
