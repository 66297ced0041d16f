"""The live pipeline on replayed recordings: alert latency in replay time, the session file read back."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file
from tests.pacing.traces import beats_from_hr, first_crossing_s, over_exertion, recording_of

from fibrokit import read
from fibrokit.errors import InsufficientData
from fibrokit.live import SessionRecorder, replay_samples, run_session
from fibrokit.live.ble import BeatClock
from fibrokit.live.notify import Notifier
from fibrokit.pacing import hr_measurement, pace_monitor, pace_thresholds
from fibrokit.records import BeatSeries, Channel, Recording

LINES = pace_thresholds(70, threshold_bpm=85, ceiling_bpm=100)


def _replay(recording: Recording, speed: float, dwell_s: float, out: Path | None = None):  # type: ignore[no-untyped-def]
    recorder = SessionRecorder(out) if out is not None else None
    monitor = pace_monitor(LINES, dwell_s=dwell_s)
    return asyncio.run(run_session(replay_samples(recording, speed=speed), monitor, recorder))


def test_over_exertion_alert_fires_within_dwell_plus_one_second_at_20x() -> None:
    hr = over_exertion(rest_bpm=70, peak_bpm=130, rest_s=20, ramp_s=20, hold_s=40, recover_s=60)
    recording = recording_of(beats_from_hr(hr, seed=5))
    summary = _replay(recording, speed=20.0, dwell_s=20.0)
    crossing = first_crossing_s(hr, 100.0)
    assert len(summary.alerts_s) == 1
    latency = summary.alerts_s[0] - crossing
    assert 20.0 <= latency <= 21.0, latency
    assert any(e.kind == "alert_end" for e in summary.events)


@pytest.mark.parametrize("dwell_s", [0.0, 5.0, 10.0, 30.0])
def test_alert_latency_follows_the_configured_dwell(dwell_s: float) -> None:
    hr = over_exertion(rest_bpm=70, peak_bpm=130, rest_s=20, ramp_s=20, hold_s=60, recover_s=20)
    summary = _replay(recording_of(beats_from_hr(hr, seed=6)), speed=math.inf, dwell_s=dwell_s)
    latency = summary.alerts_s[0] - first_crossing_s(hr, 100.0)
    assert dwell_s <= latency <= dwell_s + 1.0


def test_a_bout_shorter_than_the_dwell_does_not_alert() -> None:
    hr = over_exertion(
        rest_bpm=70, peak_bpm=110, rest_s=20, ramp_s=4, hold_s=10, recover_s=40, recovery_tau_s=4
    )
    summary = _replay(recording_of(beats_from_hr(hr, seed=7)), speed=math.inf, dwell_s=20.0)
    assert summary.alerts_s == []


def test_replay_of_an_rr_file_writes_a_session_that_reads_back_with_the_same_beats(tmp_path: Path) -> None:
    source = read(shared_file("polar/rest_rri.txt"))
    out = tmp_path / "session.csv"
    summary = _replay(source, speed=math.inf, dwell_s=20.0, out=out)
    assert summary.file == str(out)
    back = read(out)
    assert source.beats is not None
    assert back.beats is not None
    np.testing.assert_allclose(back.beats.rr_ms, source.beats.rr_ms)
    np.testing.assert_allclose(back.beats.times_s, source.beats.times_s, atol=1e-4)
    assert back.beats.flag_counts() == {"normal": len(source.beats)}


def test_a_session_with_its_real_start_is_dated_and_timed_when_read_back(tmp_path: Path) -> None:
    started = dt.datetime(2026, 3, 1, 7, 15, 0, 250_000, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    recorder = SessionRecorder(tmp_path / "s.csv", started_at=started)
    for number in range(1, 31):
        recorder.add_beat(0.8 * number, 800.0)
    back = read(recorder.write())
    assert back.start == started
    assert back.beats is not None
    assert len(back.beats) == 30


def test_fractional_strap_intervals_survive_the_round_trip(tmp_path: Path) -> None:
    # Straps send RR in 1/1024 s, so intervals in ms are fractional.
    rr = np.array([784, 800, 815, 790] * 50) * 1000.0 / 1024.0
    recording = recording_of(BeatSeries.from_rr(rr))
    _replay(recording, speed=math.inf, dwell_s=20.0, out=tmp_path / "s.csv")
    back = read(tmp_path / "s.csv").beats
    assert back is not None
    np.testing.assert_allclose(back.rr_ms, rr, atol=1e-3)


def test_a_heart_rate_channel_without_beats_replays_as_rates() -> None:
    values = np.concatenate([np.full(30, 80.0), np.full(60, 120.0)])
    recording = Recording(channels={"heart_rate": Channel.regular("heart_rate", "bpm", values, 1.0)})
    summary = _replay(recording, speed=math.inf, dwell_s=10.0)
    assert summary.alerts_s == [40.0]
    with pytest.raises(InsufficientData):
        _replay(Recording(), speed=math.inf, dwell_s=10.0)


def test_replay_waits_in_proportion_to_speed() -> None:
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    async def drain() -> None:
        recording = recording_of(beats_from_hr(np.full(2000, 60.0)))  # 100 s at 60 bpm
        async for _ in replay_samples(recording, speed=20.0, sleep=fake_sleep):
            pass

    asyncio.run(drain())
    assert sum(waits) == pytest.approx(100.0 / 20.0, abs=0.1)


def test_beat_clock_times_strap_notifications_and_bridges_lost_packets() -> None:
    clock = BeatClock()
    first = clock.samples(1.0, hr_measurement(bytes([0x10, 60, 0x00, 0x04])))
    second = clock.samples(2.0, hr_measurement(bytes([0x10, 60, 0x00, 0x04, 0x00, 0x04])))
    assert [s.time_s for s in first + second] == [1.0, 2.0, 3.0]
    after_gap = clock.samples(30.0, hr_measurement(bytes([0x10, 60, 0x00, 0x04])))
    assert after_gap[0].time_s == pytest.approx(30.0)
    no_rr = clock.samples(31.0, hr_measurement(bytes([0x00, 66])))
    assert (no_rr[0].time_s, no_rr[0].hr_bpm, no_rr[0].rr_ms) == (31.0, 66.0, None)


def test_notifier_rings_the_bell_without_a_desktop() -> None:
    stream = io.StringIO()
    notifier = Notifier(bell=True, desktop=False, stream=stream)
    notifier.alert("over the ceiling")
    assert stream.getvalue() == "\a"
    assert notifier.sent == 1


def test_notifier_posts_through_the_desktop_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("fibrokit.live.notify._desktop_command", lambda: [sys.executable, "-c", "pass"])
    notifier = Notifier(bell=False, desktop=True, stream=io.StringIO())
    notifier.alert("over the ceiling")
    assert notifier.sent == 1
    for process in notifier._running:
        process.wait(timeout=30)
