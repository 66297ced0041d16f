"""Live pacing on the pacing page in headless Chromium, with a fake strap (tests/app/fake_strap.js) playing a
real exercise recording (polar/exercise_rri.hrm, 50 times faster) as Heart Rate Measurement notifications.

Checked: the page connects; its zone changes, warnings and alerts are exactly the core's on the beats it got;
the alert fires within the dwell of reaching the ceiling, and vibrates, beeps and shows; a dropout is reported
and recovered; the saved session equals the beats played and is imported as a recording with a pacing review;
a strap without RR intervals still gives live zones; a browser without Web Bluetooth says which browsers have it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from tests.app.test_browser import _csp_watch, _sign_up, browser, not_blank, server  # noqa: F401
from tests.conftest import shared_file

from fibrokit import read
from fibrokit.pacing import pace_monitor, pace_thresholds

FAKE = Path(__file__).with_name("fake_strap.js").read_text()
THRESHOLD, CEILING = 90, 104
SPEED = 50.0
SEGMENT_S = (300.0, 1100.0)  # rest, then exercise hovering about the ceiling


def _beats() -> list[int]:
    """The segment's RR intervals in the strap's unit (1/1024 s)."""
    beats = read(shared_file("polar/exercise_rri.hrm")).beats
    assert beats is not None
    keep = (beats.times_s >= SEGMENT_S[0]) & (beats.times_s < SEGMENT_S[1])
    return [round(float(rr) * 1024 / 1000) for rr in beats.rr_ms[keep]]


def _rr_packets(rr_1024: list[int]) -> list[tuple[float, list[int]]]:
    """One notification per beat at its time, every fifth carrying two beats, UINT8 heart rate, RR present."""
    packets: list[tuple[float, list[int]]] = []
    time, pending = 0.0, []
    for number, value in enumerate(rr_1024):
        time += value * 1000.0 / 1024 / 1000.0
        pending.append(value)
        if number % 5 == 3:
            continue
        hr = min(255, round(60 * 1024 / value))
        body = [byte for v in pending for byte in v.to_bytes(2, "little")]
        packets.append((time, [0x16, hr, *body]))
        pending = []
    return packets


def _hr_packets(rr_1024: list[int]) -> list[tuple[float, list[int]]]:
    """A strap that sends no RR: a UINT16 heart rate once a second."""
    packets, time, next_at = [], 0.0, 1.0
    for value in rr_1024:
        time += value * 1000.0 / 1024 / 1000.0
        if time >= next_at:
            packets.append((time, [0x01, *round(60 * 1024 / value).to_bytes(2, "little")]))
            next_at += 1.0
    return packets


@pytest.fixture(scope="module")
def owner(server: str, browser: Browser) -> Iterator[tuple[BrowserContext, str]]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    _sign_up(page, server, "live@example.org")
    pacing = page.url + "/pacing"
    page.goto(pacing + "/settings")
    page.get_by_label("Exertion threshold set by hand, bpm").fill(str(THRESHOLD))
    page.get_by_label("Ceiling set by hand, bpm").fill(str(CEILING))
    page.get_by_role("button", name="Save the lines").click()
    page.get_by_text("Saved.").wait_for()
    page.close()
    yield context, pacing
    context.close()


def _live_page(owner: tuple[BrowserContext, str], plan: dict[str, object], violations: list[str]) -> Page:
    context, pacing = owner
    page = context.new_page()
    page.add_init_script(script=f"window.__strapPlan = {json.dumps(plan)};\n" + FAKE)
    _csp_watch(page, violations)
    page.goto(pacing)
    page.get_by_role("button", name="Connect a strap").click()
    page.get_by_text("Connected to Fake strap.").wait_for()
    return page


def _wait_played(page: Page) -> None:
    """Wait until the fake strap has played every packet (polled: the page's policy forbids evaluated waits)."""
    for _ in range(600):
        if page.evaluate("window.__playbackDone === true"):
            return
        page.wait_for_timeout(200)
    pytest.fail("the fake strap did not finish playing in two minutes")


def _page_events(page: Page) -> list[tuple[str, float, int | None]]:
    items = page.locator("#live-events li").evaluate_all(
        "items => items.map(i => [i.dataset.kind, Number(i.dataset.time), i.dataset.zone ?? null])"
    )
    return [(k, t, None if z is None else int(z)) for k, t, z in reversed(items)]


def _core_events(samples: list[tuple[float, float, bool]]) -> list[tuple[str, float, int]]:
    """The core's events on (time, value, is_rr) samples."""
    monitor = pace_monitor(pace_thresholds(75, threshold_bpm=THRESHOLD, ceiling_bpm=CEILING))
    events = []
    for time, value, is_rr in samples:
        out = monitor.add_beat(time, value) if is_rr else monitor.add_hr(time, value)
        events.extend((e.kind, e.time_s, int(e.zone)) for e in out)
    return events


@pytest.mark.slow
def test_live_pacing_with_rr_and_a_dropout_matches_the_core_alerts_reconnects_and_saves(
    owner: tuple[BrowserContext, str], tmp_path: Path
) -> None:
    rr = _beats()
    packets = _rr_packets(rr)
    dropout = (560.0, 590.0)
    violations: list[str] = []
    page = _live_page(owner, {"speed": SPEED, "packets": packets, "dropout": dropout}, violations)
    page.get_by_text(re.compile("The strap dropped out at 9:2")).wait_for(timeout=60_000)
    page.get_by_text(re.compile(r"Reconnected after \d+ s without the strap")).wait_for(timeout=60_000)
    _wait_played(page)
    assert page.locator("#live-zone").inner_text() in ("rest", "activity", "over ceiling")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the live panel fits a phone
    shot = tmp_path / "live.png"
    page.screenshot(path=shot, full_page=True)
    assert not_blank(shot) > 10
    page.route("**/pacing/live/session", lambda route: route.abort())  # the server cannot be reached
    page.get_by_role("button", name="Stop and save").click()
    page.get_by_text("Could not reach this server to save the session.").wait_for()
    page.unroute("**/pacing/live/session")
    with page.expect_request("**/pacing/live/session") as posted:
        page.get_by_role("button", name="Try saving again").click()
    page.get_by_text(re.compile(r"Saved \d+ beats as live-session-")).wait_for(timeout=30_000)

    # The saved session is exactly the beats the strap delivered (the dropout's packets never arrived).
    played = page.evaluate("window.__played")
    delivered = [value for index in played for value in packets[index][1][2:]]
    expected_rr = [lo + 256 * hi for lo, hi in zip(delivered[::2], delivered[1::2], strict=True)]
    saved = posted.value.post_data_json["beats"]
    assert [round(r * 1024 / 1000) for _, r in saved] == expected_rr
    assert len(expected_rr) < len(rr)  # some beats were lost in the dropout
    ends = [packets[index][0] for index in played]
    times = np.array([t for t, _ in saved])
    gaps = [float(np.min(np.abs(times - end))) for end in ends]
    assert max(gaps) < 1e-6  # every packet's last beat is saved at the time it was played

    # The page's events are the core's on the same beats, and the dropout and reconnection are in the log.
    core = _core_events([(t, r, True) for t, r in saved])
    shown = _page_events(page)
    assert [(k, t, z) for k, t, z in shown if k not in ("dropout", "reconnected")] == core
    kinds = [k for k, _, _ in shown]
    assert kinds.index("dropout") < kinds.index("reconnected")
    assert {"warn", "alert", "alert_end"} <= set(kinds)

    # Each alert follows the warning of reaching the ceiling within the configured dwell, and was felt and heard.
    dwell = pace_monitor(pace_thresholds(75, threshold_bpm=THRESHOLD, ceiling_bpm=CEILING)).dwell_s
    warns = [t for k, t, _ in shown if k == "warn"]
    for alert in [t for k, t, _ in shown if k == "alert"]:
        warned = max(t for t in warns if t <= alert)
        assert dwell <= alert - warned <= dwell + 2.0
    vibrations = page.evaluate("window.__vibrations")
    assert [400, 200, 400, 200, 400] in vibrations
    assert [200] in vibrations
    assert int(page.locator("#live").get_attribute("data-beeps") or 0) >= 4
    assert page.evaluate("window.__wake") == ["on", "off"]

    # The session goes through the normal import: a recording with its pacing review.
    page.get_by_role("link", name="see it imported").click()
    page.get_by_text("1 of 1 file done").wait_for(timeout=90_000)
    page.get_by_role("link", name=re.compile("live-session-.*: imported as")).click()
    page.wait_for_url("**/recordings/*")
    assert "live-session-" in page.content()
    title = page.locator("#recording-title").inner_text()
    page.goto(owner[1] + "/activities")
    page.get_by_text(title, exact=True).first.wait_for()
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_live_pacing_from_a_strap_without_rr_shows_the_cores_zones_and_saves_nothing(
    owner: tuple[BrowserContext, str],
) -> None:
    packets = _hr_packets(_beats())
    violations: list[str] = []
    page = _live_page(owner, {"speed": SPEED, "packets": packets, "dropout": None}, violations)
    _wait_played(page)
    page.get_by_role("button", name="Stop and save").click()
    page.get_by_text("This strap sent heart rate without beat-to-beat intervals").wait_for()
    samples = [(t, float(b[1] + 256 * b[2]), False) for t, b in packets]
    shown = _page_events(page)
    assert shown == _core_events(samples)
    assert "alert" in [k for k, _, _ in shown]
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_a_browser_without_web_bluetooth_names_the_browsers_that_have_it(
    owner: tuple[BrowserContext, str],
) -> None:
    context, pacing = owner
    page = context.new_page()
    page.add_init_script(
        script="Object.defineProperty(Navigator.prototype, 'bluetooth', {configurable: true, value: undefined});"
    )
    page.goto(pacing)
    note = page.locator("#live-unsupported")
    note.wait_for()
    text = note.inner_text()
    for browser_name in ("Chrome", "Edge", "Android", "Safari", "Firefox", "iPhone"):
        assert browser_name in text
    assert page.get_by_role("button", name="Connect a strap").is_hidden()
    # A phone opens the page at its own width; charts drawn for a wide window are resized after a moment.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.locator("#live-unsupported").wait_for()
    page.wait_for_function("document.documentElement.scrollWidth <= 375", timeout=15_000)
    assert (
        page.get_by_role("link", name="import a file")
        .get_attribute("href", timeout=5_000)
        .endswith("/imports")
    )
    page.close()
