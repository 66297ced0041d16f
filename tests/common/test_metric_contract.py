"""Contract tests over every registered metric: computed, documented, finite on good data, NaN below minimum."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest

from fibrokit import METRICS, BeatSeries, FibrokitWarning, HrvSettings, hrv
from fibrokit.evidence import SOURCES
from fibrokit.simulate import simulate_rest, typical

DOCS = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"


@pytest.fixture(scope="module")
def long_result() -> dict[str, float]:
    """A 26-hour simulated recording: long enough for every metric, ULF included."""
    beats = simulate_rest(typical(), duration_s=26 * 3600, seed=5).recording.beats
    assert beats is not None
    return dict(hrv(beats).values)


@pytest.mark.parametrize("symbol", list(METRICS))
def test_every_metric_is_computed_and_finite_on_a_long_clean_recording(
    symbol: str, long_result: dict
) -> None:
    assert symbol in long_result
    assert math.isfinite(long_result[symbol]), symbol


@pytest.mark.parametrize("symbol", list(METRICS))
def test_every_metric_is_documented_with_its_unit_and_sources(symbol: str) -> None:
    info = METRICS[symbol]
    assert f"`{symbol}`" in DOCS.read_text(encoding="utf-8")
    assert info.definition
    assert info.name
    assert info.references, f"{symbol} cites no source"
    assert all(ref in SOURCES for ref in info.references)


@pytest.mark.parametrize("symbol", [s for s, m in METRICS.items() if m.min_beats > 2])
def test_below_its_minimum_count_a_metric_is_nan_with_a_warning(symbol: str) -> None:
    info = METRICS[symbol]
    # Enough recording time for the metric but too few normal beats: a data problem, which is named.
    beats = max(int((max(info.min_duration_s, 60.0) + 10) / 0.9) + 1, 2 * info.min_beats)
    rr = 900.0 + np.tile([12.0, -12.0], beats)[:beats]
    flags = np.full(rr.size, 9, dtype=np.uint8)  # every beat an outlier ...
    keep = np.linspace(0, rr.size - 1, info.min_beats - 1).astype(int)
    flags[keep] = 0  # ... but one fewer normal beat than the minimum
    series = BeatSeries.from_rr(rr).with_flags(flags)
    with pytest.warns(FibrokitWarning, match=symbol):
        result = hrv(series, domains=[_domain(symbol)])
    assert math.isnan(result[symbol])


def _domain(symbol: str) -> str:
    info = METRICS[symbol]
    if info.domain == "frequency":
        return "welch" if "welch" in symbol else "lomb"
    return info.domain


def test_the_settings_are_carried_with_every_result() -> None:
    beats = simulate_rest(typical(), duration_s=300, seed=1).recording.beats
    assert beats is not None
    settings = HrvSettings().replace(resample_hz=5.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = hrv(beats, settings=settings, artifact_method="lipponen2019")
    assert result.settings.as_dict()["resample_hz"] == 5.0
    assert result.artifact_method == "lipponen2019"
    assert result.version
