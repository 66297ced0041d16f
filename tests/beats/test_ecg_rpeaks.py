"""R-peak detection on MIT-BIH Arrhythmia record 100 against its reference beat annotations."""

from __future__ import annotations

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import InputError, ecg_rpeaks, read_wfdb
from fibrokit.readers.mit_annotations import BEAT_CODES, _parse


def _matched(reference: np.ndarray, detected: np.ndarray, window: int) -> int:
    """One-to-one matches within ``window`` samples (greedy in time order, as the ANSI/AAMI EC57 rule)."""
    i = j = hits = 0
    while i < reference.size and j < detected.size:
        if abs(int(reference[i]) - int(detected[j])) <= window:
            hits, i, j = hits + 1, i + 1, j + 1
        elif detected[j] < reference[i]:
            j += 1
        else:
            i += 1
    return hits


@pytest.mark.slow
def test_record_100_sensitivity_and_positive_predictivity_reach_99_5_percent() -> None:
    recording = read_wfdb(shared_file("wfdb/100.hea"))
    ecg = recording.channels["ecg"]
    assert ecg.fs_hz == 360.0
    detected = ecg_rpeaks(ecg.values, ecg.fs_hz)
    samples, codes = _parse(shared_file("wfdb/100.atr").read_bytes(), "100.atr")
    reference = samples[np.isin(codes, list(BEAT_CODES))]
    hits = _matched(reference, detected, window=round(0.150 * 360))
    sensitivity, predictivity = hits / reference.size, hits / detected.size
    assert sensitivity >= 0.995, sensitivity
    assert predictivity >= 0.995, predictivity


def test_a_too_short_ecg_is_refused() -> None:
    with pytest.raises(InputError, match="at least 2 s"):
        ecg_rpeaks(np.zeros(100), 250.0)
