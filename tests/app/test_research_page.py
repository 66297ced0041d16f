"""The research page: one entry per finding of the articles, each citing its papers and tagged, linked to the
person's own numbers where fibrokit measures them; a stranger gets 404."""

from __future__ import annotations

import re

from tests.app.conftest import Personas

from fibrokit.evidence import RESEARCH, source


def test_every_finding_renders_with_its_sources_tag_and_the_persons_numbers(personas: Personas) -> None:
    person, recording = personas.ids["person_id"], personas.ids["recording_id"]
    response = personas.owner.client.get(f"/p/{person}/research")
    assert response.status_code == 200
    html = response.text
    sections = re.findall(r'<section class="card research-entry" id="([a-z_]+)">(.*?)</section>', html, re.S)
    assert [key for key, _ in sections] == [finding.key for finding in RESEARCH]
    body = dict(sections)
    for finding in RESEARCH:
        text = body[finding.key]
        assert "The paper found:" in text
        assert f"Tag {finding.tag}:" in text
        for key in finding.sources:
            assert source(key).link in text.replace("&amp;", "&"), (finding.key, key)
    # The owner has a morning reading: the resting findings link to it with its RMSSD.
    assert f'href="/p/{person}/recordings/{recording}">Your latest rmssd:' in body["sympathetic_rest"]
    # No exercise test yet: the page says so and links to where it would be.
    assert f'href="/p/{person}/tests/exercise-test">No exercise test yet' in body["blunted_rise"]
    # Nothing to measure: no link, only the sentence saying so.
    assert 'href="/p/' not in body["autoimmune"]
    assert "nothing to measure" in body["autoimmune"]


def test_a_stranger_cannot_see_the_page(personas: Personas) -> None:
    person = personas.ids["person_id"]
    assert personas.stranger.client.get(f"/p/{person}/research").status_code == 404
