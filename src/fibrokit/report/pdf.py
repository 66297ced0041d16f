"""The PDF report, drawn with matplotlib: a summary page, a page per test, and the sources."""

from __future__ import annotations

import io
import textwrap

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from fibrokit.report.content import Item, ReportContent, Section
from fibrokit.report.figures import section_figures

_PAGE = (8.27, 11.69)  # A4 portrait, inches
_WRAP = 100


def report_pdf(content: ReportContent, items: tuple[Item, ...]) -> bytes:
    """Render the report as PDF bytes."""
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": content.title, "Creator": f"fibrokit {content.version}"}) as pdf:
        pdf.savefig(_cover(content))
        for section, item in zip(content.sections, items, strict=True):
            pdf.savefig(_section_page(section))
            for caption, figure in section_figures(
                item.result, item.recording.beats if item.recording else None
            ):
                figure.suptitle(f"{section.title}: {caption}", fontsize=10)
                pdf.savefig(figure)
        pdf.savefig(_text_page("Sources", list(content.sources)))
    return buffer.getvalue()


def _cover(content: ReportContent) -> Figure:
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
        "Tests in this report:",
    ]
    lines += [
        f"  • {section.title} — {section.summary[0] if section.summary else ''}"
        for section in content.sections
    ]
    return _text_page(content.title, lines)


def _section_page(section: Section) -> Figure:
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
    lines += ["", "Settings: " + "; ".join(f"{k} = {v}" for k, v in section.settings)]
    return _text_page(section.title, lines)


def _text_page(title: str, lines: list[str]) -> Figure:
    figure = Figure(figsize=_PAGE)
    figure.text(0.07, 0.95, title, fontsize=16, weight="bold", va="top")
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, _WRAP, subsequent_indent="    ") or [""]
    for index, line in enumerate(wrapped[:70]):
        figure.text(0.07, 0.91 - index * 0.0125, line, fontsize=7.5, va="top", family="DejaVu Sans")
    return figure
