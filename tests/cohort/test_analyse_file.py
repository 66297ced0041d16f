"""The per-recording function: every analysis composes the core, and nothing it meets ends the run."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from tests.conftest import shared_file

from fibrokit import __version__
from fibrokit.cohort import ANALYSES, CohortSettings, analyse_file, cohort_simulate
from fibrokit.cohort.columns import FIXED
from fibrokit.hrv import METRICS

_NOT_METRICS = {*FIXED, "age"}


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One simulated typical person's recording for each protocol."""
    folder = tmp_path_factory.mktemp("one")
    found = {}
    for scenario in ("exercise", "stand", "breathing", "valsalva", "rest"):
        manifest = cohort_simulate(
            folder / scenario, scenario=scenario, typical_count=1, fibromyalgia_count=0
        )
        found[scenario] = manifest.parent / "recordings" / "typical-001.csv"
    return found


@pytest.mark.parametrize(
    ("scenario", "analysis", "metric"),
    [
        ("exercise", "exercise", "chronotropic_reserve_pct"),
        ("stand", "stand", "ratio_30_15"),
        ("breathing", "breathing", "ei_ratio"),
        ("valsalva", "valsalva", "valsalva_ratio"),
        ("rest", "morning", "ln_rmssd"),
        ("rest", "hrv", "hf_welch_ms2"),
    ],
)
def test_each_analysis_gives_one_row_with_its_metrics(
    simulated: dict[str, Path], scenario: str, analysis: str, metric: str
) -> None:
    (row,) = analyse_file(
        simulated[scenario], analysis, {"participant": "T001", "age": 41.0}, CohortSettings()
    )
    assert (row["status"], row["error"], row["analysis"]) == ("ok", "", analysis)
    assert row[metric] == row[metric]
    assert row["normal_share"] > 0.95
    assert row["beats"] > 100
    assert (row["participant"], row["fibrokit_version"], row["format"]) == ("T001", __version__, "rr-text")
    assert row["settings"] == CohortSettings().as_json(analysis)
    if analysis != "hrv":
        assert "caveats" in row
        assert json.loads(str(row["protocol_settings"])) is not None
    # The analysis declares every metric column it gives (the table's column order and reserved names).
    produced = set(row) - _NOT_METRICS
    assert metric in produced
    assert produced <= set(ANALYSES[analysis].metrics)


def test_windows_give_a_row_per_window_with_every_registry_metric() -> None:
    settings = CohortSettings(window_s=300, step_s=150, artifact_method="threshold", preset="pcst")
    rows = analyse_file(shared_file("polar/rest_rri.txt"), "windows", {"participant": "p"}, settings)
    assert [r["window"] for r in rows] == list(range(len(rows)))
    assert len(rows) == 5
    assert [r["window_start_s"] for r in rows[:2]] == pytest.approx([0.0, 150.0], abs=1.0)
    assert set(METRICS) <= set(rows[0])
    chosen = json.loads(str(rows[0]["settings"]))
    assert (chosen["artifact_method"], chosen["hrv"]["preset"], chosen["step_s"]) == (
        "threshold",
        "pcst",
        150.0,
    )


def test_a_test_that_needs_an_age_says_so_in_its_row(simulated: dict[str, Path]) -> None:
    (row,) = analyse_file(simulated["stand"], "stand", {"participant": "T001"}, CohortSettings())
    assert row["status"] == "error"
    assert (
        row["error"]
        == "an active stand is compared with age-specific norms: give the person's age in an age column"
    )
    assert "ratio_30_15" not in row
    assert row["sha256"]
    assert row["elapsed_s"] >= 0


def test_an_unexpected_failure_is_a_crashed_row(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> None:
        raise RuntimeError("a library broke")

    monkeypatch.setattr(importlib.import_module("fibrokit.cohort.analyse_file"), "read", broken)
    (row,) = analyse_file(shared_file("polar/rest_rri.txt"), "hrv", {}, CohortSettings())
    assert (row["status"], row["error"]) == ("crashed", "unexpected RuntimeError: a library broke")


def test_warnings_go_into_the_row_not_the_console() -> None:
    (row,) = analyse_file(shared_file("fit/garmin-fenix-5-run.fit"), "hrv", {}, CohortSettings())
    assert row["status"] == "ok"
    assert "too little data" in str(row["warnings"])


def test_an_unknown_analysis_is_the_callers_mistake() -> None:
    with pytest.raises(ValueError, match="`analysis` must be one of hrv, windows, exercise"):
        analyse_file("x.txt", "poincare", {}, CohortSettings())
    with pytest.raises(ValueError, match="`window_s` and `step_s` must be positive"):
        CohortSettings(window_s=0)


def test_a_file_is_opened_once_to_hash_and_read_it(tmp_path: Path) -> None:
    import os
    import sys

    path = tmp_path / "rest.txt"
    path.write_bytes(shared_file("polar/rest_rri.txt").read_bytes())
    opens = []

    def count(event: str, args: tuple[object, ...]) -> None:
        if (
            event == "open"
            and args
            and isinstance(args[0], str | os.PathLike)
            and os.fspath(args[0]) == str(path)
        ):
            opens.append(event)

    sys.addaudithook(count)  # cannot be removed; it counts only this test's file
    (row,) = analyse_file(path, "hrv", {"participant": "T001"}, CohortSettings())
    assert row["status"] == "ok"
    assert len(row["sha256"]) == 64
    assert len(opens) == 1
