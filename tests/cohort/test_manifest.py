"""Manifests and folders: what a cohort is made of, and one clear sentence for every mistake in it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from fibrokit.cohort import read_manifest
from fibrokit.errors import InputError


def _write(folder: Path, text: str, *files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("800\n810\n")
    (folder / "m.csv").write_text(text, encoding="utf-8")
    return folder / "m.csv"


def test_a_manifest_gives_covariates_and_relative_paths(tmp_path: Path) -> None:
    manifest = _write(
        tmp_path,
        "\ufeffFile;Participant;Group;Age;Sex;Medication;Site\nrr/a.txt;P1;fm;46.5;f;LDN 4.5 mg;north\n"
        "rr/b.txt;P2;control;;m;;south\n\n",
        "rr/a.txt",
        "rr/b.txt",
    )
    first, second = read_manifest(manifest)
    assert first.covariates() == {
        "participant": "P1",
        "group": "fm",
        "path": "rr/a.txt",
        "age": 46.5,
        "sex": "f",
        "medication": "LDN 4.5 mg",
        "site": "north",
    }
    assert first.path == tmp_path / "rr" / "a.txt"
    assert math.isnan(second.age)
    assert second.medication == ""


def test_an_absolute_path_keeps_only_what_lies_below_the_manifest(tmp_path: Path) -> None:
    elsewhere = tmp_path / "home" / "someone" / "x.txt"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text("800\n")
    manifest = _write(tmp_path / "m", f"file,participant\n{elsewhere},P1\n{tmp_path}/m/in.txt,P2\n", "in.txt")
    outside, inside = read_manifest(manifest)
    assert (outside.relative, inside.relative) == ("x.txt", "in.txt")
    assert outside.path == elsewhere


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("path,who\na.txt,P1\n", "m.csv has no file, participant column (it has: path, who)"),
        ("file,participant\n", "m.csv lists no files"),
        ("", "m.csv is empty"),
        ("file,participant,age\na.txt,P1,forty\n", "m.csv, line 2: the age 'forty' is not a number"),
        ("file,participant\na.txt,\n", "m.csv, line 2: every row needs a file and a participant"),
        ("file,participant\na.txt,P1\n./a.txt,P2\n", "m.csv lists the file a.txt more than once"),
        ("file,participant,rmssd_ms\na.txt,P1,3\n", "columns named rmssd_ms, which the results table uses"),
        ("file,participant,site,site\na.txt,P1,x,y\n", "has the column site more than once"),
        (
            "file,participant\na.txt,P1\nb.txt,P2\nc.txt,P3\nd.txt,P4\ne.txt,P5\n",
            "m.csv lists 4 file(s) that do not exist: b.txt, c.txt, d.txt and 1 more (paths are relative",
        ),
    ],
)
def test_a_bad_manifest_gets_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    manifest = _write(tmp_path, text, "a.txt")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        read_manifest(manifest)


def test_a_folder_lists_its_files_with_groups_from_subfolders(tmp_path: Path) -> None:
    for name in ("fm/p1.txt", "fm/p2.csv", "control/p3.txt", "loose.txt", ".hidden/x.txt", "old.parquet"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("800\n")
    (tmp_path / "old.parquet.parts").mkdir()
    (tmp_path / "old.parquet.parts" / "part-000001.parquet").write_text("x")
    entries = read_manifest(tmp_path)
    assert [(e.relative, e.participant, e.group) for e in entries] == [
        ("control/p3.txt", "p3", "control"),
        ("fm/p1.txt", "p1", "fm"),
        ("fm/p2.csv", "p2", "fm"),
        ("loose.txt", "loose", ""),
    ]
    (tmp_path / "quiet").mkdir()
    (tmp_path / "quiet" / ".DS_Store").write_text("x")
    with pytest.raises(InputError, match="the folder quiet holds no files to analyse"):
        read_manifest(tmp_path / "quiet")


def test_something_that_is_neither_a_file_nor_a_folder(tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match=r"nothing\.csv is neither a manifest file nor a folder of recordings"
    ):
        read_manifest(tmp_path / "nothing.csv")


def test_paths_are_absolute_for_workers_that_do_not_share_this_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "study", "file,participant\nrr/a.txt,P1\n", "rr/a.txt")
    monkeypatch.chdir(tmp_path)
    (from_manifest,) = read_manifest("study/m.csv")
    (from_folder, _) = read_manifest("study")
    assert from_manifest.path == tmp_path / "study" / "rr" / "a.txt"
    assert from_folder.path.is_absolute()
    assert (from_manifest.relative, from_folder.relative) == ("rr/a.txt", "m.csv")
