"""The resting heart rate behind the lines: median of the good mornings of the last two weeks, never later ones."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from fibrokit.evidence import fact
from fibrokit.pacing import Mornings, pace_resting, pace_thresholds

DAYS = [dt.date(2025, 1, 1) + dt.timedelta(days=d) for d in range(40)]


def _mornings(hr: list[float], ok: list[bool] | None = None) -> Mornings:
    return Mornings(DAYS[: len(hr)], [3.5] * len(hr), hr, ok)


def test_it_takes_the_median_of_the_window_only() -> None:
    hr = [60.0] * 20 + [80.0] * 20  # a real change on day 21
    window = int(fact("pacing.resting.days").scalar())
    before = pace_resting(_mornings(hr), DAYS[19])
    after = pace_resting(_mornings(hr), DAYS[39])
    assert (before.bpm, after.bpm) == (60.0, 80.0)
    assert after.mornings == window
    assert after.first == DAYS[39 - window + 1]
    assert "median of 14 morning readings" in after.explanation


def test_one_odd_morning_does_not_move_it() -> None:
    hr = [64.0, 65.0, 66.0, 64.0, 95.0, 65.0, 66.0]
    assert pace_resting(_mornings(hr), DAYS[6]).bpm == 65.0


def test_it_never_uses_later_mornings() -> None:
    hr = [70.0] * 5 + [90.0] * 10
    assert pace_resting(_mornings(hr), DAYS[4]).bpm == 70.0


def test_it_skips_doubtful_readings_and_says_what_is_missing() -> None:
    rest = pace_resting(_mornings([70.0, 200.0, 71.0], [True, False, True]), DAYS[2])
    assert rest.bpm is None
    assert rest.mornings == 2
    assert "3 are needed" in rest.explanation
    assert pace_resting(_mornings([70.0, np.nan, 71.0, 72.0]), DAYS[3]).bpm == 71.0


@pytest.mark.parametrize("on", [DAYS[0] - dt.timedelta(days=1), DAYS[39] + dt.timedelta(days=30)])
def test_it_says_so_when_no_morning_is_in_the_window(on: dt.date) -> None:
    rest = pace_resting(_mornings([70.0] * 40), on)
    assert (rest.bpm, rest.mornings, rest.first) == (None, 0, None)


def test_it_feeds_the_resting_based_lines() -> None:
    rest = pace_resting(_mornings([72.0] * 10), DAYS[9])
    assert rest.bpm is not None
    lines = pace_thresholds(rest.bpm, 46)
    assert lines.threshold.bpm == round(72 * fact("pacing.threshold.rest_factor").scalar())
