"""Heart-rate recovery is compared only with a cut-off published for the same posture and protocol.

One simulated test is scored under every recorded cool-down (walking, seated, supine, none, unknown) and
effort (to exhaustion, submaximal, not recorded); each lag must carry exactly the cut-off its posture and
protocol were published for, or none with a caveat saying why.
"""

from __future__ import annotations

import dataclasses

import pytest

from fibrokit.evidence import fact
from fibrokit.protocols import exercise_test
from fibrokit.protocols._result import ProtocolResult
from fibrokit.records import Recording
from fibrokit.simulate import simulate_exercise_test, typical

AGE = 41.0


@pytest.fixture(scope="module")
def recording() -> Recording:
    return simulate_exercise_test(
        typical(AGE), cool_down="active", rest_s=120, recovery_s=200, seed=3
    ).recording


def _cutoffs(result: ProtocolResult) -> dict[str, tuple[str, ...]]:
    """Per recovery lag, the evidence keys of the cut-offs it was compared with (group figures left out)."""
    return {
        f.symbol: tuple(key for norm in f.norms for key in norm.evidence if key.startswith("protocols.hrr"))
        for f in result.findings
        if f.symbol.startswith("hrr_")
    }


def _score(recording: Recording, cool_down: str, peak_effort: bool | None) -> ProtocolResult:
    return exercise_test(recording, age=AGE, cool_down=cool_down, peak_effort=peak_effort)  # type: ignore[arg-type]


def test_walking_cool_down_after_a_maximal_test_uses_cole_1999_at_one_minute(recording: Recording) -> None:
    result = _score(recording, "active", True)
    cutoffs = _cutoffs(result)
    assert cutoffs.pop("hrr_60s_bpm") == ("protocols.hrr60.cole_1999",)
    assert not any(cutoffs.values())
    label = result.finding("hrr_60s_bpm").norms[0].label
    assert "symptom-limited" in label
    assert "walking" in label
    expected = "abnormal" if result["hrr_60s_bpm"] <= fact("protocols.hrr60.cole_1999").scalar() else "normal"
    assert result.finding("hrr_60s_bpm").category == expected


def test_lying_down_after_a_maximal_test_uses_the_supine_cut_off_at_one_minute(recording: Recording) -> None:
    result = _score(recording, "supine", True)
    cutoffs = _cutoffs(result)
    assert cutoffs.pop("hrr_60s_bpm") == ("protocols.hrr60.watanabe_2001",)
    assert not any(cutoffs.values())
    assert "lying down" in result.finding("hrr_60s_bpm").norms[0].label
    assert result.settings["cool_down"] == "supine"


def test_sitting_down_has_no_published_cut_off_and_says_so(recording: Recording) -> None:
    result = _score(recording, "seated", True)
    assert not any(_cutoffs(result).values())
    assert all(f.category is None for f in result.findings if f.symbol.startswith("hrr_"))
    assert any("No heart-rate recovery cut-off is published" in c and "sitting" in c for c in result.caveats)


def test_no_cool_down_uses_shetler_after_a_maximal_test_and_cole_2000_after_a_submaximal_one(
    recording: Recording,
) -> None:
    maximal = _cutoffs(_score(recording, "none", True))
    assert maximal.pop("hrr_120s_bpm") == ("protocols.hrr120.shetler_2001",)
    assert not any(maximal.values())
    submaximal = _cutoffs(_score(recording, "none", False))
    assert submaximal.pop("hrr_120s_bpm") == ("protocols.hrr120.cole_2000",)
    assert not any(submaximal.values())


def test_a_walking_cool_down_after_a_submaximal_test_has_no_cut_off(recording: Recording) -> None:
    result = _score(recording, "active", False)
    assert not any(_cutoffs(result).values())
    assert any("submaximal test followed by an active cool-down" in c for c in result.caveats)


@pytest.mark.parametrize(
    ("cool_down", "peak_effort"), [("unknown", True), ("supine", None), ("active", None)]
)
def test_unknown_posture_or_effort_is_compared_with_nothing(
    recording: Recording, cool_down: str, peak_effort: bool | None
) -> None:
    result = _score(recording, cool_down, peak_effort)
    assert not any(_cutoffs(result).values())
    assert any("not compared with cut-offs" in c for c in result.caveats)


def test_gellish_is_a_named_formula_and_220_minus_age_is_credited_to_fox(recording: Recording) -> None:
    result = exercise_test(recording, age=AGE, hrmax_formula="gellish")
    intercept, slope = fact("protocols.hrmax.gellish").pair()
    assert (intercept, slope) == (207.0, 0.7)
    assert result["hrmax_predicted_bpm"] == pytest.approx(intercept - slope * AGE)
    assert "Gellish" in result.finding("hrmax_predicted_bpm").name
    assert fact("protocols.hrmax.fox").source == "fox_1971"


@pytest.mark.parametrize(
    ("stated", "kind"), [("true", "symptom-limited"), ("false", "submaximal"), ("", None)]
)
def test_the_effort_a_recording_states_is_used_unless_one_is_given(
    recording: Recording, stated: str, kind: str | None
) -> None:
    """A guided test stores why the person stopped as ``peak_effort`` metadata, as it stores the posture."""
    marked = dataclasses.replace(recording, metadata={**recording.metadata, "peak_effort": stated})
    from_metadata = exercise_test(marked, age=AGE)
    unstated = exercise_test(recording, age=AGE)
    assert from_metadata.settings["test_kind"] == (kind or "unknown")
    assert unstated.settings["test_kind"] == "unknown"
    assert exercise_test(marked, age=AGE, peak_effort=False).settings["test_kind"] == "submaximal"
