"""Choosing and running a protocol for the command line (shared by ``analyze`` and ``demo``)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from fibrokit.errors import InputError

if TYPE_CHECKING:
    from fibrokit.protocols import ProtocolResult
    from fibrokit.records import Recording


class Protocol(StrEnum):
    """The tests ``fibrokit analyze`` scores."""

    auto = "auto"
    exercise = "exercise"
    stand = "stand"
    breathing = "breathing"
    valsalva = "valsalva"
    morning = "morning"
    oxygen = "oxygen"


_BY_KIND = {
    "exercise-test": Protocol.exercise,
    "active-stand": Protocol.stand,
    "deep-breathing": Protocol.breathing,
    "valsalva": Protocol.valsalva,
    "muscle-oxygen": Protocol.oxygen,
    "morning-reading": Protocol.morning,
}


def recognise(recording: Recording) -> Protocol:
    """The test the core recognises; everyday activity is refused, since none of the tests fits it."""
    from fibrokit.protocols import recognise_protocol

    kind = recognise_protocol(recording)
    if kind not in _BY_KIND:
        raise InputError(
            "this looks like everyday activity (a walk or a long recording), not one of the tests; "
            "name the test with --protocol, or see it with fibrokit hrv"
        )
    return _BY_KIND[kind]


def analyse_recording(
    recording: Recording,
    protocol: Protocol,
    *,
    age: float | None,
    hrmax: str = "fox",
    cool_down: str | None = None,
    beta_blocker: bool = False,
    peak_effort: bool | None = None,
) -> ProtocolResult:
    """Run the chosen (or recognised) protocol; refuse clearly when it needs an age that was not given."""
    from fibrokit.protocols import (
        active_stand,
        deep_breathing,
        exercise_test,
        morning_reading,
        muscle_oxygen,
        valsalva,
    )

    chosen = recognise(recording) if protocol is Protocol.auto else protocol
    if chosen in (Protocol.exercise, Protocol.stand, Protocol.breathing) and age is None:
        names = {
            Protocol.exercise: "an exercise test",
            Protocol.stand: "an active stand",
            Protocol.breathing: "deep breathing",
        }
        raise InputError(f"{names[chosen]} is compared with age-specific norms: give your age with --age")
    if chosen is Protocol.exercise:
        assert age is not None
        return exercise_test(
            recording,
            age=age,
            hrmax_formula=hrmax,  # type: ignore[arg-type]  # the command line offers only the valid names
            cool_down=cool_down,  # type: ignore[arg-type]
            beta_blocker=beta_blocker,
            peak_effort=peak_effort,
        )
    if chosen is Protocol.stand:
        assert age is not None
        return active_stand(recording, age=age)
    if chosen is Protocol.breathing:
        assert age is not None
        return deep_breathing(recording, age=age)
    if chosen is Protocol.valsalva:
        return valsalva(recording)
    if chosen is Protocol.oxygen:
        return muscle_oxygen(recording)
    return morning_reading(recording)
