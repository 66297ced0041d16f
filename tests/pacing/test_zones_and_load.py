"""Zones do not flicker; load grows with height and length above the threshold."""

from __future__ import annotations

import numpy as np
import pytest
from tests.pacing.traces import STEP_S, beats_from_hr

from fibrokit.pacing import PaceZone, pace_load, pace_monitor, pace_thresholds, pace_zones

LINES = pace_thresholds(80, 50, ceiling_bpm=110)  # threshold 92


def _most_changes_per_dwell(change_times: list[float], dwell: float) -> int:
    times = np.array(change_times)
    return max((int(np.sum((times >= t) & (times < t + dwell))) for t in times), default=0)


@pytest.mark.parametrize("hysteresis", [0.0, 3.0])
@pytest.mark.parametrize("period_s", [4.0, 15.0, 40.0])
def test_a_rate_oscillating_2bpm_around_the_threshold_changes_zone_at_most_once_per_dwell(
    hysteresis: float, period_s: float
) -> None:
    t = np.arange(0.0, 900.0, STEP_S)
    hr = 92.0 + 2.0 * np.sin(2 * np.pi * t / period_s)
    trace = pace_zones(beats_from_hr(hr, rsa_bpm=0.5, seed=3), LINES, dwell_s=20.0, hysteresis_bpm=hysteresis)
    changes = [time for time, _ in trace.changes[1:]]
    assert _most_changes_per_dwell(changes, 20.0) <= 1
    if hysteresis:
        assert len(changes) <= 1  # with hysteresis a ±2 bpm hover never leaves the zone it entered


def test_without_the_safeguards_the_same_trace_flickers() -> None:
    # The measurement the safeguards are for: with no dwell and no hysteresis the zone flips on every swing.
    t = np.arange(0.0, 300.0, STEP_S)
    hr = 92.0 + 2.0 * np.sin(2 * np.pi * t / 15.0)
    trace = pace_zones(beats_from_hr(hr, rsa_bpm=0.5, seed=3), LINES, dwell_s=0.0, hysteresis_bpm=0.0)
    assert len(trace.changes) > 30


def test_time_in_zones_adds_up_and_follows_the_rate() -> None:
    hr = np.concatenate(
        [np.full(1200, 75.0), np.full(2400, 100.0), np.full(1200, 120.0)]
    )  # 60 s, 120 s, 60 s
    trace = pace_zones(beats_from_hr(hr, seed=1), LINES)
    total = sum(trace.seconds_in.values())
    assert total == pytest.approx(240.0, abs=3.0)
    assert trace.seconds_in["activity"] == pytest.approx(120.0, abs=2.0 + 20.0)
    assert [zone for _, zone in trace.changes] == [PaceZone.REST, PaceZone.ACTIVE, PaceZone.OVER]


def test_load_is_zero_at_rest_and_grows_with_height_and_length() -> None:
    rest = pace_load(beats_from_hr(np.full(6000, 80.0)), LINES).total
    low = pace_load(beats_from_hr(np.full(6000, 95.0)), LINES).total  # 5 min just above the threshold
    high = pace_load(beats_from_hr(np.full(6000, 110.0)), LINES).total  # 5 min at the ceiling
    longer = pace_load(beats_from_hr(np.full(24000, 110.0)), LINES).total  # 20 min at the ceiling
    assert rest == 0.0
    assert 5.0 < low < high
    assert high / low == pytest.approx(4 ** ((110 - 92) / 18) / 4 ** ((95 - 92) / 18), rel=0.1)
    assert longer > 4 * high  # the same minutes in one long bout cost more than four short ones


def test_the_monitor_gives_the_same_load_and_zones_as_the_offline_analysis() -> None:
    hr = np.concatenate([np.full(2400, 75.0), np.linspace(75, 125, 1200), np.full(2400, 125.0)])
    beats = beats_from_hr(hr, seed=2)
    monitor = pace_monitor(LINES)
    events = [e for t, rr in zip(beats.times_s, beats.rr_ms, strict=True) for e in monitor.add_beat(t, rr)]
    changes = [e.time_s for e in events if e.kind == "zone"]
    offline = pace_zones(beats, LINES)
    assert changes == [time for time, _ in offline.changes]
    assert monitor.status.points == pytest.approx(pace_load(beats, LINES).total)
