"""The PhysioNet Cardiovascular Signal Toolbox's own demo output, reproduced from the raw annotation files.

The reference CSV (3 records x 231 windows of 300 s, 30 s step, first 2 hours) was produced by the toolbox with
a sampling rate of 125 Hz while the headers say 128 Hz (see shared/data/MANIFEST.md), so this test checks "same
pipeline, same numbers", not physiology. Tolerances are those of the issue: 0.1 % for the time-domain and
Poincaré metrics and beat counts, 5 % for the Lomb band powers and LF/HF, 2 % for sample entropy. fibrokit
meets them in every window; the test allows no miss, although the issue would accept 2 %.
"""

from __future__ import annotations

import csv

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import HrvSettings, hrv_windows, read_mit_annotations, rr_flag_artifacts

RECORDS = ("nsr001", "nsr004", "nsr009")
# reference column -> (fibrokit symbol, factor to the reference's unit, relative tolerance)
COLUMNS = {
    "NNmean": ("mean_nn_ms", 1.0, 1e-3),
    "SDNN": ("sdnn_ms", 1.0, 1e-3),
    "RMSSD": ("rmssd_ms", 1.0, 1e-3),
    "pnn50": ("pnn50_pct", 0.01, 1e-3),
    "SD1": ("sd1_ms", 1.0, 1e-3),
    "SD2": ("sd2_ms", 1.0, 1e-3),
    "vlf": ("vlf_lomb_ms2", 1.0, 0.05),
    "lf": ("lf_lomb_ms2", 1.0, 0.05),
    "hf": ("hf_lomb_ms2", 1.0, 0.05),
    "lfhf": ("lf_hf_lomb_ratio", 1.0, 0.05),
    "SampEn": ("sampen", 1.0, 0.02),
}


def _reference() -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    with shared_file("physionet-nsr2db/NSR_HRV_allwindows_allpatients.csv").open() as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["patID"], []).append(row)
    return rows


@pytest.fixture(scope="module")
def tables() -> dict[str, object]:
    settings = HrvSettings.preset_named("pcst")
    out = {}
    for record in RECORDS:
        recording = read_mit_annotations(
            shared_file(f"physionet-nsr2db/{record}.ecg"), fs_hz=125, annotations="all"
        )
        assert recording.beats is not None
        beats = rr_flag_artifacts(recording.beats, "pcst", keep_existing=False)
        origin = beats.times_s[0] - beats.rr_ms[0] / 1000
        out[record] = hrv_windows(
            beats,
            window_s=300,
            step_s=30,
            domains=["time", "lomb", "nonlinear"],
            settings=settings,
            end_s=origin + 7200,
            artifact_method="pcst",
        )
    return out


@pytest.mark.parametrize("record", RECORDS)
def test_it_reproduces_every_window_of_the_toolbox_reference(record: str, tables: dict[str, object]) -> None:
    table = tables[record]
    reference = _reference()[record]
    assert len(table) == len(reference) == 231
    starts = np.array([float(row["t_start"]) for row in reference])
    np.testing.assert_allclose(table.start_s - table.start_s[0], starts)
    beats = table.beats * table.normal_share
    np.testing.assert_array_equal(beats, [float(row["btsdet"]) for row in reference])
    for column, (symbol, factor, tolerance) in COLUMNS.items():
        ours = table[symbol] * factor
        theirs = np.array([float(row[column]) for row in reference])
        # pNN50 is 0 in some windows: a zero must be matched exactly, everything else to the relative tolerance.
        misses = np.flatnonzero(~np.isclose(ours, theirs, rtol=tolerance, atol=1e-12))
        assert misses.size == 0, (
            f"{record} {column}: windows {misses.tolist()} differ: {ours[misses]} vs {theirs[misses]}"
        )


def test_the_default_pipeline_differs_from_the_toolbox_where_the_toolbox_departs_from_nn_rules() -> None:
    # With the honest defaults (beat labels respected, Task Force differences) the numbers move: this is why the
    # toolbox emulation is a named preset and never the default.
    recording = read_mit_annotations(shared_file("physionet-nsr2db/nsr001.ecg"), fs_hz=125)
    assert recording.beats is not None
    table = hrv_windows(
        recording.beats, window_s=300, step_s=30, domains=["time"], end_s=recording.beats.times_s[0] + 7200
    )
    reference = np.array([float(row["RMSSD"]) for row in _reference()["nsr001"]])
    assert np.mean(np.abs(table["rmssd_ms"][: reference.size] / reference - 1) > 1e-3) > 0.2
