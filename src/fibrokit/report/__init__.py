"""Reports a person can hand their doctor: figures, HTML and PDF, built from results only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fibrokit._atomic import write_bytes_atomic
from fibrokit.report.content import DISCLAIMER, Item, Person, ReportContent, report_content
from fibrokit.report.html import external_references, report_html
from fibrokit.report.pdf import report_pdf

__all__ = [
    "DISCLAIMER",
    "Item",
    "Person",
    "ReportContent",
    "external_references",
    "report_content",
    "report_html",
    "report_pdf",
    "write_report",
]


def write_report(
    path: str | Path, items: tuple[Item, ...], person: Person, *, created: dt.date | None = None
) -> Path:
    """Write an HTML (``.html``) or PDF (``.pdf``) report atomically and return its path."""
    target = Path(path)
    content = report_content(items, person, created=created)
    if target.suffix.lower() in (".html", ".htm"):
        return write_bytes_atomic(target, report_html(content, items).encode("utf-8"))
    if target.suffix.lower() == ".pdf":
        return write_bytes_atomic(target, report_pdf(content, items))
    raise ValueError(f"the report file must end in .html or .pdf, not {target.suffix or 'nothing'!r}")
