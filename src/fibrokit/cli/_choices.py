"""The command line's option choices, read from the core's single sources (``fibrokit.choices``).

Options are annotated with the core's ``Literal`` types (``HrmaxFormula``, ``CoolDown``, ...), which Typer
offers as choices; nothing here lists a choice by hand. ``tests/common/test_single_sources.py`` checks every
option against the core's lists. ``fibrokit.choices`` imports nothing, so this costs no start-up time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from fibrokit.choices import PROTOCOL_SHORT_NAMES

AUTO = "auto"
ACTIVITY = "activity"

#: ``--protocol`` of ``fibrokit analyze``: recognise (auto), a test by its short name, or none (activity).
PROTOCOLS: tuple[str, ...] = (AUTO, *PROTOCOL_SHORT_NAMES.values(), ACTIVITY)
#: The kind of the protocol registry each ``--protocol`` value stands for.
KIND_OF: dict[str, str] = {
    AUTO: AUTO,
    **{short: kind for kind, short in PROTOCOL_SHORT_NAMES.items()},
    ACTIVITY: ACTIVITY,
}
#: ``--kind`` of ``fibrokit import``: recognise (auto), a kind of the protocol registry, or none (activity).
IMPORT_KINDS: tuple[str, ...] = (AUTO, *PROTOCOL_SHORT_NAMES, ACTIVITY)
#: ``--analysis`` of ``fibrokit cohort run``: HRV, HRV in windows, or a test by its short name.
COHORT_ANALYSES: tuple[str, ...] = ("hrv", "windows", *PROTOCOL_SHORT_NAMES.values())

if TYPE_CHECKING:
    ProtocolName = str
    ImportKind = str
    CohortAnalysis = str
else:  # built from the tuples above, so Typer offers exactly them
    ProtocolName = Literal[PROTOCOLS]
    ImportKind = Literal[IMPORT_KINDS]
    CohortAnalysis = Literal[COHORT_ANALYSES]
