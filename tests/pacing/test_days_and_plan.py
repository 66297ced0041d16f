"""Activity review, budget, weekly view, flare link and the progression plan."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from tests.pacing.traces import beats_from_hr, over_exertion

from fibrokit.errors import InsufficientData
from fibrokit.pacing import (
    DayLoads,
    DaySymptoms,
    WeekOutcome,
    pace_budget,
    pace_flare_link,
    pace_plan,
    pace_review,
    pace_thresholds,
    pace_week,
)
from fibrokit.records import BeatSeries

LINES = pace_thresholds(70, threshold_bpm=85, ceiling_bpm=100)
DAYS = [dt.date(2025, 1, 6) + dt.timedelta(days=d) for d in range(42)]


def test_review_of_an_over_exertion() -> None:
    hr = over_exertion(
        rest_bpm=70, peak_bpm=130, rest_s=60, ramp_s=30, hold_s=120, recover_s=180, recovery_tau_s=30
    )
    review = pace_review(beats_from_hr(hr, seed=8), LINES, hrmax_bpm=180, resting_hr_bpm=70, sex="f")
    assert review.peak_hr_bpm == pytest.approx(130, abs=2)
    assert review.over_ceiling_s == pytest.approx(15 + 120 + 30 * math.log(2), abs=3)
    assert review.recovery_60s_bpm == pytest.approx(60 * (1 - math.exp(-2)), abs=3)
    assert review.back_below_threshold_s == pytest.approx(30 * math.log(60 / 15), abs=3)
    assert review.points > 0
    assert review.trimp > 0
    assert sum(review.seconds_in.values()) == pytest.approx(review.duration_s)
    assert any("over the ceiling" in line for line in review.summary)


def test_review_needs_beats() -> None:
    with pytest.raises(InsufficientData):
        pace_review(BeatSeries.from_rr([800.0] * 5), LINES)


def _history(flare_after_heavy: bool) -> tuple[DayLoads, DaySymptoms]:
    rng = np.random.default_rng(1)
    load = rng.uniform(20, 60, len(DAYS))
    heavy = np.arange(len(DAYS)) % 6 == 2
    load[heavy] = 110.0
    symptoms = np.full(len(DAYS), 4.0) + rng.integers(0, 2, len(DAYS))
    if flare_after_heavy:
        symptoms[np.flatnonzero(heavy) + 1] = 8.0
    return DayLoads(DAYS[:-1], load[:-1]), DaySymptoms(DAYS, symptoms)


def test_budget_learns_from_good_days_and_stays_below_flare_days() -> None:
    loads, symptoms = _history(flare_after_heavy=True)
    budget = pace_budget(loads, symptoms)
    assert budget.points is not None
    assert budget.points < 110
    assert budget.flare_days == 7
    assert budget.good_days == 34
    assert "good days" in budget.explanation
    no_diary = pace_budget(loads)
    assert no_diary.points is not None
    assert "no diary" in no_diary.explanation
    few = pace_budget(DayLoads(DAYS[:5], [10.0] * 5))
    assert few.points is None
    assert "Too few days" in few.explanation


def test_budget_drops_below_loads_that_went_badly() -> None:
    loads = DayLoads(DAYS[:20], [50.0] * 17 + [40.0, 40.0, 40.0])
    flare = np.zeros(21, dtype=bool)
    flare[18:21] = True  # the three 40-point days were each followed by a flare
    budget = pace_budget(loads, DaySymptoms(DAYS[:21], np.full(21, 4.0), flare=flare))
    assert budget.points == pytest.approx(36.0)
    assert "followed by a flare" in budget.explanation


def test_weekly_view_groups_monday_to_sunday() -> None:
    weeks = pace_week(DayLoads(DAYS[:14], [10.0] * 13 + [90.0]), budget_points=50)
    assert [w.monday.weekday() for w in weeks] == [0, 0]
    assert [w.total for w in weeks] == [70.0, 150.0]
    assert [w.days_over_budget for w in weeks] == [0, 1]


def test_flare_link_finds_the_pattern_and_says_when_it_cannot() -> None:
    loads, symptoms = _history(flare_after_heavy=True)
    link = pace_flare_link(loads, symptoms, budget_points=100)
    assert link.enough
    assert (link.flares_after_heavy, link.heavy_days) == (7, 7)
    assert link.flares_after_other == 0
    assert "not what caused what" in link.statement
    unrelated = pace_flare_link(*_history(flare_after_heavy=False), budget_points=100)
    assert unrelated.flares_after_heavy == 0
    short = pace_flare_link(DayLoads(DAYS[:8], [10.0] * 8), DaySymptoms(DAYS[:9], [3.0] * 9))
    assert not short.enough
    assert short.statement.startswith("Too few days to tell")


def test_plan_grows_slowly_holds_and_steps_back() -> None:
    plan = pace_plan(
        "warm_water",
        12,
        weeks=8,
        history=[WeekOutcome(), WeekOutcome(low_readiness_days=3), WeekOutcome(flare_days=2), WeekOutcome()],
    )
    assert [w.action for w in plan.weeks[:5]] == ["start", "grow", "hold", "step back", "grow"]
    assert [w.minutes for w in plan.weeks[:5]] == [12, 13, 13, 11, 12]
    assert len(plan.weeks) == 8
    assert plan.weeks[-1].minutes <= round(12 * 1.1**7)
    text = "\n".join(plan.lines())
    assert "warm pool" in text
    assert "discuss with your clinician or physiotherapist" in text
    assert "warm water" not in text.replace("warm pool", "")  # no warmth tip for the warm-pool plan itself


def test_a_land_plan_suggests_warmth_beforehand_as_the_articles_advice_not_a_result() -> None:
    text = "\n".join(pace_plan("walking", 15, weeks=8).lines())
    assert "hot shower or bath just before" in text
    assert "not a trial result" in text
    assert "warm water or heat before exercise" in text


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"weeks": 20}, "weeks"), ({"start_minutes": 0}, "positive"), ({"activity": "running"}, "activity")],
)
def test_plan_refuses_bad_input(kwargs: dict[str, object], match: str) -> None:
    args: dict[str, object] = {"activity": "walking", "start_minutes": 10} | kwargs
    with pytest.raises(ValueError, match=match):
        pace_plan(**args)  # type: ignore[arg-type]
