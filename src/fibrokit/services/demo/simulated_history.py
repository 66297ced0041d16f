"""A simulated history for one person: daily morning readings, walks and autonomic tests, stored as imports are.

Used by ``fibrokit serve --demo`` (a couple of months, in seconds) and by the app benchmark (a year). Each
recording comes from the simulator and goes through the same analysis and storage as an uploaded file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from fibrokit.records import Recording
from fibrokit.services.demo.queries import Session, sessionmaker
from fibrokit.services.recordings.actions import save_recording
from fibrokit.services.recordings.after_store import after_recording_stored
from fibrokit.services.recordings.analysis import analyse
from fibrokit.simulate import (
    Profile,
    fibromyalgia_like,
    simulate_deep_breathing,
    simulate_exercise_test,
    simulate_rest,
    simulate_stand,
    simulate_valsalva,
    simulate_walk,
)
from fibrokit.store.db import transaction

_TESTS = ("exercise-test", "active-stand", "deep-breathing", "valsalva")


@dataclass(frozen=True)
class Plan:
    """How much history to simulate."""

    days: int = 60
    walk_every: int = 2
    walk_s: float = 1800.0
    tests: int = 4
    reading_s: float = 300.0
    seed: int = 7


def _day_profile(base: Profile, rng: np.random.Generator) -> Profile:
    # Day-to-day variation of vagal and sympathetic tone (a good night, a flare), so trends have something to show.
    swing = float(rng.normal(0.0, 0.06))
    return dataclasses.replace(
        base,
        vagal_rest=float(np.clip(base.vagal_rest * (1 + swing), 0.2, 1.5)),
        sympathetic_rest=float(np.clip(base.sympathetic_rest * (1 - swing), 0.05, 1.0)),
    )


def simulated_history(
    plan: Plan, *, end: dt.date, profile: Profile | None = None
) -> Iterator[tuple[Recording, str]]:
    """Yield ``(recording, kind)`` day by day, oldest first, each with a wall-clock start."""
    base = profile or fibromyalgia_like()
    rng = np.random.default_rng(plan.seed)
    first = end - dt.timedelta(days=plan.days - 1)
    test_days = (
        {round(i * (plan.days - 1) / max(plan.tests - 1, 1)) for i in range(plan.tests)}
        if plan.tests
        else set()
    )
    for index in range(plan.days):
        day = first + dt.timedelta(days=index)
        person = _day_profile(base, rng)
        seed = plan.seed * 100_000 + index
        at = dt.datetime.combine(day, dt.time(7, 0), tzinfo=dt.UTC)
        yield (
            _dated(simulate_rest(person, duration_s=plan.reading_s, seed=seed).recording, at, "morning"),
            "morning-reading",
        )
        if plan.walk_every and index % plan.walk_every == 0:
            walk = simulate_walk(person, before_s=120.0, walk_s=plan.walk_s, after_s=180.0, seed=seed + 1)
            yield _dated(walk.recording, at.replace(hour=15), "walk"), "activity"
        if index in test_days:
            kind = _TESTS[sorted(test_days).index(index) % len(_TESTS)]
            yield _dated(_test(kind, person, seed + 2), at.replace(hour=11), kind), kind


def _test(kind: str, person: Profile, seed: int) -> Recording:
    if kind == "exercise-test":
        return simulate_exercise_test(person, cool_down="active", seed=seed).recording
    if kind == "active-stand":
        return simulate_stand(person, seed=seed).recording
    if kind == "deep-breathing":
        return simulate_deep_breathing(person, seed=seed).recording
    return simulate_valsalva(person, seed=seed).recording


def _dated(recording: Recording, start: dt.datetime, label: str) -> Recording:
    name = f"simulated-{label}-{start:%Y-%m-%d}.csv"
    return dataclasses.replace(recording, start=start, source_name=name, device="fibrokit simulator")


def store_history(
    factory: sessionmaker[Session],
    user_id: int,
    plan: Plan,
    *,
    end: dt.date,
    age: float | None = None,
    batch: int = 25,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Simulate and store a history for ``user_id``, ``batch`` recordings per transaction; returns the count."""
    count = 0
    pending: list[tuple[Recording, str]] = []
    for item in simulated_history(plan, end=end):
        pending.append(item)
        if len(pending) == batch:
            count += _store(factory, user_id, pending, age)
            pending = []
            if progress is not None:
                progress(count)
    count += _store(factory, user_id, pending, age)
    return count


def _store(
    factory: sessionmaker[Session], user_id: int, items: list[tuple[Recording, str]], age: float | None
) -> int:
    with transaction(factory) as session:
        for recording, kind in items:
            row = save_recording(session, user_id, recording, analyse(recording, kind_hint=kind, age=age))
            after_recording_stored(session, row)
    return len(items)
