"""The steps of each guided test, built from the protocol registry and the evidence registry.

Every test of the protocol registry that a heart-rate strap can record is guided; a test that needs another
sensor (muscle oxygen) is listed with the reason it is not. Each step is a phase name, its length in seconds
(``None`` for a step the person ends, such as exercising to their own chosen limit) and what to say. Before an
exercise test or a Valsalva manoeuvre the page shows the sourced cautions of the evidence registry, and the test
starts only once the person confirms they have read them.
"""

from __future__ import annotations

import re
from typing import NotRequired, TypedDict

from fibrokit.evidence import CAUTIONS, SOURCES, fact
from fibrokit.protocols import PROTOCOLS
from fibrokit.protocols.registry import ProtocolSpec


class GuidedInputError(ValueError):
    """A guided test that cannot be shown or stored; the message is one sentence for the person."""


def _recordable(spec: ProtocolSpec) -> bool:
    return spec.needs in ("beats", "heart_rate")


GUIDED: tuple[str, ...] = tuple(kind for kind, spec in PROTOCOLS.items() if _recordable(spec))
"""The guided tests: every test of the protocol registry a heart-rate strap can record, in registry order."""
LEFT_OUT: dict[str, str] = {
    kind: (
        f"{spec.name} is not guided: it needs a muscle-oxygen sensor, which a heart-rate strap is not. Record it "
        "with the sensor's own app and import the file, then mark it with \u201cThis was a test\u201d."
    )
    for kind, spec in PROTOCOLS.items()
    if not _recordable(spec)
}

# The recovery postures a person can choose before a guided exercise test (the exercise test's cool-down
# values with a posture; each is compared only with recovery norms published for the same posture).
POSTURES: dict[str, tuple[str, str]] = {
    "supine": ("Lie down", "Lie down straight away on your back and keep still until the timer ends."),
    "seated": ("Sit down", "Sit down straight away and keep still until the timer ends."),
    "active": (
        "Keep moving easily",
        "Keep walking or pedalling, slowly and easily, until the timer ends.",
    ),
}
# Why the person stopped exercising, as the exercise test's ``peak_effort`` ("" = not said).
STOP_REASONS: dict[str, str] = {"limit": "true", "chosen": "false", "": ""}


class Step(TypedDict):
    """One step of a guided test: its phase, how long (None: the person ends it) and what to say."""

    phase: str
    seconds: float | None
    say: str
    pacer_s: NotRequired[float]  # deep breathing: half a breath, for the pacing circle
    until: NotRequired[str]  # a step the person ends: the button's words
    ask_why: NotRequired[bool]  # after it, ask why the person stopped (an exercise test)


class Caution(TypedDict):
    """A sourced caution to read before the test: which part of it, the text, the sources (authors and year)."""

    part: str
    text: str
    sources: list[str]


class Guide(TypedDict):
    """What the page of a guided test shows and its script follows (sent to it as JSON)."""

    kind: str
    name: str
    needs_age: bool
    phases: list[str]
    steps: list[Step]
    cautions: list[Caution]
    options: dict[str, str]
    notes: list[str]


def guide(kind: str, *, standing_s: float | None = None, posture: str | None = None) -> Guide:
    """The steps of a guided test, its phases, and the cautions to read before it.

    Parameters
    ----------
    kind : str
        One of :data:`GUIDED`.
    standing_s : float, optional
        For an active stand, how long to stand (default: the shortest stand that is scored).
    posture : {"supine", "seated", "active"}, optional
        For an exercise test, the recovery posture chosen in advance (the test cannot start without one; the
        steps without it say to recover in the posture still to be chosen).

    Raises
    ------
    GuidedInputError
        When ``kind`` is not a guided test, or ``posture`` is not one of :data:`POSTURES`.
    """
    if kind not in GUIDED:
        raise GuidedInputError(LEFT_OUT.get(kind, f"There is no guided test called {kind!r}."))
    options: dict[str, str] = {}
    if kind == "exercise-test" and posture is not None:
        if posture not in POSTURES:
            raise GuidedInputError(
                f"{posture!r} is not a recovery posture: choose lie down, sit down or keep moving."
            )
        options["cool_down"] = posture
    steps = _STEPS[kind](standing_s, posture)
    spec = PROTOCOLS[kind]
    cautions: list[Caution] = [
        {"part": c.part, "text": c.text, "sources": [_short(key) for key in c.sources]}
        for c in CAUTIONS
        if c.test == kind
    ]
    return {
        "kind": kind,
        "name": spec.name,
        "needs_age": spec.needs_age,
        "phases": list(spec.phases),
        "steps": steps,
        "cautions": cautions,
        "options": options,
        "notes": _NOTES.get(kind, lambda: [])(),
    }


def _short(key: str) -> str:
    """A source's authors and year, as the page cites it (the full citation is in docs/evidence.md)."""
    citation = SOURCES[key].citation
    first = citation.split(".")[0]
    authors = first.split(",")[0] + (" et al." if "," in first else "")
    year = re.search(r"\b(?:19|20)\d\d\b", citation)
    return f"{authors} {year.group(0) if year else ''}".strip()


def _step(phase: str, seconds: float | None, say: str) -> Step:
    return {"phase": phase, "seconds": seconds, "say": say}


def _morning(_standing: float | None, _posture: str | None) -> list[Step]:
    say = "Lie on your back, keep still and breathe normally until the timer ends."
    return [_step("reading", fact("hrv.short_term_s").scalar(), say)]


def _stand(standing_s: float | None, _posture: str | None) -> list[Step]:
    stand = standing_s or fact("protocols.min_stand_s").scalar()
    return [
        _step(
            "lying",
            fact("protocols.guided.lying_s").scalar(),
            "Lie on your back, keep still and breathe normally.",
        ),
        _step(
            "standing",
            stand,
            "Stand up now, in one go, and stand still. If you feel faint, sit or lie down and press Stop.",
        ),
    ]


def _breathing(_standing: float | None, _posture: str | None) -> list[Step]:
    rate = fact("protocols.deep_breathing.rate_per_min").scalar()
    cycles = fact("protocols.guided.breathing_cycles").scalar()
    breathing = _step(
        "breathing",
        cycles * 60.0 / rate,
        "Breathe deeply with the circle: in while it grows, out while it shrinks.",
    )
    breathing["pacer_s"] = 60.0 / rate / 2.0
    return [
        _step("rest", fact("protocols.rest_window_s").scalar(), "Sit or lie still and breathe normally."),
        breathing,
    ]


def _exercise(_standing: float | None, posture: str | None) -> list[Step]:
    recover = (
        POSTURES[posture][1] if posture else "Recover in the posture you choose below, until the timer ends."
    )
    exercise = _step(
        "exercise",
        None,
        "Start moving now, walking, cycling or on stairs, and make it gradually harder at a pace you choose. "
        "Stop when you decide to, or at once if you feel unwell, and press \u201cI have stopped\u201d.",
    )
    exercise["until"] = "I have stopped"
    recovery = _step("recovery", fact("protocols.guided.recovery_s").scalar(), recover)
    recovery["ask_why"] = True
    return [
        _step(
            "rest",
            fact("protocols.guided.exercise_rest_s").scalar(),
            "Sit still where you will exercise and breathe normally until the timer ends.",
        ),
        exercise,
        recovery,
    ]


def _valsalva(_standing: float | None, _posture: str | None) -> list[Step]:
    strain = fact("protocols.valsalva.strain_s").scalar()
    return [
        _step(
            "rest", fact("protocols.rest_window_s").scalar(), "Sit upright, keep still and breathe normally."
        ),
        _step(
            "strain",
            strain,
            f"Breathe in normally, then blow hard into the tube or through tightly pursed lips and hold a firm, "
            f"steady strain for {strain:g} seconds, until the timer ends.",
        ),
        _step(
            "release",
            fact("protocols.valsalva.after_release_s").scalar(),
            "Let go now and breathe normally. Sit still until the timer ends.",
        ),
    ]


def _valsalva_notes() -> list[str]:
    return [
        f"In a clinic the strain is held at {fact('protocols.valsalva.strain_mmhg').scalar():g} mmHg for "
        f"{fact('protocols.valsalva.strain_s').scalar():g} s (Ewing 1985); a phone cannot measure the pressure, "
        "so the pressure of a guided Valsalva is not known (see below)."
    ]


_NOTES = {"valsalva": _valsalva_notes}

_STEPS = {
    "morning-reading": _morning,
    "active-stand": _stand,
    "deep-breathing": _breathing,
    "exercise-test": _exercise,
    "valsalva": _valsalva,
}
