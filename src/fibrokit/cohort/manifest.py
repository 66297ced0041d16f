"""Which files make up a cohort: a manifest CSV with a row per file, or every file in a folder.

A manifest has a header line and at least the columns ``file`` (the path, relative to the manifest's folder)
and ``participant``; ``group``, ``age``, ``sex`` and ``medication`` are recognised, and any other column is kept
as a covariate, as text. A folder instead lists every file under it: the participant is the file's name without
its suffix, the group the first sub-folder it sits in.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from fibrokit.cohort.columns import RESERVED_COLUMNS
from fibrokit.errors import InputError

REQUIRED = ("file", "participant")
KNOWN = ("file", "participant", "group", "age", "sex", "medication")


@dataclass(frozen=True)
class Entry:
    """One file of a cohort with the person it belongs to.

    Parameters
    ----------
    path : Path
        Where the file is (absolute, so that workers on other machines find it on a shared file system).
    relative : str
        Its path relative to the manifest's (or the folder's) location, with ``/``: the table's ``path`` column.
    participant, group : str
        Who it is from and which group they are in (``""`` when none is given).
    age : float
        Age in years; NaN when not given.
    sex, medication : str
        As written in the manifest.
    extra : tuple of (str, str)
        Any other manifest columns.
    """

    path: Path
    relative: str
    participant: str
    group: str = ""
    age: float = math.nan
    sex: str = ""
    medication: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    def covariates(self) -> dict[str, object]:
        """The columns of this entry that every one of its rows carries."""
        known: dict[str, object] = {
            "participant": self.participant,
            "group": self.group,
            "path": self.relative,
            "age": self.age,
            "sex": self.sex,
            "medication": self.medication,
        }
        return known | dict(self.extra)


def read_manifest(source: str | Path) -> tuple[Entry, ...]:
    r"""The cohort's files from a manifest CSV, or every file in a folder.

    Raises
    ------
    InputError
        In one sentence, when the manifest lacks a required column, lists a file twice or a file that does not
        exist, has an age that is not a number, or uses a column name the results table reserves.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fibrokit.cohort import read_manifest
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("800\n810\n")
    >>> _ = (folder / "cohort.csv").write_text("file,participant,group,age\na.txt,P1,fm,46\n")
    >>> entry, = read_manifest(folder / "cohort.csv")
    >>> entry.relative, entry.participant, entry.group, entry.age
    ('a.txt', 'P1', 'fm', 46.0)
    >>> _ = (folder / "bad.csv").write_text("path,who\na.txt,P1\n")
    >>> read_manifest(folder / "bad.csv")
    Traceback (most recent call last):
    fibrokit.errors.InputError: bad.csv has no file, participant column (it has: path, who); a manifest needs file and participant
    """
    # Absolute paths: Dask workers elsewhere do not share this process's working folder.
    where = Path(source).absolute()
    if where.is_dir():
        return _folder(where)
    if not where.is_file():
        raise InputError(f"{where.name} is neither a manifest file nor a folder of recordings")
    return _manifest(where)


def _folder(folder: Path) -> tuple[Entry, ...]:
    entries = []
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = file.relative_to(folder)
        # Hidden files, and fibrokit's own tables and part files, are not recordings.
        if any(part.startswith(".") or part.endswith(".parts") for part in relative.parts):
            continue
        if file.suffix.lower() in (".parquet", ".html"):
            continue
        group = relative.parts[0] if len(relative.parts) > 1 else ""
        entries.append(Entry(file, relative.as_posix(), file.stem, group))
    if not entries:
        raise InputError(f"the folder {folder.name} holds no files to analyse")
    return tuple(entries)


def _manifest(manifest: Path) -> tuple[Entry, ...]:
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{manifest.name} cannot be read as a UTF-8 CSV manifest ({error})") from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputError(
            f"{manifest.name} is empty; a manifest needs a header line with file and participant"
        )
    delimiter = max(",;\t", key=lines[0].count)
    reader = csv.reader(lines, delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader)]
    _check_header(manifest.name, header)
    entries = [
        _entry(manifest, number, dict(zip(header, (cell.strip() for cell in cells), strict=False)))
        for number, cells in enumerate(reader, start=2)
        if any(cell.strip() for cell in cells)
    ]
    if not entries:
        raise InputError(f"{manifest.name} lists no files")
    _check_files(manifest.name, entries)
    return tuple(entries)


def _check_header(name: str, header: list[str]) -> None:
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise InputError(
            f"{name} has no {', '.join(missing)} column (it has: {', '.join(header)}); "
            "a manifest needs file and participant"
        )
    clashing = sorted(set(header) & (RESERVED_COLUMNS - set(KNOWN)))
    if clashing:
        raise InputError(
            f"{name} has columns named {', '.join(clashing)}, which the results table uses itself; rename them"
        )
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise InputError(f"{name} has the column {', '.join(repeated)} more than once")


def _entry(manifest: Path, line: int, row: dict[str, str]) -> Entry:
    relative = row.get("file", "")
    participant = row.get("participant", "")
    if not relative or not participant:
        raise InputError(f"{manifest.name}, line {line}: every row needs a file and a participant")
    age_text = row.get("age", "")
    try:
        age = float(age_text) if age_text else math.nan
    except ValueError:
        raise InputError(f"{manifest.name}, line {line}: the age {age_text!r} is not a number") from None
    path = Path(relative)
    if path.is_absolute():
        # A full path can name a person (home folders, clinic shares): the table keeps only what lies below
        # the manifest's folder, or else the file name.
        shown = path.relative_to(manifest.parent) if path.is_relative_to(manifest.parent) else Path(path.name)
    else:
        path, shown = manifest.parent / path, path
    extra = tuple((k, v) for k, v in row.items() if k not in KNOWN)
    return Entry(
        path,
        shown.as_posix(),
        participant,
        row.get("group", ""),
        age,
        row.get("sex", ""),
        row.get("medication", ""),
        extra,
    )


def _check_files(name: str, entries: list[Entry]) -> None:
    seen: set[Path] = set()
    for entry in entries:
        resolved = entry.path.resolve()
        if resolved in seen:
            raise InputError(f"{name} lists the file {entry.relative} more than once")
        seen.add(resolved)
    missing = [entry.relative for entry in entries if not entry.path.is_file()]
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        raise InputError(
            f"{name} lists {len(missing)} file(s) that do not exist: {shown} "
            "(paths are relative to the manifest's folder)"
        )
