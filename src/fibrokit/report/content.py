"""What a report says, independent of its format: one model that both the HTML and the PDF render.

Every number in a report comes from a result field through this module, formatted once; every norm is
followed by the citations of the evidence behind it. The HTML and PDF cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from fibrokit._version import __version__
from fibrokit.evidence import fact, source
from fibrokit.protocols import Finding, ProtocolResult
from fibrokit.records import Recording

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


@dataclass(frozen=True)
class Row:
    """A finding as shown: name, value text, unit, category, and its norms with citation numbers."""

    name: str
    value: str
    unit: str
    category: str
    norms: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Section:
    """One test in the report."""

    key: str
    title: str
    source: str
    summary: tuple[str, ...]
    rows: tuple[Row, ...]
    caveats: tuple[str, ...]
    settings: tuple[tuple[str, str], ...]


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
    items: tuple[Item, ...], person: Person, *, created: dt.date | None = None
) -> ReportContent:
    """Build the report's content from analysed recordings."""
    citations: dict[str, int] = {}
    sections = tuple(_section(item, citations) for item in items)
    sources = tuple(
        f"[{number}] {source(key).citation}" + (f" {source(key).link}" if source(key).link else "")
        for key, number in citations.items()
    )
    day = (created or dt.date.today()).isoformat()
    return ReportContent("fibrokit autonomic report", person, day, sections, sources)


def format_value(finding: Finding) -> str:
    """A finding's value as the report prints it (the single place values are formatted)."""
    if not math.isfinite(finding.value):
        return "not measured"
    if finding.unit in ("bpm", "%", "ms", "mmHg", "s"):
        return f"{finding.value:.0f}" if abs(finding.value) >= 10 else f"{finding.value:.1f}"
    return f"{finding.value:.2f}"


def _section(item: Item, citations: dict[str, int]) -> Section:
    result = item.result
    rows = tuple(_row(finding, citations) for finding in result.findings)
    origin = item.recording.source_name if item.recording is not None else "combined tests"
    return Section(
        result.protocol,
        _TITLES.get(result.protocol, result.protocol),
        origin,
        result.summary,
        rows,
        result.caveats,
        tuple(result.settings.items()),
    )


def _row(finding: Finding, citations: dict[str, int]) -> Row:
    norms = []
    for norm in finding.norms:
        numbers = []
        for key in norm.evidence:
            origin = fact(key).source
            numbers.append(citations.setdefault(origin, len(citations) + 1))
        norms.append((norm.label, tuple(dict.fromkeys(numbers))))
    return Row(finding.name, format_value(finding), finding.unit, finding.category or "", tuple(norms))
