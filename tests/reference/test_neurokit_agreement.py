"""Agreement with NeuroKit2, an independent library, on identical NN intervals.

Time-domain metrics must equal NeuroKit2's to 1e-9 relative once the standard-deviation convention is aligned
(both use ddof = 1 for SDNN and SDSD; both divide pNNx by the number of intervals). NeuroKit2 has no mean-HR
output in ``hrv_time``; its mean heart rate from ``signal_rate`` is an interpolated rate, so the comparison uses
60 000 / its MeanNN, the definition fibrokit uses (and the one the healthy-subject anchor confirms).

For Welch band powers NeuroKit2 is given fibrokit's resampling (4 Hz cubic spline, the same time grid) through
its own ``intervals_process`` and ``signal_power`` (its ``hrv_frequency`` cannot take an interpolation method or
a Welch window: both keyword arguments are forwarded to two functions at once); fibrokit is given NeuroKit2's
Welch choices: segments of half the record, FFT twice the segment, the mean removed once rather than per
segment, and trapezoid integration. LF and HF must then agree within 2 %.

Where the two differ by definition (documented in docs/hrv.md): NeuroKit2's triangular index and TINN use other
binning and search rules; its default resampling is 100 Hz quadratic; its LFn/HFn divide by the total power.
"""

from __future__ import annotations

import warnings

import neurokit2 as nk
import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import BeatSeries, HrvSettings, hrv, read_rr_text
from fibrokit.simulate import fibromyalgia_like, simulate_rest, typical


def _series() -> dict[str, np.ndarray]:
    healthy = read_rr_text(shared_file("rr/healthy-000-ms.txt")).beats
    rest = read_rr_text(shared_file("polar/rest_rri.txt")).beats
    assert healthy is not None
    assert rest is not None
    simulated = simulate_rest(fibromyalgia_like(), duration_s=600, seed=3).recording.beats
    assert simulated is not None
    return {
        "healthy-first-5-min": healthy.rr_ms[:306],
        "healthy-first-hour": healthy.rr_ms[:3600],
        "polar-rest": rest.rr_ms,
        "simulated": simulated.rr_ms,
    }


def _neurokit_time(rr: np.ndarray) -> dict[str, float]:
    # Intervals are handed over as intervals (NeuroKit2's {"RRI", "RRI_Time"} input): going through peak
    # sample positions would add floating-point noise to each interval and move differences of exactly 50 ms.
    intervals = {"RRI": rr, "RRI_Time": np.cumsum(rr) / 1000}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NeuroKit2's own warnings are not under test
        frame = nk.hrv_time(intervals)
    return {column: float(frame[column].iloc[0]) for column in frame.columns}


@pytest.mark.parametrize("name", ["healthy-first-5-min", "healthy-first-hour", "polar-rest", "simulated"])
def test_time_domain_equals_neurokit2_to_1e9(name: str) -> None:
    rr = _series()[name]
    ours = hrv(BeatSeries.from_rr(rr), domains=["time"])
    theirs = _neurokit_time(rr)
    pairs = {
        "mean_nn_ms": "HRV_MeanNN",
        "sdnn_ms": "HRV_SDNN",
        "rmssd_ms": "HRV_RMSSD",
        "sdsd_ms": "HRV_SDSD",
        "pnn50_pct": "HRV_pNN50",
        "pnn20_pct": "HRV_pNN20",
    }
    for symbol, column in pairs.items():
        np.testing.assert_allclose(ours[symbol], theirs[column], rtol=1e-9, err_msg=symbol)
    np.testing.assert_allclose(ours["mean_hr_bpm"], 60_000 / theirs["HRV_MeanNN"], rtol=1e-9)


@pytest.mark.parametrize(
    ("name", "beats"),
    [("healthy-first-5-min", 306), ("healthy-first-hour", 3600), ("polar-rest", None), ("simulated", None)],
)
def test_welch_lf_and_hf_agree_with_neurokit2_given_matching_settings(name: str, beats: int | None) -> None:
    rr = _series()[name][:beats]
    times = np.cumsum(rr) / 1000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        signal, _, rate = nk.intervals_process(
            rr, intervals_time=times, interpolate=True, interpolation_rate=4, method="cubic"
        )
        bands = [(0.04, 0.15), (0.15, 0.4)]
        theirs = nk.signal_power(
            signal,
            frequency_band=bands,
            sampling_rate=rate,
            method="welch",
            normalize=False,
            max_frequency=0.4,
        )
    half = signal.size // 2
    settings = HrvSettings().replace(
        welch_segment_s=half / rate, welch_min_nfft=2 * half, detrend="none", band_integration="trapezoid"
    )
    ours = hrv(
        BeatSeries.from_rr(rr),
        domains=["welch"],
        settings=settings,
        start_s=float(times[0]),
        end_s=float(times[0] + signal.size / rate),
    )
    np.testing.assert_allclose(ours["lf_welch_ms2"], theirs.iloc[0, 0], rtol=0.02)
    np.testing.assert_allclose(ours["hf_welch_ms2"], theirs.iloc[0, 1], rtol=0.02)


def test_nonlinear_dfa_and_poincare_equal_neurokit2() -> None:
    rr = _series()["polar-rest"]
    ours = hrv(BeatSeries.from_rr(rr), domains=["nonlinear"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        alpha1, _ = nk.fractal_dfa(rr, scale=np.arange(4, 17), overlap=False)
        alpha2, _ = nk.fractal_dfa(rr, scale=np.arange(16, 65), overlap=False)
        poincare = nk.hrv_nonlinear({"RRI": rr, "RRI_Time": np.cumsum(rr) / 1000})
    np.testing.assert_allclose(ours["dfa_alpha1"], alpha1, rtol=1e-9)
    np.testing.assert_allclose(ours["dfa_alpha2"], alpha2, rtol=1e-9)
    np.testing.assert_allclose(ours["sd1_ms"], poincare["HRV_SD1"].iloc[0], rtol=1e-9)
    np.testing.assert_allclose(ours["sd2_ms"], poincare["HRV_SD2"].iloc[0], rtol=1e-9)


def test_sample_entropy_equals_neurokit2_with_the_same_tolerance() -> None:
    rr = _series()["simulated"][:400]
    ours = hrv(BeatSeries.from_rr(rr), domains=["nonlinear"])
    r = 0.2 * np.std(rr, ddof=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs, _ = nk.entropy_sample(rr, dimension=2, tolerance=r)
    np.testing.assert_allclose(ours["sampen"], theirs, rtol=1e-9)


def test_typical_profile_is_not_used_by_accident() -> None:
    # Guards the fixture: the simulated series above must differ from a typical person's.
    assert simulate_rest(typical(), duration_s=60, seed=3).recording.beats is not None
