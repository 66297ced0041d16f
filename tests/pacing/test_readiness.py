"""Morning readiness on simulated mornings with known disturbances: hits, false flags, named factors."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from fibrokit.pacing import DaySymptoms, Mornings, pace_morning, pace_readiness
from fibrokit.records import BeatSeries
from fibrokit.simulate import fibromyalgia_like, simulate_rest

START = dt.date(2025, 3, 1)
DISTURBED = (10, 14, 19, 23, 28, 33, 38, 44, 49, 53, 57)


def _sixty_mornings() -> tuple[list[dt.date], list[float], list[float]]:
    """60 simulated 3-minute mornings: day-to-day variation, and a bad night on the DISTURBED days."""
    rng = np.random.default_rng(11)
    person = fibromyalgia_like()
    dates, ln, hr = [], [], []
    for day in range(60):
        vagal = person.vagal_rest * rng.lognormal(0.0, 0.06)
        sympathetic = person.sympathetic_rest * rng.lognormal(0.0, 0.06)
        if day in DISTURBED:  # a bad night: vagal drive down a quarter, sympathetic drive up a quarter
            vagal, sympathetic = 0.75 * vagal, 1.25 * sympathetic
        profile = person.replace(vagal_rest=vagal, sympathetic_rest=sympathetic)
        beats = simulate_rest(profile, duration_s=180.0, seed=100 + day).recording.beats
        assert beats is not None
        reading = pace_morning(beats)
        dates.append(START + dt.timedelta(days=day))
        ln.append(reading.ln_rmssd)
        hr.append(reading.resting_hr_bpm)
    return dates, ln, hr


@pytest.fixture(scope="module")
def sixty() -> tuple[list[dt.date], list[float], list[float]]:
    return _sixty_mornings()


def test_disturbed_mornings_are_flagged_and_the_others_are_not(sixty) -> None:  # type: ignore[no-untyped-def]
    dates, ln, hr = sixty
    readiness = pace_readiness(Mornings(dates, ln, hr))
    judged = [d for d in readiness.days if d.level != "building baseline"]
    disturbed = {dates[i] for i in DISTURBED}
    hits = sum(1 for d in judged if d.date in disturbed and d.flags)
    false = sum(1 for d in judged if d.date not in disturbed and d.flags)
    undisturbed = sum(1 for d in judged if d.date not in disturbed)
    assert len(judged) == 53
    assert all(dates[i] in {d.date for d in judged} for i in DISTURBED)
    assert hits / len(DISTURBED) >= 0.9, (hits, len(DISTURBED))
    assert false / undisturbed <= 0.05, (false, undisturbed)
    for day in judged:
        if day.flags:
            assert any(f.factor in ("resting HR", "ln RMSSD") for f in day.flags)
            assert all(f.factor in day.explanation for f in day.flags)


def test_the_first_week_builds_the_baseline(sixty) -> None:  # type: ignore[no-untyped-def]
    dates, ln, hr = sixty
    days = pace_readiness(Mornings(dates, ln, hr)).days
    assert [d.level for d in days[:7]] == ["building baseline"] * 7
    assert days[7].level != "building baseline"


def test_a_swing_upwards_is_flagged_too() -> None:
    dates = [START + dt.timedelta(days=d) for d in range(15)]
    ln = 3.2 + 0.05 * np.sin(np.arange(15.0))
    ln[12] = 4.2
    flags = pace_readiness(Mornings(dates, ln, np.full(15, 64.0))).days[12].flags
    assert [(f.factor, f.z > 0) for f in flags] == [("ln RMSSD", True)]
    assert "above your usual range" in flags[0].sentence


def test_diary_symptoms_and_sleep_join_the_factors() -> None:
    dates = [START + dt.timedelta(days=d) for d in range(20)]
    ln = 3.2 + 0.05 * np.sin(np.arange(20.0))
    hr = 64 + np.cos(np.arange(20.0))
    symptoms = np.full(20, 4.0)
    sleep = np.full(20, 7.0)
    symptoms[14] = 9.0  # a bad day yesterday for the morning of day 15
    sleep[17] = 2.0
    readiness = pace_readiness(Mornings(dates, ln, hr), DaySymptoms(dates, symptoms, sleep))
    assert [f.factor for f in readiness.days[15].flags] == ["yesterday's symptoms"]
    assert [f.factor for f in readiness.days[17].flags] == ["last night's sleep"]
    assert readiness.days[15].level == "watch"
    assert "does not diagnose" in readiness.caution


def test_a_poor_reading_asks_to_be_repeated_and_is_not_used_as_baseline() -> None:
    rr = np.full(240, 900.0) + np.tile([15.0, -15.0], 120)
    rr[::10] = 450.0  # many extra beats: a loose strap
    reading = pace_morning(BeatSeries.from_rr(rr))
    assert not reading.ok
    assert "clean" in reading.problems[0]
    dates = [START + dt.timedelta(days=d) for d in range(10)]
    ok = np.ones(10, dtype=bool)
    ok[9] = False
    day = pace_readiness(Mornings(dates, np.full(10, 3.3), np.full(10, 62.0), ok)).days[9]
    assert day.level == "repeat reading"
    assert "repeat" in day.explanation
    short = pace_morning(BeatSeries.from_rr(np.full(40, 900.0)))
    assert not short.ok
    assert "at least 60 s" in short.problems[0]


def test_judging_from_a_day_on_gives_the_same_verdicts_as_judging_all(sixty) -> None:  # type: ignore[no-untyped-def]
    dates, ln, hr = sixty
    rng = np.random.default_rng(3)
    diary = DaySymptoms(dates, rng.uniform(2, 8, 60), rng.uniform(2, 8, 60))
    every = pace_readiness(Mornings(dates, ln, hr), diary).days
    since = dates[40]
    assert pace_readiness(Mornings(dates, ln, hr), diary, since=since).days == tuple(
        day for day in every if day.date >= since
    )
    assert any(day.flags for day in every if day.date >= since)


@pytest.mark.parametrize("size", [1, 2, 7, 8, 59, 60])
def test_the_baseline_median_is_numpys(size: int) -> None:
    from fibrokit.pacing.pace_readiness import _middle

    values = np.random.default_rng(size).normal(3.5, 0.3, size)
    assert _middle(values) == float(np.median(values))
