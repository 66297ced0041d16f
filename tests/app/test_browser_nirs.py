"""In headless Chromium: a Moxy export, a Train.Red export and a two-sensor Moxy FIT each chart SmO2.

The FIT file is written with garmin-fit-sdk's encoder (no licensed real one exists, see shared/data's
MANIFEST); the two CSV exports are real. The server and browser fixtures are those of ``test_browser``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from tests.app.test_browser import _sign_up_and_log_in, browser, not_blank, server  # noqa: F401
from tests.conftest import shared_file
from tests.readers._fit_builder import fit_with_muscle_oxygen

# Each file and the SmO2 traces its chart must draw (one per sensor; THb on a second axis is drawn too).
FILES = {"moxy_intervals.csv": 2, "train.red_intervals.csv": 2, "two-sensor-moxy.fit": 4}


@pytest.mark.slow
def test_muscle_oxygen_files_chart_smo2_in_the_app(server: str, browser: Browser, tmp_path: Path) -> None:  # noqa: F811
    files = tmp_path / "upload"
    files.mkdir()
    shutil.copy(shared_file("nirs/moxy_intervals.csv"), files / "moxy_intervals.csv")
    shutil.copy(shared_file("nirs/train.red_intervals.csv"), files / "train.red_intervals.csv")
    (files / "two-sensor-moxy.fit").write_bytes(fit_with_muscle_oxygen())
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_up_and_log_in(page, server, "nirs@example.org")
    page.get_by_role("link", name="Import").first.click()
    page.get_by_label("Files (one or many").set_input_files([files / name for name in FILES])
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/imports/*")
    page.get_by_text("3 of 3 files done").wait_for(timeout=90_000)
    job = page.url
    for name, traces in FILES.items():
        page.goto(job)
        page.get_by_role("link", name=f"{name}: imported as").click()
        page.wait_for_url("**/recordings/*")
        page.locator("#chart-smo2 .main-svg").first.wait_for(timeout=30_000)
        assert page.locator("#chart-smo2 .scatterlayer .trace").count() == traces, name
        assert page.get_by_text("Nothing to chart").count() == 0, name
        shot = tmp_path / f"{name}.png"
        page.locator("#chart-smo2").screenshot(path=shot)
        assert not_blank(shot) > 10, f"the SmO2 chart of {name} looks blank"
    assert violations == [], "\n".join(violations)
    context.close()
