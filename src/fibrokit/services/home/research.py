"""The research page: each finding of the source articles beside the paper, and the person's own numbers.

The entries come from the evidence registry (``fibrokit.evidence.RESEARCH``); this module only adds, where
fibrokit measures the topic, the person's latest value of it and a link to where it lives in the app.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from fibrokit.evidence import RESEARCH, ResearchFinding, source
from fibrokit.services.home import queries
from fibrokit.services.home.queries import Session
from fibrokit.services.recordings.kinds import KIND_NAMES

_TAG_TEXT = {
    "C": "confirmed in the cited paper",
    "U": "not supported by the parts of the paper fibrokit could read",
    "C/U": "partly confirmed",
    "A": "advice or a clinician's practice, not a study result",
}
# Areas of the app a non-protocol measure links to: (area needed, path under /p/{id}, link text).
_PAGES = {
    "pacing": ("pacing", "pacing", "Your pacing lines and zones"),
    "diary": ("diary", "diary", "Your diary"),
    "treatments": ("treatments", "trials", "Your treatment trials"),
}


@dataclass(frozen=True)
class YourNumbers:
    """Where the person's own data on a topic is: a sentence and a link (the value, when there is one)."""

    text: str
    href: str


@dataclass(frozen=True)
class StoredFinding:
    """One finding of a stored test result, as far as the research page shows it (a finite value or none)."""

    symbol: str
    name: str
    unit: str
    value: float | None

    @classmethod
    def of(cls, stored: Mapping[str, object]) -> StoredFinding:
        """From a finding as stored with the test's result."""
        value = stored.get("value")
        number = float(value) if isinstance(value, int | float) and math.isfinite(value) else None
        return cls(
            str(stored.get("symbol", "")), str(stored.get("name", "")), str(stored.get("unit", "")), number
        )


Latest = dict[str, tuple[int, tuple[StoredFinding, ...]]]  # a test kind → its latest recording and findings


@dataclass(frozen=True)
class ResearchEntry:
    """One finding with its tag in words, its sources' citations and the person's own numbers."""

    finding: ResearchFinding
    tag_text: str
    citations: list[tuple[str, str]]
    yours: YourNumbers | None


def research_entries(session: Session, person_id: int, areas: frozenset[str]) -> list[ResearchEntry]:
    """Every research finding, with the person's latest value where fibrokit measures it and the viewer may see it."""
    latest: Latest = {}
    entries = []
    for finding in RESEARCH:
        citations = [(source(key).citation, source(key).link) for key in finding.sources]
        yours = _yours(session, person_id, areas, finding.measure, latest) if finding.measure else None
        entries.append(ResearchEntry(finding, _TAG_TEXT[finding.tag], citations, yours))
    return entries


def _yours(
    session: Session,
    person_id: int,
    areas: frozenset[str],
    measure: str,
    latest: Latest,
) -> YourNumbers | None:
    area, item = measure.split(":", 1)
    if area in _PAGES:
        needed, path, text = _PAGES[area]
        return YourNumbers(text, f"/p/{person_id}/{path}") if needed in areas else None
    if "tests" not in areas:
        return None
    if area not in latest:
        found = queries.latest_findings(session, person_id, area)
        if found is None:
            return YourNumbers(f"No {KIND_NAMES.get(area, area).lower()} yet", f"/p/{person_id}/tests/{area}")
        latest[area] = (found[0], tuple(StoredFinding.of(finding) for finding in found[1]))
    recording_id, findings = latest[area]
    for finding in findings:
        if finding.symbol == item and finding.value is not None:
            return YourNumbers(
                f"Your latest {finding.name.lower()}: {finding.value:.0f} {finding.unit}".rstrip(),
                f"/p/{person_id}/recordings/{recording_id}",
            )
    return YourNumbers(
        f"Your latest {KIND_NAMES.get(area, area).lower()} has no value for this",
        f"/p/{person_id}/recordings/{recording_id}",
    )
