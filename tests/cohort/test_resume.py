"""A run killed halfway resumes and ends with the table an uninterrupted run writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from tests.cohort.conftest import without_timing

from fibrokit.cohort import Executor, cohort_run
from fibrokit.cohort.cohort_simulate import _rr_csv
from fibrokit.cohort.store import ResultStore
from fibrokit.errors import InputError
from fibrokit.simulate import sample_population, simulate_rest, typical

_PEOPLE = 20


def _three_hour_cohort(folder: Path) -> Path:
    folder.mkdir()
    rows = ["file,participant,group"]
    for number, person in enumerate(sample_population(typical, _PEOPLE, seed=5), start=1):
        name = f"p{number:02d}.csv"
        (folder / name).write_text(_rr_csv(simulate_rest(person, duration_s=3 * 3600, seed=number)))
        rows.append(f"{name},P{number:02d},{'a' if number % 2 else 'b'}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n")
    return folder / "manifest.csv"


def _kill_after_first_part(manifest: Path, table: Path) -> int:
    """Start a one-worker run in its own session, SIGKILL all of it once a part is on disk; rows then done."""
    command = [sys.executable, "-m", "fibrokit", "cohort", "run", str(manifest), "--analysis", "windows"]
    run = subprocess.Popen(
        [*command, "--workers", "1", "--out", str(table)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes its workers with it, as a crash would
    )
    store = ResultStore(table)
    deadline = time.monotonic() + 120
    try:
        while not store.part_files() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    return len(store.part_files())


def test_a_killed_run_resumes_to_the_same_table_as_an_uninterrupted_run(tmp_path: Path) -> None:
    manifest = _three_hour_cohort(tmp_path / "cohort")
    table = tmp_path / "killed.parquet"
    assert _kill_after_first_part(manifest, table) >= 1
    assert not table.exists(), "the run finished before it could be killed; the cohort is too small"
    done_before = len({key[0] for key in ResultStore(table).done_keys()})
    assert 0 < done_before < _PEOPLE

    with pytest.raises(InputError, match="add --resume to continue that run"):
        cohort_run(manifest, table, analysis="windows", executor=Executor(workers=2))
    resumed = cohort_run(manifest, table, analysis="windows", executor=Executor(workers=2), resume=True)
    assert (resumed.skipped, resumed.analysed) == (done_before, _PEOPLE - done_before)
    assert not ResultStore(table).parts.exists()

    whole = cohort_run(manifest, tmp_path / "whole.parquet", analysis="windows", executor=Executor(workers=2))
    assert resumed.rows == whole.rows == _PEOPLE * 35  # 5-minute windows ending inside three hours of beats
    pd.testing.assert_frame_equal(without_timing(resumed.table), without_timing(whole.table))


def test_resume_redoes_a_file_whose_content_changed_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text("\n".join(["800", "820", "790"] * 60) + "\n")
    first = cohort_run(folder, tmp_path / "t.parquet", executor=Executor(workers=1))
    again = cohort_run(folder, tmp_path / "t.parquet", executor=Executor(workers=1), resume=True)
    assert (first.analysed, again.analysed, again.skipped, again.rows) == (2, 0, 2, 2)
    (folder / "b.txt").write_text("\n".join(["900", "950", "870"] * 60) + "\n")
    changed = cohort_run(folder, tmp_path / "t.parquet", executor=Executor(workers=1), resume=True)
    assert (changed.analysed, changed.skipped, changed.rows) == (1, 1, 2)
    frame = without_timing(changed.table).set_index("file")
    assert frame.loc["b.txt", "mean_nn_ms"] == pytest.approx(906.7, abs=0.1)


def test_other_settings_are_not_the_same_result(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(["800", "820", "790"] * 200) + "\n")
    cohort_run(folder, tmp_path / "t.parquet", analysis="windows", executor=Executor(workers=1))
    from fibrokit.cohort import CohortSettings

    wider = cohort_run(
        folder,
        tmp_path / "t.parquet",
        analysis="windows",
        settings=CohortSettings(window_s=120),
        executor=Executor(workers=1),
        resume=True,
    )
    assert (wider.analysed, wider.skipped) == (1, 0)
    assert set(without_timing(wider.table)["settings"]) == {CohortSettings(window_s=120).as_json("windows")}


def test_resume_retries_crashed_rows_but_not_refused_files(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(["800", "820", "790"] * 60) + "\n")
    (folder / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    table = tmp_path / "t.parquet"
    cohort_run(folder, table, executor=Executor(workers=1))
    rows = {r["file"]: r for r in pd.read_parquet(table).to_dict("records")}
    # What a killed run leaves when a's worker died and b was refused: one part, no table.
    store = ResultStore(table)
    store.clear()
    store.write_part([rows["a.txt"] | {"status": "crashed", "error": "worker lost"}, rows["b.png"]])
    again = cohort_run(folder, table, executor=Executor(workers=1), resume=True)
    assert (again.analysed, again.skipped) == (1, 1)
    final = without_timing(again.table).set_index("file")
    assert final.loc["a.txt", "status"] == "ok"
    assert final.loc["b.png", "status"] == "error"
