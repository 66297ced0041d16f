"""The simulator's slow (Mayer) waves look like a real resting heart rate's: spread in frequency and irregular.

The reference is the real 21-hour record ``rr/healthy-000-ms.txt`` (PhysioNet RR-interval database), cut into
5-minute stretches: how widely its low-frequency (LF) power spreads around its centre, and how much of a minute of
heart rate a sine at about 0.1 Hz can explain. A steady sine wave (the simulator before) failed both.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import welch
from tests.conftest import shared_file

from fibrokit import read, rr_flag_artifacts
from fibrokit.evidence import fact
from fibrokit.protocols import _breathing, _hr
from fibrokit.records import BeatSeries
from fibrokit.simulate import fibromyalgia_like, sample_population, simulate_rest, typical


def _lf_spread_hz(beats: BeatSeries) -> float:
    """Standard deviation of the LF band's power around its centre (RR resampled at 4 Hz, quadratic detrend)."""
    times = np.cumsum(beats.rr_ms) / 1000.0
    keep = beats.normal
    grid = np.arange(times[0], times[-1], 0.25)
    rr = np.interp(grid, times[keep], beats.rr_ms[keep])
    rr = rr - np.polyval(np.polyfit(grid, rr, 2), grid)
    freqs, power = welch(rr, fs=4.0, nperseg=min(rr.size, 480))
    low, high = fact("hrv.band.lf_hz").pair()
    band = (freqs >= low) & (freqs < high)
    centre = np.sum(freqs[band] * power[band]) / np.sum(power[band])
    return float(np.sqrt(np.sum((freqs[band] - centre) ** 2 * power[band]) / np.sum(power[band])))


def _best_minute_share(beats: BeatSeries) -> float:
    """The largest share of a minute's heart rate a sine at 5-7 breaths a minute explains (recognition's view)."""
    times, hr = _hr.rate(beats)
    grid = np.arange(times[0], times[-1], 0.25)
    level = np.interp(grid, times, hr)
    return max(
        _breathing._sine(grid, level, float(start), 60.0, per_min / 60.0)[0]
        for start in np.arange(grid[0], grid[-1] - 60.0, 10.0)
        for per_min in (5.0, 5.5, 6.0, 6.5, 7.0)
    )


@pytest.fixture(scope="module")
def real_stretches() -> list[BeatSeries]:
    beats = rr_flag_artifacts(read(shared_file("rr/healthy-000-ms.txt")).beats, "lipponen2019")  # type: ignore[arg-type]
    out = []
    for start in np.arange(beats.times_s[0], beats.times_s[-1] - 300.0, 900.0):
        inside = (beats.times_s >= start) & (beats.times_s < start + 300.0)
        out.append(BeatSeries(beats.times_s[inside], beats.rr_ms[inside], beats.flags[inside]))
    return out


@pytest.fixture(scope="module")
def simulated() -> list[BeatSeries]:
    people = sample_population(typical, 8, seed=5) + sample_population(fibromyalgia_like, 8, seed=6)
    return [simulate_rest(p, duration_s=300.0, seed=i).recording.beats for i, p in enumerate(people)]  # type: ignore[misc]


def test_lf_power_spreads_around_its_centre_as_in_the_real_record(
    real_stretches: list[BeatSeries], simulated: list[BeatSeries]
) -> None:
    real = [_lf_spread_hz(b) for b in real_stretches]
    low, high = np.percentile(real, [10, 90])
    median = float(np.median([_lf_spread_hz(b) for b in simulated]))
    assert low <= median <= high, (median, low, high)


def test_no_resting_minute_is_as_regular_as_paced_breathing(
    real_stretches: list[BeatSeries], simulated: list[BeatSeries]
) -> None:
    regular = fact("protocols.shape.deep_breathing_regularity").scalar()
    real = [_best_minute_share(b) for b in real_stretches[::4]]
    shares = [_best_minute_share(b) for b in simulated]
    assert max(real) < regular
    assert float(np.median(shares)) < 0.5
    assert max(shares) < regular, shares
