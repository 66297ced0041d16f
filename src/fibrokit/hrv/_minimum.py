"""NaN where a window holds less data than a metric's registered minimum, with one warning that says so."""

from __future__ import annotations

import warnings

import numpy as np

from fibrokit.errors import FibrokitWarning
from fibrokit.hrv._nn import NNWindows
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv.registry import METRICS

# Metrics whose minimum counts successive differences rather than intervals.
_DIFFERENCE_BASED = frozenset(
    {
        "rmssd_ms",
        "ln_rmssd",
        "sdsd_ms",
        "nn50_count",
        "pnn50_pct",
        "pnn20_pct",
        "sd1_ms",
        "sd2_ms",
        "sd1_sd2_ratio",
    }
)


def apply_minimums(
    values: dict[str, FloatArray],
    w: NNWindows,
    *,
    enforce: bool,
    problems: dict[str, list[str | int]] | None = None,
) -> tuple[dict[str, FloatArray], dict[str, int]]:
    """Blank each metric in the windows that are below its minimum data.

    Returns the columns and, per blanked metric, the number of windows blanked. Two cases differ: a metric that
    cannot apply to the window at all (ULF power or SDANN in a 5-minute window, DFA α2 when the window holds
    fewer beats than it needs) is blanked quietly; a metric the window could support but whose data fall short
    (gaps, many artefacts) is a data problem, listed in one :class:`FibrokitWarning`, or added to
    ``problems`` (symbol → [what it needs, windows]) for the caller to warn once about many chunks of windows.
    """
    if not enforce:
        return values, {}
    # Duration is the recording time the window's beats cover, whatever their flags: an artefact removes a beat
    # from the counts, not minutes from the recording; a gap does remove time. A window of exactly a metric's
    # minimum length holds intervals summing to within one interval of it (the first interval starts before
    # the window), so one mean interval is allowed.
    duration = w.covered_s + np.nan_to_num(w.nn.mean()) / 1000.0
    length = w.ends_s - w.starts_s
    result = {}
    blanked: dict[str, int] = {}
    notes = []
    for symbol, column in values.items():
        info = METRICS[symbol]
        counts = w.diffs.counts if symbol in _DIFFERENCE_BASED else w.nn.counts
        short = (counts < info.min_beats) | (duration < info.min_duration_s)
        if short.any():
            blanked[symbol] = int(short.sum())
            column = np.where(short, np.nan, column)
        # Quiet when no clean window of this length and heart rate could meet the minimum (too few beats in all,
        # or a window shorter than the metric needs); a warning when artefacts or gaps made the difference.
        possible = (length >= info.min_duration_s) & (
            w.beats >= info.min_beats + (symbol in _DIFFERENCE_BASED)
        )
        problem = short & possible
        if problem.any():
            need = f"{info.min_beats} intervals" + (
                f", {info.min_duration_s:g} s" if info.min_duration_s else ""
            )
            if problems is not None:
                entry = problems.setdefault(symbol, [need, 0])
                entry[1] = int(entry[1]) + int(problem.sum())
            else:
                where = "" if w.count == 1 else f" in {int(problem.sum())} of {w.count} windows"
                notes.append(f"{symbol} (needs {need}){where}")
        result[symbol] = column
    if notes:
        warnings.warn("too little data, so these are NaN: " + "; ".join(notes), FibrokitWarning, stacklevel=5)
    return result, blanked


def warn_too_little(problems: dict[str, list[str | int]], windows: int, stacklevel: int) -> None:
    """One warning for the metrics ``apply_minimums`` found short of data over ``windows`` windows."""
    if problems:
        notes = [
            f"{symbol} (needs {need})" + ("" if windows == 1 else f" in {count} of {windows} windows")
            for symbol, (need, count) in problems.items()
        ]
        warnings.warn(
            "too little data, so these are NaN: " + "; ".join(notes),
            FibrokitWarning,
            stacklevel=stacklevel + 1,
        )
