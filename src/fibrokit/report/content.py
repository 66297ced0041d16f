"""What a report says, independent of its format: one model that both the HTML and the PDF render.

Every number in a report comes from a result field through this module, formatted once; every norm is
followed by the citations of the evidence behind it. The HTML and PDF cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from matplotlib.figure import Figure

from fibrokit._version import __version__
from fibrokit.evidence import fact, source
from fibrokit.protocols import Finding, ProtocolResult
from fibrokit.records import BeatSeries, Recording
from fibrokit.report.figures import figure_muscle_oxygen, section_figures

DISCLAIMER = (
    "fibrokit informs; it does not diagnose or prescribe. These results describe the recordings and compare them "
    "with published values. Group differences from studies are not a diagnosis, and any question about treatment "
    "or medication is for your clinician."
)

_TITLES = {
    "exercise-test": "Exercise test",
    "active-stand": "Active stand",
    "deep-breathing": "Deep breathing",
    "valsalva": "Valsalva manoeuvre",
    "morning-reading": "Morning reading",
    "muscle-oxygen": "Muscle oxygen",
    "ewing": "Ewing composite",
}


@dataclass(frozen=True)
class Person:
    """Who the report is about, as far as they chose to say."""

    name: str = ""
    age: float | None = None
    sex: str = ""


@dataclass(frozen=True)
class Item:
    """One analysed recording: the recording and its protocol result."""

    recording: Recording | None
    result: ProtocolResult
    name: str = ""  # what the person calls the recording; its file name when empty


@dataclass(frozen=True)
class Row:
    """A finding as shown: name, value text, unit, category, and its norms with citation numbers."""

    name: str
    value: str
    unit: str
    category: str
    norms: tuple[tuple[str, tuple[int, ...]], ...]


FigureMaker = Callable[[], Figure]


@dataclass(frozen=True)
class Section:
    """One part of the report: a test, or a summary of an area over the report's period.

    ``figures`` are (caption, maker) pairs; a renderer calls each maker to draw the figure in its own format.
    Only charts with data are listed; ``missing`` says in one sentence each which chart is left out and why.
    """

    key: str
    title: str
    source: str
    summary: tuple[str, ...]
    rows: tuple[Row, ...]
    caveats: tuple[str, ...]
    settings: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, FigureMaker], ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportContent:
    """Everything a report shows, in order."""

    title: str
    person: Person
    created: str
    sections: tuple[Section, ...]
    sources: tuple[str, ...]
    version: str = __version__
    disclaimer: str = DISCLAIMER
    notes: tuple[str, ...] = field(default_factory=tuple)


def report_content(
    items: tuple[Item, ...],
    person: Person,
    *,
    created: dt.date | None = None,
    extra: tuple[Callable[[Citations], Section], ...] = (),
    title: str = "fibrokit autonomic report",
    notes: tuple[str, ...] = (),
) -> ReportContent:
    """Build the report's content from analysed recordings (and, for period reports, further sections).

    ``extra`` builds sections after the tests' sections, numbering their sources in the same list.
    """
    citations = Citations()
    sections = tuple(_section(item, citations) for item in items)
    sections += tuple(build(citations) for build in extra)
    day = (created or dt.date.today()).isoformat()
    return ReportContent(title, person, day, sections, citations.lines(), notes=notes)


class Citations:
    """Numbers the sources of a report in order of first use."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def number(self, evidence_key: str) -> int:
        """The citation number of the source behind a fact of the evidence registry."""
        origin = fact(evidence_key).source
        return self._numbers.setdefault(origin, len(self._numbers) + 1)

    def norm(self, label: str, evidence: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
        """A norm's label with the numbers of its sources."""
        return label, tuple(dict.fromkeys(self.number(key) for key in evidence))

    def lines(self) -> tuple[str, ...]:
        """The numbered source list."""
        return tuple(
            f"[{number}] {source(key).citation}" + (f" {source(key).link}" if source(key).link else "")
            for key, number in self._numbers.items()
        )


def format_value(finding: Finding) -> str:
    """A finding's value as the report prints it (the single place values are formatted)."""
    if not math.isfinite(finding.value):
        return "not measured"
    if finding.unit in ("bpm", "%", "ms", "mmHg", "s"):
        return f"{finding.value:.0f}" if abs(finding.value) >= 10 else f"{finding.value:.1f}"
    return f"{finding.value:.2f}"


def _section(item: Item, citations: Citations) -> Section:
    result = item.result
    rows = tuple(_row(finding, citations) for finding in result.findings)
    origin = (item.name or item.recording.source_name) if item.recording is not None else "combined tests"
    beats = item.recording.beats if item.recording is not None else None
    return Section(
        result.protocol,
        _TITLES.get(result.protocol, result.protocol),
        origin,
        result.summary,
        rows,
        result.caveats,
        tuple(result.settings.items()),
        section_figures(result, beats) + _oxygen_figures(item.recording),
        _missing_charts(result, beats),
    )


def _missing_charts(result: ProtocolResult, beats: BeatSeries | None) -> tuple[str, ...]:
    """One sentence for each chart a test would show that its data cannot draw."""
    missing = []
    if not result.curve[0]:
        missing.append("No heart-rate chart: this result holds no heart-rate curve to draw.")
    if result.protocol == "exercise-test" and not any(
        f.symbol.startswith("hrr_") and math.isfinite(f.value) for f in result.findings
    ):
        missing.append(
            "No heart-rate recovery chart: no recovery lag could be measured (the recording ended, or effort "
            "started again, too soon after the peak)."
        )
    if result.protocol == "morning-reading" and (beats is None or result.hrv is None):
        missing.append(
            "No Poincaré plot, spectrum or vagal-activity chart: this reading holds no beat-to-beat intervals."
        )
    return tuple(missing)


def _oxygen_figures(recording: Recording | None) -> tuple[tuple[str, Callable[[], Figure]], ...]:
    """Muscle oxygen of every sensor, when the recording holds any (a Moxy beside a chest strap, say)."""
    if recording is None or not any(
        name == "smo2" or name.startswith("smo2_") for name in recording.channels
    ):
        return ()
    return (("Muscle oxygen (SmO2) of each sensor", lambda: figure_muscle_oxygen(recording)),)


def _row(finding: Finding, citations: Citations) -> Row:
    norms = tuple(citations.norm(norm.label, norm.evidence) for norm in finding.norms)
    return Row(finding.name, format_value(finding), finding.unit, finding.category_label, norms)
