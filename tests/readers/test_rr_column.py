"""A one-column RR text file read block by block: the values of the whole-file reader, or a plain refusal."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import read
from fibrokit.readers.rr_column import NotAPlainColumn, rr_column


def _values(path: Path, block_bytes: int) -> np.ndarray:
    column = rr_column(path)
    assert column is not None
    return np.concatenate(list(column.blocks(block_bytes)))


@pytest.mark.parametrize("block_bytes", [7, 64, 4096, 1 << 16])
def test_blocks_give_the_values_the_whole_file_reader_gives(block_bytes: int) -> None:
    path = shared_file("rr/healthy-000-ms.txt")
    recording = read(path)
    assert recording.beats is not None
    assert np.array_equal(_values(path, block_bytes), recording.beats.rr_ms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RR\n800\n810\n790\n", [800.0, 810.0, 790.0]),  # a header line
        ("800\r\n810\r\n790", [800.0, 810.0, 790.0]),  # Windows line ends, no final newline
        ("\n\n0.8\n0.81\n\n0.79\n\n", [0.8, 0.81, 0.79]),  # blank lines
    ],
)
def test_plain_layouts(tmp_path: Path, text: str, expected: list[float]) -> None:
    path = tmp_path / "rr.txt"
    path.write_bytes(text.encode())
    for block_bytes in (3, 1 << 16):
        assert _values(path, block_bytes).tolist() == expected


@pytest.mark.parametrize(
    "text",
    ["time,rr\n0.8,800\n1.6,810\n", "# start: 2026-01-01T07:00:00\n800\n810\n", "0.8 800\n1.6 810\n", "RR"],
)
def test_other_layouts_are_left_to_the_whole_file_reader(tmp_path: Path, text: str) -> None:
    path = tmp_path / "rr.txt"
    path.write_text(text)
    assert rr_column(path) is None


def test_a_byte_order_mark_is_left_to_the_reader_that_decodes_text(tmp_path: Path) -> None:
    # Taken for a header line, it would cost the first interval.
    path = tmp_path / "rr.txt"
    path.write_bytes("800\n810\n790\n".encode("utf-8-sig"))
    assert rr_column(path) is None
    recording = read(path)
    assert recording.beats is not None
    assert recording.beats.rr_ms.tolist() == [800.0, 810.0, 790.0]


def test_a_compressed_file_is_left_to_the_whole_file_reader(tmp_path: Path) -> None:
    path = tmp_path / "rr.txt.gz"
    path.write_bytes(gzip.compress(b"800\n810\n790\n"))
    assert rr_column(path) is None


@pytest.mark.parametrize(("bad", "problem"), [("812 3", "one RR value per line"), ("abc", "not a number")])
def test_a_later_line_that_breaks_the_layout_is_named_as_such(tmp_path: Path, bad: str, problem: str) -> None:
    lines = ["800"] * 5_000
    lines[4_000] = bad
    path = tmp_path / "rr.txt"
    path.write_text("\n".join(lines))
    column = rr_column(path)
    assert column is not None  # the beginning looks plain
    with pytest.raises(NotAPlainColumn, match=f"rr.txt: .*{problem}"):
        list(column.blocks(1024))
