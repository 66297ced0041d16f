"""Thresholds: each named, cited and selectable, with the rule in force and why."""

from __future__ import annotations

import pytest

from fibrokit.evidence import FACTS
from fibrokit.pacing import ExerciseTestValues, pace_thresholds


def test_resting_rules_compute_and_name_their_sources() -> None:
    t = pace_thresholds(80, 50)
    assert t.threshold.bpm == 92
    assert t.threshold.rule == "rest_x1.15"
    assert "80 × 1.15" in t.threshold.explanation
    assert "Workwell" in t.threshold.explanation
    plus = pace_thresholds(80, rule="rest_plus15", ceiling_bpm=120).threshold
    assert plus.bpm == 95
    assert "80 + 15" in plus.explanation


def test_ceiling_uses_the_best_evidence_available() -> None:
    age_only = pace_thresholds(70, 40)
    assert age_only.ceiling.rule == "age_0.55"
    assert age_only.ceiling.bpm == 99
    assert "measured threshold would be better" in age_only.why
    assert age_only.cautions, "a formula ceiling must carry the caution"
    tested = pace_thresholds(70, 40, test=ExerciseTestValues(peak_hr_bpm=150))
    assert tested.ceiling.rule == "exercise_test"
    assert tested.ceiling.bpm == round(70 + 0.52 * 80)
    vt1 = pace_thresholds(70, 40, test=ExerciseTestValues(peak_hr_bpm=150, vt1_hr_bpm=118))
    assert vt1.ceiling.rule == "clinician_vt1"
    assert vt1.ceiling.bpm == 118
    assert "priority" in vt1.why


def test_hrmax_rules_and_the_fibromyalgia_vt1_estimate() -> None:
    assert pace_thresholds(70, 40, ceiling_rule="age_vt1").ceiling.bpm == round(0.76 * 180)
    assert pace_thresholds(70, 40, ceiling_rule="age_vt1", hrmax_rule="fibromyalgia").ceiling.bpm == round(
        0.76 * 175
    )
    assert pace_thresholds(70, 40, hrmax_rule="tanaka").ceiling.bpm == round(0.55 * 180)
    assert pace_thresholds(70, 40, hrmax_rule="gellish").ceiling.bpm == round(0.55 * (207 - 0.7 * 40))
    with pytest.raises(ValueError, match="fox"):
        pace_thresholds(70, 40, ceiling_rule="age_vt1", hrmax_rule="tanaka")


def test_lines_set_by_hand_are_used_as_given() -> None:
    t = pace_thresholds(threshold_bpm=88, ceiling_bpm=104)
    assert (t.threshold.rule, t.threshold.bpm, t.ceiling.rule, t.ceiling.bpm) == ("manual", 88, "manual", 104)


def test_a_threshold_above_the_ceiling_is_pulled_down_and_explained() -> None:
    t = pace_thresholds(90, 65)  # 90 × 1.15 = 104 > 0.55 × 155 = 85
    assert t.threshold.bpm == t.ceiling.bpm == 85
    assert any("no activity zone" in c for c in t.cautions)


def test_missing_inputs_and_unknown_rules_name_the_parameter() -> None:
    with pytest.raises(ValueError, match="resting_hr_bpm"):
        pace_thresholds(age=40)
    with pytest.raises(ValueError, match="ceiling needs"):
        pace_thresholds(70)
    with pytest.raises(ValueError, match="`rule`"):
        pace_thresholds(70, 40, rule="x")  # type: ignore[arg-type]


def test_every_candidate_names_registered_evidence_or_a_person() -> None:
    t = pace_thresholds(70, 40, test=ExerciseTestValues(peak_hr_bpm=150, vt1_hr_bpm=110))
    for candidate in t.candidates:
        assert all(key in FACTS for key in candidate.evidence)
        assert candidate.evidence or candidate.rule in ("clinician_vt1", "manual")
        assert f"{candidate.bpm:.0f} bpm" in candidate.explanation
