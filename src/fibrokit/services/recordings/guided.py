"""Guided tests in the browser: the steps of each test, and a finished test stored and scored with its phases.

The page reads the steps from :func:`guide` (every duration from the evidence registry), records beats from a
chest strap and marks each phase at the moment it starts and ends. At the end the beats and the phases come back;
the beats are written as an RR file and imported like any upload, then the recording is scored as the test with
those phases given (exactly what "This was a test" on a recording's page does), so nothing is guessed.

The steps, and which tests are guided, come from :mod:`fibrokit.services.recordings.guided_steps` (built from the protocol
registry). Before an exercise test or a Valsalva manoeuvre the person confirms they have read the sourced
cautions; the test is refused without that confirmation. The recovery posture chosen before an exercise test,
and why the person stopped exercising, are kept in the recording's metadata (``cool_down``, ``peak_effort``),
which the exercise test reads exactly as it reads them from an imported file. The session's real start time
(``started_at``, with the phone's time zone) is written into the RR file, so the recording is dated and timed.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fibrokit.protocols import PROTOCOLS
from fibrokit.protocols.registry import ACTIVITY
from fibrokit.services.accounts.people import age_for
from fibrokit.services.imports.file import import_file
from fibrokit.services.pacing.live import SessionInputError, session_csv
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.actions import rescore_as_test
from fibrokit.services.recordings.after_store import after_recording_stored
from fibrokit.services.recordings.guided_steps import (
    GUIDED,
    LEFT_OUT,
    POSTURES,
    STOP_REASONS,
    GuidedInputError,
    guide,
)
from fibrokit.services.recordings.queries import Session

__all__ = [
    "GUIDED",
    "LEFT_OUT",
    "GuidedInputError",
    "Saved",
    "guide",
    "guide_cautions",
    "read_phases",
    "save_guided",
]


@dataclass(frozen=True)
class Saved:
    """Where the stored test is, and the sentence that says why it could not be scored ("" when scored)."""

    recording_id: int
    problem: str


def read_phases(kind: str, payload: Mapping[str, object]) -> dict[str, tuple[float, float]]:
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

    The payload is the live session's (``started``, ``started_at``, ``beats``) plus ``phases`` (name to
    [start_s, end_s], as marked by the page), ``stopped_at_s`` (a number when the person pressed Stop before the
    end, else null), ``read_safety`` (true: required for a test with cautions), ``options`` (an exercise test's
    ``cool_down``) and ``stopped_because`` (an exercise test: ``"limit"``, ``"chosen"`` or ``""``). A test
    stopped early is kept and labelled as such; it is scored only on the phases that were complete.

    Raises
    ------
    GuidedInputError
        When the payload is not a guided test of ``kind`` (one sentence).
    """
    if kind not in GUIDED:
        raise GuidedInputError(LEFT_OUT.get(kind, f"There is no guided test called {kind!r}."))
    if not isinstance(payload, dict):
        raise GuidedInputError("The test was not sent as beats with phases.")
    metadata = _test_metadata(kind, payload)
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
        outcome = import_file(session, user_id, path, kind_hint=ACTIVITY)
    if outcome.recording_id is None:
        raise GuidedInputError(outcome.message)
    row = queries.recording_by_id(session, outcome.recording_id)
    assert row is not None  # just stored
    guided = {
        "kind": kind,
        "stopped_at_s": None if stopped is None else float(stopped),
        "dropouts": _dropouts(payload.get("dropouts")),
        "safety_read": bool(payload.get("read_safety")) if guide_cautions(kind) else None,
    }
    details = row.details or {}
    # What the person chose or said is part of the recording, as an imported file's metadata would be.
    row.details = {**details, "guided": guided, "metadata": {**details.get("metadata", {}), **metadata}}
    text = ",".join(f"{phase}={start:.4f}-{end:.4f}" for phase, (start, end) in phases.items())
    age = age_for(session, user_id, row.start_utc, (row.details or {}).get("metadata", {}))
    problem = _missing(kind, phases) or rescore_as_test(session, row, kind, text, age=age)
    if not problem:  # scored as the test: its day and pacing review follow the new result
        after_recording_stored(session, row)
    return Saved(row.id, problem)


def _test_metadata(kind: str, payload: Mapping[str, object]) -> dict[str, str]:
    """Check the safety confirmation and the test's options; the metadata they give the recording."""
    if guide_cautions(kind) and payload.get("read_safety") is not True:
        raise GuidedInputError(
            f"The test was sent without confirming that the safety notes of {PROTOCOLS[kind].noun} were read."
        )
    if kind == "valsalva":
        return {"strain_pressure": "not measured: guided without a pressure gauge"}
    if kind != "exercise-test":
        return {}
    options = payload.get("options")
    posture = options.get("cool_down") if isinstance(options, dict) else None
    if not isinstance(posture, str) or posture not in POSTURES:
        raise GuidedInputError("The exercise test was sent without the recovery posture chosen before it.")
    why = payload.get("stopped_because", "")
    if not isinstance(why, str) or why not in STOP_REASONS:
        raise GuidedInputError("Why the exercise stopped must be 'limit', 'chosen' or left empty.")
    metadata = {"cool_down": posture}
    if STOP_REASONS[why]:
        metadata["peak_effort"] = STOP_REASONS[why]
    return metadata


def _dropouts(raw: object) -> list[list[float]]:
    """The times the strap was away ([from_s, to_s] pairs), as the page saw them."""
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(
        isinstance(gap, list) and len(gap) == 2 and all(_number(v) for v in gap) and gap[0] <= gap[1]
        for gap in raw
    ):
        raise GuidedInputError("The strap's dropouts were not sent as pairs of times in seconds.")
    return [[float(a), float(b)] for a, b in raw]


def guide_cautions(kind: str) -> bool:
    """Whether a guided test has cautions the person must confirm before it starts."""
    return bool(guide(kind)["cautions"])


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
