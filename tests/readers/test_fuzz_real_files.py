"""Truncated and bit-flipped copies of every real file: only ReaderError subclasses may escape a reader."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from tests.conftest import SHARED_DATA

from fibrokit import ReaderError, Recording, read
from fibrokit.readers import read_fit

_FOLDERS = ("fit", "polar", "wfdb", "nirs", "physionet-nsr2db", "rr")
_FILES = sorted(p for f in _FOLDERS for p in (SHARED_DATA / f).iterdir() if "LICENSE" not in p.name)
CASES = {"small": 250, "medium": 60, "large": 12}


def _cases_for(size: int) -> int:
    return CASES["small"] if size < 60_000 else CASES["medium"] if size < 300_000 else CASES["large"]


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    kind = rnd.choice(("truncate", "flip", "both", "splice"))
    out = bytearray(data)
    if kind in ("flip", "both") and out:
        for _ in range(rnd.randint(1, 8)):
            # Damage is most revealing in headers and definitions, so half the flips hit the first 512 bytes.
            at = rnd.randrange(min(len(out), 512)) if rnd.random() < 0.5 else rnd.randrange(len(out))
            out[at] ^= 1 << rnd.randrange(8)
    if kind in ("truncate", "both"):
        out = out[: rnd.randrange(len(out) + 1)]
    if kind == "splice" and len(out) > 2:
        start = rnd.randrange(len(out))
        out[start : start + rnd.randint(1, 64)] = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 64)))
    return bytes(out)


@pytest.mark.parametrize("original", _FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_damaged_copies_raise_only_reader_errors(original: Path, tmp_path: Path) -> None:
    assert original.is_file(), f"shared data file missing: {original}"
    for sibling in original.parent.iterdir():  # a WFDB record needs its other files beside it
        if sibling.stem == original.stem and sibling != original:
            shutil.copy(sibling, tmp_path / sibling.name)
    data = original.read_bytes()
    rnd = random.Random(f"{original.parent.name}/{original.name}")
    target = tmp_path / original.name
    for case in range(_cases_for(len(data))):
        target.write_bytes(_mutate(data, rnd))
        try:
            result = read(target)
            if original.suffix == ".fit":
                result = read_fit(target, partial=True)
        except ReaderError:
            continue
        except Exception as error:  # pragma: no cover - the failure report
            pytest.fail(f"case {case} of {original.name}: {type(error).__name__}: {error}")
        assert isinstance(result, Recording)


def test_the_fuzz_covers_thousands_of_cases() -> None:
    total = sum(_cases_for(p.stat().st_size) for p in _FILES)
    assert total >= 3000, total
