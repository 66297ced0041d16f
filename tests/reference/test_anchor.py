"""The exact anchor of the healthy-subject RR set (shared/data/MANIFEST.md)."""

from __future__ import annotations

import numpy as np
from tests.conftest import shared_file

from fibrokit import hrv, read_rr_text


def test_the_first_306_intervals_give_the_published_rmssd_and_mean_hr() -> None:
    recording = read_rr_text(shared_file("rr/healthy-000-ms.txt"))
    assert recording.beats is not None
    last = recording.beats.times_s[305]
    result = hrv(recording.beats, domains=["time"], end_s=float(np.nextafter(last, np.inf)))
    assert result.beats == 306
    assert round(result["rmssd_ms"], 6) == 52.622348
    assert round(result["mean_hr_bpm"], 3) == 61.230
