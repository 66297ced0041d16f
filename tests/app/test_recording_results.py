"""A recording's results go to the store as JSON and come back as the core's types, unchanged and read-only."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest

from fibrokit.services.recordings.analysis import analyse
from fibrokit.services.recordings.results import StoredHrv, WindowSeries, protocol_from_json, protocol_json
from fibrokit.simulate import simulate_rest, simulate_stand, typical


def _through_the_store(data: dict[str, object]) -> dict[str, object]:
    # PostgreSQL's JSON column refuses NaN: what is stored must survive a strict JSON round trip.
    loaded: dict[str, object] = json.loads(json.dumps(data, allow_nan=False))
    return loaded


def test_a_protocol_result_reads_back_as_the_core_result_it_was() -> None:
    result = analyse(simulate_stand(typical(), seed=2).recording, kind_hint="active-stand", age=40.0).protocol
    assert result is not None
    back = protocol_from_json(_through_the_store(protocol_json(result)))
    assert back.protocol == result.protocol
    assert [(f.symbol, f.name, f.unit, f.category, f.norms) for f in back.findings] == [
        (f.symbol, f.name, f.unit, f.category, f.norms) for f in result.findings
    ]
    for stored, made in zip(back.findings, result.findings, strict=True):
        assert stored.value == made.value or (math.isnan(stored.value) and math.isnan(made.value))
    assert back.evidence_keys() == result.evidence_keys()
    assert (back.summary, back.caveats, back.phases) == (result.summary, result.caveats, result.phases)


def test_hrv_and_windows_read_back_with_their_values() -> None:
    made = analyse(simulate_rest(typical(), duration_s=900, seed=4).recording)
    assert made.hrv is not None
    assert made.windows is not None
    hrv = StoredHrv.from_json(_through_the_store(made.hrv.to_json()))
    assert dict(hrv.result.values).keys() == dict(made.hrv.result.values).keys()
    assert hrv.result["rmssd_ms"] == pytest.approx(made.hrv.result["rmssd_ms"])
    assert dict(hrv.flag_counts) == dict(made.hrv.flag_counts)
    assert hrv.reliable is made.hrv.reliable
    windows = WindowSeries.from_json(_through_the_store(made.windows.to_json()))
    assert windows == made.windows
    assert len(windows.middles_s) == len(windows.start_s) > 1


def test_the_analysis_cannot_be_changed_after_it_is_built() -> None:
    made = analyse(simulate_rest(typical(), duration_s=300, seed=1).recording)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.kind = "activity"  # type: ignore[misc]
    assert made.flags is not None
    with pytest.raises(ValueError, match="read-only"):
        made.flags[0] = 1
    noted = made.with_note("a note")
    assert noted.notes[-1] == "a note"
    assert "a note" not in made.notes
    assert noted.flags is not None
    assert np.array_equal(noted.flags, made.flags)
