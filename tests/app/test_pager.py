"""The pager macro of the paged tables (recordings, activities, access log): links that carry the filters on."""

from __future__ import annotations

from pathlib import Path

import jinja2

import fibrokit.web

TEMPLATES = Path(fibrokit.web.__file__).parent / "templates"


def _pager(page_number: int, pages: int, keep: dict[str, str] | None = None) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    call = '{% from "_pager.html" import pager %}{{ pager(page_number, pages, keep) }}'
    return env.from_string(call).render(page_number=page_number, pages=pages, keep=keep or {}).strip()


def test_one_page_shows_no_pager() -> None:
    assert _pager(1, 1) == ""


def test_a_middle_page_links_both_ways_and_the_ends_only_one_way() -> None:
    middle = _pager(2, 3)
    assert '<a href="?page_number=1">Newer</a>' in middle
    assert '<a href="?page_number=3">Older</a>' in middle
    assert "Page 2 of 3" in middle
    assert "Newer" not in _pager(1, 3)
    assert "Older" not in _pager(3, 3)


def test_the_filters_are_carried_in_order_and_escaped() -> None:
    html = _pager(1, 2, {"kind": 'a"<b', "since": "2026-01-01"})
    assert '<a href="?kind=a&#34;&lt;b&amp;since=2026-01-01&amp;page_number=2">Older</a>' in html
