"""Export, import and deletion of a year of one person's data: time and peak memory of each step.

The year is the app benchmark's (``bench_app._setup``: a 5-minute morning reading and a 45-minute walk every
day, 20 tests), plus an original file for every recording so the export carries hundreds of MB of originals as a
real year would: each walk gets a copy of a 357-kB Garmin FIT file and every other recording a copy of a 214-kB
PhysioNet ECG file, each made unique by its last bytes (the originals' content does not change the work of
export or import, only their size does). Every step runs in a fresh Python process that reports its resident
memory when the step starts (Python, fibrokit and the open database) and its peak during the step (Linux's
VmHWM, reset just before the step).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
ORIGINALS = {
    "activity": SHARED / "fit" / "garmin-edge-500-activity.fit",
    "other": SHARED / "physionet-nsr2db" / "nsr001.ecg",
}

CHILD = r"""
import json, sys, time
from pathlib import Path
step, url, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
from fibrokit.services.accounts import actions as accounts
from fibrokit.services.portability.archive import open_export
from fibrokit.services.portability.actions import delete_account, restore_account
from fibrokit.services.portability.deletion import remove_leftovers
from fibrokit.services.portability.export import export_account
from fibrokit.services.portability.queries import read_snapshot
from fibrokit.store.db import make_engine, session_factory, transaction, upgrade
engine = make_engine(url)
upgrade(engine)
factory = session_factory(engine)

def status(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
Path("/proc/self/clear_refs").write_text("5")  # Linux: the peak (VmHWM) starts again from here
before = status("VmRSS")
start = time.perf_counter()
if step == "export":
    with read_snapshot(factory) as snapshot:
        export_account(snapshot, 1, folder / "export.zip")
elif step == "import":
    with transaction(factory) as session:
        user = accounts.create_user(session, "moved@example.org", "a long bench password").id
    start = time.perf_counter()
    with open_export(folder / "export.zip", "export.zip") as export, transaction(factory) as session:
        restore_account(session, user, export)
elif step == "delete":
    with transaction(factory) as session:
        leftovers = delete_account(session, 1, folder)
    remove_leftovers(leftovers, engine)
seconds = time.perf_counter() - start
engine.dispose()
print(json.dumps({"seconds": seconds, "start_mb": before, "peak_mb": status("VmHWM")}))
"""


def _child(step: str, url: str, folder: Path) -> dict[str, float]:
    from bench_cohort import _wait_until_quiet

    _wait_until_quiet()  # other processes on the two cores would make the times meaningless
    done = subprocess.run(
        [sys.executable, "-c", CHILD, step, url, str(folder)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    """Median time of the runs, with the largest memory figures among them."""
    times = sorted(run["seconds"] for run in runs)
    return {
        "seconds": times[len(times) // 2],
        "start_mb": max(run["start_mb"] for run in runs),
        "peak_mb": max(run["peak_mb"] for run in runs),
        "needed_mb": max(run["peak_mb"] - run["start_mb"] for run in runs),
    }


def _attach_originals(folder: Path) -> None:
    """Give every recording of the year an original file (once; the folder is cached)."""
    from sqlalchemy import select

    from fibrokit.services.imports.file import store_original
    from fibrokit.store.db import make_engine, session_factory, transaction
    from fibrokit.store.tables import RecordingRow

    marker = folder / "complete-originals"
    if marker.exists():
        return
    base = {kind: path.read_bytes() for kind, path in ORIGINALS.items()}
    engine = make_engine(f"sqlite:///{folder / 'fibrokit.db'}")
    factory = session_factory(engine)
    with transaction(factory) as session:
        rows = session.execute(select(RecordingRow.id, RecordingRow.kind)).all()
    import hashlib

    for start in range(0, len(rows), 50):
        with transaction(factory) as session:
            for recording_id, kind in rows[start : start + 50]:
                data = base["activity" if kind == "activity" else "other"] + recording_id.to_bytes(
                    8, "little"
                )
                original = store_original(
                    session, 1, f"original-{recording_id}", data, hashlib.sha256(data).hexdigest()
                )
                recording = session.get(RecordingRow, recording_id)
                assert recording is not None
                recording.source_file_id = original.id
    engine.dispose()
    marker.write_text("ok")


def _postgres_url() -> str:
    """A fresh database on the test PostgreSQL server, when one is running (else empty)."""
    server = os.environ.get("FIBROKIT_TEST_POSTGRES_URL", "")
    if not server:
        return ""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from fibrokit.store.db import make_engine

    admin = make_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS fibrokit_bench_export"))
        connection.execute(text("CREATE DATABASE fibrokit_bench_export"))
    admin.dispose()
    return make_url(server).set(database="fibrokit_bench_export").render_as_string(hide_password=False)


def run(quick: bool) -> str:
    from bench_app import _setup
    from fibrokit import __version__
    from fibrokit.store.db import head_revision

    days = 30 if quick else 365
    folder = Path(tempfile.gettempdir()) / f"fibrokit-bench-export-{days}d-{__version__}-r{head_revision()}"
    folder.mkdir(exist_ok=True)
    ids, _ = _setup(days, folder)
    _attach_originals(folder)
    work = Path(tempfile.mkdtemp(prefix="fibrokit-bench-export-"))
    try:
        shutil.copy(folder / "fibrokit.db", work / "source.db")
        source = f"sqlite:///{work / 'source.db'}"
        postgres = _postgres_url()
        runs: dict[str, list[dict[str, float]]] = {}
        for _ in range(1 if quick else 3):
            runs.setdefault("export", []).append(_child("export", source, work))
            for suffix in ("", "-wal", "-shm"):
                (work / f"fresh.db{suffix}").unlink(missing_ok=True)
            runs.setdefault("import into SQLite", []).append(
                _child("import", f"sqlite:///{work / 'fresh.db'}", work)
            )
            if postgres:
                runs.setdefault("import into PostgreSQL", []).append(_child("import", _postgres_url(), work))
        zip_mb = (work / "export.zip").stat().st_size / 1e6
        with zipfile.ZipFile(work / "export.zip") as archive:
            listing = json.loads(archive.read("manifest.json"))
        originals_mb = sum(v["size"] for k, v in listing["members"].items() if k.startswith("files/")) / 1e6
        runs["delete (SQLite)"] = [_child("delete", source, work)]
        results = {name: _median(measured) for name, measured in runs.items()}
        size_mb = (folder / "fibrokit.db").stat().st_size / 1e6
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _report(days, ids, listing, size_mb, zip_mb, originals_mb, results)


def _report(
    days: int,
    ids: dict[str, int],
    listing: dict[str, Any],
    size_mb: float,
    zip_mb: float,
    originals_mb: float,
    results: dict[str, dict[str, float]],
) -> str:
    rows = sum(listing["rows"].values())
    lines = [
        "## Export, import and deletion of an account (issue 8)",
        "",
        f"One person, {days} days as in the app benchmark ({ids['recordings']:,} recordings, {ids['beats']:,} "
        f"beats) plus an original file for every recording: a {size_mb:.0f} MB SQLite database. The export "
        f"holds {rows:,} rows, {listing['files']} original files ({originals_mb:.0f} MB as uploaded) and CSV views "
        f"in a {zip_mb:.0f} MB zip. Each step ran in its own process on the same 2-core machine, once the machine "
        "was idle; times are medians of three runs (deletion: one). Memory is the "
        "process's resident memory: at the start of the step (Python, fibrokit and the open database) and its "
        "peak during the step; the difference is what the step itself needed.",
        "",
        "| step | time | memory at start | peak during the step | needed by the step |",
        "|---|---|---|---|---|",
    ]
    for name, result in results.items():
        lines.append(
            f"| {name} | {result['seconds']:.1f} s | {result['start_mb']:.0f} MB | {result['peak_mb']:.0f} MB "
            f"| **{result['needed_mb']:.0f} MB** |"
        )
    from bench_cohort import _BUSY_STARTS

    if _BUSY_STARTS:
        lines += ["", f"{len(_BUSY_STARTS)} step(s) had to start on a busy machine after waiting 5 minutes."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    start = time.perf_counter()
    print(run(quick="--quick" in sys.argv))
    print(f"({time.perf_counter() - start:.0f} s)")
