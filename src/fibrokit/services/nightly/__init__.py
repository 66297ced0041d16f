"""Wearables' nights and daily values: importing them, readiness from them, the diary against them, the report.

- ``queries.py``: every SQLAlchemy statement of the area (and only there; a test checks it).
- ``actions.py``: what changes the nights — an export's days stored, the baseline's source chosen, the nights
  judged again. Each takes the caller's session and never commits.
- ``views.py``: what the report shows of the nights (a section per device).
- ``values.py``: the sources a person has and the baseline's source; ``readiness.py``: judging nights (pure
  steps, shared with ``fibrokit pace readiness`` on files); ``associations.py``: the diary against nights
  unlike the usual; ``imports.py``: wearables' exports and vendor archives imported whole.

The actions and the reads other areas need are importable from the package itself:
``from fibrokit.services import nightly``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fibrokit.services._front_door import front_door

if TYPE_CHECKING:
    from fibrokit.services.nightly.actions import choose_source, judge, judge_if_any, store_export
    from fibrokit.services.nightly.queries import latest_judged, nights
    from fibrokit.services.nightly.readiness import label
    from fibrokit.services.nightly.values import (
        SOURCE_NAMES,
        SourceSummary,
        Stored,
        by_day,
        chosen_source,
        sources,
    )

_HOMES = {
    "SOURCE_NAMES": "values",
    "SourceSummary": "values",
    "Stored": "values",
    "by_day": "values",
    "choose_source": "actions",
    "chosen_source": "values",
    "judge": "actions",
    "judge_if_any": "actions",
    "label": "readiness",
    "latest_judged": "queries",
    "nights": "queries",
    "sources": "values",
    "store_export": "actions",
}
_find = front_door(__name__, _HOMES)


def __getattr__(name: str) -> object:
    # Loaded when first used, so importing one module of the area does not import the others.
    return _find(name)


__all__ = [
    "SOURCE_NAMES",
    "SourceSummary",
    "Stored",
    "by_day",
    "choose_source",
    "chosen_source",
    "judge",
    "judge_if_any",
    "label",
    "latest_judged",
    "nights",
    "sources",
    "store_export",
]
