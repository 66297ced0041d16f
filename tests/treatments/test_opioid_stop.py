from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from fibrokit.diary import CheckIn, diary_daily
from fibrokit.treatments import (
    ClinicianConfirmation,
    OpioidUse,
    Product,
    TrialPlan,
    TrialStopped,
    dose_calendar,
    ldn_price_table,
    ldn_schedule,
    prescription_request,
    side_effect_questions,
    trial_cost,
    trial_evaluation,
    trial_guard,
)

START = dt.date(2025, 3, 3)
BASE = TrialPlan(ldn_schedule("weekly_1_5"), START)
STOPPED = dataclasses.replace(
    BASE, opioid_use=(OpioidUse(dt.date(2025, 3, 10), "codeine after dental work"),)
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
