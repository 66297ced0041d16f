"""Typed, frozen results of the portability area as pages and commands show them: what an export or an import held."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ExportSummary", "RestoreSummary"]


@dataclass(frozen=True)
class ExportSummary:
    """What an export holds: rows per table, original files, and the zip's size in bytes."""

    path: Path
    rows: dict[str, int]
    files: int
    size: int


@dataclass(frozen=True)
class RestoreSummary:
    """What was brought in: rows per table and original files."""

    rows: dict[str, int]
    files: int

    def sentence(self, name: str) -> str:
        """One sentence for the person, such as ``export.zip: imported recordings (12), source files (3) …``.

        Examples
        --------
        >>> RestoreSummary({"recordings": 12, "diary_entries": 0}, 3).sentence("export.zip")
        'export.zip: imported recordings (12)'
        """
        parts = [f"{table.replace('_', ' ')} ({count})" for table, count in self.rows.items() if count]
        return f"{name}: imported {', '.join(parts) or 'an account without data'}"
