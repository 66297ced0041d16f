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

from fibrokit._lazy import lazy_exports

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

_PUBLIC = {
    "SOURCE_NAMES": "fibrokit.services.nightly.values",
    "SourceSummary": "fibrokit.services.nightly.values",
    "Stored": "fibrokit.services.nightly.values",
    "by_day": "fibrokit.services.nightly.values",
    "choose_source": "fibrokit.services.nightly.actions",
    "chosen_source": "fibrokit.services.nightly.values",
    "judge": "fibrokit.services.nightly.actions",
    "judge_if_any": "fibrokit.services.nightly.actions",
    "label": "fibrokit.services.nightly.readiness",
    "latest_judged": "fibrokit.services.nightly.queries",
    "nights": "fibrokit.services.nightly.queries",
    "sources": "fibrokit.services.nightly.values",
    "store_export": "fibrokit.services.nightly.actions",
}
# Each name is loaded when first used, so importing one module of the area (its queries, say, which other
# areas read) does not import the others and, through their actions, the areas those call: a ring of imports.
__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


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
