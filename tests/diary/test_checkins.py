from __future__ import annotations

import datetime as dt

import pytest

from fibrokit.diary import CheckIn, DiaryItem, checkin_template, diary_correlation, diary_daily
from fibrokit.errors import InsufficientData

T0 = dt.datetime(2025, 3, 1, 8, 0)


def test_custom_items_and_ongoing_factors_carry_over() -> None:
    fog = DiaryItem("ear_ringing", "Ringing ears", "symptom", custom=True)
    first = checkin_template(None, add=(fog,))
    c1 = CheckIn(
        T0, {"ear_ringing": 3}, {"menstruation": 4.0}, frozenset({"menstruation"}), items=first.items
    )
    second = checkin_template(c1)
    assert fog in second.items
    assert dict(second.prefilled) == {"menstruation": 4.0}
    c2 = CheckIn(T0 + dt.timedelta(hours=10), {"pain": 5}, items=second.items)
    third = checkin_template(c2, remove=("ear_ringing",))
    assert fog in checkin_template(c2).items
    assert fog not in third.items
    assert not third.prefilled


def test_checkin_validation() -> None:
    with pytest.raises(ValueError, match="between"):
        CheckIn(T0, {"pain": 11})
    with pytest.raises(ValueError, match="symptom"):
        CheckIn(T0, {"stress": 2})
    with pytest.raises(ValueError, match="factor"):
        CheckIn(T0, factors={"pain": None})
    with pytest.raises(ValueError, match="key"):
        DiaryItem("Bad Key", "x", "symptom")


def test_many_checkins_a_day_fold_into_one_day() -> None:
    cs = (
        CheckIn(T0, {"pain": 3, "fatigue": 6}, note="slept ok"),
        CheckIn(T0 + dt.timedelta(hours=6), {"pain": 6}, {"cold": None}),
        CheckIn(T0 + dt.timedelta(hours=12), {"pain": 9}, note="  "),
        CheckIn(T0 + dt.timedelta(days=2), {"pain": 2}),
    )
    days = diary_daily(cs[::-1])
    assert [d.day for d in days] == [dt.date(2025, 3, 1), dt.date(2025, 3, 3)]
    first = days[0]
    assert first.checkins == 3
    assert first.rating("pain") == 6.0
    assert first.symptoms["pain"].count == 3
    assert first.rating("fatigue") == 6.0
    assert first.rating("mood") is None
    assert first.factors == frozenset({"cold"})
    assert first.notes == ("slept ok",)


def _diary(pattern: list[bool], pain_after: float, pain_else: float) -> tuple:  # type: ignore[type-arg]
    cs = []
    for i, exposed in enumerate(pattern):
        prev = pattern[i - 1] if i else False
        cs.append(
            CheckIn(
                T0 + dt.timedelta(days=i),
                {"pain": pain_after if prev else pain_else},
                {"over_exertion": None} if exposed else {},
            )
        )
    return diary_daily(tuple(cs))


def test_next_day_correlation_with_lag_and_caution() -> None:
    days = _diary([True, False, False, True, False, False, True, False, False, True, False], 8.0, 4.0)
    r = diary_correlation(days, "over_exertion", "pain", comparisons=12)
    assert r.days_with == 4
    assert r.days_without == 6
    assert r.difference == pytest.approx(4.0)
    assert "12 pairs" in r.caution
    assert "not a cause" in r.caution
    same_day = diary_correlation(days, "over_exertion", "pain", lag_days=0)
    assert same_day.lag_days == 0
    assert same_day.difference < 0


def test_correlation_needs_three_days_each() -> None:
    days = _diary([True, False, False, True, False, False, False], 8.0, 4.0)
    with pytest.raises(InsufficientData, match="at least 3"):
        diary_correlation(days, "over_exertion", "pain")
    with pytest.raises(ValueError, match="lag_days"):
        diary_correlation(days, "over_exertion", "pain", lag_days=30)
