from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fibrokit.diary import (
    AcrSymptoms,
    FiqrAnswers,
    PainArea,
    SomaticSymptoms,
    acr_2010,
    acr_2011,
    acr_2016,
    fiqr_score,
    pgic_score,
    psd_score,
)
from fibrokit.errors import InsufficientData

A = PainArea
NO_SOMATIC = SomaticSymptoms(False, False, False)


# -- FIQR ---------------------------------------------------------------------------------------------------


def test_fiqr_domain_divisors_and_maximum() -> None:
    top = fiqr_score(FiqrAnswers((10,) * 9, (10,) * 2, (10,) * 10))
    assert (top.function, top.overall, top.symptoms, top.total) == (30.0, 20.0, 50.0, 100.0)
    zero = fiqr_score(FiqrAnswers((0,) * 9, (0,) * 2, (0,) * 10))
    assert zero.total == 0.0
    assert zero.band == "remission"


def test_fiqr_prorating_worked_example() -> None:
    # Scoring page: with x of 9 function items answered the sum is weighted by 9/x.
    answers = FiqrAnswers((4, 6, 2, 8, 5, 3, 7, 1, None), (5, 5), (5,) * 10)
    result = fiqr_score(answers)
    assert result.function == pytest.approx(36 * 9 / 8 / 3)
    assert result.prorated == ("function",)


def test_fiqr_authors_rule_rejects_two_missing_function_or_any_symptom() -> None:
    with pytest.raises(InsufficientData, match="function"):
        fiqr_score(FiqrAnswers((5,) * 7 + (None, None), (5, 5), (5,) * 10))
    with pytest.raises(InsufficientData, match="symptoms"):
        fiqr_score(FiqrAnswers((5,) * 9, (5, 5), (5,) * 9 + (None,)))


def test_fiqr_prorate_any_weights_each_domain() -> None:
    result = fiqr_score(
        FiqrAnswers((6,) * 7 + (None, None), (8, None), (4,) * 5 + (None,) * 5), missing_rule="prorate_any"
    )
    assert (result.function, result.overall, result.symptoms) == pytest.approx((18.0, 16.0, 20.0))
    assert result.missing_rule == "prorate_any"
    assert set(result.prorated) == {
        "function",
        "overall",
        "symptoms",
    }
    with pytest.raises(InsufficientData):
        fiqr_score(FiqrAnswers((None,) * 9, (5, 5), (5,) * 10), missing_rule="prorate_any")


def _spread(total: int, n: int) -> tuple[int, ...]:
    return tuple(min(10, max(0, total - 10 * i)) for i in range(n))


@pytest.mark.parametrize(
    ("total_items", "band"),
    [
        (23, "remission"),
        (24, "mild"),
        (40, "mild"),
        (41, "moderate"),
        (63, "moderate"),
        (64, "severe"),
        (82, "severe"),
        (83, "very severe"),
    ],
)
def test_fiqr_salaffi_band_edges(total_items: int, band: str) -> None:
    # Build whole totals: overall counts as is, symptoms halve, function thirds.
    overall = min(total_items, 20)
    symptoms = min(total_items - overall, 50)
    function = total_items - overall - symptoms
    answers = FiqrAnswers(_spread(3 * function, 9), _spread(overall, 2), _spread(2 * symptoms, 10))
    result = fiqr_score(answers)
    assert result.total == total_items
    assert result.band == band
    assert result.banding == "salaffi_2020"


def test_fiqr_rejects_bad_answers() -> None:
    with pytest.raises(ValueError, match="9 answers"):
        FiqrAnswers((5,) * 8, (5, 5), (5,) * 10)
    with pytest.raises(ValueError, match="between"):
        FiqrAnswers((11,) + (5,) * 8, (5, 5), (5,) * 10)


@given(st.lists(st.integers(0, 10), min_size=21, max_size=21))
def test_fiqr_total_in_range_and_monotone(values: list[int]) -> None:
    a = FiqrAnswers(tuple(values[:9]), tuple(values[9:11]), tuple(values[11:]))
    result = fiqr_score(a)
    assert 0 <= result.total <= 100
    bumped = [min(10, v + 1) for v in values]
    assert (
        fiqr_score(FiqrAnswers(tuple(bumped[:9]), tuple(bumped[9:11]), tuple(bumped[11:]))).total
        >= result.total
    )


# -- ACR criteria -------------------------------------------------------------------------------------------

FOUR_REGIONS = frozenset({A.SHOULDER_LEFT, A.SHOULDER_RIGHT, A.HIP_LEFT, A.HIP_RIGHT})


def test_2016_wpi_4_to_6_with_sss_9_meets() -> None:
    result = acr_2016(
        FOUR_REGIONS, AcrSymptoms(3, 3, 2), SomaticSymptoms(True, False, False), symptoms_three_months=True
    )
    assert (result.wpi, result.sss, result.regions, result.meets) == (4, 9, 4, True)
    assert "not a diagnosis" in result.statement
    assert result.version == "ACR 2016"


def test_2016_never_uses_the_3_to_6_arm() -> None:
    three = frozenset({A.SHOULDER_LEFT, A.HIP_LEFT, A.NECK})
    sym = AcrSymptoms(3, 3, 3)
    assert not acr_2016(three, sym, NO_SOMATIC, symptoms_three_months=True).meets
    assert acr_2010(three, sym, 0, symptoms_three_months=True, other_disorder_explains_pain=False).meets
    assert acr_2011(
        three, sym, NO_SOMATIC, symptoms_three_months=True, other_disorder_explains_pain=False
    ).meets


def test_2016_sss_8_with_wpi_6_does_not_meet() -> None:
    areas = FOUR_REGIONS | {A.NECK, A.LOWER_BACK}
    assert not acr_2016(areas, AcrSymptoms(3, 3, 2), NO_SOMATIC, symptoms_three_months=True).meets


def test_2016_generalised_pain_excludes_jaw_chest_and_belly() -> None:
    # Pain in three limb regions plus jaw, chest and belly: WPI 7, SSS 5, but only 3 regions count.
    areas = frozenset(
        {A.SHOULDER_LEFT, A.SHOULDER_RIGHT, A.HIP_LEFT, A.JAW_LEFT, A.JAW_RIGHT, A.CHEST, A.ABDOMEN}
    )
    result = acr_2016(areas, AcrSymptoms(2, 2, 1), NO_SOMATIC, symptoms_three_months=True)
    assert (result.wpi, result.sss, result.regions, result.meets) == (7, 5, 3, False)
    with_neck = acr_2016(areas | {A.NECK}, AcrSymptoms(2, 2, 1), NO_SOMATIC, symptoms_three_months=True)
    assert with_neck.regions == 4
    assert with_neck.meets


def test_2016_has_no_exclusion_but_2010_and_2011_do() -> None:
    areas = frozenset(list(A)[:8])
    sym = AcrSymptoms(2, 2, 1)
    assert not acr_2010(areas, sym, 1, symptoms_three_months=True, other_disorder_explains_pain=True).meets
    assert not acr_2011(
        areas, sym, NO_SOMATIC, symptoms_three_months=True, other_disorder_explains_pain=True
    ).meets


def test_duration_is_required_by_every_version() -> None:
    areas = frozenset(list(A)[:10])
    sym = AcrSymptoms(3, 3, 3)
    assert not acr_2010(areas, sym, 3, symptoms_three_months=False, other_disorder_explains_pain=False).meets
    assert not acr_2016(areas, sym, NO_SOMATIC, symptoms_three_months=False).meets


def test_high_arm_boundaries() -> None:
    seven = frozenset(
        {A.SHOULDER_LEFT, A.SHOULDER_RIGHT, A.HIP_LEFT, A.HIP_RIGHT, A.NECK, A.UPPER_BACK, A.LOWER_BACK}
    )
    assert acr_2016(seven, AcrSymptoms(2, 2, 1), NO_SOMATIC, symptoms_three_months=True).meets
    assert not acr_2016(seven, AcrSymptoms(2, 1, 1), NO_SOMATIC, symptoms_three_months=True).meets


def test_2011_reports_fs_13() -> None:
    r = acr_2011(
        frozenset(list(A)[:8]),
        AcrSymptoms(2, 2, 1),
        NO_SOMATIC,
        symptoms_three_months=True,
        other_disorder_explains_pain=False,
    )
    assert r.wpi + r.sss == 13
    assert r.fs_at_least_13


def test_symptom_ratings_validated() -> None:
    with pytest.raises(ValueError, match="fatigue"):
        AcrSymptoms(4, 0, 0)
    with pytest.raises(ValueError, match="somatic_burden"):
        acr_2010(
            frozenset(),
            AcrSymptoms(0, 0, 0),
            4,
            symptoms_three_months=True,
            other_disorder_explains_pain=False,
        )


def test_nineteen_areas_in_five_regions() -> None:
    assert len(A) == 19
    counts = {region: sum(1 for a in A if a.region is region) for region in {a.region for a in A}}
    assert sorted(counts.values()) == [3, 3, 4, 4, 5]


# -- PSD and PGIC -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "wolfe", "salaffi"),
    [
        (3, "none", "remission"),
        (4, "mild", "remission"),
        (6, "mild", "mild"),
        (8, "moderate", "mild"),
        (12, "severe", "mild"),
        (16, "severe", "moderate"),
        (20, "very severe", "moderate"),
        (21, "very severe", "severe"),
        (26, "very severe", "very severe"),
    ],
)
def test_psd_bandings(score: int, wolfe: str, salaffi: str) -> None:
    n_areas = min(score, 19)
    rest = score - n_areas
    sym = AcrSymptoms(min(3, rest), min(3, max(0, rest - 3)), min(3, max(0, rest - 6)))
    som = SomaticSymptoms(rest > 9, rest > 10, rest > 11)
    areas = frozenset(list(A)[:n_areas])
    assert psd_score(areas, sym, som).score == score
    assert psd_score(areas, sym, som).band == wolfe
    assert psd_score(areas, sym, som, banding="salaffi_2020").band == salaffi
    with pytest.raises(ValueError, match="banding"):
        psd_score(areas, sym, som, banding="mixed")


@pytest.mark.parametrize(
    ("rating", "importance"), [(1, "substantial"), (2, "moderate"), (3, "minimal"), (4, "none"), (7, "none")]
)
def test_pgic_immpact_reading(rating: int, importance: str) -> None:
    assert pgic_score(rating).importance == importance


def test_pgic_range() -> None:
    with pytest.raises(ValueError, match="rating"):
        pgic_score(0)
