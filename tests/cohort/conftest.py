"""Cohorts for the cohort tests: real files with corrupt and foreign ones, and simulated people."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.conftest import shared_file

from fibrokit.cohort import TIMING_COLUMNS

# Real recordings (each becomes one participant) and what the table must say about the broken ones.
REAL = (
    "polar/rest_rri.txt",
    "polar/exercise_rri.hrm",
    "polar/noisy_rri.hrm",
    "fit/garmin-fenix-5-run.fit",
    "fit/garmin-fenix-5-walk.fit",
    "fit/MonitoringFile.fit",
)


def write_mixed_cohort(folder: Path) -> Path:
    """Real files, truncated copies, a PNG and an empty file, with a manifest; returns the manifest."""
    files = folder / "files"
    files.mkdir(parents=True)
    rows = ["file,participant,group,age,sex,medication,site"]
    for number, relative in enumerate(REAL, start=1):
        name = Path(relative).name
        shutil.copy(shared_file(relative), files / name)
        rows.append(f"files/{name},P{number:02d},{'a' if number % 2 else 'b'},{40 + number},f,,north")
    bike = shared_file("fit/garmin-fenix-5-bike.fit").read_bytes()
    (files / "bike-truncated.fit").write_bytes(bike[: len(bike) // 2])
    (files / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (files / "empty.txt").write_bytes(b"")
    rows += [
        "files/bike-truncated.fit,P07,a,47,f,,south",
        "files/picture.png,P08,b,48,m,,south",
        "files/empty.txt,P09,a,49,m,,south",
    ]
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


@pytest.fixture
def mixed_cohort(tmp_path: Path) -> Path:
    """The manifest of a small cohort of real, truncated and foreign files."""
    return write_mixed_cohort(tmp_path / "cohort")


def without_timing(path: Path) -> object:
    """A table as a pandas frame without its timing columns (the only ones allowed to differ between runs)."""
    frame = pq.read_table(path).to_pandas()
    return frame.drop(columns=[c for c in TIMING_COLUMNS if c in frame.columns])
