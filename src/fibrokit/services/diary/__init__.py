"""The symptom diary: check-ins, stored diary days, questionnaires, and what the diary pages show.

- ``queries.py``: every SQLAlchemy statement of the area (and only there; a test checks it).
- ``actions.py``: what changes the diary — check-ins saved and removed (their day folded again), items tracked
  or dropped, questionnaires stored. Each takes the caller's session and never commits.
- ``views.py``: the typed, frozen page models (the check-in form, the history with its weeks); ``charts.py``
  the history's Plotly figures, typed by :mod:`fibrokit.services.home.figures`; ``instrument_views.py`` a stored questionnaire as shown.
- ``checkins.py``: what a check-in offers (the person's items, labels, the next template), reading a rating,
  and a check-in checked before it is stored (``checked_checkin``, read only; ``actions.store_checkin`` writes it).
- ``instrument_forms.py``: questionnaires as typed, checked and scored; ``instrument_results.py``: a stored
  one read back as the core's result type.
- ``rows.py``: stored rows as the core's types (``core_days``, ``as_checkin``) for the areas that read the diary.

The actions and the few reads other areas need are importable from the package itself:
``from fibrokit.services import diary``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fibrokit._lazy import lazy_exports

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
        store_checkin,
    )
    from fibrokit.services.diary.checkins import NewCheckIn, checked_checkin, current_items, labels, sentence
    from fibrokit.services.diary.instrument_forms import ACR_VERSIONS, MISSING_RULES, PSD_BANDING, AcrAnswers
    from fibrokit.services.diary.queries import diary_days, get_result, latest_pgic, results_of
    from fibrokit.services.diary.rows import core_days

_PUBLIC = {
    "ACR_VERSIONS": "fibrokit.services.diary.instrument_forms",
    "AcrAnswers": "fibrokit.services.diary.instrument_forms",
    "MISSING_RULES": "fibrokit.services.diary.instrument_forms",
    "PSD_BANDING": "fibrokit.services.diary.instrument_forms",
    "NewCheckIn": "fibrokit.services.diary.checkins",
    "add_item": "fibrokit.services.diary.actions",
    "checked_checkin": "fibrokit.services.diary.checkins",
    "core_days": "fibrokit.services.diary.rows",
    "current_items": "fibrokit.services.diary.checkins",
    "delete_checkin": "fibrokit.services.diary.actions",
    "diary_days": "fibrokit.services.diary.queries",
    "get_result": "fibrokit.services.diary.queries",
    "labels": "fibrokit.services.diary.checkins",
    "latest_pgic": "fibrokit.services.diary.queries",
    "refresh_day": "fibrokit.services.diary.actions",
    "remove_item": "fibrokit.services.diary.actions",
    "results_of": "fibrokit.services.diary.queries",
    "save_acr": "fibrokit.services.diary.actions",
    "save_checkin": "fibrokit.services.diary.actions",
    "save_fiqr": "fibrokit.services.diary.actions",
    "save_pgic": "fibrokit.services.diary.actions",
    "sentence": "fibrokit.services.diary.checkins",
    "store_checkin": "fibrokit.services.diary.actions",
}
# Each name is loaded when first used, so importing one module of the area (its queries, say, which other
# areas read) does not import the others and, through their actions, the areas those call: a ring of imports.
__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "ACR_VERSIONS",
    "MISSING_RULES",
    "PSD_BANDING",
    "AcrAnswers",
    "NewCheckIn",
    "add_item",
    "checked_checkin",
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
    "store_checkin",
]
