"""Any treatment gets the same honest trial: own schedule, same baseline, same evaluation, no LDN advice."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from fibrokit.diary import DailySummary, SymptomDay
from fibrokit.treatments import (
    DoseStep,
    OpioidUse,
    SideEffectReport,
    TrialPlan,
    dose_calendar,
    own_schedule,
    side_effect_questions,
    trial_evaluation,
    trial_expectations,
    trial_guard,
    trial_verdict,
)

FIRST = dt.date(2025, 3, 1)
MAGNESIUM = own_schedule("magnesium glycinate", (DoseStep(150, 7), DoseStep(300)))


def test_an_own_schedule_is_labelled_and_stepped() -> None:
    assert MAGNESIUM.kind == "own schedule"
    assert MAGNESIUM.evidence == ()
    assert not MAGNESIUM.is_ldn
    plan = TrialPlan(MAGNESIUM, FIRST, outcomes=("pain",))
    assert plan.final_week() == 13  # a week of titration, then 12 weeks at 300 mg
    days = dose_calendar(plan)
    assert (days[0].mg, days[7].mg, len(days)) == (150, 300, 7 + 84)
    sessions = own_schedule("warm-water exercise", (DoseStep(3),), "sessions")
    assert sessions.name == "warm-water exercise: 3 sessions"


@pytest.mark.parametrize(
    ("treatment", "unit", "message"),
    [
        ("low dose naltrexone", "mg", "own planner"),
        ("LDN", "mg", "own planner"),
        ("", "mg", "name the treatment"),
        ("magnesium", "spoons", "unit"),
    ],
)
def test_naltrexone_and_nonsense_are_refused(treatment: str, unit: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        own_schedule(treatment, (DoseStep(300),), unit)


def test_the_opioid_rules_are_naltrexones_only() -> None:
    plan = TrialPlan(MAGNESIUM, FIRST, opioid_use=(OpioidUse(FIRST, "tramadol", "around_the_clock"),))
    trial_guard(plan)  # no stop
    assert side_effect_questions(plan, ()) == ()


def test_side_effects_become_open_questions_without_ldn_advice() -> None:
    plan = TrialPlan(MAGNESIUM, FIRST)
    reports = tuple(
        SideEffectReport(FIRST + dt.timedelta(days=d), "other", note="loose stools") for d in (1, 4, 8)
    )
    (question,) = side_effect_questions(plan, (*reports, SideEffectReport(FIRST, "vivid_dreams")))
    assert "since starting magnesium glycinate" in question.question
    assert "3 mg" not in question.question
    assert "morning" not in question.question


def test_the_same_evaluation_and_a_verdict_without_ldn_trials() -> None:
    plan = TrialPlan(MAGNESIUM, FIRST, outcomes=("pain",))
    pain = np.concatenate([np.tile([6.0, 7.0], 14), np.tile([3.0, 4.0], 7 * 13 // 2 + 1)])
    start = FIRST - dt.timedelta(days=28)
    diary = tuple(
        DailySummary(start + dt.timedelta(days=i), 1, {"pain": SymptomDay(v, v, v, 1)})
        for i, v in enumerate(pain.tolist())
    )
    early = trial_verdict(trial_evaluation(plan, diary, FIRST + dt.timedelta(days=83), replicates=200))
    assert not early.judged
    assert "McKenzie-Brown" not in early.text
    verdict = trial_verdict(trial_evaluation(plan, diary, FIRST + dt.timedelta(days=90), replicates=200))
    assert verdict.judged
    assert "In week 13" in verdict.text
    assert "no trial results for magnesium glycinate" in verdict.text
    assert "regression to the mean" in verdict.text
    assert "FINAL" not in verdict.text
    assert "Younger" not in verdict.text
    texts = " ".join(e.text for e in trial_expectations(MAGNESIUM))
    assert "no trial results for magnesium glycinate" in texts
    assert "week 13" in texts
