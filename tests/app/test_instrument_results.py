"""A questionnaire stored as JSON reads back as exactly the core's result it was made from."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fibrokit.services.diary import instrument_results
from fibrokit.services.diary.instrument_forms import AcrAnswers, Scored, scored_acr, scored_fiqr, scored_pgic
from fibrokit.store.tables import InstrumentRow

TODAY = dt.date(2026, 3, 2)


def _stored(scored: Scored) -> InstrumentRow:
    # Through JSON text, as the database column gives it back: tuples come back as lists.
    result = json.loads(json.dumps(scored.result_json()))
    return InstrumentRow(
        instrument=scored.instrument, version=scored.version, answers=scored.answers, result=result
    )


def test_a_fiqr_reads_back_as_its_result() -> None:
    answers = {"function": ["6"] * 8 + [""], "overall": ["7", "5"], "symptoms": ["6"] * 10}
    scored = scored_fiqr(answers, taken_on="", missing_rule="authors_current", today=TODAY)
    assert instrument_results.fiqr_result(_stored(scored)) == scored.result
    assert instrument_results.summary(_stored(scored)).endswith(f"({scored.result.band})")


@pytest.mark.parametrize("version", ["2016", "2011", "2010"])
def test_an_acr_check_reads_back_with_its_psd(version: str) -> None:
    form = AcrAnswers(
        version,
        ("JAW_LEFT", "SHOULDER_LEFT", "UPPER_ARM_RIGHT", "LOWER_BACK", "HIP_RIGHT", "LOWER_LEG_LEFT", "NECK"),
        "2",
        "3",
        "1",
        headaches=True,
        three_months="yes",
        other_disorder="no",
        somatic_burden="2",
    )
    scored = scored_acr(form, taken_on="2026-03-01", today=TODAY)
    result, psd = instrument_results.acr_result(_stored(scored))
    assert (result, psd) == (scored.result, scored.psd)
    assert (psd is None) == (version == "2010")


def test_a_pgic_reads_back_as_its_answer() -> None:
    scored = scored_pgic("2", taken_on="", today=TODAY)
    assert instrument_results.pgic_result(_stored(scored)) == scored.result
    assert instrument_results.summary(_stored(scored)) == scored.result.answer
