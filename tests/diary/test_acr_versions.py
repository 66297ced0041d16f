"""The three ACR versions are one judgement (fibrokit.diary.acr_body.judge) with what sets each apart."""

from __future__ import annotations

import pytest

from fibrokit.diary import AcrSymptoms, PainArea, SomaticSymptoms, acr_2010, acr_2011, acr_2016
from fibrokit.diary.acr_body import AcrVersion, judge

SEVEN = frozenset(list(PainArea)[:7])
EVERY = frozenset(PainArea)
NONE = SomaticSymptoms(False, False, False)


def test_only_the_versions_that_exclude_other_disorders_ask_about_them() -> None:
    plain = AcrVersion("plain", "acr.2010.rule_mid")
    excluding = AcrVersion("excluding", "acr.2010.rule_mid", excludes_other_disorders=True)
    assert judge(plain, SEVEN, 5, symptoms_three_months=True, other_disorder_explains_pain=True).meets
    assert not judge(excluding, SEVEN, 5, symptoms_three_months=True, other_disorder_explains_pain=True).meets


@pytest.mark.parametrize("three_months", [True, False])
def test_every_version_asks_for_three_months(three_months: bool) -> None:
    symptoms = AcrSymptoms(2, 2, 1)
    results = (
        acr_2010(EVERY, symptoms, 0, symptoms_three_months=three_months, other_disorder_explains_pain=False),
        acr_2011(
            EVERY, symptoms, NONE, symptoms_three_months=three_months, other_disorder_explains_pain=False
        ),
        acr_2016(EVERY, symptoms, NONE, symptoms_three_months=three_months),
    )
    assert [r.meets for r in results] == [three_months] * 3
    assert all("3 months" in r.conditions[-2 if r.version != "ACR 2016" else -1][0] for r in results)


def test_each_version_keeps_what_is_its_own() -> None:
    symptoms = AcrSymptoms(2, 2, 1)
    r2010 = acr_2010(SEVEN, symptoms, 0, symptoms_three_months=True, other_disorder_explains_pain=False)
    r2011 = acr_2011(SEVEN, symptoms, NONE, symptoms_three_months=True, other_disorder_explains_pain=False)
    r2016 = acr_2016(SEVEN, symptoms, NONE, symptoms_three_months=True)
    assert (r2010.fs_at_least_13, r2011.fs_at_least_13, r2016.fs_at_least_13) == (None, False, None)
    assert "acr.2016.min_regions" in r2016.evidence
    assert "acr.2016.min_regions" not in r2010.evidence
    assert r2016.conditions[0][0].startswith("generalised pain")
    assert (
        r2010.conditions[-1][0] == r2011.conditions[-1][0] == "no other disorder that would explain the pain"
    )
    assert "not a diagnosis" in r2010.statement
    assert "surveys" in r2011.statement
    assert "2016" in r2016.statement
