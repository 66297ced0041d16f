"""The PDF report, drawn with matplotlib: a summary page, a page per test, and the sources."""

from __future__ import annotations

import io
import textwrap

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from fibrokit.report.content import ReportContent, Section

_PAGE = (8.27, 11.69)  # A4 portrait, inches
_WRAP = 100
_LINES = 70


def report_pdf(content: ReportContent) -> bytes:
    """Render the report as PDF bytes."""
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": content.title, "Creator": f"fibrokit {content.version}"}) as pdf:
        for page in _cover(content):
            pdf.savefig(page)
        for section in content.sections:
            for page in _section_pages(section):
                pdf.savefig(page)
            for caption, make in section.figures:
                pdf.savefig(_titled(make(), f"{section.title}: {caption}"))
        for page in _text_pages("Sources", list(content.sources)):
            pdf.savefig(page)
    return buffer.getvalue()


def _titled(figure: Figure, title: str) -> Figure:
    """Put the caption above a figure, wrapped to its width, and make room for it."""
    lines = textwrap.wrap(title, max(30, int(figure.get_figwidth() * 11)))
    figure.suptitle("\n".join(lines), fontsize=10)
    figure.tight_layout(rect=(0.0, 0.0, 1.0, 1.0 - 0.22 * len(lines) / figure.get_figheight()))
    return figure


def _cover(content: ReportContent) -> list[Figure]:
    person = content.person
    who = ", ".join(
        part
        for part in (
            person.name,
            f"age {person.age:g}" if person.age else "",
            f"sex {person.sex}" if person.sex else "",
        )
        if part
    )
    lines = [
        f"Created {content.created} by fibrokit {content.version}",
        who,
        "",
        *textwrap.wrap(content.disclaimer, _WRAP),
        "",
        "In this report:",
    ]
    lines += [
        f"  • {section.title} — {section.summary[0] if section.summary else ''}"
        for section in content.sections
    ]
    return _text_pages(content.title, lines)


def _section_pages(section: Section) -> list[Figure]:
    lines = [f"From {section.source}", ""]
    for line in section.summary:
        lines += textwrap.wrap(line, _WRAP)
    lines += [""] + [f"Note: {c}" for c in section.caveats] + ["", "Findings:"]
    for row in section.rows:
        unit = f" {row.unit}" if row.unit and row.value != "not measured" else ""
        category = f" — {row.category}" if row.category and row.category != "context" else ""
        lines.append(f"  {row.name}: {row.value}{unit}{category}")
        for label, numbers in row.norms:
            cited = "".join(f"[{n}]" for n in numbers)
            lines += [f"      {part}" for part in textwrap.wrap(f"against: {label} {cited}", _WRAP - 6)]
    if section.missing:
        lines += ["", *section.missing]
    if section.settings:
        lines += ["", "Settings: " + "; ".join(f"{k} = {v}" for k, v in section.settings)]
    return _text_pages(section.title, lines)


def _text_pages(title: str, lines: list[str]) -> list[Figure]:
    """As many pages as the lines need; nothing is cut off."""
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, _WRAP, subsequent_indent="    ") or [""]
    chunks = [wrapped[i : i + _LINES] for i in range(0, len(wrapped), _LINES)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks):
        figure = Figure(figsize=_PAGE)
        heading = title if number == 0 else f"{title} (continued)"
        figure.text(0.07, 0.95, heading, fontsize=16, weight="bold", va="top")
        for index, line in enumerate(chunk):
            figure.text(0.07, 0.91 - index * 0.0125, line, fontsize=7.5, va="top", family="DejaVu Sans")
        pages.append(figure)
    return pages
