"""In headless Chromium: a person with only a ring's and a band's exports sees readiness from their nights."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from tests.app.test_browser import _sign_up_and_log_in, browser, not_blank, server  # noqa: F401
from tests.conftest import shared_file

OURA = "consumer/oura/mohdasti__Wearable-comparative-analysis/oura_2026-05-22_2026-07-23_trends.csv"
WHOOP = "consumer/whoop/mohdasti__Wearable-comparative-analysis/physiological_cycles.csv"


@pytest.mark.slow
def test_a_ring_wearer_gets_readiness_from_their_nights_and_picks_the_baselines_device(
    server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    tmp_path: Path,
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_up_and_log_in(page, server, "ring@example.org")
    page.get_by_role("link", name="Import").first.click()
    for name in (OURA, WHOOP):
        shutil.copy(shared_file(name), tmp_path / Path(name).name)
    page.get_by_label("Files (one or many").set_input_files([tmp_path / Path(n).name for n in (OURA, WHOOP)])
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/imports/*")
    page.get_by_text("2 of 2 files done").wait_for(timeout=60_000)
    page.get_by_text("58 days from Oura").wait_for()

    page.get_by_role("link", name="Dashboard").first.click()
    page.get_by_role("heading", name="Latest morning, from your device").wait_for()
    assert "From Oura Ring's night (RMSSD)" in page.get_by_test_id("night-source").inner_text()
    page.get_by_role("heading", name="Nights and days from your devices").wait_for()
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=shot, full_page=True)
    assert not_blank(shot) > 10

    page.get_by_label("Your baseline uses the nights of").select_option("whoop")
    page.get_by_role("button", name="Use these nights").click()
    page.get_by_role("heading", name="Latest morning, from your device").wait_for()
    assert "From WHOOP's night (RMSSD)" in page.get_by_test_id("night-source").inner_text()
    assert violations == [], "\n".join(violations)

    phone = browser.new_context(viewport={"width": 375, "height": 800}, storage_state=context.storage_state())
    small = phone.new_page()
    small.goto(page.url)
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the dashboard is {width} px wide on a phone"
    phone.close()
    context.close()
