"""The kinds a stored recording can have, read from the protocol registry (:data:`fibrokit.protocols.PROTOCOLS`)."""

from __future__ import annotations

from fibrokit.protocols import KIND_NAMES as KIND_NAMES
from fibrokit.protocols import KINDS as KINDS
from fibrokit.protocols import PROTOCOLS, recognise_protocol
from fibrokit.protocols.registry import ACTIVITY as ACTIVITY
from fibrokit.records import Recording

NEEDS_AGE = frozenset(kind for kind, spec in PROTOCOLS.items() if spec.needs_age)


def recognise(recording: Recording) -> str:
    """Guess the kind of a recording (see :func:`fibrokit.protocols.recognise_kind`)."""
    return recognise_protocol(recording)
