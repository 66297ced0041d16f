from __future__ import annotations

import datetime as dt

import pytest

from fibrokit.treatments import (
    PriceEntry,
    PriceTable,
    SideEffectReport,
    TrialPlan,
    ldn_price_table,
    ldn_schedule,
    side_effect_questions,
    trial_cost,
)

START = dt.date(2025, 3, 3)
TODAY = dt.date(2025, 7, 1)


def test_seeded_prices_and_shipping_restrictions() -> None:
    plan = TrialPlan(ldn_schedule("weekly_1_5"), START)
    ca = trial_cost(plan, ldn_price_table(), "ca", TODAY)
    assert {q.pharmacy for q in ca.quotes} == {
        "Care First Specialty Pharmacy",
        "Avrio Pharmacy",
        "Local compounding pharmacy",
    }
    totals = [q.total_usd for q in ca.quotes]
    assert totals == sorted(totals)
    # Care First: 3 mg scored tablets make 1.5 (half), 3 and 4.5 mg (one and a half): 3.5 + 7 + 135 = 145.5 -> 2 x 90.
    care = next(q for q in ca.quotes if q.pharmacy.startswith("Care First"))
    assert care.total_usd == pytest.approx(min(2 * 46.95, 67.50 + 46.95) + 3.95)
    assert care.evidence
    local = next(q for q in ca.quotes if q.pharmacy.startswith("Local"))
    assert local.total_usd == pytest.approx(14 + 90)
    nj = trial_cost(plan, ldn_price_table(), "NJ", TODAY)
    assert ("Avrio Pharmacy", "does not ship to NJ") in nj.unavailable
    assert ca.days_covered == 104


def test_age_of_prices_is_stated() -> None:
    plan = TrialPlan(ldn_schedule("fixed_4_5"), START)
    comparison = trial_cost(plan, ldn_price_table(), "CA", TODAY)
    assert 'published in 2023 in the AFSA article "Giving LDN Your Best Shot"' in comparison.age_text
    assert "between 18 and 30 months before 2025-07-01" in comparison.age_text
    assert comparison.source == "afsa_ldn_article"


@pytest.mark.parametrize("code", ["XX", "GU", "Texas", "", "N1"])
def test_an_unknown_state_code_gets_one_sentence(code: str) -> None:
    plan = TrialPlan(ldn_schedule("fixed_4_5"), START)
    with pytest.raises(ValueError, match="50 US states, DC or VI") as caught:
        trial_cost(plan, ldn_price_table(), code, TODAY)
    assert str(caught.value).count(". ") == 0
    assert str(caught.value).endswith(".")


def test_shipping_as_the_article_states_it() -> None:
    plan = TrialPlan(ldn_schedule("fixed_4_5"), START)
    vi = trial_cost(plan, ldn_price_table(), "vi", TODAY)
    assert "Care First Specialty Pharmacy" in {q.pharmacy for q in vi.quotes}
    assert vi.unavailable == (
        ("Avrio Pharmacy", "shipping to VI is not stated by the source; ask the pharmacy"),
    )
    dc = trial_cost(plan, ldn_price_table(), "DC", TODAY)
    assert {name for name, _ in dc.unavailable} == {"Care First Specialty Pharmacy", "Avrio Pharmacy"}
    for state in ("AL", "AR", "IA", "LA", "MD", "MS", "NJ", "ND", "OK", "TN", "VT", "WV"):
        assert ("Avrio Pharmacy", f"does not ship to {state}") in trial_cost(
            plan, ldn_price_table(), state, TODAY
        ).unavailable
    assert {q.pharmacy for q in trial_cost(plan, ldn_price_table(), "AZ", TODAY).quotes} >= {
        "Avrio Pharmacy",
        "Care First Specialty Pharmacy",
    }


def test_an_edited_table_is_used_as_given() -> None:
    table = PriceTable(
        (PriceEntry("Corner pharmacy", "capsule", (4.5, 4.5), 30, 25.0, 0.0),),
        dt.date(2025, 6, 1),
        "day",
        "quote by phone",
    )
    plan = TrialPlan(ldn_schedule("fixed_4_5"), START)
    comparison = trial_cost(plan, table, "TX", TODAY)
    assert comparison.quotes[0].total_usd == 75.0
    assert "about 1 months" in comparison.age_text
    unsupplied = trial_cost(TrialPlan(ldn_schedule("weekly_1_5"), START), table, "TX", TODAY)
    assert unsupplied.unavailable[0][0] == "Corner pharmacy"
    with pytest.raises(ValueError, match="state"):
        trial_cost(plan, table, "Texas", TODAY)


def test_side_effects_become_questions() -> None:
    plan = TrialPlan(ldn_schedule("weekly_1_5"), START)
    day = dt.date(2025, 3, 4)
    reports = (
        SideEffectReport(day, "vivid_dreams"),
        *(SideEffectReport(day + dt.timedelta(days=d), "headache") for d in (0, 3, 7)),
        SideEffectReport(day, "nausea"),
        SideEffectReport(day + dt.timedelta(days=1), "dizziness", "severe"),
    )
    questions = side_effect_questions(plan, reports)
    topics = [q.topic for q in questions]
    assert topics[0] == "dizziness"
    assert questions[0].urgent
    assert "morning" in next(q.question for q in questions if q.topic == "vivid_dreams")
    # The headache's last report is in week 2, on 3 mg: no "drop to 3 mg" there.
    headache = next(q.question for q in questions if q.topic == "headache")
    assert "on 3 mg" in headache
    assert "drop to" not in headache
    assert "nausea" not in topics  # one report is not persistent
    for q in questions:
        assert q.question.endswith("?")


def test_persistent_anxiety_on_4_5_mg_asks_about_3_mg() -> None:
    plan = TrialPlan(ldn_schedule("fixed_4_5"), START)
    reports = tuple(SideEffectReport(START + dt.timedelta(days=d), "anxiety") for d in (1, 4, 8))
    (question,) = side_effect_questions(plan, reports)
    assert question.topic == "anxiety"
    assert not question.urgent
    assert "Could I drop to 3 mg" in question.question
    assert "ldn.side_effects.drop_to_mg" in question.sources


def test_short_headache_is_not_persistent() -> None:
    plan = TrialPlan(ldn_schedule("weekly_1_5"), START)
    reports = tuple(SideEffectReport(dt.date(2025, 3, 4 + d), "headache") for d in range(3))
    assert side_effect_questions(plan, reports) == ()
