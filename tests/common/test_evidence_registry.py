"""The evidence registry: every fact cites a registered source; every source is cited; docs are current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fibrokit.evidence import CAUTIONS, FACTS, RESEARCH, SOURCES
from fibrokit.hrv import METRICS

ROOT = Path(__file__).resolve().parents[2]


def test_every_fact_cites_a_registered_source() -> None:
    for fact in FACTS.values():
        assert fact.source in SOURCES, fact.key
        assert fact.statement
        assert not (fact.convention and fact.source != "fibrokit"), fact.key


def test_every_source_is_cited_and_can_be_found() -> None:
    cited = {f.source for f in FACTS.values()} | {r for m in METRICS.values() for r in m.references}
    cited |= {key for finding in RESEARCH for key in finding.sources}
    cited |= {key for caution in CAUTIONS for key in caution.sources}
    for key, source in SOURCES.items():
        assert source.link, f"{key} has no DOI, PMID or URL"
    uncited = set(SOURCES) - cited
    assert not uncited, f"sources cited by nothing: {sorted(uncited)}"


def test_every_caution_cites_registered_sources_and_says_no_number() -> None:
    assert len({caution.key for caution in CAUTIONS}) == len(CAUTIONS)
    for caution in CAUTIONS:
        assert caution.sources, caution.key
        assert all(key in SOURCES for key in caution.sources), caution.key
        assert caution.part in {"not_for", "stop", "measure"}, caution.key
        assert not any(ch.isdigit() for ch in caution.text), caution.key  # numbers live in facts


def test_generated_reference_pages_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


# Every reference listed by the three source articles (../shared/source/articles.txt), by registry key.
ARTICLE_REFERENCES = {
    "Cook DB 2012": "cook_2012",
    "Da Cunha Ribeiro RP 2011": "da_cunha_ribeiro_2011",
    "Villafaina S 2023": "villafaina_2023",
    "Lerma C 2011": "lerma_2011",
    "Schamne JC 2021": "schamne_2021",
    "Sochodolak RC 2022": "sochodolak_2022",
    "Costa AR 2022": "costa_2022",
    "Tiinus PM 2002": "tiidus_2002",
    "Younger J 2013": "younger_2013",
    "Bruun-Plesner K 2020": "bruun_plesner_2020",
    "McKenzie-Brown AM 2023": "mckenzie_brown_2023",
    "Kim PS 2020": "kim_fishman_2020",
    "Aitcheson N 2023": "aitcheson_2023",
    "Goebel A 2021": "goebel_2021",
}


def test_every_reference_of_the_articles_is_registered_with_authors_year_and_finding() -> None:
    for reference, key in ARTICLE_REFERENCES.items():
        source = SOURCES[key]
        author, _initials, year = reference.rsplit(" ", 2)
        assert author.lower() in source.citation.lower(), (reference, source.citation)
        assert year in source.citation, reference
        assert source.found, f"{key} says nothing of what it found"


def test_research_findings_cite_registered_sources_and_carry_a_known_tag() -> None:
    assert len({finding.key for finding in RESEARCH}) == len(RESEARCH)
    for finding in RESEARCH:
        assert finding.tag in {"C", "U", "C/U", "A"}, finding.key
        assert all(key in SOURCES for key in finding.sources), finding.key
        assert finding.article_says, finding.key
        assert finding.paper_found, finding.key
        assert finding.measure_note, finding.key
