"""Which autonomic test a recording holds, when the person did not say: markers, channels, then the curve."""

from __future__ import annotations

from fibrokit.protocols import recognise_protocol
from fibrokit.protocols.recognise_protocol import ACTIVITY as ACTIVITY
from fibrokit.records import Recording

# The stored kinds: every scored test, and "activity" for anything else (a walk, a day, a run).
KINDS = (
    "morning-reading",
    "exercise-test",
    "active-stand",
    "deep-breathing",
    "valsalva",
    "muscle-oxygen",
    ACTIVITY,
)
NEEDS_AGE = frozenset({"exercise-test", "active-stand", "deep-breathing"})
KIND_NAMES = {
    "morning-reading": "Morning reading",
    "exercise-test": "Exercise test",
    "active-stand": "Active stand",
    "deep-breathing": "Deep breathing",
    "valsalva": "Valsalva manoeuvre",
    "muscle-oxygen": "Muscle oxygen",
    ACTIVITY: "Activity",
}


def recognise(recording: Recording) -> str:
    """Guess the kind of a recording (see :func:`fibrokit.protocols.recognise_protocol`)."""
    return recognise_protocol(recording)
