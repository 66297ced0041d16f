from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from fibrokit.diary import CheckIn, diary_daily
from fibrokit.treatments import (
    LDN_SCHEDULES,
    ClinicianConfirmation,
    OpioidUse,
    Product,
    TrialPlan,
    TrialStopped,
    dose_calendar,
    ldn_price_table,
    ldn_schedule,
    ldn_schedules_offered,
    prescription_request,
    side_effect_questions,
    trial_cost,
    trial_evaluation,
    trial_guard,
)

START = dt.date(2025, 3, 3)
BASE = TrialPlan(ldn_schedule("weekly_1_5"), START)
STOPPED = dataclasses.replace(
    BASE, opioid_use=(OpioidUse(dt.date(2025, 3, 10), "codeine after dental work", "intermittent"),)
)
AROUND = dataclasses.replace(
    BASE, opioid_use=(OpioidUse(dt.date(2025, 3, 10), "oxycodone every 12 hours", "around_the_clock"),)
)
NOTE = ClinicianConfirmation(
    "Dr A. Rivera",
    dt.date(2025, 3, 12),
    "I have reviewed the opioid use and will manage the naltrexone start.",
)
DIARY = diary_daily(
    tuple(CheckIn(dt.datetime(2025, 2, 1, 20) + dt.timedelta(days=i), {"pain": 5}) for i in range(60))
)

PATHS: dict[str, Callable[[TrialPlan], object]] = {
    "guard": trial_guard,
    "calendar": lambda p: dose_calendar(p),
    "prescription": lambda p: prescription_request(p, Product(1.5, "capsule"), Product(4.5, "capsule")),
    "cost": lambda p: trial_cost(p, ldn_price_table(), "CA", dt.date(2025, 3, 1)),
    "evaluation": lambda p: trial_evaluation(p, DIARY, dt.date(2025, 4, 1), replicates=100),
}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_every_public_path_refuses_without_confirmation(path: str) -> None:
    PATHS[path](BASE)
    with pytest.raises(TrialStopped, match="clinician"):
        PATHS[path](STOPPED)


@pytest.mark.parametrize("path", sorted(PATHS))
def test_explicit_confirmation_lets_the_trial_go_on(path: str) -> None:
    note = ClinicianConfirmation(
        "Dr A. Rivera", dt.date(2025, 3, 12), "Codeine stopped on 11 March; start LDN as planned."
    )
    PATHS[path](dataclasses.replace(STOPPED, opioid_confirmation=note))


@pytest.mark.parametrize("path", sorted(PATHS))
def test_an_older_confirmation_does_not_cover_a_newer_opioid_record(path: str) -> None:
    old = ClinicianConfirmation(
        "Dr A. Rivera", dt.date(2025, 3, 1), "No opioids at present; start LDN as planned."
    )
    with pytest.raises(TrialStopped, match="older"):
        PATHS[path](dataclasses.replace(STOPPED, opioid_confirmation=old))


def test_confirmation_must_be_explicit() -> None:
    with pytest.raises(ValueError, match="statement"):
        ClinicianConfirmation("Dr A. Rivera", START, "ok")
    with pytest.raises(ValueError, match="clinician"):
        ClinicianConfirmation(" ", START, "Codeine stopped on 11 March; start LDN as planned.")


def test_opioid_question_comes_first_and_suggests_no_dose() -> None:
    questions = side_effect_questions(STOPPED, ())
    assert questions[0].topic == "opioids"
    assert questions[0].urgent
    assert "lower dose" not in questions[0].question
    assert "mg" not in questions[0].question


@pytest.mark.parametrize("pattern", ["around_the_clock", "not_said", "intermittent"])
def test_no_plan_is_offered_before_confirmation(pattern: str) -> None:
    use = (OpioidUse(dt.date(2025, 3, 10), "opioid", pattern),)  # type: ignore[arg-type]
    assert ldn_schedules_offered(use, None) == ()
    for schedule in LDN_SCHEDULES.values():
        plan = TrialPlan(schedule, START, opioid_use=use)
        for path in PATHS.values():
            with pytest.raises(TrialStopped):
                path(plan)


@pytest.mark.parametrize("pattern", ["around_the_clock", "not_said"])
def test_around_the_clock_gets_only_the_very_low_dose_start(pattern: str) -> None:
    use = (OpioidUse(dt.date(2025, 3, 10), "tramadol four times a day", pattern),)  # type: ignore[arg-type]
    offered = ldn_schedules_offered(use, NOTE)
    assert {s.key for s in offered} == {"very_low_0_5", "very_low_0_25"}
    assert all(s.first_mg <= 0.5 for s in offered)
    for schedule in LDN_SCHEDULES.values():
        plan = TrialPlan(schedule, START, opioid_use=use, opioid_confirmation=NOTE)
        if schedule.first_mg <= 0.5:
            for name, path in PATHS.items():
                if name not in ("cost", "prescription"):  # those use products made for standard doses
                    path(plan)
            assert dose_calendar(plan)[0].mg <= 0.5
            assert prescription_request(plan).lines[0].product == Product(0.5, "scored_tablet")
        else:
            for path in PATHS.values():
                with pytest.raises(TrialStopped, match="very-low-dose"):
                    path(plan)


def test_a_later_intermittent_record_does_not_lift_the_around_the_clock_limit() -> None:
    use = (
        OpioidUse(dt.date(2025, 3, 1), "morphine", "around_the_clock"),
        OpioidUse(dt.date(2025, 3, 10), "codeine", "intermittent"),
    )
    assert all(s.first_mg <= 0.5 for s in ldn_schedules_offered(use, NOTE))


def test_without_opioids_the_very_low_starts_are_not_offered() -> None:
    offered = ldn_schedules_offered((), None)
    assert offered
    assert not any(s.opioid_start for s in offered)


def test_intermittent_use_goes_ahead_with_the_two_outcomes_and_the_gut_warning() -> None:
    plan = dataclasses.replace(STOPPED, opioid_confirmation=NOTE)
    assert {s.key for s in ldn_schedules_offered(plan.opioid_use, NOTE)} >= {"weekly_1_5", "fixed_4_5"}
    question = side_effect_questions(plan, ())[0]
    assert question.topic == "opioids"
    assert not question.urgent
    for words in ("works as before", "works less well", "stomach and bowel", "first few weeks"):
        assert words in question.question
    assert "afsa_ldn_article" in question.sources
    confirmed = dataclasses.replace(AROUND, opioid_confirmation=NOTE)
    wrong = side_effect_questions(confirmed, ())[0]
    assert wrong.urgent
    assert "very-low-dose start" in wrong.question
    very_low = dataclasses.replace(confirmed, schedule=LDN_SCHEDULES["very_low_0_5"])
    around = side_effect_questions(very_low, ())[0]
    assert not around.urgent
    assert "very-low-dose" in around.question
