"""How far a camera reading could plausibly be from a chest strap's reading of the same two minutes.

Two things separate them even with a perfect pulse wave. Each pulse is timed with a small random error (measured
in the frames, ``PpgBeats.timing_sd_ms``), which inflates RMSSD on average and scatters it. And the artefact
classification judges each interval against thresholds learned from its neighbours: an interval close to a
threshold can be kept on one side and set aside on the other, because a few milliseconds of timing moved it (or
moved the thresholds) across. Both are estimated from the reading itself and added up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fibrokit.beats import PpgBeats, classify_pulse_intervals
from fibrokit.evidence import fact
from fibrokit.records import BeatSeries

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Variance of a successive difference e(k+1) - 2 e(k) + e(k-1) of independent timing errors, in units of their
# variance: 1² + 2² + 1² (arithmetic, not a clinical number).
_SECOND_DIFFERENCE = np.array([1.0, -2.0, 1.0])
_DIFFERENCE_VARIANCE = float(_SECOND_DIFFERENCE @ _SECOND_DIFFERENCE)


@dataclass(frozen=True)
class ReadingUncertainty:
    """How far the reading's values could plausibly be from the truth (its expected error plus z spreads).

    Attributes
    ----------
    ln_rmssd : float
        For ln RMSSD (infinite when the timing noise swamps the beat-to-beat changes).
    hr_bpm : float
        For the heart rate, from the classification alone (the timing noise does not bias it).
    borderline_beats : int
        Intervals whose classification changed in at least one of the re-timed copies.
    """

    ln_rmssd: float
    hr_bpm: float
    borderline_beats: int


def reading_uncertainty(found: PpgBeats, classified: BeatSeries, rmssd_ms: float) -> ReadingUncertainty:
    """The timing noise's and the classification's plausible effect on a camera reading's ln RMSSD and heart rate.

    **Timing.** Independent timing errors of sd s per pulse enter each successive difference as
    e(k+1) - 2 e(k) + e(k-1), of variance 6 s²: the measured mean squared difference is the true one plus 6 s² on
    average (a bias), plus a random part whose spread depends on the order of the reading's own beat-to-beat
    changes (:func:`timing_effect`): about 2·RMSSD·√6·s/√n when they come in random order, up to √(16/6) ≈ 1.6
    times more when they alternate in sign, as breathing makes them do at rest.

    **Classification.** The pulse times are re-timed ``ppg.classification_draws`` times with fresh errors of the
    measured size s (a fixed seed: the same frames always give the same answer) and classified again. An interval
    whose class changed in a share p of the copies is taken to be classified otherwise by a strap with
    probability p (given what the camera saw, the true times lie about s around the camera's, as the copies do).
    Classifying it otherwise would move ln RMSSD by d (its own effect, computed on the camera's intervals), so the
    classification adds an expected error of -Σ p·d and a variance of Σ p(1-p)·d².

    The two are added: the absolute expected error plus ``ppg.timing_noise_z`` times the combined spread. Without
    borderline intervals this is the timing noise's effect alone.
    """
    z = fact("ppg.timing_noise_z").scalar()
    normal = classified.normal
    timing_sd_ms = found.timing_sd_ms
    if not (math.isfinite(timing_sd_ms) and math.isfinite(rmssd_ms) and rmssd_ms > 0 and normal.sum() > 2):
        return ReadingUncertainty(math.inf, math.inf, 0)
    bias, spread = timing_effect(timing_sd_ms, classified.rr_ms, normal)
    share = _flip_share(found, classified, timing_sd_ms)
    own_ln, own_hr = _ln_rmssd_and_hr(classified.rr_ms, normal)
    d_ln, d_hr = np.zeros(share.size), np.zeros(share.size)
    for i in np.flatnonzero(share):
        other = normal.copy()
        other[i] = not other[i]
        ln, hr = _ln_rmssd_and_hr(classified.rr_ms, other)
        d_ln[i], d_hr[i] = ln - own_ln, hr - own_hr
    spread_ln = math.sqrt(spread**2 + float(np.sum(share * (1 - share) * d_ln**2)))
    ln_effect = abs(bias - float(np.sum(share * d_ln))) + z * spread_ln
    spread_hr = math.sqrt(float(np.sum(share * (1 - share) * d_hr**2)))
    hr_effect = abs(float(np.sum(share * d_hr))) + z * spread_hr
    return ReadingUncertainty(ln_effect, hr_effect, int(np.count_nonzero(share)))


def timing_effect(timing_sd_ms: float, rr_ms: FloatArray, normal: BoolArray) -> tuple[float, float]:
    """The timing noise's bias and spread as changes of ln RMSSD (an infinite bias when it cannot be told).

    With pulse timing errors e (independent, sd s), the successive differences the camera measures are the true
    ones d plus C·e, where each row of C is (1, -2, 1) on three neighbouring pulses. Their mean square over the n
    differences used is then the true one plus

    * (1/n)·eᵀQe with Q = CᵀC: on average s²·tr(Q)/n = 6 s² (the bias), with variance 2 s⁴·‖Q‖²/n²;
    * a cross term (2/n)·wᵀe with w = Cᵀd, of mean 0 and variance 4 s²·‖w‖²/n².

    The cross term's size depends on the order of the differences, not just on their mean square: w gathers each
    pulse's three neighbouring differences as d(k-1) - 2 d(k) + d(k+1), so differences that alternate in sign
    (fast breathing-linked changes, as in most resting RR series) make it up to 16/6 times larger than
    differences in random order would. ‖w‖² is taken from the camera's own differences, less the s²·‖Q‖² their
    noise adds on average. The two terms are uncorrelated (odd moments of e vanish).
    """
    pairs = normal[1:] & normal[:-1]
    n = int(pairs.sum())
    if n == 0:
        return math.inf, 0.0
    s2 = timing_sd_ms**2
    used = np.where(pairs, np.diff(rr_ms), 0.0)
    mean_square = float(np.mean(used[pairs] ** 2))
    # ‖Q‖² = Σ over pairs of used differences of (row k · row l)²: 6² for k = l, 4² one apart, 1² two apart.
    q_squared = _DIFFERENCE_VARIANCE**2 * n + 2.0 * (
        4.0**2 * np.count_nonzero(pairs[1:] & pairs[:-1]) + 1.0**2 * np.count_nonzero(pairs[2:] & pairs[:-2])
    )
    w = np.convolve(used, _SECOND_DIFFERENCE)
    w_squared = max(float(w @ w) - s2 * q_squared, 0.0)
    variance = (4.0 * s2 * w_squared + 2.0 * s2**2 * q_squared) / n**2
    true_squared = mean_square - _DIFFERENCE_VARIANCE * s2
    if true_squared <= 0:
        return math.inf, 0.0
    bias = 0.5 * math.log(mean_square / true_squared)
    return bias, 0.5 * math.log1p(math.sqrt(variance) / mean_square)


def _flip_share(found: PpgBeats, classified: BeatSeries, timing_sd_ms: float) -> FloatArray:
    """Per interval, the share of re-timed copies in which it is classified otherwise than in the reading."""
    draws = int(fact("ppg.classification_draws").scalar())
    rr = classified.rr_ms
    pulses = np.concatenate(([classified.times_s[0] - rr[0] / 1000.0], classified.times_s))
    rng = np.random.default_rng(0)
    flipped = np.zeros(rr.size)
    for _ in range(draws):
        moved = np.sort(pulses + rng.normal(0.0, timing_sd_ms / 1000.0, pulses.size))
        copy = BeatSeries(moved[1:], np.diff(moved) * 1000.0, found.beats.flags)
        flipped += classify_pulse_intervals(copy).normal != classified.normal
    share: FloatArray = flipped / draws
    return share


def _ln_rmssd_and_hr(rr_ms: FloatArray, normal: BoolArray) -> tuple[float, float]:
    """The natural log of RMSSD over adjacent normal intervals, and 60 000 / the mean normal interval."""
    adjacent = normal[1:] & normal[:-1]
    differences = np.diff(rr_ms)[adjacent]
    if differences.size == 0 or not normal.any():
        return math.nan, math.nan
    mean_square = float(np.mean(differences**2))
    ln = 0.5 * math.log(mean_square) if mean_square > 0 else math.nan
    return ln, 60_000.0 / float(np.mean(rr_ms[normal]))
