"""Phases a person gives as text: ``rest=0:00-3:00,exercise=3:00-15:00,recovery=15:00-25:00``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from fibrokit.errors import InputError
from fibrokit.protocols import PROTOCOLS

_TIME = re.compile(r"^(?:(\d+):)?(\d+)(?::(\d+))?(?:\.(\d+))?$")


def parse_phases(text: str, kind: str | None = None) -> Mapping[str, tuple[float, float]]:
    """Read phases written as ``name=start-end`` pairs separated by commas.

    Times are ``m:ss``, ``h:mm:ss`` or plain seconds, counted from the start of the recording. The names must
    be phases of the test ``kind`` (see :data:`fibrokit.protocols.PROTOCOLS`), or of any test when ``kind`` is
    None; each phase must end after it starts.

    Parameters
    ----------
    text : str
        E.g. ``"rest=0:00-3:00,exercise=3:00-15:00,recovery=15:00-25:00"``.
    kind : str, optional
        The test the phases belong to.

    Returns
    -------
    mapping of str to (start_s, end_s)

    Raises
    ------
    InputError
        In one sentence naming the part that could not be read and what is expected.

    Examples
    --------
    >>> dict(parse_phases("rest=0:00-3:00,exercise=3:00-15:00,recovery=15:00-25:00", "exercise-test"))
    {'rest': (0.0, 180.0), 'exercise': (180.0, 900.0), 'recovery': (900.0, 1500.0)}
    """
    allowed = _allowed(kind)
    phases: dict[str, tuple[float, float]] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        name, _, span = part.partition("=")
        name = name.strip().lower()
        start_text, dash, end_text = span.partition("-")
        if not dash or name not in allowed:
            raise InputError(
                f"cannot read the phase {part!r}: write name=start-end with a name among "
                f"{', '.join(sorted(allowed))}, e.g. exercise=3:00-15:00"
            )
        start, end = _seconds(start_text, part), _seconds(end_text, part)
        if end <= start:
            raise InputError(f"the phase {part!r} must end after it starts")
        phases[name] = (start, end)
    if not phases:
        raise InputError("no phases given: write them as name=start-end, e.g. exercise=3:00-15:00")
    return MappingProxyType(phases)


def _allowed(kind: str | None) -> set[str]:
    if kind is None:
        return {name for spec in PROTOCOLS.values() for name in spec.phases}
    if kind not in PROTOCOLS:
        raise InputError(f"{kind!r} is not a test with phases; the tests are {', '.join(PROTOCOLS)}")
    return set(PROTOCOLS[kind].phases)


def _seconds(text: str, part: str) -> float:
    match = _TIME.match(text.strip())
    if match is None:
        raise InputError(f"cannot read the time {text.strip()!r} in {part!r}: write m:ss, h:mm:ss or seconds")
    first, second, third, fraction = match.groups()
    fraction_s = float(f"0.{fraction}") if fraction else 0.0
    if first is None and third is None:
        return float(second) + fraction_s
    if third is None:
        return int(first) * 60 + int(second) + fraction_s
    return int(first) * 3600 + int(second) * 60 + int(third) + fraction_s
