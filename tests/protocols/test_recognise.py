"""Recognising the test a recording holds: every simulated test by its markers, and the curve alone without them."""

from __future__ import annotations

import dataclasses

import pytest

from fibrokit.protocols import recognise_protocol
from fibrokit.records import Recording
from fibrokit.simulate import (
    fibromyalgia_like,
    simulate_day,
    simulate_deep_breathing,
    simulate_exercise_test,
    simulate_rest,
    simulate_stand,
    simulate_valsalva,
    simulate_walk,
    typical,
)

CASES = {
    "exercise-test": lambda p: simulate_exercise_test(p, seed=2).recording,
    "active-stand": lambda p: simulate_stand(p, seed=2).recording,
    "deep-breathing": lambda p: simulate_deep_breathing(p, seed=2).recording,
    "valsalva": lambda p: simulate_valsalva(p, seed=2).recording,
    "morning-reading": lambda p: simulate_rest(p, duration_s=300, seed=2).recording,
    "activity": lambda p: simulate_walk(p, walk_s=900, seed=2).recording,
}


@pytest.mark.parametrize("profile", [typical(), fibromyalgia_like()], ids=["typical", "fibromyalgia"])
@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_simulated_test_is_recognised_by_its_markers(kind: str, profile: object) -> None:
    assert recognise_protocol(CASES[kind](profile)) == kind


def _unmarked(recording: Recording) -> Recording:
    return dataclasses.replace(recording, markers=())


def test_without_markers_the_curve_decides() -> None:
    person = fibromyalgia_like()
    assert recognise_protocol(_unmarked(CASES["exercise-test"](person))) == "exercise-test"
    assert recognise_protocol(_unmarked(CASES["morning-reading"](person))) == "morning-reading"
    day = simulate_day(person, seed=3).recording
    assert recognise_protocol(_unmarked(day)) == "activity"
    long_rest = simulate_rest(person, duration_s=1800, seed=3).recording
    assert recognise_protocol(long_rest) == "activity"


def test_a_recording_without_beats_is_activity() -> None:
    assert recognise_protocol(Recording()) == "activity"
