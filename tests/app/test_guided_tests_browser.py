"""Guided tests in headless Chromium with the fake strap (tests/app/fake_strap.js).

A simulated deep-breathing test is played 20 times faster as Heart Rate Measurement notifications into the guided
page, which marks its phases by the clock; the server stores it through the import and scores it with those phases
as given. The stored score must equal the score of the same beats analysed with the same phases typed by hand.
A test stopped early is kept and labelled as stopped early. The Valsalva and exercise-test pages say why they are
not guided.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from tests.app.test_browser import _csp_watch, _sign_up, browser, server  # noqa: F401
from tests.app.test_live_pacing_browser import _rr_packets

from fibrokit import read
from fibrokit.pipeline import parse_phases
from fibrokit.services.analysis import analyse
from fibrokit.services.pacing_live import session_csv
from fibrokit.simulate import simulate_deep_breathing, simulate_rest, simulate_stand, typical

FAKE = Path(__file__).with_name("fake_strap.js").read_text()
# A voice that writes down what it is asked to say.
SPEECH = (
    "window.__spoken = [];"
    "Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {"
    "cancel: function () {}, speak: function (u) { window.__spoken.push(u.text); }}});"
)
SPEED = 40.0
BIRTH_YEAR = 1980


def _packets(kind: str) -> list[tuple[float, list[int]]]:
    """A simulated test that lasts longer than the guided one (the playback must reach the test's end)."""
    if kind == "deep-breathing":  # a minute's rest, then paced cycles
        beats = simulate_deep_breathing(typical(age=45.0), cycles=9, seed=5).recording.beats
    elif kind == "morning-reading":
        beats = simulate_rest(typical(age=45.0), duration_s=330.0, seed=5).recording.beats
    else:  # five minutes lying, then standing
        beats = simulate_stand(typical(age=45.0), supine_s=300.0, standing_s=300.0, seed=5).recording.beats
    assert beats is not None
    return _rr_packets([round(float(rr) * 1024 / 1000) for rr in beats.rr_ms])


@pytest.fixture(scope="module")
def owner(server: str, browser: Browser) -> Iterator[tuple[BrowserContext, str]]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    _sign_up(page, server, "guided@example.org")
    person = page.url
    page.goto(server + "/account")
    page.get_by_label("Year of birth").fill(str(BIRTH_YEAR))
    page.get_by_role("button", name="Save", exact=True).click()
    page.close()
    yield context, person
    context.close()


def _guided_page(owner: tuple[BrowserContext, str], kind: str, violations: list[str]) -> Page:
    context, person = owner
    page = context.new_page()
    plan = {"speed": SPEED, "packets": _packets(kind), "dropout": None}
    page.add_init_script(script=f"window.__strapPlan = {json.dumps(plan)};\n" + FAKE + SPEECH)
    _csp_watch(page, violations)
    page.goto(f"{person}/guided/{kind}")
    return page


def _stored_protocol(page: Page, person: str, kind: str) -> dict[str, Any]:
    """The one stored protocol result of ``kind``, read from the person's own export."""
    answer = page.request.get(person + "/export.zip")
    assert answer.ok
    with zipfile.ZipFile(io.BytesIO(answer.body())) as archive:
        rows = json.loads(archive.read("tables/results.json"))["rows"]
    data = [r["data"] for r in rows if r["kind"] == "protocol"]
    found = [d for d in data if d.get("protocol") == kind]
    assert len(found) == 1, data
    return dict(found[0])


GIVEN = {
    "morning-reading": ({"reading": [0, 300]}, "reading=0-300", "rmssd_ms"),
    "deep-breathing": ({"rest": [0, 60], "breathing": [60, 120]}, "rest=0-60,breathing=60-120", "ei_ratio"),
    "active-stand": (
        {"lying": [0, 300], "standing": [300, 480]},
        "lying=0-300,standing=300-480",
        "ratio_30_15",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["deep-breathing", "active-stand", "morning-reading"])
def test_a_guided_test_is_stored_with_its_phases_and_scored_as_by_hand(
    owner: tuple[BrowserContext, str], tmp_path: Path, kind: str
) -> None:
    marked, typed, symbol = GIVEN[kind]
    violations: list[str] = []
    page = _guided_page(owner, kind, violations)
    with page.expect_request(re.compile(f".*/guided/{kind}$")) as posted:
        page.get_by_role("button", name="Connect a strap and start").click()
        if kind == "deep-breathing":
            page.locator("#guided-breath").wait_for(timeout=60_000)  # the pacer shows while breathing
        page.wait_for_url("**/recordings/*", timeout=90_000)
    body = posted.value.post_data_json
    assert body["stopped_at_s"] is None
    assert body["phases"] == marked
    assert "Recorded as a guided" in page.locator("#guided-note").inner_text()
    stored = _stored_protocol(page, owner[1], kind)

    # The same beats, read from the same file and scored with the same phases typed by hand.
    name, data = session_csv(body)
    path = tmp_path / name
    path.write_bytes(data)
    recording = read(path)
    phases = dict(parse_phases(typed, kind))
    start = recording.start
    age = float((start.year if start else 2026) - BIRTH_YEAR)
    by_hand = analyse(recording, kind_hint=kind, age=age, phases=phases)
    assert by_hand.kind == kind
    assert by_hand.protocol is not None
    assert by_hand.phases is not None
    if kind != "morning-reading":  # a reading's one phase only trims its beats; it lists no phases used
        assert {p["origin"] for p in by_hand.phases["used"]} == {"given"}
    values = {f["symbol"]: f["value"] for f in by_hand.protocol["findings"]}
    shown = {f["symbol"]: f["value"] for f in stored["findings"]}
    assert values == shown
    assert values[symbol] is not None
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_a_guided_active_stand_stopped_early_is_kept_and_labelled(owner: tuple[BrowserContext, str]) -> None:
    violations: list[str] = []
    page = _guided_page(owner, "active-stand", violations)
    page.get_by_role("button", name="Connect a strap and start").click()
    page.get_by_text("Lie on your back").first.wait_for()
    for _ in range(300):  # the strap's clock reaches a minute in about 3 s (polled: no evaluated waits)
        if page.evaluate("performance.now() > 60000"):
            break
        page.wait_for_timeout(100)
    with page.expect_request(re.compile(r".*/guided/active-stand$")) as posted:
        page.get_by_role("button", name="Stop").click()
    body = posted.value.post_data_json
    assert body["stopped_at_s"] > 0
    assert set(body["phases"]) == {"lying"}
    page.get_by_text("stopped before its standing phase").wait_for()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0].startswith("Lie on your back")
    assert spoken[-1].startswith("Stopped at")
    assert body["phases"]["lying"][1] == body["stopped_at_s"]  # the phase under way ends at the stop
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the test fits a phone
    page.get_by_role("link", name="See the result").click()
    page.wait_for_url("**/recordings/*")
    note = page.locator("#guided-note").inner_text()
    assert "stopped early" in note
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_the_tests_without_sourced_exclusions_are_not_guided_and_say_why(
    owner: tuple[BrowserContext, str],
) -> None:
    context, person = owner
    page = context.new_page()
    for kind in ("valsalva", "exercise-test"):
        answer = page.goto(f"{person}/guided/{kind}")
        assert answer is not None
        assert answer.status == 404
        assert "no source it can cite for who should not do" in page.locator(".error").inner_text()
    page.goto(f"{person}/guided")
    for name in ("Morning reading", "Active stand", "Deep breathing"):
        assert page.get_by_role("link", name=name).count() == 1
    page.close()


@pytest.mark.slow
def test_without_web_bluetooth_the_guided_page_offers_the_camera_or_a_file(
    owner: tuple[BrowserContext, str],
) -> None:
    context, person = owner
    page = context.new_page()
    page.add_init_script(
        script="Object.defineProperty(Navigator.prototype, 'bluetooth', {configurable: true, value: undefined});"
    )
    page.goto(f"{person}/guided/active-stand")
    note = page.locator("#guided-unsupported")
    note.wait_for()
    assert "Chrome" in note.inner_text()
    assert (
        note.get_by_role("link", name="take a morning reading with the phone's camera").get_attribute("href")
        or ""
    ).endswith("/camera")
    assert (note.get_by_role("link", name="import a file").get_attribute("href") or "").endswith("/imports")
    assert page.get_by_role("button", name="Connect a strap and start").is_hidden()
    page.close()
