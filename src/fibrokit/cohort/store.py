"""Where a run's rows go: numbered Parquet part files while it runs, one sorted table when it ends.

Why part files: a run over thousands of recordings takes hours and can be killed at any moment (a laptop lid,
an out-of-memory killer, a cluster pre-empting a job). Each batch of finished recordings is written to its own
``part-NNNNNN.parquet`` beside the table (in ``<table>.parts/``), by writing a temporary file and renaming it,
so a part is either whole or absent; a killed run leaves only whole parts (and perhaps a temporary file, which
is ignored). Appending row groups to one open Parquet file would leave a file without its footer, unreadable,
when killed. ``--resume`` reads the keys of the parts (and of an earlier finished table) and skips those
recordings; when the run ends the parts become one table sorted by path and window, written atomically, and
the part folder is removed.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from fibrokit._atomic import write_bytes_atomic
from fibrokit.cohort.analyses import Row
from fibrokit.cohort.columns import metric_columns, ordered_columns
from fibrokit.errors import InputError

# A row is done, and skipped by --resume, unless it crashed: a crash can be a lost worker or a bug, worth a retry;
# a refusal ("error") is the file's own problem and would only repeat.
DONE_STATUSES = ("ok", "error")
Key = tuple[str, str, str, str]
_PART = re.compile(r"part-(\d{6})\.parquet")


class ResultStore:
    """The table of a run and its folder of part files.

    Parameters
    ----------
    table : Path
        The final table, e.g. ``results.parquet``; parts go to ``results.parquet.parts/``.
    """

    def __init__(self, table: str | Path) -> None:
        self.table = Path(table)
        self.parts = self.table.with_name(self.table.name + ".parts")

    def exists(self) -> bool:
        """Whether a table or parts of an earlier run are there."""
        return self.table.exists() or self.parts.exists()

    def clear(self) -> None:
        """Remove the table and the parts of an earlier run (for ``--overwrite``)."""
        if self.parts.exists():
            shutil.rmtree(self.parts)
        self.table.unlink(missing_ok=True)

    def part_files(self) -> list[Path]:
        """Whole part files in the order they were written (temporary files of a killed write are skipped)."""
        if not self.parts.is_dir():
            return []
        return sorted(p for p in self.parts.iterdir() if _PART.fullmatch(p.name))

    def write_part(self, rows: list[Row]) -> Path | None:
        """Write finished rows as the next part file, atomically; nothing when there are none."""
        if not rows:
            return None
        files = self.part_files()
        number = int(_PART.fullmatch(files[-1].name).group(1)) + 1 if files else 1  # type: ignore[union-attr]
        buffer = io.BytesIO()
        pq.write_table(rows_to_table(rows), buffer)
        return write_bytes_atomic(self.parts / f"part-{number:06d}.parquet", buffer.getvalue())

    def done_keys(self) -> set[Key]:
        """``(path, sha256, analysis, settings)`` of every recording already done, in the table or the parts."""
        keys: set[Key] = set()
        for source in self._sources():
            table = _read(source, ["path", "sha256", "analysis", "settings", "status"])
            columns = [
                table[name].to_pylist() for name in ("path", "sha256", "analysis", "settings", "status")
            ]
            keys.update(
                (p, h, a, s) for p, h, a, s, status in zip(*columns, strict=True) if status in DONE_STATUSES
            )
        return keys

    def finish(self, paths: Iterable[str], analysis: str, settings: str, covariates: list[str]) -> pa.Table:
        """Join the parts (and an earlier table) into the final table, write it atomically, remove the parts.

        Only rows of this run's analysis and settings for files in the manifest are kept, and for each file only
        those of its latest attempt (a file redone after a crash, or because it changed, replaces its old rows).
        """
        tables = [_read(source) for source in self._sources()]
        combined = _latest(tables, set(paths), analysis, settings)
        if "window" not in combined.column_names:
            combined = combined.append_column("window", pa.nulls(combined.num_rows, pa.int64()))
        combined = combined.sort_by([("path", "ascending"), ("window", "ascending")])
        order = ordered_columns(combined.column_names, analysis, covariates)
        if analysis != "windows":
            order.remove("window")
        combined = combined.select(order)
        about = {
            "analysis": analysis,
            "settings": settings,
            "metrics": metric_columns(order, covariates),
            "covariates": [c for c in covariates if c in order],
        }
        combined = combined.replace_schema_metadata({"fibrokit": json.dumps(about)})
        buffer = io.BytesIO()
        pq.write_table(combined, buffer)
        write_bytes_atomic(self.table, buffer.getvalue())
        if self.parts.exists():
            shutil.rmtree(self.parts)
        return combined

    def _sources(self) -> list[Path]:
        return ([self.table] if self.table.is_file() else []) + self.part_files()


def rows_to_table(rows: list[Row]) -> pa.Table:
    """Rows as an Arrow table with the union of their columns (absent values become nulls)."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    return pa.table({name: [row.get(name) for row in rows] for name in names})


def _read(path: Path, columns: list[str] | None = None) -> pa.Table:
    try:
        return pq.read_table(path, columns=columns)
    except (OSError, pa.ArrowInvalid) as error:
        raise InputError(f"{path.name} is not a readable cohort table or part ({error})") from None


def _latest(tables: list[pa.Table], paths: set[str], analysis: str, settings: str) -> pa.Table:
    if not tables:
        return rows_to_table([{"path": ""}]).slice(0, 0)
    marked = [t.append_column("_attempt", pa.array(np.full(t.num_rows, i))) for i, t in enumerate(tables)]
    combined = pa.concat_tables(marked, promote_options="permissive")
    path = np.asarray(combined["path"].to_pylist(), dtype=object)
    keep = (
        np.isin(path, list(paths))
        & (np.asarray(combined["analysis"].to_pylist(), dtype=object) == analysis)
        & (np.asarray(combined["settings"].to_pylist(), dtype=object) == settings)
    )
    attempt = combined["_attempt"].to_numpy()
    _, which = np.unique(path, return_inverse=True)
    latest = np.full(which.max(initial=-1) + 1, -1)
    np.maximum.at(latest, which[keep], attempt[keep])
    keep &= attempt == latest[which]
    return combined.filter(pa.array(keep)).drop_columns(["_attempt"])
