"""Properties of the guards, over many generated recordings (hypothesis)."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fibrokit import AnalysisSettings, analyse_recording
from fibrokit.evidence import fact
from fibrokit.pipeline import Person
from fibrokit.protocols import exercise_test
from fibrokit.records import BeatFlag, BeatSeries, Channel, Recording
from fibrokit.simulate import simulate_artefacts, simulate_exercise_test, simulate_rest, typical

TOLERANCE = fact("protocols.hrr_fall_tolerance_bpm").scalar()
_TEST = simulate_exercise_test(typical(), rest_s=120, stages=8, stage_s=45, recovery_s=320, seed=21).recording


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bumps=st.lists(
        st.tuples(st.floats(0, 600), st.floats(5, 120), st.floats(-15, 45)), min_size=0, max_size=4
    ),
    noise=st.floats(0, 6),
    seed=st.integers(0, 10_000),
)
def test_heart_rate_recovery_never_falls_by_more_than_the_tolerance_as_the_lag_grows(
    bumps: list[tuple[float, float, float]], noise: float, seed: int
) -> None:
    # Rest, a climb, an exponential recovery, then bumps of renewed effort or of artefact, and noise.
    t = np.arange(0.0, 1400.0)
    hr = np.where(
        t < 180, 70.0, np.where(t < 600, 70 + 100 * (t - 180) / 420, 80 + 90 * np.exp(-(t - 600) / 90))
    )
    for start, length, height in bumps:
        hr = hr + np.where((t >= 600 + start) & (t < 600 + start + length), height, 0.0)
    hr = hr + np.random.default_rng(seed).normal(0, noise, t.size)
    recording = Recording(channels={"heart_rate": Channel("heart_rate", "bpm", np.round(hr), t)})
    phases = {"rest": (60.0, 180.0), "exercise": (180.0, 600.0), "recovery": (600.0, 1400.0)}
    done = analyse_recording(recording, Person(age=45), AnalysisSettings(kind="exercise-test", phases=phases))
    if done.protocol is None:
        return  # refused (e.g. a bump made the peak): nothing shown, nothing wrong
    recovery = [f.value for f in done.protocol.findings if f.symbol.startswith("hrr_")]
    for i in range(1, len(recovery)):
        assert recovery[i] >= max(recovery[:i]) - TOLERANCE


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(positions=st.lists(st.integers(50, 1200), min_size=1, max_size=20, unique=True), fast=st.booleans())
def test_no_peak_trough_or_rest_comes_from_a_flagged_beat(positions: list[int], fast: bool) -> None:
    beats = _TEST.beats
    assert beats is not None
    rr, flags = beats.rr_ms.copy(), beats.flags.copy()
    # Flagged beats made absurd: a 250-bpm spike or a 25-bpm pause, which must change nothing.
    rr[positions] = 240.0 if fast else 2400.0
    flags[positions] = BeatFlag.ECTOPIC
    spoiled = dataclasses.replace(_TEST, beats=BeatSeries(beats.times_s, rr, flags))
    clean = dataclasses.replace(_TEST, beats=BeatSeries(beats.times_s, beats.rr_ms, flags))
    given_phases = {"exercise_start_s": 120.0, "exercise_end_s": 480.0}
    with_spikes = exercise_test(spoiled, age=45, artifact_method="none", **given_phases)
    without = exercise_test(clean, age=45, artifact_method="none", **given_phases)
    for symbol in ("resting_hr_bpm", "peak_hr_bpm", "hrr_60s_bpm", "hrr_120s_bpm"):
        assert with_spikes[symbol] == without[symbol], symbol


_REST = simulate_rest(typical(), duration_s=300, seed=22).recording


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    share=st.floats(0.01, 0.05),
    seed=st.integers(0, 1000),
    other=st.sampled_from(["none", "threshold", "pcst"]),
)
def test_changing_the_artefact_method_changes_what_the_test_is_given(
    share: float, seed: int, other: str
) -> None:
    spoiled = simulate_artefacts(_REST, share=share, seed=seed)
    given = {}
    for method in (other, "lipponen2019"):
        done = analyse_recording(
            spoiled,
            settings=AnalysisSettings(kind="morning-reading", artifact_method=method),  # type: ignore[arg-type]
        )
        assert done.protocol is not None
        assert done.protocol.hrv is not None
        assert done.beats is not None
        assert done.protocol.settings["artifact_method"] == method
        # The test scored exactly the beats the pipeline flagged: the same share of normal beats.
        assert done.protocol.hrv.normal_share == done.beats.normal_share
        given[method] = (done.beats.flags.copy(), done.protocol["rmssd_ms"])
    assert not np.array_equal(given[other][0], given["lipponen2019"][0])
    if other == "none":  # artefacts left in change the result itself
        assert given[other][1] != given["lipponen2019"][1]
