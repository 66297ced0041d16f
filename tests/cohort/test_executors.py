"""The same cohort on the local process pool and on a Dask LocalCluster gives the same table."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from tests.cohort.conftest import without_timing

from fibrokit.cohort import Executor, cohort_run


def test_local_pool_and_dask_cluster_write_identical_tables(mixed_cohort: Path, tmp_path: Path) -> None:
    local = cohort_run(mixed_cohort, tmp_path / "local.parquet", executor=Executor("local", workers=2))
    dask = cohort_run(mixed_cohort, tmp_path / "dask.parquet", executor=Executor("dask-local", workers=2))
    assert (local.files, local.rows, local.failed) == (dask.files, dask.rows, dask.failed) == (9, 9, 4)
    pd.testing.assert_frame_equal(without_timing(local.table), without_timing(dask.table))
    schema = pq.read_schema(local.table)
    assert schema.metadata == pq.read_schema(dask.table).metadata
    assert schema.names[-2:] == ["elapsed_s", "worker"]
    assert json.loads(schema.metadata[b"fibrokit"])["covariates"] == ["site"]


def test_corrupt_and_foreign_files_become_rows_with_their_error(mixed_cohort: Path, tmp_path: Path) -> None:
    summary = cohort_run(mixed_cohort, tmp_path / "t.parquet", executor=Executor(workers=2))
    table = pq.read_table(summary.table).to_pandas().set_index("file")
    errors = table["error"].to_dict()
    assert set(table.index[table["status"] == "ok"]) == {
        "rest_rri.txt",
        "exercise_rri.hrm",
        "noisy_rri.hrm",
        "garmin-fenix-5-run.fit",
        "garmin-fenix-5-walk.fit",
    }
    assert set(table["status"]) == {"ok", "error"}
    assert "truncated" in errors["bike-truncated.fit"]
    assert errors["picture.png"].startswith("picture.png: is not in a format fibrokit reads")
    assert errors["empty.txt"].startswith("empty.txt: is empty")
    assert "no beat-to-beat intervals" in errors["MonitoringFile.fit"]
    ok = table[table["status"] == "ok"]
    assert (ok["error"] == "").all()
    assert ok["rmssd_ms"].gt(0).all()
    assert ok["normal_share"].between(0.8, 1).all()
    assert table["sha256"].str.len().eq(64).all()  # every file is hashed, readable or not
    # Paths stay relative to the manifest: nothing above it (a home folder, a clinic share) reaches the table.
    assert table["path"].str.startswith("files/").all()
    assert not table.astype(str).apply(lambda column: column.str.contains(str(tmp_path))).any().any()


_CRASHING_RUN = """
import os, sys
from fibrokit.cohort import CohortSettings, analyse_file
from fibrokit.cohort.executors import Executor, Task, run_tasks

def dies_on_b(path, analysis, covariates, settings):
    if path.endswith("b.txt"):
        os._exit(9)  # the worker vanishes, as under the out-of-memory killer
    return analyse_file(path, analysis, covariates, settings)

if __name__ == "__main__":
    folder = sys.argv[1]
    tasks = [Task(f"{folder}/{n}.txt", "hrv", {"participant": n}, CohortSettings()) for n in "abcd"]
    for index, rows in sorted(run_tasks(tasks, Executor(workers=1), function=dies_on_b)):
        print(index, rows[0]["status"], rows[0]["error"])
"""


def test_a_worker_that_dies_costs_its_file_a_crashed_row_and_the_run_goes_on(tmp_path: Path) -> None:
    for name in "abcd":
        (tmp_path / f"{name}.txt").write_text("\n".join(["800", "810", "790"] * 40) + "\n")
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(_CRASHING_RUN))
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert [line.split()[:2] for line in lines] == [["0", "ok"], ["1", "crashed"], ["2", "ok"], ["3", "ok"]]
    assert "b.txt: the worker process analysing it stopped unexpectedly" in lines[1]
