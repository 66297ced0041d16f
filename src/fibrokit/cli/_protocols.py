"""Choosing and running a protocol for the command line (shared by ``analyze`` and ``demo``)."""

from __future__ import annotations

from enum import StrEnum

from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.protocols import (
    ProtocolResult,
    active_stand,
    deep_breathing,
    exercise_test,
    morning_reading,
    muscle_oxygen,
    valsalva,
)
from fibrokit.protocols._hr import marker_start, smoothed
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


def recognise(recording: Recording) -> Protocol:
    """Guess the test: from markers or laps first, then a NIRS channel, then the heart-rate curve."""
    for labels, protocol in (
        (("exercise", "recovery"), Protocol.exercise),
        (("standing", "stand"), Protocol.stand),
        (("deep-breathing", "deep breathing"), Protocol.breathing),
        (("strain",), Protocol.valsalva),
    ):
        if marker_start(recording, labels) is not None:
            return protocol
    if "smo2" in recording.channels:
        return Protocol.oxygen
    if recording.beats is not None and len(recording.beats) > 10:
        times, hr = smoothed(recording.beats)
        baseline = float(hr[times <= times[0] + fact("protocols.rest_window_s").scalar()].mean())
        if float(hr.max()) - baseline >= fact("protocols.min_exercise_rise_bpm").scalar():
            return Protocol.exercise
    return Protocol.morning


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
