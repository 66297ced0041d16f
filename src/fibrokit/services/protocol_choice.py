"""Which autonomic test a recording holds, when the person did not say: markers, channels, then the curve."""

from __future__ import annotations

from fibrokit.evidence import fact
from fibrokit.protocols._hr import marker_start, smoothed
from fibrokit.records import Recording

ACTIVITY = "activity"
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
# A resting reading is short; anything longer without test markers is everyday activity (a fibrokit convention).
_LONGEST_READING_S = 1200.0
_MARKERS = (
    (("walk", "walking"), ACTIVITY),  # before "recovery": a simulated walk ends with one too
    (("exercise", "recovery"), "exercise-test"),
    (("standing", "stand"), "active-stand"),
    (("deep-breathing", "deep breathing"), "deep-breathing"),
    (("strain",), "valsalva"),
)


def recognise(recording: Recording) -> str:
    """Guess the kind of a recording.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_stand, simulate_walk, typical
    >>> recognise(simulate_stand(typical(), seed=1).recording)
    'active-stand'
    >>> recognise(simulate_walk(typical(), walk_s=600, seed=1).recording)
    'activity'
    """
    for labels, kind in _MARKERS:
        if marker_start(recording, labels) is not None:
            return kind
    if "smo2" in recording.channels:
        return "muscle-oxygen"
    beats = recording.beats
    if beats is None or len(beats) <= 10:
        return ACTIVITY
    times, hr = smoothed(beats)
    if times.size == 0:
        return ACTIVITY
    baseline = float(hr[times <= times[0] + fact("protocols.rest_window_s").scalar()].mean())
    if float(hr.max()) - baseline >= fact("protocols.min_exercise_rise_bpm").scalar():
        return "exercise-test"
    return "morning-reading" if recording.duration_s <= _LONGEST_READING_S else ACTIVITY
