"""``fibrokit cohort`` from a shell: simulate, run with a progress bar, compare; one sentence for mistakes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from fibrokit.cohort import CohortSettings, Executor
from fibrokit.cohort._dask import run_on_dask
from fibrokit.cohort.executors import Task
from fibrokit.errors import InputError


def _fibrokit(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fibrokit", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={"COLUMNS": "120", "PATH": ""},
    )


def test_simulate_run_and_compare_end_to_end(tmp_path: Path) -> None:
    done = _fibrokit(
        "cohort", "simulate", tmp_path, "--scenario", "stand", "--typical", "4", "--fibromyalgia", "4"
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 8 simulated recordings" in done.stdout
    assert "not patients" in done.stderr
    table = tmp_path / "results.parquet"
    done = _fibrokit("cohort", "run", tmp_path / "manifest.csv", "--analysis", "stand", "--out", table)
    assert done.returncode == 0, done.stderr
    assert "8 files: 8 analysed, 0 with an error" in done.stdout
    assert "files/min" in done.stderr
    assert "local process pool of" in done.stderr
    assert pq.read_table(table).num_rows == 8
    done = _fibrokit("cohort", "compare", table, "--reference", "typical", "--correction", "bh")
    assert done.returncode == 0, done.stderr
    assert "max_rise_bpm" in done.stdout
    assert (tmp_path / "results-compare.csv").is_file()
    assert (tmp_path / "results-compare.html").is_file()
    again = _fibrokit("cohort", "run", tmp_path / "manifest.csv", "--analysis", "stand", "--out", table)
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "error: results.parquet already exists: add --resume to continue that run, or --overwrite to start again"
    )


def test_a_bad_manifest_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("file,participant\nmissing.txt,P1\n")
    done = _fibrokit(
        "cohort", "run", tmp_path / "m.csv", "--analysis", "hrv", "--out", tmp_path / "t.parquet"
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "error: m.csv lists 1 file(s) that do not exist: missing.txt (paths are relative to the manifest's folder)"
    )
    both = _fibrokit(
        "cohort", "run", tmp_path, "--analysis", "hrv", "--scheduler", "tcp://x:1", "--dask-local", "2"
    )
    assert both.returncode == 1
    assert "give either --scheduler or --dask-local, not both" in both.stderr


def test_an_unreachable_scheduler_is_one_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("fibrokit.cohort._dask._CONNECT_TIMEOUT_S", 1)
    task = Task(str(tmp_path / "a.txt"), "hrv", {}, CohortSettings())
    with pytest.raises(InputError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        list(run_on_dask([task], Executor("dask", address="tcp://127.0.0.1:9")))
