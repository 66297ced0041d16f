"""Artefact flags of a stream of RR blocks: those of the whole series, whatever the blocks."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import BeatFlag, rr_flag_artifacts, rr_series
from fibrokit.beats.rr_flag_stream import rr_flag_stream
from fibrokit.hrv._welch import KNOT_MARGIN, margin_edge


def _rr_with_artefacts() -> np.ndarray:
    rr = np.loadtxt(shared_file("rr/healthy-000-ms.txt"))[:30_000].copy()
    rng = np.random.default_rng(7)
    picks = rng.choice(rr.size - 2, 150, replace=False)
    rr[picks[:50]] *= 2.0
    rr[picks[50:100]] *= 0.55
    rr[picks[100:]] = 150.0  # below the plausible range
    return rr


@pytest.mark.parametrize("method", ["lipponen2019", "none"])
@pytest.mark.parametrize("cuts", [0, 3, 60])
def test_stream_flags_equal_the_flags_of_the_whole_series(method: str, cuts: int) -> None:
    rr = _rr_with_artefacts()
    whole = rr_flag_artifacts(rr_series(rr), method).flags  # type: ignore[arg-type]
    blocks = np.split(rr, np.sort(np.random.default_rng(cuts).choice(rr.size, cuts, replace=False)))
    flags = np.concatenate(
        list(rr_flag_stream(blocks, method, first_ms=rr[0], last_ms=rr[-1], count=rr.size))  # type: ignore[arg-type]
    )
    assert np.array_equal(flags, whole)
    assert np.count_nonzero(flags == BeatFlag.OUT_OF_RANGE) == 50
    if method == "lipponen2019":
        assert np.count_nonzero(flags) > 120


def test_a_series_too_short_to_classify_is_left_alone_as_held_whole() -> None:
    rr = np.array([800.0, 1600.0, 800.0])
    flags = np.concatenate(list(rr_flag_stream([rr], "lipponen2019", first_ms=800, last_ms=800, count=3)))
    assert np.array_equal(flags, rr_flag_artifacts(rr_series(rr)).flags)


def test_the_spline_margin_moves_forward_with_the_windows() -> None:
    # A stream lets go of beats behind the windows; that is only safe if a later edge never reaches further back.
    flags = np.where(np.random.default_rng(1).random(5_000) < 0.4, BeatFlag.ECTOPIC, BeatFlag.NORMAL).astype(
        np.uint8
    )
    for direction in (-1, 1):
        found = [margin_edge(flags, edge, direction) for edge in range(flags.size + 1)]
        assert all(a <= b for a, b in itertools.pairwise(found))
    normal = np.flatnonzero(flags == BeatFlag.NORMAL)
    edge = 2_500
    before = margin_edge(flags, edge, -1)
    assert np.count_nonzero((normal >= before) & (normal < edge)) == KNOT_MARGIN
