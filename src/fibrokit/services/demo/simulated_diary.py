"""A simulated symptom diary for the demo account and the app benchmark, stored as check-ins are.

Each symptom wanders from day to day (an AR(1) series around a person's usual level, so bad days come in runs
as they do in real diaries), each day has one to three check-ins a little apart, and triggers turn up now and
then. The check-ins go through :func:`fibrokit.services.diary.actions.save_checkin`, so days are folded by the core
exactly as for a person. These are made-up data for trying the app, not a model of fibromyalgia.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from fibrokit.diary import DEFAULT_FACTORS, DEFAULT_SYMPTOMS
from fibrokit.services.demo.queries import Session, sessionmaker
from fibrokit.services.diary.actions import save_checkin
from fibrokit.store.db import transaction

_HOURS = (8, 14, 21)


@dataclass(frozen=True)
class DiaryPlan:
    """How much diary to simulate: days, check-ins a day (at most three), usual level and day-to-day drift."""

    days: int = 60
    most_per_day: int = 3
    level: float = 5.5
    day_to_day: float = 0.6
    spread: float = 1.2
    seed: int = 11


def simulated_checkins(
    plan: DiaryPlan, *, end: dt.date
) -> list[tuple[dt.datetime, dict[str, str], list[str]]]:
    """``(time, ratings, factors)`` of each simulated check-in, oldest first."""
    rng = np.random.default_rng(plan.seed)
    keys = [item.key for item in DEFAULT_SYMPTOMS]
    factors = [item.key for item in DEFAULT_FACTORS]
    state = np.zeros(len(keys))
    first = end - dt.timedelta(days=plan.days - 1)
    out = []
    for index in range(plan.days):
        state = plan.day_to_day * state + rng.normal(0.0, plan.spread, len(keys))
        count = int(rng.integers(1, plan.most_per_day + 1))
        for hour in sorted(rng.choice(_HOURS, size=min(count, len(_HOURS)), replace=False)):
            values = np.clip(np.rint(plan.level + state + rng.normal(0.0, 0.7, len(keys))), 0, 10)
            present = [key for key in factors if rng.random() < 0.12]
            at = dt.datetime.combine(
                first + dt.timedelta(days=index), dt.time(int(hour), int(rng.integers(0, 60)))
            )
            out.append((at, {k: str(int(v)) for k, v in zip(keys, values, strict=True)}, present))
    return out


def store_diary(factory: sessionmaker[Session], user_id: int, plan: DiaryPlan, *, end: dt.date) -> int:
    """Simulate and store a diary for ``user_id``, a few weeks per transaction; returns the check-ins stored."""
    checkins = simulated_checkins(plan, end=end)
    for start in range(0, len(checkins), 100):
        with transaction(factory) as session:
            for at, ratings, present in checkins[start : start + 100]:
                save_checkin(
                    session, user_id, at, ratings, present, now=dt.datetime.combine(end, dt.time(23, 59))
                )
    return len(checkins)
