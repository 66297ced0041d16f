"""An import opens the file once: recognising it, checking an archive, reading and storing it all use the bytes
read then (issue 17). Counted with an audit hook on the real path, so any way of opening it counts."""

from __future__ import annotations

import gzip
import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from tests.app.conftest import sqlite_url
from tests.conftest import shared_file

from fibrokit.services.accounts import actions as accounts
from fibrokit.services.imports.file import IMPORTED, import_file
from fibrokit.store.db import make_engine, session_factory, transaction

_watched: dict[str, int] = {}


def _count_opens(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        name = os.fsdecode(args[0])
        if name in _watched:
            _watched[name] += 1


sys.addaudithook(_count_opens)  # hooks cannot be removed: it counts only the paths a test watches


@pytest.fixture
def factory(sqlite_template: Path, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(sqlite_url(sqlite_template, tmp_path))
    yield session_factory(engine)
    engine.dispose()


def _opens_to_import(factory: sessionmaker[Session], path: Path) -> tuple[int, str]:
    with transaction(factory) as session:
        user = accounts.create_user(session, f"{path.stem}@example.org", "a long password").id
    _watched.clear()
    _watched[str(path)] = 0
    try:
        with transaction(factory) as session:
            outcome = import_file(session, user, path)
    finally:
        opens = _watched.pop(str(path))
    return opens, outcome.status


def _copy(name: str, folder: Path) -> Path:
    target = folder / Path(name).name
    target.write_bytes(shared_file(name).read_bytes())
    return target


def _gzipped(name: str, folder: Path) -> Path:
    target = folder / (Path(name).name + ".gz")
    target.write_bytes(gzip.compress(shared_file(name).read_bytes()))
    return target


def _zipped(names: list[str], folder: Path, inner: str = "") -> Path:
    target = folder / "readings.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name in names:
            archive.writestr(inner + Path(name).name, shared_file(name).read_bytes())
    return target


WITHINGS = "consumer/withings/mohdasti__Wearable-comparative-analysis/sleep.csv"
FITBIT = "consumer/fitbit/kev-m__FitOut/resting_heart_rate-2023-03-02.json"
APPLE_ZIP = "consumer/apple_health/alxdrcirilo__apple-health-parser/export.zip"

CASES = {
    "RR text": lambda folder: _copy("polar/rest_rri.txt", folder),
    "Polar HRM": lambda folder: _copy("polar/exercise_rri.hrm", folder),
    "FIT": lambda folder: _copy("fit/garmin-fenix-5-run.fit", folder),
    "muscle-oxygen CSV": lambda folder: _copy("nirs/moxy_intervals.csv", folder),
    "gzip of an RR text": lambda folder: _gzipped("polar/rest_rri.txt", folder),
    "zip of two recordings": lambda folder: _zipped(["polar/rest_rri.txt", "polar/real_rri.txt"], folder),
    "daily values (Withings)": lambda folder: _copy(WITHINGS, folder),
    "daily values (Fitbit)": lambda folder: _copy(FITBIT, folder),
    "Apple Health export.zip": lambda folder: _copy(APPLE_ZIP, folder),
    "a wearable's export zip": lambda folder: _zipped([WITHINGS, FITBIT], folder, "export/"),
}


@pytest.mark.parametrize("case", CASES)
def test_an_import_opens_the_file_once(case: str, factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = CASES[case](tmp_path)
    opens, status = _opens_to_import(factory, path)
    assert status == IMPORTED
    assert opens == 1


def test_the_counter_sees_every_open(tmp_path: Path) -> None:
    # The hook counts opens by any route (open, Path.read_bytes, zipfile), so a count of 1 above can fail.
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "a")
    _watched[str(path)] = 0
    path.read_bytes()
    with path.open("rb"):
        pass
    with zipfile.ZipFile(path):
        pass
    assert _watched.pop(str(path)) == 3
