"""``--phases rest=0:00-3:00,exercise=3:00-15:00,recovery=15:00-25:00``: phases a person gives, as markers.

The given phases are put in front of the recording's own markers, so a test that looks for an ``exercise`` or
``recovery`` marker (muscle oxygen, for one) finds the person's first; their kind says they were given.
"""

from __future__ import annotations

import dataclasses
import re

from fibrokit.errors import FibrokitError
from fibrokit.records import Marker, Recording

GIVEN = "phase (given)"
_PHASE = re.compile(r"^\s*([a-z][a-z -]*)\s*=\s*([\d:.]+)\s*-\s*([\d:.]+)\s*$")
_EXAMPLE = "e.g. --phases rest=0:00-3:00,exercise=3:00-15:00,recovery=15:00-25:00"


def parse_phases(text: str) -> tuple[Marker, ...]:
    """Markers for ``name=start-end`` items separated by commas; times as m:ss, h:mm:ss or seconds.

    Examples
    --------
    >>> [(m.label, m.time_s, m.end_s) for m in parse_phases("rest=0:00-3:00,exercise=3:00-15:00")]
    [('rest', 0.0, 180.0), ('exercise', 180.0, 900.0)]
    """
    markers = []
    for item in text.split(","):
        found = _PHASE.match(item.lower())
        if found is None:
            raise FibrokitError(f"--phases: {item.strip()!r} is not name=start-end ({_EXAMPLE})")
        name, start, end = found[1].strip(), _seconds(found[2]), _seconds(found[3])
        if not end > start:
            raise FibrokitError(f"--phases: the phase {name!r} ends before it starts ({_EXAMPLE})")
        markers.append(Marker(start, name, GIVEN, end))
    return tuple(sorted(markers, key=lambda m: m.time_s))


def with_phases(recording: Recording, text: str) -> Recording:
    """The recording with the given phases before its own markers (nothing changes for an empty text)."""
    if not text.strip():
        return recording
    given = parse_phases(text)
    if given[-1].end_s is not None and given[0].time_s > recording.duration_s:
        raise FibrokitError(
            f"--phases: {recording.source_name} lasts {recording.duration_s / 60:.1f} min, "
            "so the phases given start after it ends"
        )
    return dataclasses.replace(recording, markers=given + recording.markers)


def _seconds(text: str) -> float:
    parts = text.split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise FibrokitError(f"--phases: {text!r} is not a time ({_EXAMPLE})") from None
    if len(values) > 3 or any(v < 0 for v in values):
        raise FibrokitError(f"--phases: {text!r} is not a time ({_EXAMPLE})")
    total = 0.0
    for value in values:
        total = total * 60 + value
    return total
