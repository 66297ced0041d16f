"""Reports: the PDF renders to real pages, every number comes from a result, every norm cites its source, and
the HTML makes no external request."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html import unescape
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from fibrokit.evidence import fact, source
from fibrokit.protocols import active_stand, deep_breathing, ewing, exercise_test, morning_reading, valsalva
from fibrokit.report import Item, Person, external_references, report_content, report_html, write_report
from fibrokit.report.content import format_value
from fibrokit.simulate import (
    fibromyalgia_like,
    simulate_deep_breathing,
    simulate_exercise_test,
    simulate_rest,
    simulate_stand,
    simulate_valsalva,
)


@pytest.fixture(scope="module")
def items() -> tuple[Item, ...]:
    person = fibromyalgia_like()
    out = []
    for simulation, score in (
        (simulate_rest(person, seed=1), morning_reading),
        (simulate_exercise_test(person, cool_down="active", seed=1), lambda r: exercise_test(r, age=46)),
        (simulate_stand(person, seed=1), lambda r: active_stand(r, age=46)),
        (simulate_deep_breathing(person, seed=1), lambda r: deep_breathing(r, age=46)),
        (simulate_valsalva(person, seed=1), valsalva),
    ):
        out.append(Item(simulation.recording, score(simulation.recording)))
    out.append(Item(None, ewing(*(item.result for item in out[2:]))))
    return tuple(out)


def test_the_pdf_renders_to_pages_that_are_not_blank(items: tuple[Item, ...], tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "report.pdf", items, Person(age=46, sex="f"), created=dt.date(2026, 11, 24)
    )
    document = pymupdf.open(path)
    assert document.page_count >= len(items) + 2
    for page in document:
        pixels = np.frombuffer(page.get_pixmap(dpi=40).samples, dtype=np.uint8)
        assert pixels.std() > 3, f"page {page.number + 1} looks blank"
    text = "".join(page.get_text() for page in document)
    assert "fibrokit informs; it does not diagnose" in text


def test_every_number_comes_from_a_result_field_and_every_norm_cites_a_source(
    items: tuple[Item, ...], tmp_path: Path
) -> None:
    content = report_content(items, Person(age=46))
    html = unescape(write_report(tmp_path / "report.html", items, Person(age=46)).read_text(encoding="utf-8"))
    for item, section in zip(items, content.sections, strict=True):
        for finding, row in zip(item.result.findings, section.rows, strict=True):
            assert row.value == format_value(finding)
            assert f'<td>{row.name}</td><td class="value">{row.value}' in html
            for (label, numbers), norm in zip(row.norms, finding.norms, strict=True):
                cited = {fact(key).source for key in norm.evidence}
                assert len(numbers) == len(cited) > 0
                for number in numbers:
                    assert content.sources[number - 1].startswith(f"[{number}] ")
                    assert any(source(key).citation in content.sources[number - 1] for key in cited)
                assert label in html


def test_the_html_report_makes_no_external_requests(items: tuple[Item, ...], tmp_path: Path) -> None:
    html = write_report(tmp_path / "report.html", items, Person()).read_text(encoding="utf-8")
    assert external_references(html) == []
    assert "<script" not in html
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert html.count("<svg") >= len(items)


def test_an_unknown_report_type_is_a_caller_error(items: tuple[Item, ...], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.html or \.pdf"):
        write_report(tmp_path / "report.docx", items, Person())


def test_charts_without_data_are_left_out_and_said_in_a_sentence(items: tuple[Item, ...]) -> None:
    test = next(item for item in items if item.result.protocol == "exercise-test")
    full = report_content((test,), Person(age=46)).sections[0]
    assert [caption for caption, _ in full.figures] == ["Heart rate through the test", "Heart-rate recovery"]
    assert full.missing == ()
    findings = tuple(
        dataclasses.replace(f, value=float("nan")) if f.symbol.startswith("hrr_") else f
        for f in test.result.findings
    )
    bare = dataclasses.replace(test.result, findings=findings, curve=((), ()))
    section = report_content((Item(test.recording, bare),), Person(age=46)).sections[0]
    assert section.figures == ()
    assert len(section.missing) == 2
    assert all(line.startswith("No ") and line.endswith(".") for line in section.missing)
    html = report_html(report_content((Item(test.recording, bare),), Person(age=46)))
    assert "<figure>" not in html
    assert "No heart-rate recovery chart" in html
    morning = next(item for item in items if item.result.protocol == "morning-reading")
    assert report_content((morning,), Person(age=46)).sections[0].missing == ()
