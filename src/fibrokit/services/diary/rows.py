"""Stored diary rows as the core's types: folded days as daily summaries, a check-in as a ``CheckIn``.

The statements that read them are in :mod:`fibrokit.services.diary.queries`; other areas (trials, pacing,
reports, nightly) read the diary through these two and ``queries.diary_days``, never the tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from fibrokit.diary import CheckIn, DiaryItem, SymptomDay
from fibrokit.diary import DailySummary as CoreDay
from fibrokit.store.tables import CheckInRow, DiaryDay


def core_days(rows: Sequence[DiaryDay]) -> tuple[CoreDay, ...]:
    """Stored diary days as the core's daily summaries (for trends, trial evaluations and pacing)."""
    return tuple(
        CoreDay(
            row.day,
            row.checkins,
            {
                key: SymptomDay(float(s["mean"]), float(s["low"]), float(s["high"]), int(s["count"]))
                for key, s in row.symptoms.items()
            },
            frozenset(row.factors),
        )
        for row in rows
    )


def as_checkin(row: CheckInRow) -> CheckIn:
    """A stored check-in as the core's :class:`CheckIn` (its items made from the keys it holds)."""
    items = (
        *(DiaryItem(key, key, "symptom") for key in row.ratings),
        *(DiaryItem(key, key, "trigger") for key in row.factors),
    )
    factors = {key: None if v is None else float(v) for key, v in row.factors.items()}
    return CheckIn(row.at_local, row.ratings, factors, frozenset(row.ongoing), row.note, items=items)
