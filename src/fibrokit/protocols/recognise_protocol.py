"""Which autonomic test a recording holds when nobody said: its markers or laps, its channels, then its curve."""

from __future__ import annotations

from fibrokit.protocols.recognise_kind import ACTIVITY as ACTIVITY
from fibrokit.protocols.recognise_kind import recognise_kind
from fibrokit.records import Recording


def recognise_protocol(recording: Recording) -> str:
    """Guess the test a recording holds.

    The kind :func:`recognise_kind` finds (markers or laps, then channels, then the shape of the heart-rate
    curve), without its reason. These are fibrokit's conventions (see the evidence registry), not a published
    classifier; a person can always name the test and give its phases instead.

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
    return recognise_kind(recording).kind
