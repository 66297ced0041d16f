"""Guided tests in the browser: the steps of each test, and a finished test stored and scored with its phases.

The page reads the steps from :func:`guide` (every duration from the evidence registry), records beats from a
chest strap and marks each phase at the moment it starts and ends. At the end the beats and the phases come back;
the beats are written as an RR file and imported like any upload, then the recording is scored as the test with
those phases given (exactly what "This was a test" on a recording's page does), so nothing is guessed.

Only the tests whose exclusions we can state from a source are guided: the Valsalva manoeuvre and the exercise
test are left out until the evidence registry holds who should not do them.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.protocols import PROTOCOLS
from fibrokit.protocols.registry import ACTIVITY
from fibrokit.services import importing
from fibrokit.services.pacing_live import SessionInputError, session_csv
from fibrokit.services.people import age_for
from fibrokit.services.recordings import rescore_as_test
from fibrokit.store.tables import RecordingRow

GUIDED: tuple[str, ...] = ("morning-reading", "active-stand", "deep-breathing")
LEFT_OUT: dict[str, str] = {
    kind: (
        f"{PROTOCOLS[kind].name} is not guided yet: fibrokit has no source it can cite for who should not do "
        f"{PROTOCOLS[kind].noun} (for example people with some heart or eye conditions), and it will not guide a "
        "test without saying that in sourced words. Ask your clinician, record it with your strap's own app and "
        "import the file, then mark it with \u201cThis was a test\u201d."
    )
    for kind in ("valsalva", "exercise-test")
}


class GuidedInputError(ValueError):
    """A posted guided test that cannot be stored; the message is one sentence for the person."""


@dataclass(frozen=True)
class Saved:
    """Where the stored test is, and the sentence that says why it could not be scored ("" when scored)."""

    recording_id: int
    problem: str


def guide(kind: str, *, standing_s: float | None = None) -> dict[str, Any]:
    """The steps of a guided test: each a phase name, its length in seconds and what to say.

    Parameters
    ----------
    kind : str
        One of :data:`GUIDED`.
    standing_s : float, optional
        For an active stand, how long to stand (default: the shortest stand that is scored).

    Raises
    ------
    GuidedInputError
        When ``kind`` is not a guided test.
    """
    if kind not in GUIDED:
        raise GuidedInputError(LEFT_OUT.get(kind, f"There is no guided test called {kind!r}."))
    steps: list[dict[str, Any]]
    if kind == "morning-reading":
        steps = [
            _step(
                "reading",
                fact("hrv.short_term_s").scalar(),
                "Lie on your back, keep still and breathe normally until the timer ends.",
            )
        ]
    elif kind == "active-stand":
        stand = standing_s or fact("protocols.min_stand_s").scalar()
        steps = [
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
    else:
        rate = fact("protocols.deep_breathing.rate_per_min").scalar()
        cycles = fact("protocols.guided.breathing_cycles").scalar()
        steps = [
            _step(
                "rest",
                fact("protocols.rest_window_s").scalar(),
                "Sit or lie still and breathe normally.",
            ),
            {
                **_step(
                    "breathing",
                    cycles * 60.0 / rate,
                    "Breathe deeply with the circle: in while it grows, out while it shrinks.",
                ),
                "pacer_s": 60.0 / rate / 2.0,
            },
        ]
    spec = PROTOCOLS[kind]
    return {"kind": kind, "name": spec.name, "needs_age": spec.needs_age, "steps": steps}


def _step(phase: str, seconds: float, say: str) -> dict[str, Any]:
    return {"phase": phase, "seconds": seconds, "say": say}


def read_phases(kind: str, payload: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """The phases a guided page posted, checked against the test's phase names."""
    raw = payload.get("phases")
    if not isinstance(raw, dict):
        raise GuidedInputError("The test was sent without its phases.")
    phases = {}
    for name, span in raw.items():
        if name not in PROTOCOLS[kind].phases:
            raise GuidedInputError(f"{name!r} is not a phase of {PROTOCOLS[kind].noun}.")
        if not (isinstance(span, list) and len(span) == 2 and all(_number(v) for v in span)):
            raise GuidedInputError(f"The phase {name!r} is not a start and an end in seconds.")
        start, end = float(span[0]), float(span[1])
        if start < 0 or end <= start:
            raise GuidedInputError(f"The phase {name!r} must start at 0 s or later and end after it starts.")
        phases[str(name)] = (start, end)
    return phases


def save_guided(session: Session, user_id: int, staging: Path, kind: str, payload: object) -> Saved:
    """Store a finished (or stopped) guided test through the normal import and score it with its phases.

    The payload is the live session's (``started``, ``beats``) plus ``phases`` (name to [start_s, end_s], as
    marked by the page) and ``stopped_at_s`` (a number when the person pressed Stop before the end, else null).
    A test stopped early is kept and labelled as such; it is scored only on the phases that were complete.

    Raises
    ------
    GuidedInputError
        When the payload is not a guided test of ``kind`` (one sentence).
    """
    if kind not in GUIDED:
        raise GuidedInputError(LEFT_OUT.get(kind, f"There is no guided test called {kind!r}."))
    if not isinstance(payload, dict):
        raise GuidedInputError("The test was not sent as beats with phases.")
    try:
        name, data = session_csv(payload)
    except SessionInputError as error:
        raise GuidedInputError(str(error).replace("session", "test")) from None
    name = name.replace("live-session-", f"guided-{kind}-")
    phases = read_phases(kind, payload)
    stopped = payload.get("stopped_at_s")
    if stopped is not None and not _number(stopped):
        raise GuidedInputError("The time the test was stopped is not a number of seconds.")
    staging.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging) as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        # Stored first as plain activity (no recognition), then scored only on the phases the page marked.
        outcome = importing.import_file(session, user_id, path, kind_hint=ACTIVITY)
    if outcome.recording_id is None:
        raise GuidedInputError(outcome.message)
    row = session.get(RecordingRow, outcome.recording_id)
    assert row is not None  # just stored
    guided = {"kind": kind, "stopped_at_s": None if stopped is None else float(stopped)}
    row.details = {**(row.details or {}), "guided": guided}
    text = ",".join(f"{phase}={start:.4f}-{end:.4f}" for phase, (start, end) in phases.items())
    age = age_for(session, user_id, row.start_utc, (row.details or {}).get("metadata", {}))
    problem = _missing(kind, phases) or rescore_as_test(session, row, kind, text, age=age)
    return Saved(row.id, problem)


def _missing(kind: str, phases: dict[str, tuple[float, float]]) -> str:
    absent = [name for name in PROTOCOLS[kind].required if name not in phases]
    if not absent:
        return ""
    return (
        f"The test was stopped before its {' and '.join(absent)} phase, so it is kept as a recording but not "
        "scored; you can repeat the test when you feel able to."
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
