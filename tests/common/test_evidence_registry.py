"""The evidence registry: every fact cites a registered source; every source is cited; docs are current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fibrokit.evidence import FACTS, SOURCES
from fibrokit.hrv import METRICS

ROOT = Path(__file__).resolve().parents[2]


def test_every_fact_cites_a_registered_source() -> None:
    for fact in FACTS.values():
        assert fact.source in SOURCES, fact.key
        assert fact.statement
        assert not (fact.convention and fact.source != "fibrokit"), fact.key


def test_every_source_is_cited_and_can_be_found() -> None:
    cited = {f.source for f in FACTS.values()} | {r for m in METRICS.values() for r in m.references}
    for key, source in SOURCES.items():
        assert source.link, f"{key} has no DOI, PMID or URL"
    uncited = set(SOURCES) - cited
    assert not uncited, f"sources cited by nothing: {sorted(uncited)}"


def test_generated_reference_pages_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
