"""The app in headless Chromium: sign up, log in, upload files, see a recording's chart; export and delete.

Chromium is the system's (``/usr/bin/chromium``, installed by ``scripts/services``), driven by Playwright.
Screenshots of the main pages are checked not to be blank, the pages to fit a phone's 375-pixel width, and
the browser to report no Content-Security-Policy violation.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from tests.app.conftest import PASSWORD, free_port
from tests.conftest import shared_file

CHROMIUM = "/usr/bin/chromium"
# Root in a container: no sandbox; a closed network: no background connections (see the machine notes).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("browser-data")
    port = free_port()
    environment = {
        **os.environ,
        "FIBROKIT_DATA_DIR": str(data),
        "FIBROKIT_ENV": "development",
        "FIBROKIT_SIGNUP": "open",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "fibrokit", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        import httpx2 as httpx

        for _ in range(300):
            try:
                httpx.get(url + "/login", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run the tests through scripts/check, which installs Chromium")
    with sync_playwright() as playwright:  # Playwright gives Chromium a new, empty profile itself
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield instance
        instance.close()


def not_blank(path: Path) -> float:
    """Standard deviation of the screenshot's pixel values (a blank page is about 0)."""
    pixmap = pymupdf.Pixmap(str(path))
    pixels = np.frombuffer(pixmap.samples, dtype=np.uint8)
    return float(pixels.std())


def _sign_up_and_log_in(page: Page, server: str, email: str = "browser@example.org") -> None:
    page.goto(server + "/signup")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/p/*")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/p/*")


@pytest.mark.slow
def test_a_person_signs_up_uploads_files_and_sees_the_recording_chart(
    server: str, browser: Browser, tmp_path: Path
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
    _sign_up_and_log_in(page, server)

    page.get_by_role("link", name="Import").first.click()
    files = tmp_path / "upload"
    files.mkdir()
    for name in ("fit/garmin-fenix-5-run.fit", "polar/rest_rri.txt"):
        shutil.copy(shared_file(name), files / Path(name).name)
    page.get_by_label("Files (one or many").set_input_files(
        [files / "garmin-fenix-5-run.fit", files / "rest_rri.txt"]
    )
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/imports/*")
    page.get_by_text("2 of 2 files done").wait_for(timeout=60_000)
    shots = {"import": tmp_path / "import.png"}
    page.screenshot(path=shots["import"], full_page=True)

    page.get_by_role("link", name="garmin-fenix-5-run.fit: imported as").click()
    page.wait_for_url("**/recordings/*")
    page.locator("#chart-hr .main-svg").first.wait_for(timeout=30_000)
    assert page.locator("#chart-hr .scatterlayer .trace").count() >= 1
    shots["recording"] = tmp_path / "recording.png"
    page.screenshot(path=shots["recording"], full_page=True)

    page.get_by_role("link", name="Recordings").first.click()
    page.get_by_text("2 recordings").wait_for()
    shots["recordings"] = tmp_path / "recordings.png"
    page.screenshot(path=shots["recordings"], full_page=True)

    page.get_by_role("link", name="Dashboard").first.click()
    page.locator("[data-chart-key=weekly] .main-svg").first.wait_for(timeout=30_000)
    shots["dashboard"] = tmp_path / "dashboard.png"
    page.screenshot(path=shots["dashboard"], full_page=True)

    for name, path in shots.items():
        assert not_blank(path) > 10, f"the {name} page looks blank"
    assert violations == [], "\n".join(violations)

    phone = browser.new_context(viewport={"width": 375, "height": 800}, storage_state=context.storage_state())
    small = phone.new_page()
    for url in (page.url, page.url + "/recordings"):
        small.goto(url)
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} is {width} px wide on a phone"
    small.keyboard.press("Tab")
    assert small.evaluate("document.activeElement.textContent") == "Skip to content"
    phone.close()
    context.close()


@pytest.mark.slow
def test_a_person_downloads_an_export_and_deletes_their_account(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_up_and_log_in(page, server, "leaving@example.org")
    page.get_by_role("link", name="Import").first.click()
    original = tmp_path / "rest_rri.txt"
    shutil.copy(shared_file("polar/rest_rri.txt"), original)
    page.get_by_label("Files (one or many").set_input_files([original])
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_text("1 of 1 file done").wait_for(timeout=60_000)

    page.get_by_role("link", name="Account").first.click()
    shots = {"account": tmp_path / "account.png"}
    page.screenshot(path=shots["account"], full_page=True)
    with page.expect_download() as started:
        page.get_by_role("link", name="Export my data").click()
    download = started.value
    assert download.suggested_filename.startswith("fibrokit-export-")
    export = tmp_path / "export.zip"
    download.save_as(export)
    with zipfile.ZipFile(export) as archive:
        assert json.loads(archive.read("manifest.json"))["rows"]["recordings"] == 1
        assert archive.read("files/000001-rest_rri.txt") == original.read_bytes()

    page.get_by_label("Type your e-mail address").fill("leaving@example.org")
    page.get_by_label("Your password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    page.get_by_role("heading", name="Your account is deleted").wait_for()
    shots["deleted"] = tmp_path / "deleted.png"
    page.screenshot(path=shots["deleted"], full_page=True)
    assert page.get_by_role("link", name="Dashboard").count() == 0

    page.goto(server + "/login")
    page.get_by_label("E-mail address").fill("leaving@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("wrong e-mail address or password").wait_for()
    for name, path in shots.items():
        assert not_blank(path) > 10, f"the {name} page looks blank"
    assert violations == [], "\n".join(violations)
    context.close()
