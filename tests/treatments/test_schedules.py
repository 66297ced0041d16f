from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fibrokit.evidence import FACTS, source
from fibrokit.treatments import (
    LDN_SCHEDULES,
    Product,
    TrialPlan,
    dose_calendar,
    ldn_schedule,
    prescription_request,
)

START = dt.date(2025, 3, 3)
CAP_1_5, CAP_4_5 = Product(1.5, "capsule"), Product(4.5, "capsule")


def _quantities(key: str, titration: Product, maintenance: Product) -> list[tuple[float, int]]:
    request = prescription_request(TrialPlan(ldn_schedule(key), START), titration, maintenance)
    return [(line.product.strength_mg, line.quantity) for line in request.lines]


def test_weekly_steps_need_21_capsules_then_90() -> None:
    assert _quantities("weekly_1_5", CAP_1_5, CAP_4_5) == [(1.5, 21), (4.5, 90)]


def test_two_weeks_a_step_needs_42_capsules() -> None:
    assert _quantities("slow_1_5", CAP_1_5, CAP_4_5) == [(1.5, 42), (4.5, 90)]


@pytest.mark.parametrize(
    ("key", "titration", "maintenance", "expected"),
    [
        ("fixed_4_5", CAP_1_5, CAP_4_5, [(4.5, 90)]),
        # Half a 3 mg tablet for 7 days (3.5 tablets) then 3 mg for 90 days, merged into one line: 93.5 -> 94.
        ("half_3mg", Product(3, "scored_tablet"), Product(3, "scored_tablet"), [(3.0, 94)]),
        ("half_3mg_2wk", Product(3, "scored_tablet"), Product(3, "scored_tablet"), [(3.0, 97)]),
        # 3.5 + 7 tablets of titration, then 1.5 tablets x 90 = 135: 145.5 -> 146.
        ("half_3mg_to_4_5", Product(3, "scored_tablet"), Product(3, "scored_tablet"), [(3.0, 146)]),
        # 1, 1.5, ..., 4 mg a week each from 0.5 mg quarters of 2 mg quad tablets: (2+3+...+8)/4*7 = 61.25 -> 62.
        ("rise_0_5", Product(2, "quad_tablet"), Product(4.5, "capsule"), [(2.0, 62), (4.5, 90)]),
        # 1.5, 3, 4.5 mg a week each from 1.5 mg capsules: 7 x (1+2+3) = 42, then 6 mg x 90.
        ("final_6mg", CAP_1_5, Product(6, "capsule"), [(1.5, 42), (6.0, 90)]),
        ("weekly_1_5", Product(1.5, "capsule"), Product(1.5, "capsule"), [(1.5, 291)]),
    ],
)
def test_quantities_for_every_schedule(
    key: str, titration: Product, maintenance: Product, expected: list
) -> None:  # type: ignore[type-arg]
    assert _quantities(key, titration, maintenance) == expected


def test_every_schedule_is_tested_and_cited() -> None:
    for schedule in LDN_SCHEDULES.values():
        assert schedule.evidence
        for key in schedule.evidence:
            assert any(str(year) in source(FACTS[key].source).citation for year in range(1950, 2030))


def test_supply_days_and_impossible_products() -> None:
    plan = TrialPlan(ldn_schedule("weekly_1_5"), START)
    assert prescription_request(plan, CAP_1_5, CAP_4_5, supply_days=30).lines[1].quantity == 30
    with pytest.raises(ValueError, match=r"1\.5 mg"):
        prescription_request(plan, CAP_4_5, CAP_4_5)
    with pytest.raises(ValueError, match="supply_days"):
        prescription_request(plan, CAP_1_5, CAP_4_5, supply_days=0)


def test_request_text_is_a_request_not_a_prescription() -> None:
    text = prescription_request(TrialPlan(ldn_schedule("weekly_1_5"), START), CAP_1_5, CAP_4_5).text
    assert "not a prescription" in text
    assert "1 capsule of 1.5 mg (1.5 mg) at bedtime for 7 days" in text


def test_calendar_follows_the_schedule() -> None:
    days = dose_calendar(TrialPlan(ldn_schedule("final_6mg"), START), CAP_1_5)
    assert [d.mg for d in days[::7][:5]] == [1.5, 3.0, 4.5, 6.0, 6.0]
    assert days[21].units == 4.0
    assert days[-1].week == 12
    assert ldn_schedule("final_6mg").caveat
    with pytest.raises(ValueError, match="key"):
        ldn_schedule("ultra_low")


def test_schedule_shape_validated() -> None:
    schedule = ldn_schedule("weekly_1_5")
    with pytest.raises(ValueError, match="open-ended"):
        dataclasses.replace(schedule, steps=schedule.steps[:-1])
