"""Reports a person can hand their doctor: figures, HTML and PDF, built from results only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fibrokit._atomic import write_bytes_atomic
from fibrokit.report.content import DISCLAIMER, Item, Person, ReportContent, report_content
from fibrokit.report.html import external_references, report_html
from fibrokit.report.pdf import report_pdf
from fibrokit.report.period import REPORT_AREAS, Period, period_content

__all__ = [
    "DISCLAIMER",
    "REPORT_AREAS",
    "Item",
    "Period",
    "Person",
    "ReportContent",
    "external_references",
    "period_content",
    "report_content",
    "report_html",
    "report_pdf",
    "write_content",
    "write_report",
]


def write_report(
    path: str | Path, items: tuple[Item, ...], person: Person, *, created: dt.date | None = None
) -> Path:
    """Write an HTML (``.html``) or PDF (``.pdf``) report atomically and return its path."""
    target = Path(path)
    if Path(path).suffix.lower() not in (".html", ".htm", ".pdf"):
        raise ValueError(f"the report file must end in .html or .pdf, not {Path(path).suffix or 'nothing'!r}")
    content = report_content(items, person, created=created)
    return write_content(target, content)


def write_content(path: str | Path, content: ReportContent) -> Path:
    """Write already-built report content as HTML or PDF, chosen by the file's suffix, atomically."""
    target = Path(path)
    if target.suffix.lower() in (".html", ".htm"):
        return write_bytes_atomic(target, report_html(content).encode("utf-8"))
    if target.suffix.lower() == ".pdf":
        return write_bytes_atomic(target, report_pdf(content))
    raise ValueError(f"the report file must end in .html or .pdf, not {target.suffix or 'nothing'!r}")
