"""Beat-to-beat intervals from FIT ``hrv`` messages, re-aligned against the file's timestamps.

An ``hrv`` message (global 78) holds up to five RR intervals (field ``time``, scale 1000, in s) padded with the
invalid value 0xFFFF, and no timestamp. Summing the intervals from the timer start gives each beat's time
until beats go missing; from then on every later beat would be early by the length of the dropout. Each
message is therefore compared with the timestamp of the last message written before it: a running sum that
falls behind that time by more than ``readers.fit.hrv_gap_s`` has lost beats, and the beats from that message
on are moved forward so that it ends at that time. The first beat after a dropout then spans a gap and is
flagged ``GAP``; no interval is deleted or changed.
"""

from __future__ import annotations

import numpy as np

from fibrokit.beats.rr_series import rr_series
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.readers.fit._tables import FitData, FloatArray
from fibrokit.records import BeatSeries

_HRV = 78


def fit_beats(fit: FitData, start: float) -> tuple[BeatSeries | None, list[str]]:
    """The beat series of the file's ``hrv`` messages, beat times in seconds from ``start`` (FIT seconds)."""
    table = fit.table(_HRV)
    raw = table.numeric.get(0)
    if raw is None or not len(table):
        return None, []
    valid = np.isfinite(raw) & (raw > 0)
    counts = valid.sum(axis=1)
    rr_ms = raw[valid]  # row-major: message by message, in order
    if not rr_ms.size:
        return None, ["the file has hrv messages but no valid RR interval in them"]
    summed_s = np.cumsum(rr_ms) / 1000.0
    lag = _anchor_times(fit, table.seq) - start - _last_beat(summed_s, counts)
    shift = _shifts(lag, fact("readers.fit.hrv_gap_s").scalar())
    times = summed_s + np.repeat(shift, counts)
    try:
        beats = rr_series(rr_ms, times_s=times, unit="ms")
    except InputError as error:
        return None, [f"the hrv messages could not be used as beats: {error}"]
    moved = int(np.count_nonzero(np.diff(shift, prepend=0.0) > 0))
    warnings = []
    if moved:
        warnings.append(
            f"{moved} dropout(s) found in the beat-to-beat data by comparing with the record times; "
            "later beats were re-aligned and the first beat after each dropout is flagged as a gap"
        )
    return beats, warnings


def _last_beat(summed_s: FloatArray, counts: np.ndarray) -> FloatArray:
    """Summed time of the last beat of each message (that of the previous beat for empty messages)."""
    ends = np.cumsum(counts) - 1
    return np.where(ends >= 0, summed_s[np.maximum(ends, 0)], 0.0)


def _anchor_times(fit: FitData, seq: np.ndarray) -> FloatArray:
    """Timestamp of the last timestamped message written before each message in ``seq`` (NaN if none)."""
    stream_seq = np.concatenate([t.seq[np.isfinite(t.timestamp)] for t in fit.tables.values()])
    stream_time = np.concatenate([t.timestamp[np.isfinite(t.timestamp)] for t in fit.tables.values()])
    order = np.argsort(stream_seq)
    stream_seq, stream_time = stream_seq[order], stream_time[order]
    before = np.searchsorted(stream_seq, seq) - 1
    anchors = np.full(seq.size, np.nan)
    ok = before >= 0
    anchors[ok] = stream_time[before[ok]]
    return anchors


def _shifts(lag: FloatArray, gap_s: float) -> FloatArray:
    """Cumulative forward shift per message: grows only when the lag exceeds the current shift by ``gap_s``."""
    shift = np.zeros(lag.size)
    if not np.any(lag > gap_s):
        return shift
    current = 0.0
    for i, value in enumerate(lag.tolist()):
        if value == value and value > current + gap_s:
            current = value
        shift[i] = current
    return shift
