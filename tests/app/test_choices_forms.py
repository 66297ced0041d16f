"""The app's forms offer the core's named options (fibrokit.choices), no more, no fewer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from tests.app.conftest import add_account, settings_for, sqlite_url

from fibrokit import choices
from fibrokit.web import create_app


@pytest.fixture
def sqlite_app(sqlite_template: Path, tmp_path: Path) -> Iterator[FastAPI]:
    instance = create_app(
        settings_for(sqlite_url(sqlite_template, tmp_path), tmp_path / "data"), run_worker=False
    )
    yield instance
    instance.state.fibrokit.engine.dispose()


def _options(page: str, select_id: str) -> tuple[str, ...]:
    found = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', page, re.S)
    assert found, select_id
    return tuple(re.findall(r'<option value="([^"]*)"', found.group(1)))


def test_the_pacing_settings_form_offers_the_core_s_rules(sqlite_app: FastAPI) -> None:
    owner = add_account(sqlite_app, "owner@example.org")
    page = owner.client.get(f"/p/{owner.user_id}/pacing/settings").text
    assert _options(page, "rule") == choices.THRESHOLD_RULES
    assert _options(page, "ceiling_rule") == choices.CEILING_RULES
    assert _options(page, "hrmax_rule") == choices.HRMAX_FORMULAS
