"""Nightly and daily values from wearables: the sources a person has, and the baseline's source.

Every source keeps its own rows (:class:`~fibrokit.store.tables.DailyValueRow`), so when a ring and a band cover
the same night both are kept. The person's baseline uses one source: the one they chose, or else the most
complete (the most nights with HRV and resting heart rate). Within that source a change of device (a new ring)
starts a new baseline, and RMSSD and SDNN are never put on one scale: with an SDNN source (Apple Watch) the
HRV factor is left out and resting heart rate and the diary are judged alone.

Storing an export's days is :func:`fibrokit.services.nightly.actions.store_export`. Readiness from nights
(:mod:`fibrokit.services.nightly.readiness`) is judged for mornings **without** a morning
reading, by the same core as the readings, against earlier nights of the same source and device only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from fibrokit.services.nightly import queries
from fibrokit.services.nightly.queries import Session
from fibrokit.store.tables import DailyValueRow

SOURCE_NAMES = {
    "oura": "Oura",
    "whoop": "Whoop",
    "withings": "Withings",
    "polar": "Polar",
    "apple-health": "Apple Health",
    "fitbit": "Fitbit",
    "google-fit": "Google Fit",
    "garmin": "Garmin",
}


@dataclass(frozen=True)
class Stored:
    """What storing an export's days did: days added, days completed with values they lacked, days unchanged."""

    added: int
    filled: int
    already: int
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class SourceSummary:
    """One source a person has nights from."""

    source: str
    name: str
    devices: tuple[str, ...]
    days: int
    complete: int  # nights with both HRV and resting heart rate
    hrv_metric: str
    first: dt.date
    last: dt.date


def sources(session: Session, user_id: int) -> list[SourceSummary]:
    """The person's sources, most complete first."""
    devices: dict[str, list[str]] = {}
    for source, device in queries.source_devices(session, user_id):
        devices.setdefault(source, []).append(device)
    found = [
        SourceSummary(s, SOURCE_NAMES.get(s, s), tuple(devices.get(s, ())), n, c, m or "", a, b)
        for s, n, c, a, b, m in queries.source_counts(session, user_id)
    ]
    return sorted(found, key=lambda s: (-s.complete, -s.days, s.source))


def chosen_source(session: Session, user_id: int) -> str:
    """The source the baseline uses: the person's choice, else the most complete; '' without any night."""
    choice = queries.source_choice(session, user_id)
    found = sources(session, user_id)
    if choice is not None and any(s.source == choice.source for s in found):
        return choice.source
    return found[0].source if found and found[0].complete else ""


def by_day(rows: Iterable[DailyValueRow], source: str) -> dict[dt.date, DailyValueRow]:
    """One source's rows by date."""
    return {r.day: r for r in rows if r.source == source}
