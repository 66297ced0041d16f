"""The HTML report: one self-contained page, figures inline as SVG, no external requests."""

from __future__ import annotations

import io
import re
from importlib import resources

import jinja2
from matplotlib.figure import Figure

from fibrokit.report.content import ReportContent


def report_html(content: ReportContent) -> str:
    """Render the report as one HTML page with inline SVG figures."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(
        resources.files("fibrokit.report").joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    )
    figures = [[(caption, _svg(make())) for caption, make in section.figures] for section in content.sections]
    return template.render(content=content, figures=figures)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    # Keep only the <svg> element (no XML prolog or DOCTYPE, which do not belong inside HTML).
    return text[text.index("<svg") :] if "<svg" in text else text


def external_references(html: str) -> list[str]:
    """Every URL the page would fetch (src/href to http(s) or protocol-relative); a report must have none."""
    return re.findall(r"""(?:src|href)\\s*=\\s*["'](?:https?:)?//[^"']+""", html)
