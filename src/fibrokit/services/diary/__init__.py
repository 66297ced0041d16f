"""The symptom diary: check-ins, stored diary days, questionnaires, and what the diary pages show.

- ``queries.py``: every SQLAlchemy statement of the area (and only there; a test checks it).
- ``actions.py``: what changes the diary — check-ins saved and removed (their day folded again), items tracked
  or dropped, questionnaires stored. Each takes the caller's session and never commits.
- ``views.py``: the typed, frozen page models (the check-in form, the history with its weeks); ``charts.py``
  the history's Plotly figures as ``TypedDict``s; ``instrument_views.py`` a stored questionnaire as shown.
- ``checkins.py``: what a check-in offers (the person's items, labels, the next template) and reading a rating.
- ``instrument_forms.py``: questionnaires as typed, checked and scored; ``instrument_results.py``: a stored
  one read back as the core's result type.
- ``rows.py``: stored rows as the core's types (``core_days``, ``as_checkin``) for the areas that read the diary.

The actions and the few reads other areas need are importable from the package itself:
``from fibrokit.services import diary``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fibrokit.services._front_door import front_door

if TYPE_CHECKING:
    from fibrokit.services.diary.actions import (
        add_item,
        delete_checkin,
        refresh_day,
        remove_item,
        save_acr,
        save_checkin,
        save_fiqr,
        save_pgic,
    )
    from fibrokit.services.diary.checkins import current_items, labels, sentence
    from fibrokit.services.diary.instrument_forms import ACR_VERSIONS, MISSING_RULES, PSD_BANDING, AcrAnswers
    from fibrokit.services.diary.queries import diary_days, get_result, latest_pgic, results_of
    from fibrokit.services.diary.rows import core_days

_HOMES = {
    "ACR_VERSIONS": "instrument_forms",
    "AcrAnswers": "instrument_forms",
    "MISSING_RULES": "instrument_forms",
    "PSD_BANDING": "instrument_forms",
    "add_item": "actions",
    "core_days": "rows",
    "current_items": "checkins",
    "delete_checkin": "actions",
    "diary_days": "queries",
    "get_result": "queries",
    "labels": "checkins",
    "latest_pgic": "queries",
    "refresh_day": "actions",
    "remove_item": "actions",
    "results_of": "queries",
    "save_acr": "actions",
    "save_checkin": "actions",
    "save_fiqr": "actions",
    "save_pgic": "actions",
    "sentence": "checkins",
}
_find = front_door(__name__, _HOMES)


def __getattr__(name: str) -> object:
    # Loaded when first used, so importing one module of the area does not import the others.
    return _find(name)


__all__ = [
    "ACR_VERSIONS",
    "MISSING_RULES",
    "PSD_BANDING",
    "AcrAnswers",
    "add_item",
    "core_days",
    "current_items",
    "delete_checkin",
    "diary_days",
    "get_result",
    "labels",
    "latest_pgic",
    "refresh_day",
    "remove_item",
    "results_of",
    "save_acr",
    "save_checkin",
    "save_fiqr",
    "save_pgic",
    "sentence",
]
