"""Which autonomic test a recording holds when nobody said: its markers or laps, its channels, then its curve."""

from __future__ import annotations

from fibrokit.evidence import fact
from fibrokit.protocols._hr import marker_start, smoothed
from fibrokit.records import Recording

ACTIVITY = "activity"
# Marker labels and the kind they mean, in the order they are tried: "walk" comes before "recovery" because a
# walk can end with a recovery lap too.
_MARKERS = (
    (("walk", "walking"), ACTIVITY),
    (("exercise", "recovery"), "exercise-test"),
    (("standing", "stand"), "active-stand"),
    (("deep-breathing", "deep breathing"), "deep-breathing"),
    (("strain",), "valsalva"),
)


def recognise_protocol(recording: Recording) -> str:
    """Guess the test a recording holds.

    Markers or laps decide first (a walk, an exercise or recovery phase, standing, deep breathing, a strain);
    then a muscle-oxygen (SmO2) channel; then duration and the heart-rate curve: a recording longer than
    ``protocols.longest_exercise_test_s`` is everyday activity; a rise of at least
    ``protocols.min_exercise_rise_bpm`` above the first ``protocols.rest_window_s`` means an exercise test, a
    recording of at most ``protocols.longest_resting_reading_s`` a morning reading, anything else everyday
    activity. These are fibrokit's conventions (see the evidence registry), not a published classifier; a person
    can always name the test instead.

    Parameters
    ----------
    recording : Recording

    Returns
    -------
    str
        ``"morning-reading"``, ``"exercise-test"``, ``"active-stand"``, ``"deep-breathing"``, ``"valsalva"``,
        ``"muscle-oxygen"`` or ``"activity"``.

    Examples
    --------
    >>> from fibrokit.protocols import recognise_protocol
    >>> from fibrokit.simulate import simulate_rest, simulate_stand, simulate_walk, typical
    >>> recognise_protocol(simulate_stand(typical(), seed=1).recording)
    'active-stand'
    >>> recognise_protocol(simulate_rest(typical(), duration_s=300, seed=1).recording)
    'morning-reading'
    >>> recognise_protocol(simulate_walk(typical(), walk_s=600, seed=1).recording)
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
    if recording.duration_s > fact("protocols.longest_exercise_test_s").scalar():
        return ACTIVITY
    times, hr = smoothed(beats)
    if times.size == 0:
        return ACTIVITY
    baseline = float(hr[times <= times[0] + fact("protocols.rest_window_s").scalar()].mean())
    if float(hr.max()) - baseline >= fact("protocols.min_exercise_rise_bpm").scalar():
        return "exercise-test"
    longest = fact("protocols.longest_resting_reading_s").scalar()
    return "morning-reading" if recording.duration_s <= longest else ACTIVITY
