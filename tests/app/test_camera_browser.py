"""The camera reading in headless Chromium with a fake camera that plays a synthetic fingertip video.

The video is made by fibrokit's own generator from a real RR segment (``polar/rest_rri.txt``) and written as
Y4M; Chromium's fake capture device plays it in real time, the page reduces each frame to its mean colour and
posts the series, the server stores the reading, and the dashboard shows it labelled as a camera reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, expect, sync_playwright
from tests.app.test_browser import CHROMIUM, FLAGS, _sign_up_and_log_in
from tests.app.test_browser import server as server  # the module's server fixture, reused
from tests.conftest import shared_file

from fibrokit.protocols import morning_reading
from fibrokit.records import BeatSeries, Recording
from fibrokit.simulate import ppg_video_y4m, simulate_ppg_video

READING_S = 75  # the documented minimum, so the test takes as little time as it can


@pytest.fixture(scope="module")
def segment() -> np.ndarray:
    rr = np.loadtxt(shared_file("polar/rest_rri.txt"))
    return rr[400:505]  # about 100 s


@pytest.fixture(scope="module")
def camera_browser(tmp_path_factory: pytest.TempPathFactory, segment: np.ndarray) -> Iterator[Browser]:
    video = tmp_path_factory.mktemp("camera") / "fingertip.y4m"
    clip = simulate_ppg_video(segment, jitter_ms=0.0, drop_share=0.0, seed=11)
    video.write_bytes(ppg_video_y4m(clip, width=32, height=24))
    fake = [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run the tests through scripts/check, which installs Chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS + fake)
        yield instance
        instance.close()


@pytest.mark.slow
def test_a_fake_camera_reading_is_stored_and_shown_on_the_dashboard(
    server: str,
    camera_browser: Browser,
    segment: np.ndarray,
) -> None:
    context = camera_browser.new_context(viewport={"width": 400, "height": 900})
    context.grant_permissions(["camera"], origin=server)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_up_and_log_in(page, server, "camera@example.org")
    person = re.search(r"/p/(\d+)", page.url)
    assert person is not None
    page.goto(f"{server}/p/{person.group(1)}/camera?seconds={READING_S}")
    page.get_by_role("button", name=re.compile("Start")).click()
    expect(page.locator("#q-finger")).to_contain_text("covering", timeout=20_000)
    expect(page.locator("#status")).to_have_text(
        re.compile("Reading stored|not stored"), timeout=(READING_S + 60) * 1000
    )
    assert page.locator("#status").text_content() == "Reading stored.", page.locator("#result").text_content()
    page.get_by_role("link", name="See the reading").click()
    page.wait_for_url("**/recordings/*")
    assert "phone camera" in page.content()
    page.goto(f"{server}/p/{person.group(1)}")
    board = page.content()
    assert "phone camera" in board
    assert "% clean pulse" in board
    shown = page.locator("dt:has-text('Resting heart rate') + dd").text_content() or ""
    truth = morning_reading(Recording(beats=BeatSeries.from_rr(segment)))["resting_hr_bpm"]
    assert abs(float(shown.split()[0]) - truth) < 3.0
    assert violations == []
    context.close()


@pytest.mark.slow
def test_the_app_installs_and_an_offline_check_in_is_sent_when_the_server_is_back(
    server: str,
    camera_browser: Browser,
) -> None:
    context = camera_browser.new_context(viewport={"width": 400, "height": 900})
    page = context.new_page()
    _sign_up_and_log_in(page, server, "offline@example.org")
    person = re.search(r"/p/(\d+)", page.url)
    assert person is not None
    # Installable: the service worker takes control and has kept the static files.
    assert page.evaluate("navigator.serviceWorker.ready.then(function (r) { return r.active !== null; })")
    kept = page.evaluate(
        "caches.keys().then(function (k) { return caches.open(k[0]); })"
        ".then(function (c) { return c.keys(); }).then(function (r) { return r.map(function (q) { return q.url; }); })"
    )
    assert any(url.endswith("/static/icons/icon-192.png") for url in kept)
    page.goto(f"{server}/p/{person.group(1)}/diary/checkin")
    context.set_offline(True)
    group = page.get_by_role("group", name=re.compile("^Pain"))
    group.locator("label", has_text=re.compile("^3$")).click()
    page.get_by_label("Note (optional)").fill("written offline")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator("#offline-note")).to_contain_text("kept in this browser", timeout=10_000)
    context.set_offline(False)
    expect(page.locator("#offline-note")).to_contain_text(
        "1 check-in kept in this browser was sent", timeout=30_000
    )
    page.goto(f"{server}/p/{person.group(1)}/diary/checkin")
    assert page.get_by_text(re.compile(r"Pain 3")).count() >= 1
    context.close()
